from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademySiteConfig(AppConfig):
    """The runnable site around the plugin: its home page, demo data and commands."""

    name = "academy_site"
    verbose_name = _("Social Academy site")
    default_auto_field = "django.db.models.BigAutoField"
