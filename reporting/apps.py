from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """HR reporting: assignments with due dates, the department report, reminders, summaries."""

    name = "reporting"
    verbose_name = _("HR reporting")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not above: these modules import models, which load after apps.py.
        import reporting.tasks  # noqa: F401  (registers the tasks, queued by name)
        from reporting.permissions import register_reporting_policies

        register_reporting_policies()
