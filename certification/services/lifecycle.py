"""Manual lifecycle actions of staff: extend a certificate, grant an exemption, reinstate a
revoked certificate, reset a person's quiz attempts.

Each takes a required reason and the acting user, records one `LifecycleEvent` and sends
`certificate_lifecycle` in the same transaction (the webhook outbox listens). A refusal raises a
`LifecycleError` (an `lms.errors.ServiceError`: 400 bad input, 404 a person outside the actor's
HR scope, 409 a certificate in the wrong state) and changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from certification import learning
from certification.models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    LifecycleAction,
    LifecycleEvent,
    ReminderSent,
)
from certification.services.expiry import expire_certificates
from certification.services.revocation import MAX_REASON_LENGTH
from certification.signals import certificate_lifecycle
from lms.errors import ServiceError
from lms.people import display_name
from lms.scope import scope_for

PERMISSION = "certification.manage_certificate_lifecycle"

#: The furthest an extension or an exemption may reach.
MAX_YEARS = 5
MAX_DAYS = 365 * MAX_YEARS + 1


class LifecycleError(ServiceError):
    """A lifecycle action was refused. `field` names the form field at fault, if one is."""

    field = None

    def __init__(self, message, field=None):
        super().__init__(message)
        if field:
            self.field = field


class InvalidInput(LifecycleError):
    status = 400


class PersonNotFound(LifecycleError):
    """Outside the actor's HR scope: answered like a person who does not exist."""

    status = 404


class WrongState(LifecycleError):
    status = 409


def can_manage_lifecycle(user):
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


def clean_reason(reason):
    """The same rules as a revocation's reason: required, at most 2000 characters."""
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise InvalidInput(_("A reason is required."), field="reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise InvalidInput(
            _("The reason is too long (at most %(n)d characters).") % {"n": MAX_REASON_LENGTH},
            field="reason",
        )
    return reason


def as_moment(until):
    """A date means the end of that day (local time); a naive datetime is local time."""
    if isinstance(until, datetime.datetime):
        moment = until
    elif isinstance(until, datetime.date):
        moment = datetime.datetime.combine(until, datetime.time(23, 59, 59))
    else:
        raise InvalidInput(_("Give the end date as a date."), field="until")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def clean_until(until, now, *, after=None):
    moment = as_moment(until)
    if moment <= now:
        raise InvalidInput(_("The end date must be in the future."), field="until")
    if after is not None and moment <= after:
        raise InvalidInput(
            _("The new end date must be after the current one (%(date)s).")
            % {"date": local_date(after)},
            field="until",
        )
    if moment > now + datetime.timedelta(days=MAX_DAYS):
        raise InvalidInput(
            _("The end date may be at most %(n)d years ahead.") % {"n": MAX_YEARS}, field="until"
        )
    return moment


def local_date(moment):
    return date_format(timezone.localtime(moment), "DATE_FORMAT")


def people_in_scope(user):
    """Condition on users: the people `user` may act for (everyone for an unscoped user)."""
    scope = scope_for(user)
    if scope.is_whole_organisation:
        return None
    return scope.department_condition("employee__department__")


NO_PERSON = gettext_noop("No person has this employee id.")
NO_CERTIFICATE = gettext_noop("No certificate has this serial.")


def check_in_scope(by, person, not_found=NO_PERSON):
    """A scoped HR user acting for someone outside their departments: 404, as if unknown."""
    if by is None:
        return
    scope = scope_for(by)
    if scope.is_whole_organisation:
        return
    employee = getattr(person, "employee", None)
    department = getattr(employee, "department", None) if employee is not None else None
    if department is None or not scope.contains(department):
        raise PersonNotFound(_(not_found))


def _iso(moment):
    return moment.isoformat() if moment else None


def _record(action, *, by, subject, reason, now, certificate=None, program=None, details=None):
    event = LifecycleEvent.objects.create(
        at=now,
        action=action,
        actor=by,
        subject=subject,
        certificate=certificate,
        program=program or (certificate.program if certificate is not None else None),
        reason=reason,
        details=details or {},
    )
    certificate_lifecycle.send(sender=LifecycleEvent, event=event)
    return event


def _record_stale_expiries(holder, program, now):
    """A certificate past its end but not yet recorded as expired would still count as "valid"
    for the one-valid-per-program rule: record its expiry first (as renewal does)."""
    expire_certificates(now, Certificate.objects.filter(holder=holder, program=program))


def _other_valid(certificate_or_none, holder, program):
    others = Certificate.objects.filter(
        holder=holder, program=program, status=CertificateStatus.VALID
    )
    if certificate_or_none is not None:
        others = others.exclude(pk=certificate_or_none.pk)
    return others.order_by("-expires_at").first()


def _already_certified(other, person):
    return WrongState(
        _("%(name)s already holds a valid %(program)s certificate (%(serial)s, until %(date)s).")
        % {
            "name": display_name(person),
            "program": other.program.name,
            "serial": other.serial,
            "date": local_date(other.expires_at),
        }
    )


def _locked(certificate):
    # Only the certificate's row is locked: PostgreSQL cannot lock the nullable side of the
    # outer join to the holder's employee record.
    return (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("holder", "program", "holder__employee__department")
        .get(pk=certificate.pk)
    )


def _refresh(certificate, locked, fields):
    for name in fields:
        setattr(certificate, name, getattr(locked, name))


