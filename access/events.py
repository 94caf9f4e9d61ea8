"""The webhook events of access: their types and payloads, emitted by the access services in
the transaction that grants or revokes."""

from django.utils.translation import gettext_lazy as _

from webhooks.events import iso, user_data

ACCESS_GRANTED = "access.granted"
ACCESS_REVOKED = "access.revoked"
DUTY_SCHEDULED = "duty.scheduled"
DUTY_CANCELLED = "duty.cancelled"
CHAMPION_NOMINATED = "champion.nominated"
CHAMPION_APPOINTED = "champion.appointed"
CHAMPION_ENDED = "champion.ended"
CHAMPION_LAPSED = "champion.lapsed"

EVENT_TYPES = [
    (ACCESS_GRANTED, _("Access granted")),
    (ACCESS_REVOKED, _("Access revoked")),
    (DUTY_SCHEDULED, _("Duty scheduled")),
    (DUTY_CANCELLED, _("Duty cancelled")),
    (CHAMPION_NOMINATED, _("Champion nominated (awaiting approval)")),
    (CHAMPION_APPOINTED, _("Champion appointed")),
    (CHAMPION_ENDED, _("Champion's role ended")),
    (CHAMPION_LAPSED, _("Champion's role lapsed (certificate ended)")),
]


def grant_data(grant):
    account = grant.account
    data = {
        "grant_id": grant.pk,
        "user": user_data(grant.user),
        "account": {
            "id": account.pk,
            "platform": account.platform,
            "handle": account.handle,
            "url": account.url,
        },
        "role": grant.role,
        "certificate": {
            "serial": grant.certificate.serial,
            "program": grant.certificate.program.slug,
        },
        "granted_at": iso(grant.granted_at),
        "expires_at": iso(grant.expires_at),
    }
    if grant.revoked_at is not None:
        data["revoked_at"] = iso(grant.revoked_at)
        data["reason"] = grant.revoke_reason
    return data


def champion_data(champion):
    """A champion as webhook receivers see it: who, for which department, on what, until when."""
    department = champion.department
    certificate = champion.certificate
    return {
        "champion_id": champion.pk,
        "user": user_data(champion.person),
        "department": {"id": department.pk, "code": department.code, "name": department.name},
        "program": champion.program.slug,
        "certificate": certificate.serial if certificate is not None else None,
        "status": champion.status,
        "self_nominated": champion.self_nominated,
        "nominated_at": iso(champion.nominated_at),
        "term_start": iso(champion.term_start),
        "term_end": iso(champion.term_end),
        "ended_at": iso(champion.ended_at),
        "reason": champion.end_reason or None,
    }


def duty_data(slot, cancelled_by=None):
    """A listening or triage slot: who is on which duty for which account, and when."""
    account = slot.account
    data = {
        "slot_id": slot.pk,
        "kind": slot.kind,
        "person": user_data(slot.person),
        "account": {
            "id": account.pk,
            "platform": account.platform,
            "handle": account.handle,
            "url": account.url,
        },
        "starts_at": iso(slot.starts_at),
        "ends_at": iso(slot.ends_at),
        "note": slot.note,
    }
    if cancelled_by is not None:
        data["cancelled_by"] = user_data(cancelled_by)
    return data
