"""Certificates: who holds which program, from when until when, and whether it still stands."""

import re
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: RFC 4648 base32 alphabet: no 0/1/8/9, so serials survive being read aloud or retyped.
SERIAL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
SERIAL_CHARS = 20  # 100 random bits
SERIAL_GROUP = 4
SERIAL_LENGTH = SERIAL_CHARS + SERIAL_CHARS // SERIAL_GROUP - 1  # with the hyphens
_SERIAL_RE = re.compile(rf"^[{SERIAL_ALPHABET}]{{{SERIAL_CHARS}}}$")


def new_serial():
    """A fresh unguessable serial such as 'K7QD-2MXA-9...' (20 base32 characters in groups)."""
    raw = "".join(secrets.choice(SERIAL_ALPHABET) for _ in range(SERIAL_CHARS))
    return format_serial(raw)


def format_serial(raw):
    return "-".join(raw[i : i + SERIAL_GROUP] for i in range(0, len(raw), SERIAL_GROUP))


def normalize_serial(value):
    """The canonical form of a typed serial, or None when it cannot be one.

    Case, spaces and hyphens are forgiven, so 'k7qd 2mxa …' finds 'K7QD-2MXA-…'.
    """
    if not isinstance(value, str) or len(value) > 64:
        return None
    raw = re.sub(r"[\s\-]", "", value).upper()
    if not _SERIAL_RE.match(raw):
        return None
    return format_serial(raw)


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(status=CertificateStatus.VALID)

    def current_for(self, user):
        """The person's valid certificates."""
        return self.valid().filter(holder=user)

    def by_serial(self, value):
        """Filter by a typed serial; an impossible serial matches nothing (no query error)."""
        serial = normalize_serial(value)
        return self.filter(serial=serial) if serial else self.none()


class Certificate(models.Model):
    """A person's certification in one program. At most one is valid per person and program."""

    serial = models.CharField(
        _("serial"), max_length=SERIAL_LENGTH, unique=True, default=new_serial, editable=False
    )
    program = models.ForeignKey(
        "certification.Program",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("program"),
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    approval = models.OneToOneField(
        "certification.Approval",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificate",
        verbose_name=_("approval"),
        help_text=_("The approval this certificate was issued on, for programs that need one."),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        permissions = [("revoke_certificate", _("Can revoke certificates"))]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "program"],
                condition=models.Q(status="valid"),
                name="certificate_one_valid_per_holder_program",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("issued_at")),
                name="certificate_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="revoked") | models.Q(revoked_at__isnull=False),
                name="certificate_revoked_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expires_at"], name="certificate_status_expiry"),
            models.Index(fields=["holder", "program", "-issued_at"], name="certificate_holder"),
        ]

    def __str__(self):
        return f"{self.program} · {self.holder_name} · {self.serial}"

    def get_absolute_url(self):
        return reverse("certification:certificate", args=[self.serial])

    @property
    def holder_name(self):
        return self.holder.get_full_name() or self.holder.get_username()

    @property
    def is_valid(self):
        return self.status == CertificateStatus.VALID

    def verification_path(self):
        return reverse("certification:verify", args=[self.serial])

    def verification_url(self):
        """The public address printed on the PDF and in the QR code."""
        return settings.SITE_URL + self.verification_path()


class ReminderSent(models.Model):
    """A renewal reminder already emailed: one per certificate and threshold, ever."""

    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("certificate"),
    )
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"], name="remindersent_once_per_threshold"
            ),
        ]

    def __str__(self):
        return f"{self.certificate.serial}: {self.days_before} days"
