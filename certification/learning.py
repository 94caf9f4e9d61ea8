"""What the courses app says a person has done: the only place certification asks it.

Data flows one way (courses → certification): these are thin calls into ``courses.services``,
so the rest of the app has one seam to rely on.
"""


def completed_course_ids(user):
    """Ids of the courses the person has completed."""
    from courses.services import completed_course_ids as completed

    return set(completed(user))


def has_accepted_current_policy(user):
    """Whether the person has accepted the current version of the social media policy."""
    from courses.services import has_accepted_current_policy as accepted

    return bool(accepted(user))


def users_who_completed(course_ids):
    """Ids of the users who completed every one of these courses (a queryset)."""
    from courses.services import users_who_completed as completed

    return completed(course_ids)


def users_who_accepted_current_policy():
    """Ids of the users who accepted the current policy version (a queryset)."""
    from courses.services import users_who_accepted_current_policy as accepted

    return accepted()
