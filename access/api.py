"""Access API: official accounts, requests and decisions, my access, the access check, and
the champions of each department.

Mounted under /api/v1/ beside the certification router.
"""

from datetime import date, datetime
from typing import Annotated

from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import StringConstraints

from access import services as services
from access.check import Reason, account_filter, check_access
from access.models import (
    AccessGrant,
    AccessRequest,
    AccountRole,
    AccountStatus,
    Champion,
    ChampionStatus,
    Platform,
    RequestStatus,
    RoleName,
    SocialAccount,
)
from access.services import champions as champion_services
from lms.api.auth import (
    request_user,
    require_scope,
    session_auth,
    session_or_token,
    token_auth,
)
from lms.api.pagination import BoundedLimitOffsetPagination
from lms.models import Department, TokenScope
from lms.scope import scope_for

router = Router(tags=["access"])

Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


class ProgramRef(Schema):
    slug: str
    name: str
    tier: int


class RoleOut(Schema):
    role: RoleName
    program: ProgramRef


class AccountOut(Schema):
    id: int
    name: str
    platform: Platform
    handle: str
    url: str
    status: AccountStatus
    requires_approval: bool
    department: str = Field(alias="department.name")
    sunset_date: date | None = None
    roles: list[RoleOut]

    @staticmethod
    def resolve_roles(account):
        return account.roles.all()


class AccountRef(Schema):
    id: int
    platform: Platform
    handle: str
    name: str


class GrantOut(Schema):
    id: int
    account: AccountRef
    role: RoleName
    certificate: str = Field(description="Serial of the certificate the grant rests on.")
    granted_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    revoke_reason: str | None = None
    active: bool

    @staticmethod
    def resolve_certificate(grant):
        return grant.certificate.serial

    @staticmethod
    def resolve_revoke_reason(grant):
        return grant.revoke_reason or None

    @staticmethod
    def resolve_active(grant):
        return grant.is_active()


class RequestOut(Schema):
    id: int
    user: str = Field(description="The requester's e-mail address.")
    account: AccountRef
    role: RoleName
    status: RequestStatus
    note: str
    requested_at: datetime
    decided_at: datetime | None = None
    decision_note: str
    grant: GrantOut | None = Field(None, description="The grant this call made, if any.")
    message: str | None = None

    @staticmethod
    def resolve_user(access_request):
        return access_request.user.email

    @staticmethod
    def resolve_grant(access_request):
        return getattr(access_request, "grant_result", None)

    @staticmethod
    def resolve_message(access_request):
        return getattr(access_request, "api_message", None)


class RequestIn(Schema):
    account: str = Field(description="The account's id, handle, or platform:handle.")
    role: RoleName
    note: Note = ""


class DecisionIn(Schema):
    approve: bool
    note: Note = ""


class RevokeIn(Schema):
    note: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class MyAccessOut(Schema):
    grants: list[GrantOut]
    requests: list[RequestOut]


class CheckOut(Schema):
    allowed: bool
    reason: str = Field(description=", ".join(Reason.ALL))
    until: datetime | None = Field(None, description="When the grant ends (allowed only).")
    user: str
    account: int
    role: RoleName


def resolve_account(reference):
    lookup = account_filter(str(reference))
    matches = list(
        SocialAccount.objects.alias(handle_key=Lower("handle")).filter(**lookup).order_by("pk")[:2]
    )
    if not matches:
        raise HttpError(404, f"No official account matches '{reference}'.")
    if len(matches) > 1:
        raise HttpError(
            400, f"Several accounts have the handle '{reference}': give the id or platform:handle."
        )
    return matches[0]


class AccountFilter(Schema):
    status: AccountStatus | None = Field(
        None, description="Only accounts in this status (`retired` lists the retired ones)."
    )
    include_retired: bool = Field(
        False, description="Without `status`: list retired accounts too (default: left out)."
    )
    platform: Platform | None = None


