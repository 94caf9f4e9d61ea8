"""The audit log of access: append-only, readable for ever (labels survive deleted rows)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.models.accounts import RoleName
from lms.people import display_name


class AuditAction(models.TextChoices):
    REQUESTED = "access.requested", _("Access requested")
    APPROVED = "request.approved", _("Request approved")
    REJECTED = "request.rejected", _("Request rejected")
    WITHDRAWN = "request.withdrawn", _("Request withdrawn")
    GRANTED = "access.granted", _("Access granted")
    REVOKED = "access.revoked", _("Access revoked")
    RENEWED = "access.renewed", _("Access carried over to a renewed certificate")
    ACCOUNT_RETIRED = "account.retired", _("Account retired")
    CHAMPION_NOMINATED = "champion.nominated", _("Champion nominated")
    CHAMPION_APPOINTED = "champion.appointed", _("Champion appointed")
    CHAMPION_DECLINED = "champion.declined", _("Champion nomination declined")
    CHAMPION_ENDED = "champion.ended", _("Champion's role ended")
    CHAMPION_LAPSED = "champion.lapsed", _("Champion's role lapsed (certificate ended)")
    CHAMPION_RENEWED = "champion.renewed", _("Champion carried over to a renewed certificate")


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit entry."""


#: Foreign keys that the database may null when the row they point to is deleted.
_DETACHABLE = {
    "actor",
    "actor_id",
    "subject",
    "subject_id",
    "account",
    "account_id",
    "certificate",
    "certificate_id",
}


class AuditEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every entry; owners those of their accounts; the social media team
        (`access.manage_champions`) also those about champions, which concern no account."""
        if user.is_superuser or user.is_staff:
            return self
        condition = Q(account__owners=user)
        if user.has_perm("access.manage_champions"):
            condition |= Q(action__startswith="champion.")
        return self.filter(condition)

    def update(self, **kwargs):
        # Deleting a user or account detaches its entries (SET_NULL); nothing else may change.
        if not kwargs or set(kwargs) - _DETACHABLE or any(v is not None for v in kwargs.values()):
            raise AuditLogIsAppendOnly("Audit entries cannot be changed.")
        return super().update(**kwargs)

    def delete(self):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")

    delete.queryset_only = True


class AuditEntry(models.Model):
    """One thing that happened to access: who did it, to whom, on what, and why. Append-only."""

    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
        help_text=_("Empty when the system acted (an automatic grant or revocation)."),
    )
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    account = models.ForeignKey(
        "access.SocialAccount",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("account"),
    )
    role = models.CharField(_("role"), max_length=16, choices=RoleName.choices, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    certificate = models.ForeignKey(
        "certification.Certificate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate"),
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        # The table it had in the certification app, which it was part of until 0.2.
        db_table = "certification_auditentry"
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["account", "-at"], name="auditentry_account"),
            models.Index(fields=["subject", "-at"], name="auditentry_subject"),
            models.Index(fields=["-at"], name="auditentry_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")

    @property
    def actor_label(self):
        if self.actor_id is None:
            return self.details.get("actor") or _("system")
        return display_name(self.actor)

    @property
    def subject_label(self):
        if self.subject_id is None:
            return self.details.get("subject", "")
        return display_name(self.subject)

    @property
    def account_label(self):
        if self.account_id is None:
            return self.details.get("account", "")
        return str(self.account)

    @property
    def subject_email(self):
        return self.subject.email if self.subject_id else self.details.get("subject_email", "")

    @property
    def certificate_serial(self):
        return self.details.get("certificate", "")
