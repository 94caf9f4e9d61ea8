"""Approvals: the social media team's yes or no for programs that need one."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.people import display_name


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ApprovalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ApprovalStatus.PENDING)

    def unused_approved(self):
        """Approvals given but not yet turned into a certificate."""
        return self.filter(status=ApprovalStatus.APPROVED, certificate__isnull=True)


class Approval(models.Model):
    """A request to be certified in a program that needs the social media team's approval."""

    program = models.ForeignKey(
        "certification.Program",
        on_delete=models.CASCADE,
        related_name="approvals",
        verbose_name=_("program"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certification_approvals",
        verbose_name=_("applicant"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.PENDING,
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    message = models.TextField(_("message from the applicant"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    note = models.TextField(_("decision note"), blank=True)

    objects = ApprovalQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["-requested_at"]
        permissions = [("decide_approval", _("Can approve or reject certification requests"))]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "program"],
                condition=models.Q(status="pending"),
                name="approval_one_pending_per_applicant_program",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(decided_at__isnull=False),
                name="approval_decision_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="approval_queue")]

    def __str__(self):
        return f"{self.applicant_name} → {self.program}"

    @property
    def applicant_name(self):
        return display_name(self.applicant)

    applicant_name.fget.short_description = _("applicant")

    @property
    def is_pending(self):
        return self.status == ApprovalStatus.PENDING
