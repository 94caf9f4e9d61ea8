"""Expiry and renewal: the daily sweep, reminders before the end, and what to redo."""

import datetime
import logging

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from certification import notifications
from certification.models import Certificate, CertificateStatus, Program, ReminderSent
from certification.services.standing import LearnerRecord, renewal_plan
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

    Set-based: one `UPDATE … RETURNING` of the ids on PostgreSQL (elsewhere one SELECT of the
    ids, rows locked, then one UPDATE), one signal with the ids, the same number of queries for
    ten certificates or a hundred thousand. Returns the ids.
    """
    now = now or timezone.now()
    due = (certificates if certificates is not None else Certificate.objects).due_to_expire(now)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            ids = _expire_returning(due)
        else:
            ids = list(due.select_for_update().order_by().values_list("pk", flat=True))
            if ids:
                # The rows are locked, so the same condition updates exactly the ids just read.
                due.update(status=CertificateStatus.EXPIRED)
        if not ids:
            return []
        certificates_expired.send(sender=Certificate, certificate_ids=ids)
    logger.info("Expired %d certificates.", len(ids))
    return ids


def _expire_returning(due):
    """PostgreSQL: one `UPDATE … RETURNING id` records the expiry and gives the ids. Each row is
    written once (a SELECT … FOR UPDATE first wrote every row a second time to lock it); the
    UPDATE locks what it changes, and its own `status = 'valid'` is checked again on a row a
    concurrent sweep changed first, so two sweeps never both report a certificate."""
    select, params = due.order_by().values("pk").query.sql_with_params()
    table = connection.ops.quote_name(Certificate._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s WHERE status = %s AND id IN ({select}) RETURNING id",  # noqa: S608 - the table name and the ORM's own SELECT
            [CertificateStatus.EXPIRED, CertificateStatus.VALID, *params],
        )
        return [row[0] for row in cursor.fetchall()]


def reminder_days_of_list(days):
    """A reminder schedule (days before expiry) as a tuple, largest first; empty: none.

    None (no schedule of its own) follows REMINDER_DAYS."""
    if days is None:
        days = REMINDER_DAYS
    return tuple(sorted({int(day) for day in days if int(day) > 0}, reverse=True))


def reminder_days_of(program):
    """The program's reminder schedule (`Program.reminder_days`), largest first."""
    return reminder_days_of_list(getattr(program, "reminder_days", None))


def reminder_threshold(expires_at, now, days=REMINDER_DAYS):
    """The smallest reminder threshold of `days` reached, or None when none is (or it already
    ended).

    A certificate first seen 10 days before its end gets the 14-day reminder only, not a
    belated 30-day one.
    """
    left = expires_at - now
    if left <= datetime.timedelta(0):
        return None
    reached = [day for day in days if left <= datetime.timedelta(days=day)]
    return min(reached) if reached else None


def _manager_of(holder):
    """The holder's manager as a user who can get mail (active, with an address), or None."""
    employee = getattr(holder, "employee", None)
    manager = employee.manager if employee is not None else None
    user = manager.user if manager is not None and manager.active else None
    if user is None or not user.is_active or not user.email:
        return None
    return user


def send_expiry_reminders(now=None):
    """E-mail each holder whose certificate reaches a threshold of its program's schedule
    (`Program.reminder_days`; an empty schedule sends nothing); each reminder at most once.
    With `Program.remind_managers`, the holder's manager gets a copy of each reminder (one
    mail per certificate and threshold, no digest).

    Set-based: the programs, the certificates due (locked, with their holders, managers, time
    zones and the reminders already sent), what each holder still has to do
    (`LearnerRecord.for_users`), then one INSERT of every ReminderSent row: the same number of
    queries for ten reminders or a hundred thousand. The rows and the e-mails share one
    transaction: a holder's e-mail that fails has its row deleted again before the commit (it
    is tried again next run; one DELETE for all that failed, then the first error is raised
    after the commit), and a second run finds the rows and sends nothing. A manager's copy
    that fails is logged and does not undo the holder's reminder. Returns [(certificate id,
    days)] of the reminders sent.
    """
    now = now or timezone.now()
    programs = Program.objects.in_bulk()
    schedules = {
        pk: reminder_days_of_list(program.reminder_days) for pk, program in programs.items()
    }
    longest = max((max(days) for days in schedules.values() if days), default=0)
    if not longest:
        return []
    window_end = now + datetime.timedelta(days=longest)
    ending = (
        Certificate.objects.valid(now)
        .filter(expires_at__lte=window_end, holder__is_active=True)
        .exclude(holder__employee__active=False)
    )
    candidates = ending.select_related(
        "recertification",
        "holder__academy_preferences",
        "holder__employee__manager__user__academy_preferences",
    ).order_by("expires_at", "pk")
    if connection.features.has_select_for_update_of:
        # Two runs at once: the second waits here, then sees the first one's rows.
        candidates = candidates.select_for_update(of=("self",))
    with transaction.atomic():
        due = []
        for certificate in candidates:
            days = reminder_threshold(
                certificate.expires_at, now, schedules.get(certificate.program_id, ())
            )
            if days is not None:
                # The program from the few loaded above, not a copy per certificate.
                certificate.program = programs[certificate.program_id]
                due.append((certificate, days))
        if due:
            # The reminders already sent, as (certificate, days) pairs: no row objects.
            already = set(
                ReminderSent.objects.filter(certificate_id__in=ending.values("pk")).values_list(
                    "certificate_id", "days_before"
                )
            )
            due = [(c, days) for c, days in due if (c.pk, days) not in already]
        if not due:
            return []
        records = LearnerRecord.for_users({c.holder_id for c, _days in due}, now=now)
        ReminderSent.objects.bulk_create(
            [ReminderSent(certificate=c, days_before=days, sent_at=now) for c, days in due]
        )
        sent, failed = [], []
        for certificate, days in due:
            plan = renewal_plan(certificate, record=records[certificate.holder_id])
            try:
                notifications.send_expiry_reminder(certificate, days, plan)
            except OSError as exc:  # the mail server (smtplib's errors are OSErrors too)
                logger.warning("Reminder for certificate %s not sent: %s", certificate.pk, exc)
                failed.append((certificate.pk, days, exc))
                continue
            sent.append((certificate.pk, days))
            remind = certificate.program.remind_managers
            manager = _manager_of(certificate.holder) if remind else None
            if manager is not None:
                try:
                    notifications.send_expiry_reminder_to_manager(certificate, days, plan, manager)
                except OSError:
                    logger.exception("Manager's copy for certificate %s not sent.", certificate.pk)
        if failed:
            condition = Q()
            for pk, days, _exc in failed:
                condition |= Q(certificate_id=pk, days_before=days)
            ReminderSent.objects.filter(condition).delete()
    logger.info("Sent %d expiry reminders.", len(sent))
    if failed:
        # The reminders that went out are recorded; the run still fails, so the task shows it.
        raise failed[0][2]
    return sent
