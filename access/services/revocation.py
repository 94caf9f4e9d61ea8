"""Revocation: set-based, audited and announced, in the transaction of its cause."""

import json

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import events
from access.models import (
    AccessGrant,
    AccessRequest,
    AccountStatus,
    AuditAction,
    AuditEntry,
    RequestStatus,
    RevokeReason,
    SocialAccount,
)
from access.services.audit import audit, audit_entry, person_label
from access.services.errors import AccessError, AccountRetired, AlreadyDecided, NotAllowed
from access.services.rules import can_decide, covering_program_ids
from webhooks import events as webhooks

BATCH = 1000


def _batch(count):
    """Rows per statement: everything at once where the database takes any number of
    parameters (PostgreSQL), else BATCH (SQLite), so a sweep of a hundred thousand
    certificates stays a handful of statements."""
    return BATCH if connection.features.max_query_params else max(count, 1)


def close_pending_requests(requests, *, note):
    """Requests that can no longer be granted (person left, account retired, role withdrawn)."""
    now = timezone.now()
    pending = list(requests.filter(status=RequestStatus.PENDING).select_related("user", "account"))
    if not pending:
        return 0
    AccessRequest.objects.filter(pk__in=[r.pk for r in pending]).update(
        status=RequestStatus.WITHDRAWN, decided_at=now, decision_note=note
    )
    AuditEntry.objects.bulk_create(
        [
            audit_entry(
                AuditAction.WITHDRAWN,
                account=r.account,
                role=r.role,
                subject=r.user,
                reason=note,
                request_id=r.pk,
            )
            for r in pending
        ]
    )
    return len(pending)


