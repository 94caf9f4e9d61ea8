"""Certification programs: the tiers of the ladder and what each one requires."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


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
        ]

    def __str__(self):
        return self.name

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
