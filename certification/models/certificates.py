"""Certificates: who holds which program, from when until when, and whether it still stands."""

import re
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.conf import academy_settings
from lms.people import display_name

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
    SUSPENDED = "suspended", _("Suspended")
    RENEWED = "renewed", _("Renewed")


class CertificateKind(models.TextChoices):
    EARNED = "earned", _("Earned")
    EXEMPTION = "exemption", _("Exemption")


def valid_q(now=None, prefix=""):
    """Valid at `now`, read from the dates: not revoked, not recorded as expired, not past its
    end. The nightly sweep records an expiry (status, events, grants) some hours after it
    happens; until then the status column still says valid, so no reader may trust it alone.
    `prefix` reaches certificates through a relation (e.g. "certificates__")."""
    return Q(**{f"{prefix}status": CertificateStatus.VALID}) & Q(
        **{f"{prefix}expires_at__gt": now or timezone.now()}
    )


def expired_q(now=None, prefix=""):
    """Expired at `now`: recorded by the sweep, or past its end and not recorded yet."""
    return Q(**{f"{prefix}status": CertificateStatus.EXPIRED}) | Q(
        **{
            f"{prefix}status": CertificateStatus.VALID,
            f"{prefix}expires_at__lte": now or timezone.now(),
        }
    )


class CertificateQuerySet(models.QuerySet):
    def valid(self, now=None):
        """Certificates valid at `now` (default: this moment), whatever the sweep has done."""
        return self.filter(valid_q(now))

    def valid_at(self, now):
        return self.valid(now)

    def expired(self, now=None):
        """Certificates expired at `now`, recorded by the sweep or not yet."""
        return self.filter(expired_q(now))

    def revoked(self):
        return self.filter(status=CertificateStatus.REVOKED)

    def with_status(self, status, now=None):
        """Filter by the status a reader sees (valid, expired or revoked) at `now`."""
        if status == CertificateStatus.VALID:
            return self.valid(now)
        if status == CertificateStatus.EXPIRED:
            return self.expired(now)
        if status == CertificateStatus.REVOKED:
            return self.revoked()
        return self.none()

    def due_to_expire(self, now=None):
        """Past their end but still recorded as valid: what the sweep records next."""
        return self.filter(status=CertificateStatus.VALID, expires_at__lte=now or timezone.now())

    def current_for(self, user, now=None):
        """The person's valid certificates."""
        return self.valid(now).filter(holder=user)

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
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=CertificateKind.choices,
        default=CertificateKind.EARNED,
        help_text=_(
            "Earned by meeting the program, or an exemption granted by staff (counts as "
            "certified until it ends; no credential is issued for it)."
        ),
    )
    renews = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewed_by",
        verbose_name=_("renews"),
        help_text=_("The certificate this one continues (renewed inside its window)."),
    )
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspension_reason = models.CharField(_("reason for suspension"), max_length=255, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        permissions = [
            ("revoke_certificate", _("Can revoke certificates")),
            ("manage_certificate_lifecycle", _("Can manage the certificate lifecycle")),
        ]
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
            models.CheckConstraint(
                condition=~models.Q(status="suspended") | models.Q(suspended_at__isnull=False),
                name="certificate_suspended_has_time",
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
        return display_name(self.holder)

    def status_at(self, now=None):
        """The status at `now`, from the dates: `status` is the last one *recorded* (the sweep
        records expiries nightly), so a certificate past its end reads expired even before."""
        if self.status == CertificateStatus.VALID and self.expires_at <= (now or timezone.now()):
            return CertificateStatus.EXPIRED
        return CertificateStatus(self.status)

    def _current_status(self):
        """What every page, the API and the access rules show: valid, expired or revoked."""
        return self.status_at()

    _current_status.short_description = _("status")
    current_status = property(_current_status)

    def get_current_status_display(self):
        return self.current_status.label

    @property
    def is_exemption(self):
        """Granted by staff, not earned: it counts as certified, but no credential is issued."""
        return self.kind == CertificateKind.EXEMPTION

    def is_valid_at(self, now=None):
        return self.status_at(now) == CertificateStatus.VALID

    @property
    def is_valid(self):
        return self.is_valid_at()

    def verification_path(self):
        return reverse("certification:verify", args=[self.serial])

    def verification_url(self):
        """The public address printed on the PDF and in the QR code."""
        return academy_settings.SITE_URL + self.verification_path()


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


class Recertification(models.Model):
    """A certificate's renewal cycle: opened when its window opens (or on renewal after expiry),
    closed by the certificate that renews it. The holder's earlier completions and attempts of
    what renewal asks for were archived when it opened, so only new work counts."""

    certificate = models.OneToOneField(
        Certificate,
        on_delete=models.CASCADE,
        related_name="recertification",
        verbose_name=_("certificate"),
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    requirement = models.CharField(
        _("to renew"),
        max_length=16,
        help_text=_("The program's renewal requirement when the cycle opened."),
    )
    course_ids = models.JSONField(
        _("courses to redo"), default=list, blank=True, help_text=_("Ids of the course pages.")
    )
    renewed_at = models.DateTimeField(_("renewed at"), null=True, blank=True)
    renewal = models.OneToOneField(
        Certificate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("renewed by"),
    )

    class Meta:
        verbose_name = _("recertification")
        verbose_name_plural = _("recertifications")
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["renewed_at"], name="recertification_open")]

    def __str__(self):
        return f"{self.certificate.serial}: {self.requirement}"


class LifecycleAction(models.TextChoices):
    WINDOW_OPENED = "certificate.window_opened", _("Recertification window opened")
    RENEWED = "certificate.renewed", _("Certificate renewed")
    EXTENDED = "certificate.extended", _("Certificate extended")
    EXEMPTED = "certificate.exempted", _("Exemption granted")
    REINSTATED = "certificate.reinstated", _("Certificate reinstated")
    SUSPENDED = "certificate.suspended", _("Certificate suspended")
    UNSUSPENDED = "certificate.unsuspended", _("Suspension lifted")
    ATTEMPTS_RESET = "quiz.attempts_reset", _("Quiz attempts reset")


class LifecycleEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if not kwargs or any(v is not None for v in kwargs.values()):
            raise ValueError("Lifecycle events cannot be changed.")
        return super().update(**kwargs)


class LifecycleEvent(models.Model):
    """Append-only record of a certificate's lifecycle: who did what, to whom, and why."""

    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    action = models.CharField(_("action"), max_length=40, choices=LifecycleAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
        help_text=_("Empty when the system acted (a sweep)."),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lifecycle_events",
        verbose_name=_("certificate"),
    )
    program = models.ForeignKey(
        "certification.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program"),
    )
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = LifecycleEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("lifecycle event")
        verbose_name_plural = _("lifecycle events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["subject", "-at"], name="lifecycle_subject"),
            models.Index(fields=["-at"], name="lifecycle_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Lifecycle events cannot be changed.")
        super().save(*args, **kwargs)
