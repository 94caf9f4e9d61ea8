"""The home-page panel of a manager: team size and how many are overdue."""

from lms.models import Employee
from reporting.completion import team_listing


def my_team_panel(user):
    """The home-page panel of a manager: team size and how many are overdue."""
    employee = getattr(user, "employee", None)
    if employee is None or not employee.active:
        return None
    team_size = Employee.objects.filter(manager=employee, active=True).count()
    if not team_size:
        return None
    overdue = team_listing(employee, metric="overdue").count()
    return {"template": "reporting/my_team_panel.html", "team_size": team_size, "overdue": overdue}
