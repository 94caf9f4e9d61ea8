from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Organisation and reporting")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.reports import setup
        from lms.reports.exports import protect_spreadsheet_exports

        setup.connect()
        protect_spreadsheet_exports()
