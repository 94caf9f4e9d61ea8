"""E-mails to holders and applicants: issued, revoked, expiring soon, approval decided.

`send_template` renders `<template>.txt` (subject on the first line) for any app's mail, in the
time zone of the person it goes to (lms.time_zones); the tasks that send these after a commit
are in `certification.tasks`."""

import contextlib
import threading

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from certification import learning
from certification.models import Approval, Certificate, Recertification
from certification.models.certificates import CertificateKind
from certification.pdf import render_certificate_pdf
from lms.conf import academy_settings
from lms.outbox import enqueue
from lms.people import display_name
from lms.time_zones import person_time_zone

#: The tasks that send these mails (certification.tasks), queued by name.
CERTIFICATE_EMAIL_TASK = "certification.tasks.send_certificate_email"
APPROVAL_EMAIL_TASK = "certification.tasks.send_approval_email"
WINDOW_OPENED_EMAIL_TASK = "certification.tasks.send_window_opened_emails"


def send_template(to, template, context, person=None, attachments=()):
    """Mail `template` (a path without ".txt") to one address; returns how many were sent.

    `person`: the user it goes to, whose time zone its dates and times are written in.
    `attachments`: (file name, content, MIME type) triples."""
    if not to:
        return 0
    context = {
        "site_url": academy_settings.SITE_URL,
        "site_name": settings.WAGTAIL_SITE_NAME,
        **context,
    }
    with person_time_zone(person):
        text = render_to_string(f"{template}.txt", context)
    subject, _, body = text.strip().partition("\n")
    if not attachments:
        return send_mail(subject.strip(), body.strip() + "\n", None, [to])
    message = EmailMessage(subject.strip(), body.strip() + "\n", None, [to])
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message.send()


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


def muted():
    return getattr(_state, "suppressed", False)


def certificate_context(certificate):
    # The URLs once per certificate (a reminder and its manager's copy share them).
    urls = getattr(certificate, "_mail_urls", None)
    if urls is None:
        urls = certificate._mail_urls = (
            academy_settings.SITE_URL + certificate.get_absolute_url(),
            certificate.verification_url(),
        )
    return {
        "certificate": certificate,
        "holder_name": certificate.holder_name,
        "certificate_url": urls[0],
        "verify_url": urls[1],
    }


def send_certificate_email(certificate_id, kind):
    certificate = (
        Certificate.objects.select_related("holder", "program").filter(pk=certificate_id).first()
    )
    if certificate is None or kind not in {"issued", "revoked"}:
        return 0
    return send_template(
        certificate.holder.email,
        f"certification/email/certificate_{kind}",
        certificate_context(certificate),
        person=certificate.holder,
        attachments=certificate_attachments(certificate) if kind == "issued" else (),
    )


def certificate_attachments(certificate):
    """The issue mail carries the certificate's PDF, named with its serial; an exemption has
    no certificate to print (it only counts as certified until it ends), so none."""
    if not certificate.holder.email or certificate.kind == CertificateKind.EXEMPTION:
        return ()
    name = f"{certificate.program.slug}-certificate-{certificate.serial}.pdf"
    return [(name, render_certificate_pdf(certificate), "application/pdf")]


def send_expiry_reminder(certificate, days, plan):
    """`plan`: the certificate's renewal plan (`services.standing.renewal_plan`)."""
    context = certificate_context(certificate)
    context.update(days=days, plan=plan)
    return send_template(
        certificate.holder.email,
        "certification/email/certificate_expiring",
        context,
        person=certificate.holder,
    )


def send_expiry_reminder_to_manager(certificate, days, plan, manager):
    """The manager's copy of a reminder: whose certificate ends when, and what is left."""
    context = certificate_context(certificate)
    context.update(days=days, plan=plan, manager_name=manager.get_full_name() or manager.username)
    return send_template(
        manager.email,
        "certification/email/certificate_expiring_manager",
        context,
        person=manager,
    )


def send_policy_grace_email(user, notice):
    """`notice`: the person's `services.suspension.PolicyNotice` (a new policy version to accept
    by a date, or their certificates are suspended)."""
    context = {
        "holder_name": display_name(user),
        "notice": notice,
        "policy_url": academy_settings.SITE_URL + notice.policy_url
        if notice.policy_url.startswith("/")
        else notice.policy_url,
    }
    return send_template(user.email, "certification/email/policy_grace", context, person=user)


def send_approval_email(approval_id):
    approval = (
        Approval.objects.select_related("applicant", "program").filter(pk=approval_id).first()
    )
    if approval is None:
        return 0
    context = {
        "approval": approval,
        "applicant_name": approval.applicant_name,
        "certificates_url": academy_settings.SITE_URL + reverse("certification:my_certificates"),
    }
    return send_template(
        approval.applicant.email,
        "certification/email/approval_decided",
        context,
        person=approval.applicant,
    )


def queue_certificate_email(certificate_id, kind):
    """After the commit, mail the holder that a certificate was issued or revoked."""
    if not muted():
        enqueue(CERTIFICATE_EMAIL_TASK, certificate_id, kind)


def queue_approval_email(approval_id):
    """After the commit, mail the applicant the social media team's decision."""
    if not muted():
        enqueue(APPROVAL_EMAIL_TASK, approval_id)


def send_window_opened_emails(recertification_ids):
    """Tell each holder that renewal is open: what to redo, and by when. Returns how many."""
    cycles = list(
        Recertification.objects.filter(pk__in=recertification_ids, renewed_at=None)
        # The holder's time zone with them: no query per mail.
        .select_related("certificate__holder__academy_preferences", "certificate__program")
        .order_by("pk")
    )
    course_ids = {course_id for cycle in cycles for course_id in cycle.course_ids}
    courses = learning.courses_by_id(course_ids)
    sent = 0
    for cycle in cycles:
        certificate = cycle.certificate
        context = certificate_context(certificate)
        context.update(
            cycle=cycle,
            courses=[
                {"title": courses[pk].title, "url": academy_settings.SITE_URL + courses[pk].url}
                for pk in cycle.course_ids
                if pk in courses
            ],
            gapless=certificate.expires_at > cycle.opened_at,
        )
        sent += send_template(
            certificate.holder.email,
            "certification/email/renewal_open",
            context,
            person=certificate.holder,
        )
    return sent


def queue_window_opened_emails(recertification_ids):
    """After the commit, mail each holder that renewal is open (one task for the batch)."""
    if recertification_ids and not muted():
        enqueue(WINDOW_OPENED_EMAIL_TASK, list(recertification_ids))
