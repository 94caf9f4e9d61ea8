"""What the duty gap detector has told the owners of an account, so each gap is told once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from access.models.champions import DutyKind


class DutyGapNotice(models.Model):
    """The owners of an account were told that nobody is on `kind` duty from `gap_start` (the
    first uncovered hour) to `gap_end`. One row per account, duty and gap start: the daily
    detector skips a gap it has already told."""

    account = models.ForeignKey(
        "access.SocialAccount",
        on_delete=models.CASCADE,
        related_name="duty_gap_notices",
        verbose_name=_("account"),
    )
    kind = models.CharField(_("duty"), max_length=16, choices=DutyKind.choices)
    gap_start = models.DateTimeField(_("gap starts"))
    gap_end = models.DateTimeField(_("gap ends"))
    recipients = models.PositiveIntegerField(_("owners told"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("duty gap notice")
        verbose_name_plural = _("duty gap notices")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "kind", "gap_start"], name="dutygapnotice_once_per_gap"
            ),
        ]

    def __str__(self):
        return f"{self.account} · {self.get_kind_display()} · {self.gap_start:%Y-%m-%d %H:%M}"
