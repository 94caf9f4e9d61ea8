"""The webhook events of certification: their types and payloads. Emitted by
`certification.receivers` in the transaction that issues, revokes or expires a certificate."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from certification.models import Certificate
from lms.conf import academy_settings
from lms.people import display_name_expression
from webhooks.events import iso, user_data

CERTIFICATE_ISSUED = "certificate.issued"
CERTIFICATE_EXPIRED = "certificate.expired"
CERTIFICATE_REVOKED = "certificate.revoked"
CERTIFICATE_RENEWED = "certificate.renewed"
CERTIFICATE_SUSPENDED = "certificate.suspended"
CERTIFICATE_UNSUSPENDED = "certificate.unsuspended"
# Manual lifecycle actions of staff (certification.services.lifecycle): the event type is the
# LifecycleAction's value.
CERTIFICATE_EXTENDED = "certificate.extended"
CERTIFICATE_EXEMPTED = "certificate.exempted"
CERTIFICATE_REINSTATED = "certificate.reinstated"
QUIZ_ATTEMPTS_RESET = "quiz.attempts_reset"
LIFECYCLE_EVENTS = {
    CERTIFICATE_EXTENDED,
    CERTIFICATE_EXEMPTED,
    CERTIFICATE_REINSTATED,
    QUIZ_ATTEMPTS_RESET,
}

EVENT_TYPES = [
    (CERTIFICATE_ISSUED, _("Certificate issued")),
    (CERTIFICATE_EXPIRED, _("Certificate expired")),
    (CERTIFICATE_REVOKED, _("Certificate revoked")),
    (CERTIFICATE_RENEWED, _("Certificate renewed")),
    (CERTIFICATE_SUSPENDED, _("Certificate suspended (new policy not accepted)")),
    (CERTIFICATE_UNSUSPENDED, _("Certificate suspension lifted")),
    (CERTIFICATE_EXTENDED, _("Certificate extended")),
    (CERTIFICATE_EXEMPTED, _("Exemption granted")),
    (CERTIFICATE_REINSTATED, _("Certificate reinstated")),
    (QUIZ_ATTEMPTS_RESET, _("Quiz attempts reset")),
]

#: Rows read at a time for the expiry sweep's payloads.
BATCH = 1000


def certificate_data(certificate, reason=None):
    program = certificate.program
    data = {
        "serial": certificate.serial,
        "status": certificate.status,
        "program": {"slug": program.slug, "name": program.name, "tier": program.tier},
        "holder": user_data(certificate.holder),
        "issued_at": iso(certificate.issued_at),
        "expires_at": iso(certificate.expires_at),
        "revoked_at": iso(certificate.revoked_at),
        "verification_url": certificate.verification_url(),
    }
    if reason is not None:
        data["reason"] = reason
    return data


def lifecycle_data(event):
    """A lifecycle action's payload: who acted, for whom, why, and the certificate after it."""
    data = {
        "action": event.action,
        "at": iso(event.at),
        "reason": event.reason,
        "actor": user_data(event.actor) if event.actor_id else None,
        "person": user_data(event.subject) if event.subject_id else None,
        "details": event.details,
    }
    if event.certificate_id:
        data["certificate"] = certificate_data(event.certificate)
        data["certificate"]["kind"] = event.certificate.kind
    return data


def renewed_data(old, new):
    """A renewal's payload: the new certificate, with the serial and end of the one it continues
    (renewed inside its window, so the new one starts where the old one ends)."""
    data = certificate_data(new)
    data["renews"] = {
        "serial": old.serial,
        "status": old.status,
        "expires_at": iso(old.expires_at),
        "verification_url": old.verification_url(),
    }
    return data


def expired_certificates_data(certificate_ids):
    """Payloads for the sweep's expired certificates, read in batches with one join each."""
    fields = (
        "serial",
        "status",
        "issued_at",
        "expires_at",
        "revoked_at",
        "program__slug",
        "program__name",
        "program__tier",
        "holder__email",
        "holder_name",
        "holder__employee__employee_id",
    )
    ids = list(certificate_ids)
    for start in range(0, len(ids), BATCH):
        rows = (
            Certificate.objects.filter(pk__in=ids[start : start + BATCH])
            .annotate(holder_name=display_name_expression("holder__"))
            .values(*fields)
        )
        for row in rows:
            yield {
                "serial": row["serial"],
                "status": row["status"],
                "program": {
                    "slug": row["program__slug"],
                    "name": row["program__name"],
                    "tier": row["program__tier"],
                },
                "holder": {
                    "email": row["holder__email"],
                    "name": row["holder_name"],
                    "employee_id": row["holder__employee__employee_id"],
                },
                "issued_at": iso(row["issued_at"]),
                "expires_at": iso(row["expires_at"]),
                "revoked_at": iso(row["revoked_at"]),
                "verification_url": academy_settings.SITE_URL
                + reverse("certification:verify", args=[row["serial"]]),
            }


def certificates_data(certificate_ids, reason=None):
    """Payloads of several certificates (a sweep's suspensions, a lifted suspension), read in
    batches like the expiry sweep's; `reason`, when given, goes into each."""
    for data in expired_certificates_data(certificate_ids):
        if reason is not None:
            data["reason"] = reason
        yield data
