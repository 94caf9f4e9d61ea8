"""Celery tasks of HR reporting: thin wrappers that call the services."""

from smtplib import SMTPException

from celery import shared_task

from lms.outbox import outbox_task
from reporting import audit_packs, reminders, summary

#: Mail servers fail now and then: the email tasks try again (what was sent is recorded, so a
#: retry sends only the rest).
MAIL_RETRY = {
    "autoretry_for": (OSError, SMTPException),
    "retry_backoff": 60,
    "max_retries": 5,
}


@shared_task(**MAIL_RETRY)
def send_assignment_reminders():
    """Daily: reminders before the due date and once overdue (each sent once)."""
    return reminders.send_assignment_reminders()


@shared_task(**MAIL_RETRY)
def send_manager_digests():
    """Weekly: each manager's list of overdue direct reports."""
    return reminders.send_manager_digests()


@shared_task(**MAIL_RETRY)
def send_monthly_summaries():
    """On the 1st: snapshot every HR scope and email each HR user their summary."""
    return summary.send_monthly_summaries()


@outbox_task(name=audit_packs.BUILD_TASK)
def build_audit_pack(pack_id):
    """Build an audit pack's ZIP (queued by the admin form through the outbox)."""
    return audit_packs.build_pack(pack_id)


@shared_task(name="reporting.tasks.purge_audit_packs")
def purge_audit_packs():
    """Daily: delete the files of audit packs older than AUDIT_PACK_RETENTION_DAYS."""
    return audit_packs.purge_expired_packs()