def revoke_grants(grants, reason, *, by=None, note="", now=None):
    """Revoke every unrevoked grant in the queryset, set-based; audit and announce each.

    Returns the number revoked. Runs inside the caller's transaction (or its own).
    """
    now = now or timezone.now()
    reason = RevokeReason(reason)
    note = (note or "")[:2000]
    if connection.vendor == "postgresql":
        with transaction.atomic():
            return _revoke_in_sql(grants, reason, by=by, note=note, now=now)
    with transaction.atomic():
        rows = list(
            grants.filter(revoked_at__isnull=True)
            .select_related("user__employee", "account", "certificate__program")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        if not rows:
            return 0
        ids = [grant.pk for grant in rows]
        size = _batch(len(ids))
        for start in range(0, len(ids), size):
            AccessGrant.objects.filter(pk__in=ids[start : start + size]).update(
                revoked_at=now, revoke_reason=reason, revoked_by=by, revoke_note=note
            )
        entries = []
        # Labels once per account and once per run, not per grant (each is a translation).
        account_labels = {}
        reason_label = str(reason.label) + (f": {note}" if note else "")
        for grant in rows:
            if grant.account_id not in account_labels:
                account_labels[grant.account_id] = str(grant.account)
            grant.revoked_at, grant.revoke_reason, grant.revoked_by = now, reason, by
            grant.revoke_note = note
            entries.append(
                audit_entry(
                    AuditAction.REVOKED,
                    actor=by,
                    account=grant.account,
                    role=grant.role,
                    subject=grant.user,
                    certificate=grant.certificate,
                    reason=reason_label,
                    account_label=account_labels[grant.account_id],
                    grant_id=grant.pk,
                    revoke_reason=reason.value,
                )
            )
        AuditEntry.objects.bulk_create(entries, batch_size=_batch(len(entries)))
        # A generator: the payloads are built only when an endpoint subscribes.
        webhooks.emit(events.ACCESS_REVOKED, (events.grant_data(grant) for grant in rows))
    return len(rows)


def _column(model, field):
    return connection.ops.quote_name(model._meta.get_field(field).column)


def _revoke_in_sql(grants, reason, *, by, note, now):
    """PostgreSQL: a sweep of a hundred thousand grants in two statements, no model instances.

    One `UPDATE … RETURNING` revokes the unrevoked grants of the queryset (each row locked and
    re-checked by the update itself), then one `INSERT … SELECT` writes their audit entries with
    the labels `audit_entry()` gives them: the person's name and e-mail, the actor, the
    account (named once each, in Python), the certificate's serial."""
    from django.contrib.auth import get_user_model

    from certification.models import Certificate

    User = get_user_model()
    table = connection.ops.quote_name(AccessGrant._meta.db_table)
    pending, pending_params = (
        grants.filter(revoked_at__isnull=True).values("pk").query.sql_with_params()
    )
    by_id = by.pk if by is not None else None
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {_column(AccessGrant, 'revoked_at')} = %s,"  # noqa: S608 - quoted names; values bound
            f" {_column(AccessGrant, 'revoke_reason')} = %s,"
            f" {_column(AccessGrant, 'revoked_by')} = %s,"
            f" {_column(AccessGrant, 'revoke_note')} = %s"
            f" WHERE {_column(AccessGrant, 'id')} IN ({pending})"
            f" AND {_column(AccessGrant, 'revoked_at')} IS NULL"
            f" RETURNING {_column(AccessGrant, 'id')}, {_column(AccessGrant, 'account')}",
            [now, reason.value, by_id, note, *pending_params],
        )
        revoked = cursor.fetchall()
        if not revoked:
            return 0
        ids = sorted(row[0] for row in revoked)
        # Each account named once (str() of the account, as a single revocation names it).
        accounts = SocialAccount.objects.in_bulk({row[1] for row in revoked})
        labels = {str(pk): str(account) for pk, account in accounts.items()}
        reason_label = (str(reason.label) + (f": {note}" if note else ""))[:255]
        entry = AuditEntry._meta
        user_table = connection.ops.quote_name(User._meta.db_table)
        certificate_table = connection.ops.quote_name(Certificate._meta.db_table)
        columns = ", ".join(
            _column(AuditEntry, field)
            for field in (
                "at",
                "action",
                "actor",
                "account",
                "role",
                "subject",
                "certificate",
                "reason",
                "details",
            )
        )
        # jsonb_strip_nulls: audit_entry() leaves out what is None (here the actor when the
        # system revokes); the person's name is `display_name()`'s "First Last" or username.
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(entry.db_table)} ({columns})"  # noqa: S608 - quoted names; values bound
            " SELECT %s, %s, %s, g.account_id, g.role, g.user_id, g.certificate_id, %s,"
            " jsonb_strip_nulls(jsonb_build_object("
            "  'grant_id', g.id,"
            "  'revoke_reason', %s::text,"
            "  'subject', COALESCE(NULLIF(TRIM(CONCAT(u.first_name, ' ', u.last_name)), ''),"
            "   u.username),"
            "  'subject_email', u.email,"
            "  'actor', %s::text,"
            "  'account', %s::jsonb ->> g.account_id::text,"
            "  'certificate', c.serial))"
            f" FROM {table} g JOIN {user_table} u ON u.id = g.user_id"
            f" JOIN {certificate_table} c ON c.id = g.certificate_id"
            " WHERE g.id = ANY(%s) ORDER BY g.id",
            [
                timezone.now(),
                AuditAction.REVOKED.value,
                by_id,
                reason_label,
                reason.value,
                person_label(by) if by is not None else None,
                json.dumps(labels),
                ids,
            ],
        )
    # A generator: the grants are read back (and their payloads built) only when an endpoint
    # subscribes.
    webhooks.emit(events.ACCESS_REVOKED, (events.grant_data(grant) for grant in _grants_by_id(ids)))
    return len(ids)


def _grants_by_id(ids):
    for start in range(0, len(ids), BATCH):
        yield from (
            AccessGrant.objects.filter(pk__in=ids[start : start + BATCH])
            .select_related("user__employee", "account", "certificate__program")
            .order_by("pk")
        )


def revoke_grant(grant, *, by, note=""):
    """An owner (or staff) takes a grant back."""
    if not can_decide(by, grant.account):
        raise NotAllowed(
            _("Only the owners of %(account)s (or staff) revoke access to it.")
            % {"account": grant.account}
        )
    note = (note or "").strip()
    if not note:
        raise AccessError(_("Say why access is revoked."))
    if grant.revoked_at is not None:
        raise AlreadyDecided(_("This grant was already revoked."))
    return revoke_grants(
        AccessGrant.objects.filter(pk=grant.pk), RevokeReason.MANUAL, by=by, note=note
    )


