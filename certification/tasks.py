"""Celery tasks of certification: thin, take primary keys, call a service."""

import logging

from celery import shared_task

from lms.outbox import outbox_task

logger = logging.getLogger(__name__)


@outbox_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def evaluate_certifications(user_id):
    """Issue whatever certificates the person now meets; returns their serials."""
    from certification.services import evaluate_user_id

    return [certificate.serial for certificate in evaluate_user_id(user_id)]


@shared_task(name="certification.reconcile_certificates")
def reconcile_certificates():
    """Nightly: issue the certificates people meet but lack (a lost evaluation); logs them."""
    from certification.services import reconcile_certificates as reconcile

    issued = reconcile()
    (logger.warning if issued else logger.info)("Certificates reconciled: %d issued", issued)
    return issued


@shared_task
def expire_certificates():
    """Daily: mark certificates past their end as expired (one set-based update)."""
    from certification.services import expire_certificates as expire

    return len(expire())


@shared_task
def send_expiry_reminders():
    """Daily: e-mail holders 30, 14 and 1 days before their certificate expires."""
    from certification.services import send_expiry_reminders as remind

    return len(remind())


@outbox_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_certificate_email(certificate_id, kind):
    """E-mail a holder that a certificate was issued or revoked."""
    from certification.notifications import send_certificate_email as send

    send(certificate_id, kind)


@outbox_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_approval_email(approval_id):
    """E-mail an applicant the social media team's decision."""
    from certification.notifications import send_approval_email as send

    send(approval_id)


@outbox_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_access_request_email(request_id, kind):
    """E-mail the owners of an account about a waiting request, or the requester a decision."""
    from certification.notifications import send_access_request_email as send

    send(request_id, kind)


@shared_task
def retire_sunset_accounts():
    """Nightly: retire the official accounts whose sunset date has come (grants revoked)."""
    from certification.access_services import retire_sunset_accounts as retire

    return [account.pk for account in retire()]
