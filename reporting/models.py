"""HR reporting data: assignments with due dates, the reminder log and monthly snapshots.

Who is assigned what is never copied per person: an assignment names a department (its whole
subtree), a group of employees, one person or a rule (job title, location, start date, an account
role held, within a department subtree), and the report resolves membership in SQL from the
people's rows as they are now, so someone who joins an assigned department, or whose job title
changes, picks the assignment up (or drops it) at once.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.models import RoleName
from lms.models import Department, Employee
from lms.storage import private_storage


class AssignmentTarget(models.TextChoices):
    DEPARTMENT = "department", _("A department and everything under it")
    GROUP = "group", _("A group of employees")
    PERSON = "person", _("One person")
    RULE = "rule", _("Everyone matching a rule")


class AssignmentQuerySet(models.QuerySet):
    def for_item(self, course_id=None, program_id=None):
        if course_id:
            return self.filter(course_id=course_id)
        if program_id:
            return self.filter(program_id=program_id)
        return self


class Assignment(models.Model):
    """HR asks a set of people to finish a course or earn a program by a due date."""

    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Optional; defaults to what is assigned and to whom."),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("course"),
    )
    program = models.ForeignKey(
        "certification.Program",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("program"),
    )
    target = models.CharField(
        _("assigned to"),
        max_length=20,
        choices=AssignmentTarget.choices,
        default=AssignmentTarget.DEPARTMENT,
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("department"),
        help_text=_("Everyone in this department and its sub-departments, now and later."),
    )
    members = models.ManyToManyField(
        Employee,
        blank=True,
        related_name="group_assignments",
        verbose_name=_("group members"),
    )
    employee = models.ForeignKey(
        Employee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="personal_assignments",
        verbose_name=_("person"),
    )
    rule_job_title = models.CharField(
        _("job title contains"),
        max_length=200,
        blank=True,
        help_text=_("Rule: people whose job title contains this (any case)."),
    )
    rule_location = models.CharField(
        _("location is"),
        max_length=200,
        blank=True,
        help_text=_("Rule: people at this location (any case)."),
    )
    rule_started_after = models.DateField(
        _("started after"),
        null=True,
        blank=True,
        help_text=_("Rule: people whose start date is after this day."),
    )
    rule_account_role = models.CharField(
        _("holds the account role"),
        max_length=16,
        choices=RoleName.choices,
        blank=True,
        help_text=_("Rule: people who hold this role on an official account now."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_days_after_start = models.PositiveIntegerField(
        _("due days after start"),
        null=True,
        blank=True,
        help_text=_(
            "Instead of a fixed date: this many days after the person's start date, or after "
            "the assignment date for people who started earlier."
        ),
    )
    assigned_on = models.DateField(_("assigned on"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        # The table it had in the lms app, which it was part of until 0.2.
        db_table = "lms_assignment"
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(course__isnull=False, program__isnull=True)
                    | Q(course__isnull=True, program__isnull=False)
                ),
                name="assignment_course_xor_program",
            ),
            models.CheckConstraint(
                condition=(
                    Q(due_date__isnull=False, due_days_after_start__isnull=True)
                    | Q(due_date__isnull=True, due_days_after_start__isnull=False)
                ),
                name="assignment_one_due_rule",
            ),
            models.CheckConstraint(
                condition=(
                    Q(target="department", department__isnull=False, employee__isnull=True)
                    | Q(target="person", department__isnull=True, employee__isnull=False)
                    | Q(target="group", department__isnull=True, employee__isnull=True)
                    | Q(target="rule", employee__isnull=True)
                ),
                name="assignment_target_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["course"], name="assignment_course"),
            models.Index(fields=["program"], name="assignment_program"),
        ]

    def __str__(self):
        return self.title or f"{self.item} → {self.target_label}"

    @property
    def item(self):
        """The course or the program."""
        return self.course if self.course_id else self.program

    @property
    def item_key(self):
        return f"course:{self.course_id}" if self.course_id else f"program:{self.program_id}"

    @property
    def target_label(self):
        if self.target == AssignmentTarget.DEPARTMENT and self.department_id:
            return str(self.department)
        if self.target == AssignmentTarget.PERSON and self.employee_id:
            return str(self.employee)
        if self.target == AssignmentTarget.RULE:
            return self.rule_label
        return _("a group of employees")

    @property
    def rule_criteria(self):
        """The rule's criteria in words, one per criterion given."""
        criteria = []
        if self.department_id:
            criteria.append(_("in %(department)s") % {"department": self.department})
        if self.rule_job_title:
            criteria.append(_("job title contains “%(text)s”") % {"text": self.rule_job_title})
        if self.rule_location:
            criteria.append(_("at %(location)s") % {"location": self.rule_location})
        if self.rule_started_after:
            criteria.append(
                _("started after %(date)s") % {"date": self.rule_started_after.isoformat()}
            )
        if self.rule_account_role:
            criteria.append(
                _("holds the %(role)s role on an account")
                % {"role": self.get_rule_account_role_display()}
            )
        return criteria

    @property
    def rule_label(self):
        return _("Everyone %(criteria)s") % {
            "criteria": ", ".join(str(c) for c in self.rule_criteria)
        }

    @property
    def due_label(self):
        if self.due_date:
            return self.due_date.isoformat()
        return _("%(days)s days after start") % {"days": self.due_days_after_start}

    def due_for(self, start_date):
        """The due date for a person who started on `start_date` (None if unknown)."""
        if self.due_date:
            return self.due_date
        begins = max(start_date or self.assigned_on, self.assigned_on)
        return begins + datetime.timedelta(days=self.due_days_after_start)


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    MANAGER_DIGEST = "manager_digest", _("Manager's weekly overdue list")


