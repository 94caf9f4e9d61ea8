"""Champions follow their certificates: listeners that run inside the transaction of their cause.

- certificate revoked, certificates expired or suspended → the roles resting on them lapse
  (audited as `champion.lapsed`, announced as the webhook event `champion.lapsed`)
- certificate renewed → the roles move to the new certificate and their term follows; no lapse
- employee deactivated (a leaver) → their roles and nominations end (`champion.ended`)
"""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from access.services import champions
from certification.signals import (
    certificate_renewed,
    certificate_revoked,
    certificates_expired,
    certificates_suspended,
)
from lms.signals import employee_deactivated


def _because(label, reason):
    reason = (reason or "").strip()
    return f"{label}: {reason}" if reason else label


@receiver(certificate_revoked, dispatch_uid="access.champions.certificate_revoked")
def on_certificate_revoked(sender, certificate, reason="", **kwargs):
    champions.lapse_for_certificates(
        [certificate.pk],
        _because(_("Certificate revoked"), reason),
        by=getattr(certificate, "revoked_by", None),
    )


@receiver(certificates_expired, dispatch_uid="access.champions.certificates_expired")
def on_certificates_expired(sender, certificate_ids, **kwargs):
    champions.lapse_for_certificates(certificate_ids, _("Certificate expired"))


@receiver(certificates_suspended, dispatch_uid="access.champions.certificates_suspended")
def on_certificates_suspended(sender, certificate_ids, reason="", **kwargs):
    champions.lapse_for_certificates(certificate_ids, _because(_("Certificate suspended"), reason))


@receiver(certificate_renewed, dispatch_uid="access.champions.certificate_renewed")
def on_certificate_renewed(sender, old, new, **kwargs):
    champions.move_to_renewed(old, new)


@receiver(employee_deactivated, dispatch_uid="access.champions.employee_deactivated")
def on_employee_deactivated(sender, employee, **kwargs):
    champions.end_for_leaver(employee.user)
