"""GET /api/v1/reports/coverage: the coverage report (champions, certified people, official
accounts and their single points of failure, the readiness scorecard).

HR people authenticate with their session and see their HR scope; integrations send a token with
the `reports:read` scope and see the whole organisation. `?department=` narrows to one
department of the caller's scope (anything else answers 400 without naming it).
"""

import datetime

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from lms.api.auth import request_token, request_user, require_scope, session_or_token
from lms.models import TokenScope
from lms.scope import scope_for, whole_organisation
from reporting.coverage import coverage_report
from reporting.filters import ReportFilterError
from reporting.scope import can_view_reports
from reporting.views.coverage import narrowed_scope

router = Router(tags=["reports"])


class CoverageQuery(Schema):
    department: str | None = None


class ProgramOut(Schema):
    slug: str
    name: str
    tier: int


class TotalsOut(Schema):
    departments: int
    with_champion: int
    certified: dict[str, int]
    accounts: int
    single_points_of_failure: int
    duty_covered: int


class DepartmentOut(Schema):
    department_id: int
    name: str
    path: str
    depth: int
    has_champion: bool
    champions: list[str]
    certified: dict[str, int]
    accounts: int
    single_points_of_failure: int


class AccountOut(Schema):
    account_id: int
    account: str
    platform: str
    handle: str
    department_id: int
    department: str
    status: str
    publishers: int
    managers: int
    single_point_of_failure: bool
    listening_covered: bool
    triage_covered: bool


class ScorecardOut(Schema):
    key: str
    label: str
    status: str
    evidence: list[str]


class CoverageOut(Schema):
    scope: str
    taken_at: datetime.datetime
    programs: list[ProgramOut]
    totals: TotalsOut
    departments: list[DepartmentOut]
    accounts: list[AccountOut]
    scorecard: list[ScorecardOut]


def _scope(request):
    if request_token(request) is not None:
        require_scope(request, TokenScope.REPORTS_READ)
        return whole_organisation()
    user = request_user(request)
    if not can_view_reports(user):
        raise HttpError(403, "You may not see HR reports.")
    return scope_for(user)


@router.get(
    "/reports/coverage",
    auth=session_or_token,
    response=CoverageOut,
    summary="Champions, certified people, accounts' single points of failure and the readiness "
    "scorecard, per department (token: reports:read)",
)
def coverage(request, query: Query[CoverageQuery]):
    scope = _scope(request)
    try:
        scope = narrowed_scope(scope, query.department)
    except ReportFilterError as exc:
        raise HttpError(400, str(exc.message)) from exc
    report = coverage_report(scope)
    return {"scope": str(scope.label), **report.as_dict()}
