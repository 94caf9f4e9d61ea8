"""Where a certificate's credential sits in the published status lists."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CredentialStatusEntry(models.Model):
    """A certificate's place in a Bitstring Status List: list number and bit index, drawn at
    random the first time its credential is handed out, so neighbours in a list say nothing about
    each other (W3C Bitstring Status List §6, herd privacy)."""

    certificate = models.OneToOneField(
        "certification.Certificate",
        on_delete=models.CASCADE,
        related_name="status_entry",
        verbose_name=_("certificate"),
    )
    list_number = models.PositiveIntegerField(_("status list"))
    index = models.PositiveIntegerField(_("index in the list"))

    class Meta:
        verbose_name = _("credential status entry")
        verbose_name_plural = _("credential status entries")
        constraints = [
            models.UniqueConstraint(
                fields=["list_number", "index"], name="certification_status_entry_unique_index"
            )
        ]

    def __str__(self):
        return f"{self.list_number}#{self.index}"