@router.get(
    "/accounts",
    auth=session_or_token,
    response=list[AccountOut],
    summary="Official accounts and the program each role requires (token: accounts:read)",
    description=(
        "Signed-in people, or an integration token with the `accounts:read` scope (a token "
        "without it is refused with 403: `access:check`, `certificates:revoke` and "
        "`reports:read` do not list accounts). Retired accounts are left out unless asked "
        "for, with `status=retired` or `include_retired=true`."
    ),
)
@paginate(BoundedLimitOffsetPagination)
def accounts(request, filters: Query[AccountFilter]):
    require_scope(request, TokenScope.ACCOUNTS_READ)
    roles = AccountRole.objects.select_related("program").order_by("sort_order", "pk")
    queryset = SocialAccount.objects.select_related("department").prefetch_related(
        Prefetch("roles", queryset=roles)
    )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    elif not filters.include_retired:
        queryset = queryset.exclude(status=AccountStatus.RETIRED)
    if filters.platform:
        queryset = queryset.filter(platform=filters.platform)
    return queryset.order_by("platform", "handle")


@router.post(
    "/access-requests",
    auth=session_auth,
    response={201: RequestOut},
    summary="Ask for a role on an account (granted at once when a certificate covers it)",
)
def create_request(request, payload: RequestIn):
    user = request_user(request)
    account = resolve_account(payload.account)
    access_request = services.request_access(user, account, payload.role, note=payload.note)
    if access_request.grant_result is not None:
        message = "Granted: your certificate covers this role."
    else:
        message = services.waiting_message(access_request)
    access_request.api_message = message
    return Status(201, access_request)


class QueueFilter(Schema):
    status: RequestStatus = RequestStatus.PENDING


@router.get(
    "/access-requests",
    auth=session_auth,
    response=list[RequestOut],
    summary="Requests on the accounts you own (all accounts for staff)",
)
@paginate(BoundedLimitOffsetPagination)
def request_queue(request, filters: Query[QueueFilter]):
    user = request_user(request)
    if not (services.is_access_staff(user) or user.owned_social_accounts.exists()):
        raise HttpError(403, "Only account owners and staff see the queue.")
    return (
        AccessRequest.objects.decidable_by(user)
        .filter(status=filters.status)
        .select_related("user", "account")
        .distinct()
        .order_by("requested_at", "pk")
    )


@router.post(
    "/access-requests/{request_id}/decision",
    auth=session_auth,
    response=RequestOut,
    summary="Approve or reject a pending request (owners, staff)",
)
def decide(request, request_id: int, payload: DecisionIn):
    access_request = get_object_or_404(
        AccessRequest.objects.select_related("user", "account"), pk=request_id
    )
    decided = services.decide_request(
        access_request, by=request_user(request), approve=payload.approve, note=payload.note
    )
    return decided


@router.post(
    "/access-requests/{request_id}/withdraw",
    auth=session_auth,
    response=RequestOut,
    summary="Withdraw your own pending request",
)
def withdraw(request, request_id: int):
    user = request_user(request)
    access_request = get_object_or_404(
        AccessRequest.objects.select_related("user", "account"), pk=request_id, user=user
    )
    withdrawn = services.withdraw_request(access_request, by=user)
    return withdrawn


@router.post(
    "/access-grants/{grant_id}/revoke",
    auth=session_auth,
    response=GrantOut,
    summary="Revoke a grant (owners of the account, staff); a note is required",
)
def revoke(request, grant_id: int, payload: RevokeIn):
    # Only grants the caller may see (their accounts', or all for staff): anyone else's id
    # answers 404, like an id that does not exist, so it confirms nothing.
    grant = get_object_or_404(
        AccessGrant.objects.visible_to(request_user(request))
        .select_related("account", "certificate", "user")
        .distinct(),
        pk=grant_id,
    )
    services.revoke_grant(grant, by=request_user(request), note=payload.note)
    grant.refresh_from_db()
    return grant


