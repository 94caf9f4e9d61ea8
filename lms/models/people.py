"""People data kept for HR: which departments an HR user may administer, and HR imports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.models.org import Department
from lms.storage import private_storage


class HRScope(models.Model):
    """Limits an HR user to departments (and their subtrees). No row: the whole organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="hr_scopes",
        verbose_name=_("HR user"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        related_name="hr_scopes",
        verbose_name=_("department"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("HR scope")
        verbose_name_plural = _("HR scopes")
        constraints = [
            models.UniqueConstraint(fields=["user", "department"], name="hrscope_unique"),
        ]

    def __str__(self):
        return f"{self.user} → {self.department}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    VALIDATING = "validating", _("Validating")
    APPLYING = "applying", _("Applying")
    REJECTED = "rejected", _("Rejected: the file has errors")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


#: The statuses an import ends in (nothing more will happen to it).
FINISHED_IMPORT_STATUSES = frozenset(
    {ImportStatus.REJECTED, ImportStatus.DONE, ImportStatus.FAILED}
)


class PeopleImport(models.Model):
    """One upload of the HR system's export, its progress and its outcome."""

    file = models.FileField(_("file"), upload_to="people-imports/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    created_count = models.PositiveIntegerField(_("people created"), default=0)
    updated_count = models.PositiveIntegerField(_("people updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("people unchanged"), default=0)
    deactivated_count = models.PositiveIntegerField(_("people deactivated"), default=0)
    departments_created = models.PositiveIntegerField(_("departments created"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    purged_at = models.DateTimeField(
        _("file deleted at"),
        null=True,
        blank=True,
        help_text=_(
            "When the uploaded file and the problems quoting its rows were deleted "
            "(PEOPLE_IMPORT_KEEP_DAYS after the import finished)."
        ),
    )

    class Meta:
        verbose_name = _("people import")
        verbose_name_plural = _("people imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name or self.file.name} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in FINISHED_IMPORT_STATUSES
