"""The webhook outbox: events are written in the caller's transaction, sent after it commits.

`emit(type, [data, ...])` writes one OutboxEvent per item and one WebhookDelivery per active
endpoint subscribed to the type, inside the current transaction: if the change rolls back, so
do its events. After the commit the deliveries are queued; if the broker is down the rows stay
pending and the beat sweep (`webhooks.delivery.sweep`) sends them later, so nothing is lost.

Receivers verify `X-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed by the secret>`
and de-duplicate on the event id (delivery is at least once).
"""

from functools import partial
from itertools import islice

from django.db import transaction

from lms.people import display_name
from webhooks.crypto import sign, verify  # noqa: F401  (what a receiver does, documented here)
from webhooks.delivery import FANOUT_LIMIT, enqueue
from webhooks.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from webhooks.registry import PING, event_types

BATCH = 1000


def subscribers(event_type):
    """Active endpoints for this type (endpoints are few: filtered here, portable to SQLite)."""
    return [e for e in WebhookEndpoint.objects.active() if e.subscribes_to(event_type)]


def emit(event_type, items):
    """Write events of one type (an iterable of data dicts) and their deliveries, in batches;
    returns how many events were written.

    Nothing is written when no active endpoint subscribes to the type: the outbox holds what
    is to be sent, and the audit log is the record of what happened.
    """
    if event_type not in dict(event_types()):
        raise ValueError(f"{event_type!r} is not a registered webhook event type.")
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
            type=PING,
            data={
                "message": "A test event from the admin: your receiver answered it.",
                "endpoint": {"id": endpoint.pk, "name": endpoint.name},
                "sent_by": by.get_username() if by is not None else None,
            },
        )
        delivery = WebhookDelivery.objects.create(event=event, endpoint=endpoint)
        transaction.on_commit(partial(enqueue, [delivery.pk]))
    return delivery


def user_data(user):
    employee = getattr(user, "employee", None)
    return {
        "email": user.email,
        "name": display_name(user),
        "employee_id": employee.employee_id if employee else None,
    }


def iso(value):
    return value.isoformat() if value else None
