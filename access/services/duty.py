"""The listening and triage duty rota of the official accounts.

Who may schedule: a superuser; anyone else needs the permission `access.manage_duty` (the
social media team has it) and either owns the account or is staff.

Who may hold a slot (`may_hold`): an active person who holds an active grant on that account (any
role: they already act on it), or a valid certificate covering the program the account's highest
role requires (manage, else publish, else monitor) - enough to be granted every role it offers.

A slot must not start in the past (a slot that has begun may still be shortened or lengthened,
not moved), must end after it starts and must not overlap another slot of the same duty on the
same account. The overlap check runs under a row lock on the account, so two people scheduling
at the same moment cannot both pass it.

`coverage_gaps` finds the hours of a window with nobody on a duty, for many accounts at once
(one query); `notify_duty_gaps` e-mails the owners of each account once per gap.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from access import events
from access.models import (
    AccessGrant,
    AccountRole,
    AccountStatus,
    DutyGapNotice,
    DutyKind,
    DutySlot,
    RoleName,
    SocialAccount,
)
from access.services.errors import AccessError, AccountRetired, NotAllowed
from access.services.rules import covering_program_ids, is_access_staff, is_active_person
from certification.models import Certificate
from certification.notifications import send_template
from lms.conf import academy_settings
from lms.people import display_name
from webhooks import events as webhooks

MANAGE_DUTY = "access.manage_duty"
#: How far ahead the gap detector and the readiness scorecard look.
LOOKAHEAD = datetime.timedelta(days=7)
HOUR = datetime.timedelta(hours=1)
#: The longest single slot: a rota is shifts, not a standing assignment.
MAX_SLOT = datetime.timedelta(days=31)
ROLE_RANK = {RoleName.MONITOR: 0, RoleName.PUBLISH: 1, RoleName.MANAGE: 2}


class DutyError(AccessError):
    """A slot that cannot be scheduled (400); `field` names the form field it is about."""

    status = 400

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class DutyOverlap(DutyError):
    status = 409


class NotCertifiedForDuty(DutyError):
    status = 409


def may_schedule(user, account=None):
    """Whether this person may schedule duty (on `account`, or on some account if None)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not user.has_perm(MANAGE_DUTY):
        return False
    if is_access_staff(user):
        return True
    owned = SocialAccount.objects.filter(owners=user)
    if account is None:
        return owned.exists()
    return owned.filter(pk=account.pk).exists()


def schedulable_accounts(user):
    """The accounts this person may schedule duty on (not retired)."""
    accounts = SocialAccount.objects.exclude(status=AccountStatus.RETIRED)
    if not may_schedule(user):
        return accounts.none()
    if user.is_superuser or is_access_staff(user):
        return accounts
    return accounts.filter(owners=user)


def duty_program(account):
    """The AccountRole whose program a duty holder without a grant must be certified for: the
    account's highest role. None when the account offers no roles."""
    roles = list(AccountRole.objects.filter(account=account).select_related("program"))
    if not roles:
        return None
    return max(roles, key=lambda role: ROLE_RANK.get(role.role, -1))


def may_hold(person, account, now=None):
    """Whether `person` is certified to hold duty on `account` (see the module's rule)."""
    now = now or timezone.now()
    if person is None or not is_active_person(person):
        return False
    if AccessGrant.objects.active(now).filter(account=account, user=person).exists():
        return True
    role = duty_program(account)
    if role is None:
        return False
    return (
        Certificate.objects.valid(now)
        .filter(holder=person, program__in=covering_program_ids(role.program_id))
        .exists()
    )


def holders_q(account, now=None):
    """A Q on users: the people who may hold duty on the account (for form choices)."""
    now = now or timezone.now()
    granted = AccessGrant.objects.active(now).filter(account=account).values("user_id")
    condition = Q(pk__in=granted)
    role = duty_program(account)
    if role is not None:
        certified = (
            Certificate.objects.valid(now)
            .filter(program__in=covering_program_ids(role.program_id))
            .values("holder_id")
        )
        condition |= Q(pk__in=certified)
    return condition & Q(is_active=True) & (Q(employee__isnull=True) | Q(employee__active=True))


