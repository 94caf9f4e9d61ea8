"""The site's home page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms.dashboard import dashboard_for


class HomePage(Page):
    """The front door: what to do next for a signed-in employee, an introduction for others."""

    intro = RichTextField(_("introduction"), blank=True)
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        # The table it had in the lms app, which it was part of until 0.2.
        db_table = "lms_homepage"
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["dashboard"] = dashboard_for(request.user)
        return context