@router.get(
    "/me/access",
    auth=session_auth,
    response=MyAccessOut,
    summary="What you hold, until when, and what you asked for",
)
def my_access(request):
    user = request_user(request)
    now = timezone.now()
    grants = (
        AccessGrant.objects.active(now)
        .filter(user=user)
        .select_related("account", "certificate")
        .order_by("expires_at")
    )
    pending = (
        AccessRequest.objects.pending()
        .filter(user=user)
        .select_related("user", "account")
        .order_by("-requested_at")
    )
    return {"grants": list(grants), "requests": list(pending)}


class CheckIn(Schema):
    user: str = Field(description="The person's e-mail address.")
    account: str = Field(description="The account's id, handle, or platform:handle.")
    role: str = Field(description="monitor, publish or manage.")


@router.get(
    "/access/check",
    auth=token_auth,
    response=CheckOut,
    summary="May this person act in this role on this account? (token: access:check)",
)
def access_check(request, query: Query[CheckIn]):
    require_scope(request, TokenScope.ACCESS_CHECK)
    result = check_access(query.user, query.account, query.role.strip().lower())
    return {
        "allowed": result.allowed,
        "reason": result.reason,
        "until": result.until,
        "user": query.user.strip(),
        "account": result.account_id,
        "role": result.role,
    }


class DepartmentRef(Schema):
    id: int
    code: str
    name: str


class ChampionOut(Schema):
    id: int
    user: str = Field(description="The champion's e-mail address.")
    name: str
    department: DepartmentRef
    program: str = Field(description="Slug of the program the role asks for.")
    certificate: str | None = Field(None, description="Serial of the certificate it rests on.")
    status: ChampionStatus
    self_nominated: bool
    nominated_at: datetime
    term_start: date | None = None
    term_end: date | None = None
    ended_at: datetime | None = None
    end_reason: str | None = None

    @staticmethod
    def resolve_user(champion):
        return champion.person.email

    @staticmethod
    def resolve_name(champion):
        return champion.person_name

    @staticmethod
    def resolve_program(champion):
        return champion.program.slug

    @staticmethod
    def resolve_certificate(champion):
        return champion.certificate.serial if champion.certificate_id else None

    @staticmethod
    def resolve_end_reason(champion):
        return champion.end_reason or None


class ChampionFilter(Schema):
    department: str | None = Field(
        None,
        max_length=100,
        description="A department's code: its champions and those of the departments under it.",
    )
    status: ChampionStatus = Field(
        ChampionStatus.ACTIVE,
        description=(
            "`active` (default: in their term) for anyone signed in; the other statuses for HR "
            "(their departments), the social media team and tokens."
        ),
    )


@router.get(
    "/champions",
    auth=session_or_token,
    response=list[ChampionOut],
    summary="Champions by department (token: champions:read)",
    description=(
        "Signed-in people see the active champions; HR (inside their departments) and the "
        "social media team also see nominations and past roles (`status`). An integration token "
        "needs the `champions:read` scope (any other token: 403)."
    ),
)
@paginate(BoundedLimitOffsetPagination)
def champions(request, filters: Query[ChampionFilter]):
    token = require_scope(request, TokenScope.CHAMPIONS_READ)
    user = request_user(request)
    queryset = Champion.objects.select_related(
        "department", "person", "program", "certificate"
    ).order_by("department__path", "-nominated_at", "pk")
    if filters.status == ChampionStatus.ACTIVE:
        queryset = queryset.active()
    else:
        queryset = queryset.filter(status=filters.status)
        if token is None and not champion_services.is_champion_team(user):
            if not champion_services.is_hr(user):
                raise HttpError(
                    403, "Only HR and the social media team see nominations and past roles."
                )
            scope = scope_for(user)
            queryset = queryset.filter(scope.department_condition("department__"))
    if filters.department is not None:
        department = Department.objects.filter(code=filters.department.strip()).first()
        if department is None:
            raise HttpError(404, f"No department has the code '{filters.department.strip()}'.")
        queryset = queryset.filter(department__path__startswith=department.path)
    return queryset
