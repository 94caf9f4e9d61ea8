"""The webhook events of access: their types and payloads, emitted by the access services in
the transaction that grants or revokes."""

from django.utils.translation import gettext_lazy as _

from webhooks.events import iso, user_data

ACCESS_GRANTED = "access.granted"
ACCESS_REVOKED = "access.revoked"

EVENT_TYPES = [
    (ACCESS_GRANTED, _("Access granted")),
    (ACCESS_REVOKED, _("Access revoked")),
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
