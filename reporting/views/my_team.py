"""/my-team/: a manager sees their direct reports' assignments; nobody else sees anything."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from access.services.champions import champions_for
from lms.models import Employee
from reporting.completion import team_listing

PER_PAGE = 25


def managed_employee(user):
    """The user's employee record if they manage anyone active, else None."""
    employee = getattr(user, "employee", None)
    if employee is None or not employee.active:
        return None
    if not Employee.objects.filter(manager=employee, active=True).exists():
        return None
    return employee


@login_required
@require_GET
def my_team(request):
    manager = managed_employee(request.user)
    if manager is None:
        raise PermissionDenied("Only managers have a team page.")
    listing = team_listing(manager)
    page = Paginator(listing, PER_PAGE).get_page(request.GET.get("page"))
    overdue = sum(1 for person in page.object_list if person.overdue)
    return TemplateResponse(
        request,
        "reporting/my_team.html",
        {
            "manager": manager,
            "page_obj": page,
            "people": page.object_list,
            "overdue": overdue,
            # Whom the team asks about social media: the champions of the manager's department
            # and of the departments above it.
            "champions": list(champions_for(manager.department)),
        },
    )
