"""What the courses app says a person has done: the only place certification asks it.

Data flows one way (courses → certification): these are thin calls into ``courses.services``,
so the rest of the app has one seam to rely on.
"""

from courses import services as courses_services


def completed_course_ids(user):
    """Ids of the courses the person has completed."""
    return set(courses_services.completed_course_ids(user))


def has_accepted_current_policy(user):
    """Whether the person has accepted the current version of the social media policy."""
    return bool(courses_services.has_accepted_current_policy(user))


def users_who_completed(course_ids):
    """Ids of the users who completed every one of these courses (a queryset)."""
    return courses_services.users_who_completed(course_ids)


def users_who_accepted_current_policy():
    """Ids of the users who accepted the current policy version (a queryset)."""
    return courses_services.users_who_accepted_current_policy()


def current_policy_version():
    """The current version of the published policy (with its page), or None."""
    return courses_services.current_policy_version()


def users_who_accepted(version):
    """Ids of the users who accepted this policy version (a queryset)."""
    return courses_services.users_who_accepted_current_policy(version)


#: The hook "my learning" reads what a person must finish by a date from.
DUE_ITEMS_HOOK = courses_services.DUE_ITEMS_HOOK


def due_item(**fields):
    """Something "my learning" and the home page list as due by a date (a DueItem)."""
    return courses_services.DueItem(**fields)
