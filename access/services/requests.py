"""Requests and grants: granted at once when covered, else waiting for an owner or a certificate."""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from access import events
from access.models import (
    AccessGrant,
    AccessRequest,
    AccountRole,
    AccountStatus,
    AuditAction,
    RequestStatus,
    RevokeReason,
)
from access.services.audit import audit, person_label
from access.services.errors import (
    AccessError,
    AccountPaused,
    AccountRetired,
    AlreadyDecided,
    AlreadyGranted,
    DuplicateRequest,
    NoCoveringCertificate,
    NotAllowed,
)
from access.services.revocation import revoke_grants
from access.services.rules import (
    best_certificate,
    can_decide,
    is_access_staff,
    is_active_person,
    offered_role,
)
from certification.notifications import muted
from lms.decisions import decide as shared_decide
from lms.decisions import record_decision
from lms.outbox import enqueue
from webhooks import events as webhooks

#: The task that mails the owners of an account or the requester (access.tasks), queued by name.
ACCESS_REQUEST_EMAIL_TASK = "access.tasks.send_access_request_email"


def queue_access_request_email(request_id, kind):
    """kind: "waiting" (to the account's owners) or "decided" (to the person who asked)."""
    if not muted():
        enqueue(ACCESS_REQUEST_EMAIL_TASK, request_id, kind)


def request_access(user, account, role, *, note=""):
    """Ask for a role. Granted at once when a valid certificate covers it and the account needs
    no approval; otherwise the request waits (for an owner, or for the certificate).

    Returns the AccessRequest; `grant_result` is the grant when it was granted at once,
    `required_program` the program the role needs and `covered` whether the person holds it.
    """
    note = (note or "").strip()[:2000]
    if not is_active_person(user):
        raise NotAllowed(_("Your account is not active."))
    if account.status == AccountStatus.RETIRED:
        raise AccountRetired(
            _("%(account)s is retired: it takes no requests.") % {"account": account}
        )
    if account.status == AccountStatus.PAUSED:
        raise AccountPaused(
            _("%(account)s is paused: it takes no requests until it is active again.")
            % {"account": account}
        )
    account_role = offered_role(account, role)
    now = timezone.now()
    with transaction.atomic():
        if AccessGrant.objects.active(now).filter(user=user, account=account, role=role).exists():
            raise AlreadyGranted(
                _("You already hold the role '%(role)s' on %(account)s.")
                % {"role": role, "account": account}
            )
        try:
            with transaction.atomic():
                access_request = AccessRequest.objects.create(
                    user=user, account=account, role=role, note=note, requested_at=now
                )
        except IntegrityError:
            raise DuplicateRequest(
                _("You already asked for '%(role)s' on %(account)s; it is waiting for a decision.")
                % {"role": role, "account": account}
            ) from None
        audit(
            AuditAction.REQUESTED,
            actor=user,
            account=account,
            role=role,
            subject=user,
            reason=note,
            request_id=access_request.pk,
        )
        access_request.grant_result = None
        access_request.required_program = account_role.program
        certificate = best_certificate(user, account_role.program_id, now)
        access_request.covered = certificate is not None
        if certificate is not None and not account.requires_approval:
            _approve(access_request, certificate, by=None, now=now)
        elif account.requires_approval:
            queue_access_request_email(access_request.pk, "waiting")
    return access_request


def waiting_message(access_request):
    """What a person is told about a request that was not granted at once."""
    program = access_request.required_program.name
    if access_request.account.requires_approval:
        if access_request.covered:
            return _("Your request is waiting for an owner of the account to decide.")
        return _(
            "Your request is waiting for an owner of the account, who can approve it only once "
            "you hold a valid %(program)s certificate."
        ) % {"program": program}
    return _(
        "Your request is waiting: this role needs a valid %(program)s certificate, which you do "
        "not hold yet. It is granted as soon as you earn one."
    ) % {"program": program}


def _approve(access_request, certificate, *, by, note="", now=None):
    now = now or timezone.now()
    record_decision(
        access_request, RequestStatus.APPROVED, by=by, note=note, note_field="decision_note", at=now
    )
    audit(
        AuditAction.APPROVED,
        actor=by,
        account=access_request.account,
        role=access_request.role,
        subject=access_request.user,
        certificate=certificate,
        reason=note or ("" if by else _("Covered by a valid certificate")),
        request_id=access_request.pk,
        automatic=by is None,
    )
    grant = grant_access(
        access_request.user,
        access_request.account,
        access_request.role,
        certificate,
        by=by,
        access_request=access_request,
        now=now,
    )
    access_request.grant_result = grant
    return grant


def grant_access(
    user, account, role, certificate, *, by=None, access_request=None, now=None, reason=""
):
    """Create the grant (resting on `certificate`), audit it (`reason`: why, when no one
    decided it, e.g. renewed after expiry) and write `access.granted`."""
    now = now or timezone.now()
    with transaction.atomic():
        stale = AccessGrant.objects.unrevoked().filter(
            user=user, account=account, role=role, expires_at__lte=now
        )
        revoke_grants(stale, RevokeReason.CERTIFICATE_EXPIRED, now=now)
        try:
            with transaction.atomic():
                grant = AccessGrant.objects.create(
                    user=user,
                    account=account,
                    role=role,
                    certificate=certificate,
                    request=access_request,
                    granted_by=by,
                    granted_at=now,
                    expires_at=certificate.expires_at,
                )
        except IntegrityError:
            raise AlreadyGranted(
                _("%(user)s already holds '%(role)s' on %(account)s.")
                % {"user": person_label(user), "role": role, "account": account}
            ) from None
        audit(
            AuditAction.GRANTED,
            actor=by,
            account=account,
            role=role,
            subject=user,
            certificate=certificate,
            reason=reason,
            grant_id=grant.pk,
            request_id=access_request.pk if access_request else None,
            expires_at=grant.expires_at.isoformat(),
        )
        webhooks.emit_one(events.ACCESS_GRANTED, events.grant_data(grant))
    return grant


