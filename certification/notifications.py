"""E-mails to holders and applicants: issued, revoked, expiring soon, approval decided; to the
owners of an official account when a request waits for them, and to the requester when it is
decided."""

import contextlib
import threading

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from certification.models import AccessRequest, AccountRole, Approval, Certificate
from lms.outbox import enqueue


def _send(to, template, context):
    if not to:
        return 0
    context = {"site_url": settings.SITE_URL, "site_name": settings.WAGTAIL_SITE_NAME, **context}
    text = render_to_string(f"certification/email/{template}.txt", context)
    subject, _, body = text.strip().partition("\n")
    return send_mail(subject.strip(), body.strip() + "\n", None, [to])


_state = threading.local()


@contextlib.contextmanager
def suppressed():
    """No e-mails while loading demo or bulk data (the records are written all the same)."""
    previous = getattr(_state, "suppressed", False)
    _state.suppressed = True
    try:
        yield
    finally:
        _state.suppressed = previous


def _muted():
    return getattr(_state, "suppressed", False)


def on_commit_certificate_issued(certificate_id):
    from certification.tasks import send_certificate_email

    if not _muted():
        enqueue(send_certificate_email, certificate_id, "issued")


def on_commit_certificate_revoked(certificate_id):
    from certification.tasks import send_certificate_email

    if not _muted():
        enqueue(send_certificate_email, certificate_id, "revoked")


def on_commit_approval_decided(approval_id):
    from certification.tasks import send_approval_email

    if not _muted():
        enqueue(send_approval_email, approval_id)


def on_commit_access_request(request_id, kind):
    """kind: "waiting" (to the account's owners) or "decided" (to the person who asked)."""
    from certification.tasks import send_access_request_email

    if not _muted():
        enqueue(send_access_request_email, request_id, kind)


def certificate_context(certificate):
    return {
        "certificate": certificate,
        "holder_name": certificate.holder_name,
        "certificate_url": settings.SITE_URL + certificate.get_absolute_url(),
        "verify_url": certificate.verification_url(),
    }


def send_certificate_email(certificate_id, kind):
    certificate = (
        Certificate.objects.select_related("holder", "program").filter(pk=certificate_id).first()
    )
    if certificate is None or kind not in {"issued", "revoked"}:
        return 0
    return _send(certificate.holder.email, f"certificate_{kind}", certificate_context(certificate))


def send_expiry_reminder(certificate, days):
    from certification.renewal import renewal_plan

    context = certificate_context(certificate)
    context.update(days=days, plan=renewal_plan(certificate))
    return _send(certificate.holder.email, "certificate_expiring", context)


def send_approval_email(approval_id):
    approval = (
        Approval.objects.select_related("applicant", "program").filter(pk=approval_id).first()
    )
    if approval is None:
        return 0
    context = {
        "approval": approval,
        "applicant_name": approval.applicant_name,
        "certificates_url": settings.SITE_URL + reverse("certification:my_certificates"),
    }
    return _send(approval.applicant.email, "approval_decided", context)


def send_access_request_email(request_id, kind):
    """Owners hear of a request that waits for them; the requester hears of the decision."""
    access_request = (
        AccessRequest.objects.select_related("user", "account", "decided_by")
        .filter(pk=request_id)
        .first()
    )
    if access_request is None or kind not in {"waiting", "decided"}:
        return 0
    from certification.access_services.rules import best_certificate

    role = (
        AccountRole.objects.filter(account=access_request.account, role=access_request.role)
        .select_related("program")
        .first()
    )
    context = {
        "access_request": access_request,
        "account": access_request.account,
        "role": access_request.get_role_display(),
        "person": access_request.user.get_full_name() or access_request.user.get_username(),
        "program": role.program if role else None,
    }
    if kind == "decided":
        if access_request.status not in {"approved", "rejected"}:
            return 0
        context["my_access_url"] = settings.SITE_URL + reverse("certification:my_access")
        return _send(access_request.user.email, "access_request_decided", context)
    if access_request.status != "pending":
        return 0
    context["covered"] = bool(
        role and best_certificate(access_request.user, role.program_id) is not None
    )
    context["queue_url"] = settings.SITE_URL + reverse("access_requests:index")
    sent = 0
    for owner in access_request.account.owners.filter(is_active=True).exclude(email=""):
        context["owner_name"] = owner.get_full_name() or owner.get_username()
        sent += _send(owner.email, "access_request_waiting", context)
    return sent