def _check_times(starts_at, ends_at, *, now, existing=None):
    if starts_at is None or ends_at is None:
        raise DutyError(_("Give when the slot starts and when it ends."))
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise DutyError(_("Give the start and end with a time zone."))
    if ends_at <= starts_at:
        raise DutyError(_("The slot must end after it starts."), field="ends_at")
    if ends_at - starts_at > MAX_SLOT:
        raise DutyError(
            _("A slot may last at most %(days)s days: schedule shifts.") % {"days": MAX_SLOT.days},
            field="ends_at",
        )
    # A form has already put the new values on `existing`: it keeps the loaded start aside.
    original = getattr(existing, "loaded_starts_at", getattr(existing, "starts_at", None))
    moved = existing is None or original != starts_at
    if moved and starts_at < now - datetime.timedelta(minutes=5):
        raise DutyError(_("The slot cannot start in the past."), field="starts_at")
    if ends_at <= now:
        raise DutyError(_("The slot cannot end in the past."), field="ends_at")


def _overlapping(account, kind, starts_at, ends_at, exclude_pk=None):
    clash = DutySlot.objects.filter(
        account=account, kind=kind, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).select_related("person")
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    return clash.order_by("starts_at").first()


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def validate_slot(*, account, kind, person, starts_at, ends_at, by, existing=None, now=None):
    """Raise a DutyError saying what is wrong with this slot, or return None. The overlap check
    here is advisory (for forms); `schedule_duty` repeats it under the account's lock."""
    now = now or timezone.now()
    if account is None:
        raise DutyError(_("Choose the account."), field="account")
    if not may_schedule(by, account):
        raise NotAllowed(_("You may not schedule duty on %(account)s.") % {"account": account})
    if account.status != AccountStatus.ACTIVE:
        raise AccountRetired(
            _("%(account)s is not active: it takes no duty.") % {"account": account}
        )
    if kind not in DutyKind.values:
        raise DutyError(
            _("'%(kind)s' is not a duty. Duties: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(DutyKind.values)},
            field="kind",
        )
    if person is None:
        raise DutyError(_("Choose the person on duty."), field="person")
    _check_times(starts_at, ends_at, now=now, existing=existing)
    if not may_hold(person, account, now):
        raise NotCertifiedForDuty(
            _(
                "%(person)s is not certified for %(account)s: a person on duty needs an active "
                "grant on the account or a valid certificate of the program its highest role "
                "requires."
            )
            % {"person": person.get_full_name() or person.email, "account": account},
            field="person",
        )
    clash = _overlapping(account, kind, starts_at, ends_at, getattr(existing, "pk", None))
    if clash is not None:
        raise DutyOverlap(_overlap_message(clash), field="starts_at")


def _overlap_message(clash):
    return _(
        "This overlaps %(person)s's %(kind)s duty on %(account)s from %(start)s to %(end)s: "
        "one person per duty at a time."
    ) % {
        "person": clash.person.get_full_name() or clash.person.email,
        "kind": clash.get_kind_display().lower(),
        "account": clash.account,
        "start": _when(clash.starts_at),
        "end": _when(clash.ends_at),
    }


def schedule_duty(*, account, kind, person, starts_at, ends_at, by, note="", slot=None):
    """Create a slot (or change `slot`), checked under a lock on the account; emits
    duty.scheduled in the same transaction. Returns the saved slot."""
    now = timezone.now()
    with transaction.atomic():
        if account is not None:
            account = SocialAccount.objects.select_for_update().get(pk=account.pk)
        validate_slot(
            account=account,
            kind=kind,
            person=person,
            starts_at=starts_at,
            ends_at=ends_at,
            by=by,
            existing=slot,
            now=now,
        )
        if slot is None:
            slot = DutySlot(created_by=by if by and by.pk else None)
        slot.account, slot.kind, slot.person = account, kind, person
        slot.starts_at, slot.ends_at, slot.note = starts_at, ends_at, (note or "")[:255]
        try:
            with transaction.atomic():
                slot.save()
        except IntegrityError as exc:
            raise DutyError(_("The slot must end after it starts."), field="ends_at") from exc
        webhooks.emit_one(events.DUTY_SCHEDULED, events.duty_data(slot))
    return slot


def cancel_duty(slot, *, by):
    """Delete a slot that has not ended; emits duty.cancelled in the same transaction."""
    with transaction.atomic():
        account = SocialAccount.objects.select_for_update().get(pk=slot.account_id)
        if not may_schedule(by, account):
            raise NotAllowed(_("You may not schedule duty on %(account)s.") % {"account": account})
        if slot.ends_at <= timezone.now():
            raise DutyError(_("This slot has ended: it stays on the record."))
        data = events.duty_data(slot, cancelled_by=by)
        slot.delete()
        webhooks.emit_one(events.DUTY_CANCELLED, data)


def on_duty(account_ids, start, end):
    """The slots of these accounts overlapping [start, end), by account id, ordered by start
    (one query)."""
    slots = (
        DutySlot.objects.filter(account_id__in=account_ids, starts_at__lt=end, ends_at__gt=start)
        .select_related("person")
        .order_by("starts_at", "pk")
    )
    by_account = {}
    for slot in slots:
        by_account.setdefault(slot.account_id, []).append(slot)
    return by_account


def hour_floor(moment):
    return moment.replace(minute=0, second=0, microsecond=0)


def coverage_gaps(account_ids, start=None, end=None, slots=None):
    """{account id: {kind: [(gap_start, gap_end), ...]}} - the hours of [start, end) (hour by
    hour, from the hour `start` is in) in which nobody holds that duty on the account. Reads the
    slots in one query unless `slots` (from `on_duty`) are given."""
    start = hour_floor(start or timezone.now())
    end = end or start + LOOKAHEAD
    if slots is None:
        slots = on_duty(account_ids, start, end)
    gaps = {}
    for account_id in account_ids:
        by_kind = {kind: [] for kind in DutyKind.values}
        for slot in slots.get(account_id, ()):
            by_kind[slot.kind].append((slot.starts_at, slot.ends_at))
        gaps[account_id] = {kind: _gaps(spans, start, end) for kind, spans in by_kind.items()}
    return gaps


def _gaps(spans, start, end):
    """Hour-aligned stretches of [start, end) that no span covers entirely."""
    result, hour, gap_start = [], start, None
    spans = sorted(spans)
    while hour < end:
        following = hour + HOUR
        covered = _covered(spans, hour, following)
        if not covered and gap_start is None:
            gap_start = hour
        elif covered and gap_start is not None:
            result.append((gap_start, hour))
            gap_start = None
        hour = following
    if gap_start is not None:
        result.append((gap_start, end))
    return result


def _covered(spans, start, end):
    """Whether the spans (sorted) together cover [start, end)."""
    reached = start
    for span_start, span_end in spans:
        if span_start > reached:
            break
        if span_end > reached:
            reached = span_end
        if reached >= end:
            return True
    return reached >= end


def fully_covered_accounts(account_ids, start=None, end=None, slots=None):
    """The ids of the accounts with both duties covered every hour of the window."""
    gaps = coverage_gaps(account_ids, start, end, slots)
    return {pk for pk, kinds in gaps.items() if not any(kinds.values())}


def notify_duty_gaps(now=None):
    """Daily: for each active account, each gap in the next seven days of listening or triage
    duty is e-mailed to its owners once (DutyGapNotice remembers). Returns notices written."""
    now = now or timezone.now()
    start = hour_floor(now)
    accounts = list(
        SocialAccount.objects.active().prefetch_related("owners").order_by("platform", "handle")
    )
    gaps = coverage_gaps([a.pk for a in accounts], start, start + LOOKAHEAD)
    told = {}
    notices = DutyGapNotice.objects.filter(
        account__in=[a.pk for a in accounts], gap_end__gte=start
    ).values_list("account_id", "kind", "gap_start", "gap_end")
    for account_id, kind, told_start, told_end in notices:
        told.setdefault((account_id, kind), []).append((told_start, told_end))
    written = 0
    for account in accounts:
        for kind, stretches in gaps[account.pk].items():
            for gap_start, gap_end in stretches:
                # The same gap, still open as the window moves on, is not told again.
                earlier = told.get((account.pk, kind), ())
                if any(a <= gap_start < b or a == gap_start for a, b in earlier):
                    continue
                try:
                    with transaction.atomic():
                        notice = DutyGapNotice.objects.create(
                            account=account, kind=kind, gap_start=gap_start, gap_end=gap_end
                        )
                        notice.recipients = send_duty_gap_email(account, notice)
                        notice.save(update_fields=["recipients"])
                except IntegrityError:
                    continue  # another run told this gap at the same moment
                written += 1
    return written


def send_duty_gap_email(account, notice):
    """Tell the owners of an account that nobody is on a duty for a stretch of the coming week;
    returns how many were sent."""
    context = {
        "account": account,
        "notice": notice,
        "duty": notice.get_kind_display(),
        "rota_url": academy_settings.SITE_URL
        + reverse("access_duty:index")
        + f"?account={account.pk}&kind={notice.kind}",
    }
    sent = 0
    for owner in account.owners.all():
        if not owner.is_active or not owner.email:
            continue
        context["owner_name"] = display_name(owner)
        sent += send_template(owner.email, "access/email/duty_gap", context, person=owner)
    return sent