def decide_request(access_request, *, by, approve, note=""):
    """An owner (or staff) approves or rejects a pending request."""
    note = (note or "").strip()[:2000]
    account = access_request.account
    if not can_decide(by, account):
        raise NotAllowed(
            _("Only the owners of %(account)s (or staff) decide its requests.")
            % {"account": account}
        )
    if access_request.user_id == by.pk and not is_access_staff(by):
        raise NotAllowed(_("You cannot decide your own request."))
    if not approve and not note:
        raise AccessError(_("Say why the request is rejected."))

    def approved(locked):
        _approve_by_owner(locked, by, note)
        queue_access_request_email(locked.pk, "decided")

    def rejected(locked):
        _close(locked, RequestStatus.REJECTED, by=by, note=note, action=AuditAction.REJECTED)
        queue_access_request_email(locked.pk, "decided")

    locked = shared_decide(
        access_request,
        approve=approve,
        on_approve=approved,
        on_reject=rejected,
        already_decided=lambda locked: AlreadyDecided(
            _("This request was already %(status)s.")
            % {"status": locked.get_status_display().lower()}
        ),
        queryset=AccessRequest.objects.select_related("user", "account"),
        pending=RequestStatus.PENDING,
    )
    access_request.refresh_from_db()
    access_request.grant_result = getattr(locked, "grant_result", None)
    return access_request


def refuse_approving_on(account):
    """An account that stopped taking requests after one was made (paused or retired) grants
    nothing: raise why; the request may still be rejected."""
    if account.status == AccountStatus.RETIRED:
        raise AccountRetired(
            _("%(account)s is retired: its requests cannot be approved. You may reject this one.")
            % {"account": account}
        )
    if account.status == AccountStatus.PAUSED:
        raise AccountPaused(
            _(
                "%(account)s is paused: its requests cannot be approved until it is active "
                "again. You may reject this one, or decide once the account is active."
            )
            % {"account": account}
        )


def _approve_by_owner(locked, by, note):
    account = locked.account
    refuse_approving_on(account)
    account_role = offered_role(account, locked.role)
    certificate = best_certificate(locked.user, account_role.program_id)
    if certificate is None:
        raise NoCoveringCertificate(
            _(
                "%(user)s holds no valid %(program)s certificate (or one that builds on it): "
                "access must rest on one."
            )
            % {"user": person_label(locked.user), "program": account_role.program}
        )
    _approve(locked, certificate, by=by, note=note)


def _close(locked, status, *, by, note, action):
    record_decision(locked, status, by=by, note=note, note_field="decision_note")
    audit(
        action,
        actor=by,
        account=locked.account,
        role=locked.role,
        subject=locked.user,
        reason=note,
        request_id=locked.pk,
    )


def withdraw_request(access_request, *, by):
    """The requester takes back a pending request."""
    if access_request.user_id != by.pk:
        raise NotAllowed(_("Only the person who asked can withdraw a request."))
    with transaction.atomic():
        locked = (
            AccessRequest.objects.select_for_update(of=("self",))
            .select_related("user", "account")
            .get(pk=access_request.pk)
        )
        if locked.status != RequestStatus.PENDING:
            raise AlreadyDecided(_("This request is no longer pending."))
        _close(locked, RequestStatus.WITHDRAWN, by=by, note="", action=AuditAction.WITHDRAWN)
    return locked


def grant_waiting_requests(certificate):
    """A new certificate: pending requests it covers, on active accounts without approval, are
    granted. A request on a paused account waits for an owner's decision once it is active again.

    Each runs in its own savepoint, so one that cannot be granted leaves the others (and the
    certificate being issued) untouched.
    """
    covered = [program.pk for program in certificate.program.lineage()]
    role_covered = AccountRole.objects.filter(
        account=OuterRef("account"), role=OuterRef("role"), program__in=covered
    )
    candidates = (
        AccessRequest.objects.pending()
        .filter(user_id=certificate.holder_id, account__requires_approval=False)
        .filter(account__status=AccountStatus.ACTIVE)
        .filter(Exists(role_covered))
        .select_related("user", "account")
        .order_by("pk")
    )
    granted = []
    for access_request in candidates:
        try:
            with transaction.atomic():
                locked = AccessRequest.objects.select_for_update(of=("self",)).get(
                    pk=access_request.pk, status=RequestStatus.PENDING
                )
                locked.user, locked.account = access_request.user, access_request.account
                granted.append(_approve(locked, certificate, by=None))
                queue_access_request_email(locked.pk, "decided")
        except (AccessError, IntegrityError, AccessRequest.DoesNotExist):
            continue
    return granted
