"""Enrolment, lessons done, and how far a person is through each course."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Max, Q
from wagtail.models import Page

from courses.models import (
    CourseCompletion,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    QuizPage,
)
from courses.services.errors import LessonsFirst
from courses.services.pages import parent_course
from courses.signals import course_completed, lesson_completed


class Status:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


@dataclass
class CourseProgress:
    """Where one person stands in one course."""

    course_id: int
    lesson_ids: list[int] = field(default_factory=list)
    done_lesson_ids: set[int] = field(default_factory=set)
    quiz_id: int | None = None
    quiz_max_attempts: int = 0
    attempts_used: int = 0
    best_score: int | None = None
    quiz_passed: bool = False
    enrolled_at: datetime | None = None
    completed_at: datetime | None = None
    quiz_requires_lessons: bool = False
    resume_page: object = field(default=None, repr=False)  # set by attach_resume_pages

    @property
    def lessons_total(self):
        return len(self.lesson_ids)

    @property
    def lessons_done(self):
        return len(self.done_lesson_ids)

    @property
    def steps_total(self):
        return self.lessons_total + (1 if self.quiz_id else 0)

    @property
    def steps_done(self):
        return self.lessons_done + (1 if self.quiz_passed else 0)

    @property
    def percent(self):
        if self.completed_at:
            return 100
        if not self.steps_total:
            return 0
        return self.steps_done * 100 // self.steps_total

    @property
    def status(self):
        if self.completed_at:
            return Status.COMPLETED
        if self.enrolled_at or self.done_lesson_ids or self.attempts_used:
            return Status.IN_PROGRESS
        return Status.NOT_STARTED

    @property
    def enrolled(self):
        return self.enrolled_at is not None

    @property
    def started(self):
        """Whether the person has done anything in the course: a lesson or a quiz attempt."""
        return bool(self.done_lesson_ids or self.attempts_used or self.completed_at)

    @property
    def lessons_left(self):
        return self.lessons_total - self.lessons_done

    @property
    def next_lesson_id(self):
        """The first lesson not done yet, in course order, or None."""
        return next((pk for pk in self.lesson_ids if pk not in self.done_lesson_ids), None)

    @property
    def quiz_open(self):
        """Whether the quiz may still be attempted (the cool-down aside)."""
        if not self.quiz_id or self.quiz_passed:
            return False
        return not self.quiz_max_attempts or self.attempts_used < self.quiz_max_attempts

    @property
    def quiz_locked(self):
        """Whether the course keeps its quiz closed until every lesson is done, and some are not."""
        return bool(
            self.quiz_id
            and not self.quiz_passed
            and self.quiz_requires_lessons
            and self.next_lesson_id
        )

    @property
    def resume_page_id(self):
        """Where to pick up: the first lesson not done, else the quiz while it is open, else None
        (the course page says what is left)."""
        if self.completed_at:
            return None
        if self.next_lesson_id:
            return self.next_lesson_id
        return self.quiz_id if self.quiz_open else None


def _children_of(model, courses):
    """Live pages of `model` directly under any of the courses, in tree order (one query)."""
    condition = reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses))
    return model.objects.live().filter(condition).order_by("path")


def progress_for_courses(user, courses):
    """{course id: CourseProgress} for these courses, in a fixed number of queries (six)."""
    courses = list(courses)
    result = {
        course.pk: CourseProgress(
            course_id=course.pk,
            quiz_requires_lessons=getattr(course, "quiz_requires_lessons", False),
        )
        for course in courses
    }
    if not courses:
        return result
    by_path = {course.path: result[course.pk] for course in courses}
    lesson_course = {}
    for pk, path in _children_of(LessonPage, courses).values_list("pk", "path"):
        progress = by_path[path[: -Page.steplen]]
        progress.lesson_ids.append(pk)
        lesson_course[pk] = progress
    quiz_course = {}
    for pk, path, max_attempts in _children_of(QuizPage, courses).values_list(
        "pk", "path", "max_attempts"
    ):
        progress = by_path[path[: -Page.steplen]]
        if progress.quiz_id is None:
            progress.quiz_id, progress.quiz_max_attempts = pk, max_attempts
            quiz_course[pk] = progress
    if user is None or not user.is_authenticated:
        return result
    for lesson_id in LessonCompletion.objects.filter(
        user=user, lesson_id__in=lesson_course
    ).values_list("lesson_id", flat=True):
        lesson_course[lesson_id].done_lesson_ids.add(lesson_id)
    attempts = (
        QuizAttempt.objects.filter(user=user, quiz_id__in=quiz_course)
        .values("quiz_id")
        .annotate(used=Count("pk"), best=Max("score"), passes=Count("pk", filter=Q(passed=True)))
    )
    for row in attempts:
        progress = quiz_course[row["quiz_id"]]
        progress.attempts_used, progress.best_score = row["used"], row["best"]
        progress.quiz_passed = row["passes"] > 0
    course_ids = list(result)
    for course_id, enrolled_at in Enrollment.objects.filter(
        user=user, course_id__in=course_ids
    ).values_list("course_id", "enrolled_at"):
        result[course_id].enrolled_at = enrolled_at
    for course_id, completed_at in CourseCompletion.objects.filter(
        user=user, course_id__in=course_ids
    ).values_list("course_id", "completed_at"):
        result[course_id].completed_at = completed_at
    return result


def course_progress(user, course):
    """Where `user` stands in `course` (a CourseProgress), in a fixed number of queries."""
    return progress_for_courses(user, [course])[course.pk]


def attach_resume_pages(progresses):
    """Set `resume_page` on each CourseProgress: the lesson or quiz to pick up at (None when
    there is nothing to resume). Two queries at most, none when nobody has anything to resume."""
    progresses = list(progresses)
    wanted = {p.resume_page_id for p in progresses if p.resume_page_id}
    pages = {}
    if wanted:
        pages = {p.pk: p for p in LessonPage.objects.filter(pk__in=wanted).defer_streamfields()}
        if rest := wanted - pages.keys():
            pages.update((page.pk, page) for page in QuizPage.objects.filter(pk__in=rest))
    for progress in progresses:
        progress.resume_page = pages.get(progress.resume_page_id)
    return progresses


def check_quiz_unlocked(user, course):
    """Raise LessonsFirst when the course opens its quiz only after its lessons and `user` has
    some left (one query, none when the course allows the quiz at any time)."""
    if not course.quiz_requires_lessons:
        return
    done = LessonCompletion.objects.filter(user=user).values("lesson_id")
    left = LessonPage.objects.live().child_of(course).exclude(pk__in=done).count()
    if left:
        raise LessonsFirst(
            f"This course opens its quiz once every lesson is done: "
            f"{left} lesson{'s' if left != 1 else ''} still to do."
        )


def completed_course_ids(user):
    """The ids of the courses this person has completed (one query)."""
    if user is None or not user.is_authenticated:
        return set()
    return set(CourseCompletion.objects.filter(user=user).values_list("course_id", flat=True))


def completed_course_ids_by_user(user_ids):
    """{user id: set of completed course ids} for many people (one query)."""
    done = {}
    rows = CourseCompletion.objects.filter(user_id__in=user_ids).values_list("user_id", "course_id")
    for user_id, course_id in rows:
        done.setdefault(user_id, set()).add(course_id)
    return done


def enrol(user, course, at=None):
    """Enrol a person in a course; safe to repeat. Returns (enrolment, created)."""
    defaults = {"enrolled_at": at} if at else {}
    with transaction.atomic():
        return Enrollment.objects.get_or_create(user=user, course=course, defaults=defaults)


def lock_enrolment(user, course, at=None):
    """Enrol if needed, then lock the enrolment row until the transaction ends.

    Everything that decides whether a person completed a course takes this lock first, so two
    of them for the same person and course run one after the other: the second one's reads
    start after the first one committed and see its rows. (Without it, three last lessons
    completed at the same moment each missed the other two under READ COMMITTED, and nobody
    wrote the course completion.) SQLite has one writer at a time, which serialises them too.
    """
    enrol(user, course, at=at)
    return Enrollment.objects.select_for_update().get(user=user, course=course)


def complete_lesson(user, lesson, course=None, at=None):
    """Mark a lesson done (once), enrolling the person if needed, and complete the course when
    that was the last step. Returns (completion, created).

    Completing a lesson again checks the course again: a completion that was ever missed is
    written on the next event, not never."""
    course = course or parent_course(lesson)
    defaults = {"completed_at": at} if at else {}
    with transaction.atomic():
        lock_enrolment(user, course, at=at)
        completion, created = LessonCompletion.objects.get_or_create(
            user=user, lesson=lesson, defaults=defaults
        )
        if created:
            lesson_completed.send(sender=LessonCompletion, user=user, lesson=lesson)
        complete_course_if_done(user, course, at=at)
    return completion, created


def meets_course(user, course):
    """Whether every live lesson of the course is done and its quiz (if any) passed."""
    lessons = LessonPage.objects.live().child_of(course)
    done = LessonCompletion.objects.filter(user=user).values("lesson_id")
    if lessons.exclude(pk__in=done).exists():
        return False
    quiz = QuizPage.objects.live().child_of(course).only("pk").first()
    if quiz is None:
        return lessons.exists()
    return QuizAttempt.objects.filter(user=user, quiz=quiz, passed=True).exists()


def complete_course_if_done(user, course, at=None):
    """Record the course as completed when every live lesson is done and its quiz (if any) is
    passed; sends `course_completed` once. Returns the CourseCompletion or None. Safe to call
    at any time, as often as wanted, from any number of requests at once."""
    with transaction.atomic():
        lock_enrolment(user, course, at=at)
        existing = CourseCompletion.objects.filter(user=user, course=course).first()
        if existing is not None:
            return existing
        if not meets_course(user, course):
            return None
        completion = CourseCompletion.objects.create(
            user=user, course=course, **({"completed_at": at} if at else {})
        )
        course_completed.send(sender=CourseCompletion, user=user, course=course)
    return completion


def missing_course_completions(course):
    """Users who meet `course` (every live lesson done, the quiz passed) without its record:
    a queryset of user ids, in a fixed number of queries whatever the organisation's size."""
    lesson_ids = list(LessonPage.objects.live().child_of(course).values_list("pk", flat=True))
    quiz_id = QuizPage.objects.live().child_of(course).values_list("pk", flat=True).first()
    if not lesson_ids and quiz_id is None:
        return get_user_model().objects.none().values_list("pk", flat=True)
    users = get_user_model().objects.exclude(
        pk__in=CourseCompletion.objects.filter(course=course).values("user_id")
    )
    if lesson_ids:
        done_all = (
            LessonCompletion.objects.filter(lesson_id__in=lesson_ids)
            .values("user_id")
            .annotate(done=Count("lesson_id", distinct=True))
            .filter(done=len(lesson_ids))
            .values("user_id")
        )
        users = users.filter(pk__in=done_all)
    if quiz_id is not None:
        users = users.filter(
            pk__in=QuizAttempt.objects.filter(quiz_id=quiz_id, passed=True).values("user_id")
        )
    return users.values_list("pk", flat=True)


def users_who_completed(course_ids):
    """Ids of the users who completed every one of these courses (a queryset, one query)."""
    course_ids = set(course_ids)
    return (
        CourseCompletion.objects.filter(course_id__in=course_ids)
        .values("user_id")
        .annotate(done=Count("course_id", distinct=True))
        .filter(done=len(course_ids))
        .values_list("user_id", flat=True)
    )


def reconcile_completions():
    """Write every course completion someone meets but lacks; returns {course id: repaired}."""
    repaired = {}
    User = get_user_model()
    for course in live_courses():
        for user in User.objects.filter(pk__in=list(missing_course_completions(course))):
            if complete_course_if_done(user, course) is not None:
                repaired[course.pk] = repaired.get(course.pk, 0) + 1
    return repaired


def live_courses():
    """Every published course, in catalogue order."""
    return CoursePage.objects.live().order_by("path")
