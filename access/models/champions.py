"""The hub and its spokes: champions per department, and listening and triage duty rotations
on the official accounts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from lms.people import display_name


@register_setting(icon="group")
class ChampionSettings(BaseGenericSetting):
    """What a champion must hold, and for how long a term runs (Settings → Champions)."""

    program = models.ForeignKey(
        "certification.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program champions must hold"),
        help_text=_("E.g. Spokesperson. Empty: any valid certificate of the highest tier."),
    )
    term_days = models.PositiveIntegerField(
        _("term (days)"),
        default=365,
        help_text=_("How long a champion's term runs; it also ends when their certificate does."),
    )
    community_guidelines_url = models.URLField(
        _("community guidelines"),
        blank=True,
        help_text=_("Where the published community guidelines are (readiness scorecard)."),
    )

    panels = [
        FieldPanel("program"),
        FieldPanel("term_days"),
        FieldPanel("community_guidelines_url"),
    ]

    class Meta:
        verbose_name = _("champions")


class ChampionStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated, awaiting approval")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")
    LAPSED = "lapsed", _("Lapsed (certificate ended)")


class ChampionQuerySet(models.QuerySet):
    def active(self, now=None):
        today = timezone.localdate(now) if now else timezone.localdate()
        return self.filter(status=ChampionStatus.ACTIVE, term_end__gte=today)


class Champion(models.Model):
    """A person who answers for social media in a department: the spoke of the hub."""

    department = models.ForeignKey(
        "lms.Department",
        on_delete=models.CASCADE,
        related_name="champions",
        verbose_name=_("department"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="champion_roles",
        verbose_name=_("person"),
    )
    program = models.ForeignKey(
        "certification.Program",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("program held"),
    )
    certificate = models.ForeignKey(
        "certification.Certificate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rests on certificate"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ChampionStatus.choices, default=ChampionStatus.NOMINATED
    )
    self_nominated = models.BooleanField(_("self-nominated"), default=False)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    nominated_at = models.DateTimeField(_("nominated at"), default=timezone.now)
    note = models.TextField(_("why"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=255, blank=True)

    objects = ChampionQuerySet.as_manager()

    class Meta:
        verbose_name = _("champion")
        verbose_name_plural = _("champions")
        ordering = ["department__path", "-nominated_at"]
        permissions = [("manage_champions", _("Can nominate, approve and end champions"))]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "person"],
                condition=Q(status__in=["nominated", "active"]),
                name="champion_one_open_per_department",
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="champion_term_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(term_start__isnull=False, term_end__isnull=False),
                name="champion_active_has_term",
            ),
        ]
        indexes = [models.Index(fields=["status", "term_end"], name="champion_status_term")]

    def __str__(self):
        return f"{self.person_name} · {self.department}"

    @property
    def person_name(self):
        return display_name(self.person)


class DutyKind(models.TextChoices):
    LISTENING = "listening", _("Listening")
    TRIAGE = "triage", _("Crisis triage")


class DutySlot(models.Model):
    """A person on listening or triage duty for an account, from one moment to another."""

    account = models.ForeignKey(
        "access.SocialAccount",
        on_delete=models.CASCADE,
        related_name="duty_slots",
        verbose_name=_("account"),
    )
    kind = models.CharField(_("duty"), max_length=16, choices=DutyKind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="duty_slots",
        verbose_name=_("person"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scheduled by"),
    )
    created_at = models.DateTimeField(_("scheduled at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("duty slot")
        verbose_name_plural = _("duty rota")
        ordering = ["account", "kind", "starts_at"]
        permissions = [("manage_duty", _("Can schedule listening and triage duty"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="dutyslot_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["account", "kind", "starts_at"], name="dutyslot_account"),
            models.Index(fields=["person", "starts_at"], name="dutyslot_person"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.account} · {self.starts_at:%Y-%m-%d %H:%M}"
