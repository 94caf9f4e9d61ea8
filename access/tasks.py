"""Celery tasks of access: thin, take primary keys, call a service."""

from celery import shared_task

from access import notifications
from access.services.champions import end_terms
from access.services.duty import notify_duty_gaps
from access.services.requests import ACCESS_REQUEST_EMAIL_TASK
from access.services.revocation import retire_sunset_accounts as retire
from lms.outbox import outbox_task


@outbox_task(
    name=ACCESS_REQUEST_EMAIL_TASK,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def send_access_request_email(request_id, kind):
    """E-mail the owners of an account about a waiting request, or the requester a decision."""
    notifications.send_access_request_email(request_id, kind)


@shared_task(name="access.retire_sunset_accounts")
def retire_sunset_accounts():
    """Nightly: retire the official accounts whose sunset date has come (grants revoked)."""
    return [account.pk for account in retire()]


@shared_task(name="access.notify_duty_gaps")
def send_duty_gap_notices():
    """Daily: tell the owners of each account of the hours of the coming week with nobody on
    listening or triage duty (each gap once)."""
    return notify_duty_gaps()


@shared_task(name="access.end_champion_terms")
def end_champion_terms():
    """Daily: champions whose term has run out step down ("term ended"), audited and announced."""
    return end_terms()
