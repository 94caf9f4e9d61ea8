"""Who issues the certificates: an editable site-wide setting (Settings → Certificate issuer)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from lms.conf import academy_settings


@register_setting(icon="doc-full")
class IssuerSettings(BaseGenericSetting):
    """Printed on every certificate and named in every Open Badges credential from now on."""

    organisation_name = models.CharField(
        _("organisation"),
        max_length=120,
        blank=True,
        help_text=_("The company that certifies. Empty: the site's name."),
    )
    organisation_url = models.URLField(
        _("organisation's website"),
        blank=True,
        help_text=_("Named in credentials as the issuer's address. Empty: this site."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Where holders and verifiers can write; shown when a certificate is checked."),
    )
    signatory_name = models.CharField(
        _("signed by"),
        max_length=120,
        blank=True,
        help_text=_("The person whose name is printed on certificates. Empty: no signature line."),
    )
    signatory_title = models.CharField(_("their title"), max_length=120, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("organisation_url")],
            heading=_("Issuer"),
        ),
        FieldPanel("contact_email"),
        FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")]),
    ]

    class Meta:
        verbose_name = _("certificate issuer")

    @property
    def issuer_name(self):
        return self.organisation_name.strip() or settings.WAGTAIL_SITE_NAME

    @property
    def issuer_url(self):
        return self.organisation_url.strip() or academy_settings.SITE_URL + "/"
