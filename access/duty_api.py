"""Duty API: who is on listening and triage duty for the official accounts, now and next.

GET /api/v1/accounts/{id}/duty and GET /api/v1/duty, for the tools that route alerts: an
integration token with the `accounts:read` scope sees every account; a signed-in person sees the
accounts they may schedule duty on (owners with the permission, the social media team, staff).
"""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from access.models import AccountStatus, DutyKind, DutySlot, Platform, SocialAccount
from access.services.duty import may_schedule, schedulable_accounts
from lms.api.auth import request_token, request_user, require_scope, session_or_token
from lms.models import TokenScope
from lms.people import display_name

router = Router(tags=["duty"])

#: The longest window one call may ask for.
MAX_WINDOW = datetime.timedelta(days=31)
DEFAULT_WINDOW = datetime.timedelta(days=7)


class PersonOut(Schema):
    email: str
    name: str


class SlotOut(Schema):
    id: int
    kind: DutyKind
    person: PersonOut
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    note: str

    @staticmethod
    def resolve_person(slot):
        return {"email": slot.person.email, "name": display_name(slot.person)}


class OnDutyOut(Schema):
    listening: SlotOut | None = Field(None, description="The slot running now, if any.")
    triage: SlotOut | None = None


class DutyAccountOut(Schema):
    id: int
    platform: Platform
    handle: str
    name: str


class AccountDutyOut(Schema):
    account: DutyAccountOut
    now: OnDutyOut = Field(description="Who is on each duty at the moment of the call.")
    next: OnDutyOut = Field(description="The next slot of each duty that starts after now.")
    slots: list[SlotOut] = Field(description="The slots overlapping the window, by start.")


class DutyOut(Schema):
    window_from: datetime.datetime = Field(alias="from")
    window_to: datetime.datetime = Field(alias="to")
    accounts: list[AccountDutyOut]


class WindowQuery(Schema):
    from_: datetime.datetime | None = Field(
        None, alias="from", description="Start of the window (ISO 8601; default: now)."
    )
    to: datetime.datetime | None = Field(
        None, description="End of the window (default: from + 7 days; at most 31 days)."
    )
    kind: DutyKind | None = Field(None, description="Only this duty.")


def _window(query):
    start = query.from_ or timezone.now()
    if timezone.is_naive(start):
        raise HttpError(400, "Give 'from' with a time zone, e.g. 2026-03-02T09:00:00Z.")
    end = query.to or start + DEFAULT_WINDOW
    if timezone.is_naive(end):
        raise HttpError(400, "Give 'to' with a time zone, e.g. 2026-03-09T09:00:00Z.")
    if end <= start:
        raise HttpError(400, "'to' must come after 'from'.")
    if end - start > MAX_WINDOW:
        raise HttpError(400, f"The window may span at most {MAX_WINDOW.days} days.")
    return start, end


def _readable_accounts(request):
    """Every account for an accounts:read token; a person the accounts they schedule duty on."""
    require_scope(request, TokenScope.ACCOUNTS_READ)
    if request_token(request) is not None:
        return SocialAccount.objects.all()
    user = request_user(request)
    if not may_schedule(user):
        raise HttpError(403, "Only the social media team and account owners see the duty rota.")
    return schedulable_accounts(user)


def _duty(accounts, start, end, kind=None):
    """The rota of these accounts in three queries whatever their number: the window's slots,
    and the slots running now or coming next."""
    now = timezone.now()
    ids = [account.pk for account in accounts]
    slots = DutySlot.objects.filter(account_id__in=ids).select_related("person")
    if kind:
        slots = slots.filter(kind=kind)
    in_window = slots.filter(starts_at__lt=end, ends_at__gt=start).order_by("starts_at", "pk")
    by_account = {pk: [] for pk in ids}
    for slot in in_window:
        by_account[slot.account_id].append(slot)
    current = {pk: {} for pk in ids}
    upcoming = {pk: {} for pk in ids}
    # The running slot and the next one of each duty: at most one of each, so the next 31 days
    # hold the answer for any rota that is kept (slots last at most 31 days).
    horizon = slots.filter(ends_at__gt=now, starts_at__lt=now + MAX_WINDOW + MAX_WINDOW)
    for slot in horizon.order_by("starts_at", "pk"):
        if slot.starts_at <= now:
            current[slot.account_id].setdefault(slot.kind, slot)
        else:
            upcoming[slot.account_id].setdefault(slot.kind, slot)
    return [
        {
            "account": account,
            "now": current[account.pk],
            "next": upcoming[account.pk],
            "slots": by_account[account.pk],
        }
        for account in accounts
    ]


@router.get(
    "/accounts/{account_id}/duty",
    auth=session_or_token,
    response=AccountDutyOut,
    summary="Who is on listening and triage duty for an account, now, next and in a window "
    "(token: accounts:read)",
)
def account_duty(request, account_id: int, query: Query[WindowQuery]):
    accounts = _readable_accounts(request)
    start, end = _window(query)
    # An account the caller may not read answers 404, like one that does not exist.
    account = get_object_or_404(accounts, pk=account_id)
    return _duty([account], start, end, query.kind)[0]


@router.get(
    "/duty",
    auth=session_or_token,
    response=DutyOut,
    summary="The duty rota of every active account in a window (token: accounts:read)",
)
def duty(request, query: Query[WindowQuery]):
    accounts = list(
        _readable_accounts(request)
        .filter(status=AccountStatus.ACTIVE)
        .order_by("platform", "handle")
    )
    start, end = _window(query)
    return {"from": start, "to": end, "accounts": _duty(accounts, start, end, query.kind)}
