"""GET /api/v1/reports/department-completion (and the people behind each figure).

HR people authenticate with their session and see their HR scope; integrations send a token with
the `reports:read` scope and see the whole organisation. `?format=csv` streams the same rows.
"""

import datetime
from typing import Literal

from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from lms.api.auth import request_token, request_user, require_scope, session_or_token
from lms.exports import csv_response
from lms.models import TokenScope
from lms.scope import scope_for, whole_organisation
from reporting.completion import (
    FIGURE_LABELS,
    FIGURES,
    department_completion,
    people_listing,
    totals,
)
from reporting.exports import PERSON_HEADER, person_rows
from reporting.filters import parse_filters, parse_metric
from reporting.scope import can_view_reports

router = Router(tags=["reports"])

MAX_PAGE_SIZE = 500
#: Far past any organisation (a million pages of people): a larger number is refused, not run.
MAX_PAGE = 10**6


class CompletionQuery(Schema):
    course: int | None = None
    program: int | None = None
    department: int | None = None
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None
    #: Only people with a certificate to renew that ends within this many days (1 to 3650;
    #: read and checked by reporting.filters, so a bad value is a 400 that says why).
    recertification_due: str | None = None
    format: Literal["json", "csv"] = "json"


class PeopleQuery(CompletionQuery):
    metric: str = "assigned"
    page: int = 1
    page_size: int = 50


class FiguresOut(Schema):
    headcount: int
    assigned: int
    not_started: int
    in_progress: int
    completed: int
    certified: int
    overdue: int
    due_renewal: int
    renewed: int
    lapsed: int
    assigned_pct: float | None
    not_started_pct: float | None
    in_progress_pct: float | None
    completed_pct: float | None
    certified_pct: float | None
    overdue_pct: float | None
    due_renewal_pct: float | None
    renewed_pct: float | None
    lapsed_pct: float | None


class DepartmentRowOut(FiguresOut):
    department_id: int
    name: str
    path: str
    depth: int
    level: int
    parent_id: int | None


class CompletionOut(Schema):
    scope: str
    filters: dict
    generated_at: datetime.datetime
    totals: FiguresOut
    departments: list[DepartmentRowOut]


class PersonOut(Schema):
    employee_id: str
    name: str
    email: str
    department: str
    manager: str
    status: str
    overdue: bool
    certified: bool
    due_renewal: bool
    renewed: bool
    lapsed: bool
    due_date: datetime.date | None
    completed_at: datetime.datetime | None


class PeopleOut(Schema):
    count: int
    page: int
    pages: int
    metric: str
    results: list[PersonOut]


def _scope(request):
    """The caller's scope: a reports:read token sees everything, a person their HR scope."""
    if request_token(request) is not None:
        require_scope(request, TokenScope.REPORTS_READ)
        return whole_organisation()
    user = request_user(request)
    if not can_view_reports(user):
        raise HttpError(403, "You may not see HR reports.")
    return scope_for(user)


def _filters(request, scope):
    """The report's filters; a bad one answers 400, a department outside the scope 403 (the
    API's ServiceError and PermissionDenied handlers)."""
    return parse_filters(request.GET, scope)


def _figure_header():
    header = []
    for name in FIGURES:
        header.append(str(FIGURE_LABELS[name]))
        if name != "headcount":
            header.append(f"{FIGURE_LABELS[name]} %")
    return header


def _figure_cells(row):
    cells = []
    for name in FIGURES:
        cells.append(getattr(row, name))
        if name != "headcount":
            pct = row.pct(name)
            cells.append("" if pct is None else pct)
    return cells


@router.get(
    "/reports/department-completion",
    auth=session_or_token,
    response=CompletionOut,
    summary="Completion by department, rolled up through the tree",
)
def department_completion_report(request, query: Query[CompletionQuery]):
    scope = _scope(request)
    filters = _filters(request, scope)
    rows = department_completion(filters, scope)
    if query.format == "csv":
        header = ["Department", "Level", *_figure_header()]
        lines = ([row.label, row.depth, *_figure_cells(row)] for row in rows)
        name = f"department-completion-{timezone.localdate().isoformat()}.csv"
        return csv_response(name, header, lines)
    return {
        "scope": str(scope.label if not filters.department else filters.department.name),
        "filters": filters.as_params(),
        "generated_at": timezone.now(),
        "totals": totals(rows).as_dict(),
        "departments": [row.as_dict() for row in rows],
    }


def _person(person):
    return {
        "employee_id": person.employee_id,
        "name": person.name,
        "email": person.email,
        "department": person.department,
        "manager": person.manager,
        "status": person.status,
        "overdue": person.overdue,
        "certified": person.certified,
        "due_renewal": person.due_renewal,
        "renewed": person.renewed,
        "lapsed": person.lapsed,
        "due_date": person.due_date,
        "completed_at": person.completed_at,
    }


@router.get(
    "/reports/department-completion/people",
    auth=session_or_token,
    response=PeopleOut,
    summary="The people behind one figure of the completion report",
)
def department_completion_people(request, query: Query[PeopleQuery]):
    scope = _scope(request)
    filters = _filters(request, scope)
    metric = parse_metric(request.GET)
    if not 1 <= query.page <= MAX_PAGE or not 1 <= query.page_size <= MAX_PAGE_SIZE:
        raise HttpError(400, f"page must be 1 to {MAX_PAGE} and page_size 1 to {MAX_PAGE_SIZE}.")
    listing = people_listing(filters, scope, filters.department, metric)
    if query.format == "csv":
        lines = person_rows(listing)
        name = f"completion-{metric}-{timezone.localdate().isoformat()}.csv"
        return csv_response(name, PERSON_HEADER, lines)
    count = listing.count()
    pages = max((count + query.page_size - 1) // query.page_size, 1)
    start = (query.page - 1) * query.page_size
    return {
        "count": count,
        "page": query.page,
        "pages": pages,
        "metric": metric,
        "results": [_person(p) for p in listing[start : start + query.page_size]],
    }
