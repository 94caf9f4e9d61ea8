"""Celery tasks of HR: thin wrappers that call the services (queued through lms.outbox)."""

from smtplib import SMTPException

from celery import shared_task

from lms.outbox import outbox_task

#: Mail servers fail now and then: the email tasks try again (what was sent is recorded, so a
#: retry sends only the rest).
MAIL_RETRY = {
    "autoretry_for": (OSError, SMTPException),
    "retry_backoff": 60,
    "max_retries": 5,
}


@outbox_task
def run_people_import(import_id):
    """Validate and apply a large people import in the background."""
    from lms.people_import import run_import

    return run_import(import_id)


@shared_task
def purge_people_import_files():
    """Nightly: delete uploaded HR files older than PEOPLE_IMPORT_KEEP_DAYS (the counts stay)."""
    from lms.people_import import purge_old_files

    return purge_old_files()


@shared_task(**MAIL_RETRY)
def send_assignment_reminders():
    """Daily: reminders before the due date and once overdue (each sent once)."""
    from lms.reports.reminders import send_assignment_reminders as send

    return send()


@shared_task(**MAIL_RETRY)
def send_manager_digests():
    """Weekly: each manager's list of overdue direct reports."""
    from lms.reports.reminders import send_manager_digests as send

    return send()


@shared_task(**MAIL_RETRY)
def send_monthly_summaries():
    """On the 1st: snapshot every HR scope and email each HR user their summary."""
    from lms.reports.summary import send_monthly_summaries as send

    return send()
