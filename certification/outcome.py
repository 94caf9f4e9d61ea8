"""What completing a course brought a person, for the page they land on afterwards.

The courses app asks through the ``academy_course_outcome`` hook (``lms.hooks.COURSE_OUTCOME``,
registered in ``certification.wagtail_hooks``) on the course page and on a passing quiz result,
once the course is completed. The answer says:

- the certificates held now that count the course among their requirements (their own courses
  or those of a program below), with what each allows;
- those "being issued": every requirement is met but the certificate is not there yet (issuing
  runs on the task queue once the completion is committed, a moment later);
- the next step of the ladder: the lowest program neither held nor being issued, and what it
  still needs.

Everything comes from one ``LearnerRecord``: a fixed number of queries whatever the size of the
ladder or of the person's history.
"""

from certification.services.standing import LearnerRecord

TEMPLATE = "certification/includes/course_outcome.html"


def counts_towards(standing, course):
    """Whether the course is among the program's requirements (its lineage's courses)."""
    return any(step.course.pk == course.pk for step in standing.courses)


def steps_left(standing, pending_ids):
    """What the program still needs, in words, leaving out "hold the program below" when that
    certificate is being issued already."""
    steps = standing.steps
    prerequisite = standing.prerequisite
    if (
        prerequisite is not None
        and not standing.prerequisite_held
        and prerequisite.pk in pending_ids
        and steps
    ):
        steps = steps[1:]  # ProgramStanding.steps names a missing prerequisite first
    return steps


def course_outcome(user, course):
    """{"template", "course", "held", "issuing", "next", "next_steps"} for a person who
    completed `course`, or None when there is no program at all."""
    record = LearnerRecord(user)
    if not record.programs:
        return None
    standings = record.standings()
    related = [standing for standing in standings if counts_towards(standing, course)]
    held = [standing for standing in related if standing.held]
    issuing = [standing for standing in standings if standing.met and not standing.held]
    pending_ids = {standing.program.pk for standing in issuing}
    following = next((s for s in standings if not s.held and s.program.pk not in pending_ids), None)
    return {
        "template": TEMPLATE,
        "course": course,
        "held": held,
        "issuing": [standing for standing in issuing if counts_towards(standing, course)],
        "next": following,
        "next_steps": steps_left(following, pending_ids) if following else [],
    }
