"""The home-page panel: what to do next in the curriculum."""

from courses.views.learning import learning_overview

MAX_ITEMS = 3


def next_steps(user):
    """Accept the new policy version, finish what is due, continue or start a course."""
    overview = learning_overview(user)
    version = overview["policy_version"]
    policy_due = version is not None and not overview["policy_accepted"]
    due = [item for item in overview["due"] if not item.completed][:MAX_ITEMS]
    in_progress = overview["in_progress"][:MAX_ITEMS]
    suggestion = None if in_progress else next(iter(overview["not_started"]), None)
    if not (policy_due or due or in_progress or suggestion):
        if not overview["completed"]:
            return None
    return {
        "template": "courses/dashboard_panel.html",
        "policy_version": version if policy_due else None,
        "policy_reaccept": policy_due and overview["policy_acceptance"] is not None,
        "due": due,
        "in_progress": in_progress,
        "suggestion": suggestion,
        "completed_count": len(overview["completed"]),
        "course_count": sum(
            len(overview[key]) for key in ("in_progress", "completed", "not_started")
        ),
    }
