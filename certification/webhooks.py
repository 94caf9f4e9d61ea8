"""The webhook outbox: events are written in the caller's transaction, sent after it commits.

`emit(type, [data, ...])` writes one OutboxEvent per item and one WebhookDelivery per active
endpoint subscribed to the type, inside the current transaction: if the change rolls back, so
do its events. After the commit the deliveries are queued; if the broker is down the rows stay
pending and the beat sweep (`webhooks_delivery.sweep`) sends them later, so nothing is lost.

Receivers verify `X-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed by the secret>`
and de-duplicate on the event id (delivery is at least once).
"""

import hashlib
import hmac
import logging
from functools import partial
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerError

from certification.models import EventType, OutboxEvent, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

#: Above this many deliveries from one change, one sweep task is queued instead of one per row.
FANOUT_LIMIT = 50
BATCH = 1000


def sign(secret, body):
    """The X-Signature header value for a raw body."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret, body, header):
    """What a receiver does: constant-time comparison of the header with the expected value."""
    return hmac.compare_digest(sign(secret, body), header or "")


def subscribers(event_type):
    """Active endpoints for this type (endpoints are few: filtered here, portable to SQLite)."""
    return [e for e in WebhookEndpoint.objects.active() if e.subscribes_to(event_type)]


def emit(event_type, items):
    """Write events of one type (an iterable of data dicts) and their deliveries, in batches;
    returns how many events were written.

    Nothing is written when no active endpoint subscribes to the type: the outbox holds what
    is to be sent, and the audit log is the record of what happened.
    """
    event_type = EventType(event_type)
    endpoints = subscribers(event_type)
    if not endpoints:
        return 0
    items = iter(items)
    written, delivery_ids = 0, []
    while chunk := [OutboxEvent(type=event_type, data=data) for data in islice(items, BATCH)]:
        OutboxEvent.objects.bulk_create(chunk)
        deliveries = WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(event=event, endpoint=endpoint)
                for event in chunk
                for endpoint in endpoints
            ]
        )
        written += len(chunk)
        if delivery_ids is not None and len(delivery_ids) <= FANOUT_LIMIT:
            delivery_ids += [d.pk for d in deliveries]
        if delivery_ids is not None and None in delivery_ids:
            delivery_ids = None  # a backend that returns no ids: the sweep finds the rows
    if written:
        many = delivery_ids is None or written * len(endpoints) > FANOUT_LIMIT
        transaction.on_commit(partial(enqueue, None if many else delivery_ids))
    return written


def emit_one(event_type, data):
    return emit(event_type, [data])


def send_test_event(endpoint, *, by=None):
    """A `ping` event to this endpoint only (active or not, whatever it subscribes to), signed
    and delivered like any other; returns the delivery, whose attempts show what came back."""
    with transaction.atomic():
        event = OutboxEvent.objects.create(
            type=EventType.PING,
            data={
                "message": "A test event from the admin: your receiver answered it.",
                "endpoint": {"id": endpoint.pk, "name": endpoint.name},
                "sent_by": by.get_username() if by is not None else None,
            },
        )
        delivery = WebhookDelivery.objects.create(event=event, endpoint=endpoint)
        transaction.on_commit(partial(enqueue, [delivery.pk]))
    return delivery


def enqueue(delivery_ids):
    """Queue sending (one task per delivery, or one sweep for many or unknown ids); a broker
    outage is logged, never raised: the rows stay pending for the beat sweep."""
    from certification.webhooks_tasks import deliver_webhook, sweep_webhook_deliveries

    try:
        if delivery_ids is None or len(delivery_ids) > FANOUT_LIMIT:
            sweep_webhook_deliveries.delay()
        else:
            for pk in delivery_ids:
                deliver_webhook.delay(pk)
    except (BrokerError, OSError):
        logger.warning(
            "Could not queue webhook deliveries; they stay pending for the sweep.", exc_info=True
        )


def user_data(user):
    employee = getattr(user, "employee", None)
    return {
        "email": user.email,
        "name": user.get_full_name() or user.get_username(),
        "employee_id": employee.employee_id if employee else None,
    }


def _iso(value):
    return value.isoformat() if value else None


def certificate_data(certificate, reason=None):
    program = certificate.program
    data = {
        "serial": certificate.serial,
        "status": certificate.status,
        "program": {"slug": program.slug, "name": program.name, "tier": program.tier},
        "holder": user_data(certificate.holder),
        "issued_at": _iso(certificate.issued_at),
        "expires_at": _iso(certificate.expires_at),
        "revoked_at": _iso(certificate.revoked_at),
        "verification_url": certificate.verification_url(),
    }
    if reason is not None:
        data["reason"] = reason
    return data


def expired_certificates_data(certificate_ids):
    """Payloads for the sweep's expired certificates, read in batches with one join each."""
    from certification.models import Certificate

    fields = (
        "serial",
        "status",
        "issued_at",
        "expires_at",
        "revoked_at",
        "program__slug",
        "program__name",
        "program__tier",
        "holder__email",
        "holder__first_name",
        "holder__last_name",
        "holder__username",
        "holder__employee__employee_id",
    )
    ids = list(certificate_ids)
    for start in range(0, len(ids), BATCH):
        rows = Certificate.objects.filter(pk__in=ids[start : start + BATCH]).values(*fields)
        for row in rows:
            name = f"{row['holder__first_name']} {row['holder__last_name']}".strip()
            yield {
                "serial": row["serial"],
                "status": row["status"],
                "program": {
                    "slug": row["program__slug"],
                    "name": row["program__name"],
                    "tier": row["program__tier"],
                },
                "holder": {
                    "email": row["holder__email"],
                    "name": name or row["holder__username"],
                    "employee_id": row["holder__employee__employee_id"],
                },
                "issued_at": _iso(row["issued_at"]),
                "expires_at": _iso(row["expires_at"]),
                "revoked_at": _iso(row["revoked_at"]),
                "verification_url": settings.SITE_URL
                + reverse("certification:verify", args=[row["serial"]]),
            }


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
        "granted_at": _iso(grant.granted_at),
        "expires_at": _iso(grant.expires_at),
    }
    if grant.revoked_at is not None:
        data["revoked_at"] = _iso(grant.revoked_at)
        data["reason"] = grant.revoke_reason
    return data