def revoke_for_certificates(certificate_ids, reason, *, by=None, note=""):
    """Every grant resting on these certificates (a list of ids, taken in batches on SQLite)."""
    ids = list(certificate_ids)
    if connection.vendor == "postgresql":
        # One array parameter, not one placeholder per id: binding a hundred thousand
        # placeholders cost the expiry sweep seconds before PostgreSQL saw the statement.
        column = f"{connection.ops.quote_name(AccessGrant._meta.db_table)}.certificate_id"
        grants = AccessGrant.objects.extra(where=[f"{column} = ANY(%s)"], params=[ids])  # noqa: S610 - the table's own name, the ids bound
        return revoke_grants(grants, reason, by=by, note=note)
    count, size = 0, _batch(len(ids))
    for start in range(0, len(ids), size):
        grants = AccessGrant.objects.filter(certificate_id__in=ids[start : start + size])
        count += revoke_grants(grants, reason, by=by, note=note)
    return count


def revoke_for_user(user, reason=RevokeReason.USER_INACTIVE, *, note=""):
    with transaction.atomic():
        count = revoke_grants(AccessGrant.objects.filter(user=user), reason, note=note)
        close_pending_requests(
            AccessRequest.objects.filter(user=user), note=_("The person is no longer active.")
        )
    return count


def on_account_retired(account, *, actor=None):
    """When SocialAccount.save() makes an account retired (`account_retired`, inside its
    transaction): the audit entry, pending requests closed, grants revoked."""
    audit(
        AuditAction.ACCOUNT_RETIRED,
        actor=actor,
        account=account,
        reason=getattr(account, "_retire_reason", ""),
    )
    close_pending_requests(
        AccessRequest.objects.filter(account=account), note=_("The account was retired.")
    )
    return revoke_grants(
        AccessGrant.objects.filter(account=account), RevokeReason.ACCOUNT_RETIRED, by=actor
    )


def retire_account(account, *, by):
    """The admin action: retire an account (and so revoke every grant on it)."""
    if not can_decide(by, account):
        raise NotAllowed(
            _("Only the owners of %(account)s (or staff) retire it.") % {"account": account}
        )
    if account.status == AccountStatus.RETIRED:
        raise AccountRetired(_("%(account)s is already retired.") % {"account": account})
    account.status = AccountStatus.RETIRED
    account._actor = by
    account.save()
    return account


def retire_sunset_accounts(today=None):
    """The nightly sweep: accounts whose sunset date has come are retired, their grants revoked
    and their pending requests closed, each account in its own transaction. Returns them."""
    today = today or timezone.localdate()
    due = SocialAccount.objects.exclude(status=AccountStatus.RETIRED).filter(sunset_date__lte=today)
    retired = []
    for account in due.order_by("pk"):
        with transaction.atomic():
            account._actor = None
            account._retire_reason = _("Sunset date %(date)s reached") % {
                "date": account.sunset_date.isoformat()
            }
            account.status = AccountStatus.RETIRED
            account.save()
        retired.append(account)
    return retired


def on_role_withdrawn(account_id, role):
    """An account stopped offering a role: its grants end and its pending requests close."""
    with transaction.atomic():
        close_pending_requests(
            AccessRequest.objects.filter(account_id=account_id, role=role),
            note=_("The account no longer offers this role."),
        )
        grants = AccessGrant.objects.filter(account_id=account_id, role=role)
        return revoke_grants(grants, RevokeReason.ROLE_WITHDRAWN)


def on_requirement_changed(account_role):
    """A role now requires another program: grants whose certificate does not cover it end."""
    covered = covering_program_ids(account_role.program_id)
    grants = AccessGrant.objects.filter(
        account_id=account_role.account_id, role=account_role.role
    ).exclude(certificate__program__in=covered)
    return revoke_grants(grants, RevokeReason.REQUIREMENT_CHANGED)