def extend_certificate(certificate, *, until, reason, by, now=None):
    """Move a valid or expired certificate's end to `until`; an expired one is valid again
    (unless the person holds another valid certificate of the program). Returns the event."""
    reason = clean_reason(reason)
    now = now or timezone.now()
    check_in_scope(by, certificate.holder, NO_CERTIFICATE)
    with transaction.atomic():
        locked = _locked(certificate)
        if locked.status == CertificateStatus.REVOKED:
            raise WrongState(_("A revoked certificate cannot be extended; reinstate it first."))
        if locked.status == CertificateStatus.RENEWED:
            raise WrongState(
                _("This certificate was renewed; extend the certificate that continues it.")
            )
        if locked.status == CertificateStatus.SUSPENDED:
            raise WrongState(
                _("This certificate is suspended; the suspension must be lifted first.")
            )
        new_end = clean_until(until, now, after=locked.expires_at)
        old_end, old_status = locked.expires_at, locked.current_status
        if old_status == CertificateStatus.EXPIRED:
            _record_stale_expiries(locked.holder, locked.program, now)
            other = _other_valid(locked, locked.holder, locked.program)
            if other is not None:
                raise _already_certified(other, locked.holder)
        locked.status = CertificateStatus.VALID
        locked.expires_at = new_end
        locked.save(update_fields=["status", "expires_at"])
        # Reminders count down to the new end.
        ReminderSent.objects.filter(certificate=locked).delete()
        event = _record(
            LifecycleAction.EXTENDED,
            by=by,
            subject=locked.holder,
            certificate=locked,
            reason=reason,
            now=now,
            details={
                "old_expires_at": _iso(old_end),
                "new_expires_at": _iso(new_end),
                "old_status": str(old_status),
            },
        )
    _refresh(certificate, locked, ["status", "expires_at"])
    return event


def grant_exemption(person, program, *, until, reason, by, now=None):
    """An exemption certificate: the person counts as certified in the program until `until`.
    Refused when they already hold a valid certificate of it. Returns the event."""
    reason = clean_reason(reason)
    now = now or timezone.now()
    check_in_scope(by, person)
    end = clean_until(until, now)
    with transaction.atomic():
        # Lock the person's certificates of the program, so two grants cannot both pass.
        list(
            Certificate.objects.select_for_update()
            .filter(holder=person, program=program)
            .values_list("pk", flat=True)
        )
        _record_stale_expiries(person, program, now)
        other = _other_valid(None, person, program)
        if other is not None:
            raise _already_certified(other, person)
        certificate = Certificate.objects.create(
            holder=person,
            program=program,
            kind=CertificateKind.EXEMPTION,
            status=CertificateStatus.VALID,
            issued_at=now,
            expires_at=end,
        )
        event = _record(
            LifecycleAction.EXEMPTED,
            by=by,
            subject=person,
            certificate=certificate,
            reason=reason,
            now=now,
            details={"serial": certificate.serial, "until": _iso(end)},
        )
    return event


def reinstate_certificate(certificate, *, reason, by, now=None):
    """A revoked certificate whose end is still ahead is valid again; the revocation (when, by
    whom, why) is kept in the event's details. Returns the event."""
    reason = clean_reason(reason)
    now = now or timezone.now()
    check_in_scope(by, certificate.holder, NO_CERTIFICATE)
    with transaction.atomic():
        locked = _locked(certificate)
        if locked.status != CertificateStatus.REVOKED:
            raise WrongState(
                _("Only a revoked certificate can be reinstated; this one is %(status)s.")
                % {"status": locked.current_status.label.lower()}
            )
        if locked.expires_at <= now:
            raise WrongState(
                _(
                    "This certificate ended on %(date)s, so it cannot be reinstated; grant an "
                    "exemption or let the person certify again."
                )
                % {"date": local_date(locked.expires_at)}
            )
        _record_stale_expiries(locked.holder, locked.program, now)
        other = _other_valid(locked, locked.holder, locked.program)
        if other is not None:
            raise _already_certified(other, locked.holder)
        details = {
            "revoked_at": _iso(locked.revoked_at),
            "revoked_by": locked.revoked_by_id,
            "revoked_by_name": display_name(locked.revoked_by) if locked.revoked_by_id else "",
            "revocation_reason": locked.revocation_reason,
        }
        locked.status = CertificateStatus.VALID
        locked.revoked_at = None
        locked.revoked_by = None
        locked.revocation_reason = ""
        locked.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
        event = _record(
            LifecycleAction.REINSTATED,
            by=by,
            subject=locked.holder,
            certificate=locked,
            reason=reason,
            now=now,
            details=details,
        )
    _refresh(certificate, locked, ["status", "revoked_at", "revoked_by", "revocation_reason"])
    return event


def reset_quiz_attempts(person, quiz, *, reason, by, now=None):
    """Archive the person's attempts at the quiz, so they may try again. Returns the event."""
    reason = clean_reason(reason)
    now = now or timezone.now()
    check_in_scope(by, person)
    with transaction.atomic():
        used = learning.quiz_attempts_used(person, quiz)
        if not used:
            raise WrongState(
                _("%(name)s has no attempts at “%(quiz)s” to reset.")
                % {"name": display_name(person), "quiz": quiz.title}
            )
        event = _record(
            LifecycleAction.ATTEMPTS_RESET,
            by=by,
            subject=person,
            reason=reason,
            now=now,
            details={"quiz_id": quiz.pk, "quiz": quiz.title, "attempts": used},
        )
        learning.archive_quiz_attempts(person, quiz, reference=f"lifecycle:{event.pk}")
    return event