class AssignmentReminder(models.Model):
    """A reminder already emailed. The unique constraint makes each one go out once."""

    employee = models.ForeignKey(
        Employee,
        on_delete=models.CASCADE,
        related_name="assignment_reminders",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    item_key = models.CharField(
        _("item"), max_length=50, help_text=_("'course:<id>', 'program:<id>' or 'week:<iso week>'.")
    )
    due_date = models.DateField(_("due date"))
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("assignment"),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        # The table it had in the lms app, which it was part of until 0.2.
        db_table = "lms_assignmentreminder"
        verbose_name = _("assignment reminder")
        verbose_name_plural = _("assignment reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "kind", "item_key", "due_date"],
                name="assignment_reminder_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.employee} · {self.item_key}"


class ReportSnapshot(models.Model):
    """The completion figures of one scope as they stood when a month's summary went out."""

    month = models.DateField(_("month"), help_text=_("The first day of the month summarised."))
    scope_key = models.CharField(_("scope key"), max_length=255)
    scope_label = models.CharField(_("scope"), max_length=500)
    figures = models.JSONField(_("figures"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("sent to")
    )

    class Meta:
        # The table it had in the lms app, which it was part of until 0.2.
        db_table = "lms_reportsnapshot"
        verbose_name = _("monthly snapshot")
        verbose_name_plural = _("monthly snapshots")
        ordering = ["-month", "scope_label"]
        permissions = [
            ("view_completion_report", _("Can view the department completion report")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["month", "scope_key"], name="reportsnapshot_unique"),
        ]

    def __str__(self):
        return f"{self.month:%B %Y} · {self.scope_label}"

    @property
    def totals(self):
        return self.figures.get("totals", {})

    @property
    def rows(self):
        return self.figures.get("rows", [])


class AuditPackStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired (file deleted)")


#: The statuses after which a pack's row no longer changes but for its purge.
FINISHED_AUDIT_PACK_STATUSES = (
    AuditPackStatus.DONE,
    AuditPackStatus.FAILED,
    AuditPackStatus.EXPIRED,
)


class AuditPack(models.Model):
    """A ZIP of the certificate PDFs issued to a department (with its sub-departments) in a date
    range, with a CSV manifest, built by a task for an auditor (reporting.audit_packs)."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("department"),
        help_text=_("The department and everything under it."),
    )
    date_from = models.DateField(_("issued from"))
    date_to = models.DateField(_("issued until"))
    program = models.ForeignKey(
        "certification.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AuditPackStatus.choices,
        default=AuditPackStatus.QUEUED,
    )
    total = models.PositiveIntegerField(_("certificates"), default=0)
    done = models.PositiveIntegerField(_("certificates packed"), default=0)
    file = models.FileField(
        _("file"), upload_to="audit-packs/%Y/%m/", storage=private_storage, blank=True
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("audit pack")
        verbose_name_plural = _("audit packs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__gte=models.F("date_from")),
                name="auditpack_range_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.department} · {self.date_from:%Y-%m-%d} – {self.date_to:%Y-%m-%d}"

    @property
    def is_finished(self):
        return self.status in FINISHED_AUDIT_PACK_STATUSES

    @property
    def percent(self):
        if self.status == AuditPackStatus.DONE:
            return 100
        return 100 * self.done // self.total if self.total else 0

    @property
    def download_name(self):
        code = self.department.code if self.department else "department"
        return f"audit-pack-{code}-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}.zip"
