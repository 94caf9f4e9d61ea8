"""Writing the append-only audit log, with labels that keep an entry readable for ever."""

from access.models import AuditEntry
from lms.people import display_name


def person_label(user):
    return display_name(user)


def audit_entry(
    action,
    *,
    actor=None,
    account=None,
    role="",
    subject=None,
    certificate=None,
    reason="",
    account_label=None,
    **details,
):
    """An unsaved AuditEntry with labels kept in `details`, so it reads right for ever.

    `account_label`: str(account) when the caller already has it (a sweep writing thousands
    of entries for a handful of accounts names each account once)."""
    details = {k: v for k, v in details.items() if v is not None}
    if subject is not None:
        details.setdefault("subject", person_label(subject))
        details.setdefault("subject_email", subject.email)
    if actor is not None:
        details.setdefault("actor", person_label(actor))
    if account is not None:
        details.setdefault("account", account_label or str(account))
    if certificate is not None:
        details.setdefault("certificate", certificate.serial)
    return AuditEntry(
        action=action,
        actor=actor if actor and actor.pk else None,
        account=account,
        role=role or "",
        subject=subject,
        certificate=certificate,
        reason=str(reason or "")[:255],
        details=details,
    )


def audit(action, **kwargs):
    entry = audit_entry(action, **kwargs)
    entry.save()
    return entry
