"""Expiry and renewal: the daily sweep, reminders before the end, and what to redo."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from certification import notifications
from certification.models import Certificate, CertificateStatus, ReminderSent
from certification.services.standing import renewal_plan
from certification.signals import certificates_expired

logger = logging.getLogger(__name__)

#: Reminders go out this many days before a certificate expires, each once.
REMINDER_DAYS = (30, 14, 1)


def expire_certificates(now=None, certificates=None):
    """Record the expiry of every certificate whose time is up (expires_at <= now).

    A certificate is expired from its `expires_at` on, whatever the sweep has done: every
    reader computes validity from the dates (`Certificate.objects.valid()`, `status_at()`).
    The sweep only *records* it: the status column, the `certificates_expired` signal (webhooks,
    the grants resting on them revoked and audited). `certificates` narrows it (issuing a
    renewal records the old certificate's expiry first).

    Set-based: one SELECT of the ids (rows locked), one UPDATE, one signal with the ids, the
    same number of queries for ten certificates or a hundred thousand. Returns the ids.
    """
    now = now or timezone.now()
    due = (certificates if certificates is not None else Certificate.objects).due_to_expire(now)
    with transaction.atomic():
        ids = list(due.select_for_update().order_by().values_list("pk", flat=True))
        if not ids:
            return []
        # The rows are locked, so the same condition updates exactly the ids just read.
        due.update(status=CertificateStatus.EXPIRED)
        certificates_expired.send(sender=Certificate, certificate_ids=ids)
    logger.info("Expired %d certificates.", len(ids))
    return ids


def reminder_threshold(expires_at, now):
    """The smallest reminder threshold reached, or None when none is (or it already ended).

    A certificate first seen 10 days before its end gets the 14-day reminder only, not a
    belated 30-day one.
    """
    left = expires_at - now
    if left <= datetime.timedelta(0):
        return None
    reached = [days for days in REMINDER_DAYS if left <= datetime.timedelta(days=days)]
    return min(reached) if reached else None


def send_expiry_reminders(now=None):
    """E-mail each holder whose certificate reaches a threshold; each reminder at most once.

    The ReminderSent row and the e-mail share a transaction: a failed e-mail leaves no row (it
    is tried again next run), and a second run finds the row and sends nothing.
    """
    now = now or timezone.now()
    window_end = now + datetime.timedelta(days=max(REMINDER_DAYS))
    candidates = (
        Certificate.objects.valid(now)
        .filter(expires_at__lte=window_end, holder__is_active=True)
        .exclude(holder__employee__active=False)
        .select_related("holder", "program")
        .prefetch_related("reminders")
        .order_by("expires_at")
    )
    sent = []
    for certificate in candidates:
        days = reminder_threshold(certificate.expires_at, now)
        if days is None or any(r.days_before == days for r in certificate.reminders.all()):
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(certificate=certificate, days_before=days, sent_at=now)
                notifications.send_expiry_reminder(certificate, days, renewal_plan(certificate))
        except IntegrityError:
            continue  # another run got there first
        sent.append((certificate.pk, days))
    return sent
