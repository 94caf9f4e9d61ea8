"""Celery tasks of certification: thin, take primary keys, call a service."""

import logging

from celery import shared_task

from certification import notifications
from certification.services import evaluate_user_id
from certification.services import expire_certificates as expire
from certification.services import reconcile_certificates as reconcile
from certification.services import send_expiry_reminders as remind
from certification.services.recertification import open_recertification_windows as open_windows
from lms.outbox import outbox_task

logger = logging.getLogger(__name__)

#: Queued by name (certification.services.evaluation.queue_evaluation), so services need not
#: import this module.
EVALUATE = "certification.tasks.evaluate_certifications"


@outbox_task(name=EVALUATE, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def evaluate_certifications(user_id):
    """Issue whatever certificates the person now meets; returns their serials."""
    return [certificate.serial for certificate in evaluate_user_id(user_id)]


@shared_task(name="certification.reconcile_certificates")
def reconcile_certificates():
    """Nightly: issue the certificates people meet but lack (a lost evaluation); logs them."""
    issued = reconcile()
    (logger.warning if issued else logger.info)("Certificates reconciled: %d issued", issued)
    return issued


@shared_task(name="certification.tasks.expire_certificates")
def expire_certificates():
    """Daily: mark certificates past their end as expired (one set-based update)."""
    return len(expire())


@shared_task(name="certification.tasks.send_expiry_reminders")
def send_expiry_reminders():
    """Daily: e-mail holders 30, 14 and 1 days before their certificate expires."""
    return len(remind())


@outbox_task(
    name=notifications.CERTIFICATE_EMAIL_TASK,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def send_certificate_email(certificate_id, kind):
    """E-mail a holder that a certificate was issued or revoked."""
    notifications.send_certificate_email(certificate_id, kind)


@outbox_task(
    name=notifications.APPROVAL_EMAIL_TASK,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def send_approval_email(approval_id):
    """E-mail an applicant the social media team's decision."""
    notifications.send_approval_email(approval_id)


@shared_task(name="certification.tasks.open_recertification_windows")
def open_recertification_windows():
    """Daily: open the recertification cycle of certificates whose window has come."""
    return len(open_windows())


@outbox_task(
    name=notifications.WINDOW_OPENED_EMAIL_TASK,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def send_window_opened_emails(recertification_ids):
    """E-mail each holder that renewal of their certificate is open."""
    notifications.send_window_opened_emails(recertification_ids)


@shared_task(name="certification.tasks.suspend_for_policy")
def suspend_for_policy():
    """Daily: suspend the certificates of holders whose grace period for a new policy version
    ended before they accepted it (one set-based update)."""
    from certification.services.suspension import suspend_for_policy as suspend

    return len(suspend())


@outbox_task(
    name="certification.tasks.queue_policy_grace_emails",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def queue_policy_grace_emails(version_id):
    """A new policy version was published: queue one e-mail for each holder it concerns."""
    from certification.services.suspension import queue_grace_notices

    return queue_grace_notices(version_id)


@outbox_task(
    name="certification.tasks.send_policy_grace_email",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def send_policy_grace_email(user_id, version_id):
    """E-mail one holder to accept the new policy version before their grace period ends."""
    from certification.services.suspension import send_grace_email

    send_grace_email(user_id, version_id)
