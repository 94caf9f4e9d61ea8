"""What the courses app says a person has done: the only place certification asks it.

Data flows one way (courses → certification): these are thin calls into ``courses.services``,
so the rest of the app has one seam to rely on.
"""

from django.db.models import Count

from courses import services as courses_services
from courses.models import ArchiveReason, QuizPage


def completed_course_ids(user):
    """Ids of the courses the person has completed."""
    return set(courses_services.completed_course_ids(user))


def completed_course_ids_by_user(user_ids):
    """{user id: set of completed course ids} for many people, in one query."""
    return courses_services.completed_course_ids_by_user(user_ids)


def has_accepted_current_policy(user):
    """Whether the person has accepted the current version of the social media policy."""
    return bool(courses_services.has_accepted_current_policy(user))


def users_who_completed(course_ids):
    """Ids of the users who completed every one of these courses (a queryset)."""
    return courses_services.users_who_completed(course_ids)


def users_who_accepted_current_policy():
    """Ids of the users who accepted the current policy version (a queryset)."""
    return courses_services.users_who_accepted_current_policy()


#: What a recertification cycle asks to redo (courses.services.archive): whole courses, or
#: only their quizzes.
SCOPE_COURSE = courses_services.SCOPE_COURSE
SCOPE_QUIZ = courses_services.SCOPE_QUIZ


def archive_for_cycle(user_ids, course_ids, *, scope, reason, references, at=None):
    """Move these people's records of these courses out of the current cycle (kept on record,
    no longer counted); returns how many records moved."""
    return courses_services.archive_learning(
        user_ids, course_ids, scope=scope, reason=reason, references=references, at=at
    )


def courses_by_id(course_ids):
    """{id: course page} for these ids (titles and URLs), in one query."""
    from courses.models import CoursePage

    return {course.pk: course for course in CoursePage.objects.filter(pk__in=list(course_ids))}


def current_policy_version():
    """The current version of the published policy (with its page), or None."""
    return courses_services.current_policy_version()


def users_who_accepted(version):
    """Ids of the users who accepted this policy version (a queryset)."""
    return courses_services.users_who_accepted_current_policy(version)


def find_quiz(quiz_id):
    """The quiz page with this id (published or not), or None."""
    if not courses_services.is_page_id(quiz_id):
        return None
    return QuizPage.objects.filter(pk=quiz_id).first()


def quiz_attempts_used(user, quiz):
    """How many attempts at the quiz count for the person now (archived ones do not)."""
    return courses_services.attempt_state(user, quiz).used


def attempted_quizzes(user):
    """The quizzes the person has attempts at that count now, each with `attempts_used`."""
    return list(
        QuizPage.objects.filter(attempts__user=user)
        .annotate(attempts_used=Count("attempts"))
        .order_by("title")
    )


def archive_quiz_attempts(user, quiz, *, reference):
    """A staff reset: the person's attempts at the quiz move to the archive; returns how many."""
    return courses_services.archive_attempts(
        user, quiz, reason=ArchiveReason.ATTEMPTS_RESET, reference=reference
    )


#: The hook "my learning" reads what a person must finish by a date from.
DUE_ITEMS_HOOK = courses_services.DUE_ITEMS_HOOK


def due_item(**fields):
    """Something "my learning" and the home page list as due by a date (a DueItem)."""
    return courses_services.DueItem(**fields)
