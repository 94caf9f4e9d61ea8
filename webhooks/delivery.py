"""Sending webhook deliveries: claim, POST the signed body, record the attempt, back off.

A delivery is claimed with one conditional UPDATE (a short lease), so a task and the sweep
never send the same delivery at the same time, on SQLite as on PostgreSQL. Every attempt is
recorded; a failure schedules the next one with exponential back-off; after the last attempt
the delivery is marked as given up (still visible, and retried from the admin).
"""

import datetime
import logging
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from celery import current_app
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from lms.conf import academy_settings
from webhooks.crypto import SecretUnreadable, sign
from webhooks.models import DeliveryAttempt, DeliveryStatus, WebhookDelivery

logger = logging.getLogger(__name__)

FIRST_RETRY = datetime.timedelta(seconds=30)
MAX_BACKOFF = datetime.timedelta(hours=6)
USER_AGENT = "SocialAcademy-Webhooks/1"

#: The tasks of webhooks.tasks, queued by the names they are registered under (they call this
#: module, which therefore does not import them).
DELIVER_TASK = "webhooks.deliver"
SWEEP_TASK = "webhooks.sweep_deliveries"

#: Above this many deliveries from one change, one sweep task is queued instead of one per row.
FANOUT_LIMIT = 50


def timeout():
    return float(academy_settings.WEBHOOK_TIMEOUT)


def max_attempts():
    return int(academy_settings.WEBHOOK_MAX_ATTEMPTS)


def lease():
    """How long a claimed delivery is another sender's: long enough for one attempt, short
    enough that a worker killed during one delays it by seconds, not minutes."""
    return datetime.timedelta(seconds=max(30.0, 4 * timeout()))


def backoff(attempts):
    """Delay before the next try after `attempts` failures: 30 s, 1 min, 2 min … at most 6 h."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a delivery: it is recorded as a failure."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(url, body, headers):
    """POST and return (status code or None, error text, response excerpt)."""
    if urlsplit(url).scheme not in {"http", "https"}:
        return None, "Only http and https URLs are supported.", ""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=timeout()) as response:
            return response.status, "", response.read(2000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        excerpt = exc.read(2000).decode("utf-8", "replace") if exc.fp else ""
        return exc.code, f"HTTP {exc.code} {exc.reason}", excerpt
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"{exc.__class__.__name__}: {reason}"[:1000], ""


def headers_for(delivery, body, secret):
    event = delivery.event
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Event-Id": str(event.id),
        "X-Event-Type": event.type,
        "X-Delivery-Attempt": str(delivery.attempts + 1),
        "X-Signature": sign(secret, body),
    }


def claim(delivery_id, now):
    """Take the lease on a due delivery; False when it is not due or someone else holds it."""
    return (
        WebhookDelivery.objects.due(now)
        .filter(pk=delivery_id, endpoint__active=True)
        .update(locked_until=now + lease())
        == 1
    )


def deliver(delivery_id, now=None):
    """Try one delivery once. Returns the DeliveryAttempt, or None when there was nothing to do."""
    now = now or timezone.now()
    if not claim(delivery_id, now):
        return None
    delivery = WebhookDelivery.objects.select_related("event", "endpoint").get(pk=delivery_id)
    body = delivery.event.body()
    started = time.monotonic()
    try:
        headers = headers_for(delivery, body, delivery.endpoint.secret)
    except SecretUnreadable as exc:
        status_code, error, excerpt = None, str(exc), ""
    else:
        status_code, error, excerpt = post(delivery.endpoint.url, body, headers)
    duration_ms = int((time.monotonic() - started) * 1000)
    return record(delivery, status_code, error, excerpt, duration_ms)


def record(delivery, status_code, error, excerpt, duration_ms):
    """Write the attempt and move the delivery on: delivered, retried later, or given up."""
    now = timezone.now()
    ok = status_code is not None and 200 <= status_code < 300
    attempts = delivery.attempts + 1
    with transaction.atomic():
        attempt = DeliveryAttempt.objects.create(
            delivery=delivery,
            number=attempts,
            attempted_at=now,
            status_code=status_code,
            error="" if ok else (error or f"HTTP {status_code}"),
            duration_ms=duration_ms,
            response_excerpt=excerpt[:500],
        )
        delivery.attempts = attempts
        delivery.locked_until = None
        delivery.last_status_code = status_code
        delivery.last_error = attempt.error
        if ok:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
        elif attempts >= max_attempts():
            delivery.status = DeliveryStatus.FAILED
        else:
            delivery.next_attempt_at = now + backoff(attempts)
        delivery.save(
            update_fields=[
                "attempts",
                "locked_until",
                "last_status_code",
                "last_error",
                "status",
                "delivered_at",
                "next_attempt_at",
            ]
        )
    if not ok:
        logger.info(
            "Webhook delivery %s failed (attempt %d): %s", delivery.pk, attempts, attempt.error
        )
    return attempt


def due_ids(now=None, limit=500):
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.due(now)
        .filter(endpoint__active=True)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def sweep(now=None, limit=500):
    """Queue every due delivery (pending, its time come, not leased); returns how many."""
    deliver_webhook = current_app.tasks[DELIVER_TASK]
    ids = due_ids(now, limit)
    queued = 0
    for pk in ids:
        try:
            deliver_webhook.delay(pk)
        except (BrokerError, OSError):
            logger.warning("Broker unavailable; the next sweep retries.", exc_info=True)
            break
        queued += 1
    return queued


def retry_now(delivery):
    """From the admin: send again at once, also after the delivery was given up."""
    WebhookDelivery.objects.filter(pk=delivery.pk).exclude(status=DeliveryStatus.DELIVERED).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), locked_until=None
    )
    transaction.on_commit(lambda: enqueue([delivery.pk]))


def enqueue(delivery_ids):
    """Queue sending (one task per delivery, or one sweep for many or unknown ids); a broker
    outage is logged, never raised: the rows stay pending for the beat sweep."""
    try:
        if delivery_ids is None or len(delivery_ids) > FANOUT_LIMIT:
            current_app.tasks[SWEEP_TASK].delay()
        else:
            deliver_webhook = current_app.tasks[DELIVER_TASK]
            for pk in delivery_ids:
                deliver_webhook.delay(pk)
    except (BrokerError, OSError):
        logger.warning(
            "Could not queue webhook deliveries; they stay pending for the sweep.", exc_info=True
        )
