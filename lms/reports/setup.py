"""Connects HR reporting to the rest of the site; called once from LmsConfig.ready()."""

from lms.dashboard import register

_connected = False


def connect():
    global _connected
    if _connected:
        return
    _connected = True

    from courses.services.due import register_due_provider

    from .permissions import register_scoped_policies
    from .personal import assignments_due

    register_due_provider(assignments_due)
    register_scoped_policies()
    register(40)(my_team_panel)


def my_team_panel(user):
    """The home-page panel of a manager: team size and how many are overdue."""
    from lms.models import Employee

    from .completion import team_listing

    employee = getattr(user, "employee", None)
    if employee is None or not employee.active:
        return None
    team_size = Employee.objects.filter(manager=employee, active=True).count()
    if not team_size:
        return None
    overdue = team_listing(employee, metric="overdue").count()
    return {"template": "lms/my_team_panel.html", "team_size": team_size, "overdue": overdue}
