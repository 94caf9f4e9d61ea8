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
