"""Certification programs: the tiers of the ladder and what each one requires."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class RenewalRequirement(models.TextChoices):
    """What a holder redoes to renew, inside the recertification window or after expiry."""

    FULL = "full", _("The program's courses again, in full")
    REFRESHER = "refresher", _("A shorter refresher course")
    QUIZ = "quiz", _("The courses' quizzes only")


DEFAULT_REMINDER_DAYS = [30, 14, 1]
MAX_REMINDERS = 10


def default_reminder_days():
    return list(DEFAULT_REMINDER_DAYS)


def clean_reminder_days(value):
    """A list of distinct whole days before expiry, largest first; raises ValidationError."""
    if isinstance(value, str):
        value = [part for part in value.replace(";", ",").split(",") if part.strip()]
    if not isinstance(value, list | tuple):
        raise ValidationError(_("Give the reminder days as a list of whole numbers."))
    days = set()
    for item in value:
        try:
            day = int(str(item).strip())
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a whole number of days.") % {"value": item}
            ) from None
        if not 1 <= day <= 3650:
            raise ValidationError(_("Reminder days must be between 1 and 3650."))
        days.add(day)
    if len(days) > MAX_REMINDERS:
        raise ValidationError(_("At most %(n)d reminders.") % {"n": MAX_REMINDERS})
    return sorted(days, reverse=True)


class DayListFormField(forms.CharField):
    """Typed as "30, 14, 1"; cleaned to [30, 14, 1]."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(day) for day in value)
        return value

    def to_python(self, value):
        return clean_reminder_days(super().to_python(value) or "")


class DayListField(models.JSONField):
    """A list of whole days, edited as comma-separated numbers."""

    def formfield(self, **kwargs):
        return DayListFormField(
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class ProgramQuerySet(models.QuerySet):
    def on_ladder(self):
        """Programs in tier order, lowest first."""
        return self.order_by("tier", "name")


class Program(ClusterableModel):
    """A tier of certification (e.g. Enthusiast, Professional, Spokesperson)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    tier = models.PositiveSmallIntegerField(
        _("tier"), default=1, help_text=_("Position on the ladder: 1 is the first step.")
    )
    description = models.TextField(
        _("description"), help_text=_("What the program is; shown on certificates and badges.")
    )
    allows = models.CharField(
        _("what it allows"),
        max_length=255,
        help_text=_("One sentence, e.g. 'May share company news on personal networks.'"),
    )
    requires_policy = models.BooleanField(
        _("requires the social media policy"),
        default=True,
        help_text=_("The current version of the policy must be accepted."),
    )
    requires_approval = models.BooleanField(
        _("requires approval"),
        default=False,
        help_text=_("The social media team must approve each person before a certificate issues."),
    )
    validity_days = models.PositiveIntegerField(
        _("validity (days)"), default=365, help_text=_("How long a certificate stays valid.")
    )
    builds_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_programs",
        verbose_name=_("builds on"),
        help_text=_(
            "A lower program whose requirements, and a valid certificate of it, are also required."
        ),
    )
    recertification_window_days = models.PositiveIntegerField(
        _("recertification window (days)"),
        default=30,
        help_text=_(
            "Renewal opens this many days before a certificate expires; renewing inside the "
            "window continues the certificate from its old end, with no gap. 0: renewal only "
            "after expiry. Must be shorter than the validity."
        ),
    )
    renewal_requirement = models.CharField(
        _("to renew"),
        max_length=16,
        choices=RenewalRequirement.choices,
        default=RenewalRequirement.FULL,
        help_text=_(
            "What a holder redoes to renew. Earlier completions and quiz attempts stay on "
            "record but do not count for the new cycle."
        ),
    )
    refresher_course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refresher course"),
        help_text=_("Required when renewal asks for a refresher course."),
    )
    reminder_days = DayListField(
        _("reminders (days before expiry)"),
        default=default_reminder_days,
        blank=True,
        help_text=_("E.g. 30, 14, 1: each reminder is sent once. Empty: no reminders."),
    )
    remind_managers = models.BooleanField(
        _("remind managers too"),
        default=True,
        help_text=_("Each reminder also goes to the holder's manager."),
    )
    policy_grace_days = models.PositiveIntegerField(
        _("grace period for a new policy (days)"),
        default=30,
        validators=[MaxValueValidator(3650)],
        help_text=_(
            "When a new policy version asks everyone again, holders have this many days to "
            "accept it; after that their certificates are suspended until they do."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProgramQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("tier"), FieldPanel("builds_on")],
            heading=_("Program"),
        ),
        FieldPanel("description"),
        FieldPanel("allows"),
        MultiFieldPanel(
            [
                FieldPanel("requires_policy"),
                FieldPanel("requires_approval"),
                FieldPanel("validity_days"),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("recertification_window_days"),
                FieldPanel("renewal_requirement"),
                FieldPanel("refresher_course"),
                FieldPanel("reminder_days"),
                FieldPanel("remind_managers"),
                FieldPanel("policy_grace_days"),
            ],
            heading=_("Recertification"),
        ),
        InlinePanel("program_courses", heading=_("Required courses"), label=_("course")),
    ]

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["tier", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(validity_days__gte=1), name="program_validity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(recertification_window_days__lt=models.F("validity_days")),
                name="program_window_shorter_than_validity",
            ),
            models.CheckConstraint(
                condition=~models.Q(renewal_requirement="refresher")
                | models.Q(refresher_course__isnull=False),
                name="program_refresher_named",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.validity_days
            and self.recertification_window_days is not None
            and self.recertification_window_days >= self.validity_days
        ):
            errors["recertification_window_days"] = _(
                "The window must be shorter than the validity (%(days)d days)."
            ) % {"days": self.validity_days}
        refresher = self.renewal_requirement == RenewalRequirement.REFRESHER
        if refresher and not self.refresher_course_id:
            errors["refresher_course"] = _("Name the refresher course renewal asks for.")
        try:
            self.reminder_days = clean_reminder_days(self.reminder_days or [])
        except ValidationError as error:
            errors["reminder_days"] = error.messages
        if errors:
            raise ValidationError(errors)

    def lineage(self):
        """This program and every program it builds on, lowest tier first."""
        chain, seen, program = [], set(), self
        while program is not None and program.pk not in seen:
            seen.add(program.pk)
            chain.append(program)
            program = program.builds_on
        return list(reversed(chain))

    def own_course_ids(self):
        return [pc.course_id for pc in self.program_courses.all()]


class ProgramCourse(Orderable):
    """A course a program requires, in the order the program lists it."""

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="program_courses")
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("course"),
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("required course")
        verbose_name_plural = _("required courses")
        constraints = [
            models.UniqueConstraint(fields=["program", "course"], name="programcourse_unique"),
        ]

    def __str__(self):
        return f"{self.program}: {self.course}"
