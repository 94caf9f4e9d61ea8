"""What a person chooses for themselves on "Your settings": every signed-in user may, employee
or not (administrators, editors), so it is a row of its own rather than a field of Employee."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preferences(models.Model):
    """One row per user who changed a setting; no row means the site's defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="academy_preferences",
        verbose_name=_("user"),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("An IANA zone, e.g. Europe/Paris; empty: the site's TIME_ZONE."),
    )

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self):
        return f"{self.user}: {self.time_zone or '-'}"
