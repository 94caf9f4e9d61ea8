"""Revoking a certificate: who, when and why are kept, and the holder is told."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certification import notifications
from certification.models import Certificate, CertificateStatus
from certification.signals import certificate_revoked
from lms.errors import ServiceError

MAX_REASON_LENGTH = 2000


class AlreadyRevoked(ServiceError):
    """The certificate was revoked before; revoking twice is refused."""

    status = 409


def clean_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("A reason is required to revoke a certificate."))
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            _("The reason is too long (at most %(n)d characters).") % {"n": MAX_REASON_LENGTH}
        )
    return reason


def revoke_certificate(certificate, *, reason, by=None, now=None):
    """Revoke a valid or expired certificate. Raises ValidationError or AlreadyRevoked."""
    reason = clean_reason(reason)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status == CertificateStatus.REVOKED:
            raise AlreadyRevoked(_("This certificate was already revoked."))
        locked.status = CertificateStatus.REVOKED
        locked.revoked_at = now or timezone.now()
        locked.revoked_by = by
        locked.revocation_reason = reason
        locked.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
        certificate_revoked.send(sender=Certificate, certificate=locked, reason=reason)
        notifications.queue_certificate_email(locked.pk, "revoked")
    for name in ("status", "revoked_at", "revoked_by", "revocation_reason"):
        setattr(certificate, name, getattr(locked, name))
    return locked
