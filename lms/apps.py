from celery import current_app
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    """The floor of the plugin: organisation and people, integration tokens, API authentication,
    the task outbox and the plugin's settings (`lms.conf`)."""

    name = "lms"
    verbose_name = _("Organisation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not above: these modules import models, which load after apps.py.
        import lms.checks  # noqa: F401  (registers the system checks)
        import lms.tasks  # noqa: F401  (registers the tasks, queued by name)
        import lms.time_zones  # noqa: F401  (reads a person's time zone at sign-in)
        from lms.exports import protect_spreadsheet_exports
        from lms.permissions import register_people_policies

        register_people_policies()
        protect_spreadsheet_exports()

        # A host without a Celery app of its own: Celery's fallback app reads the CELERY_*
        # settings too, so CELERY_TASK_ALWAYS_EAGER (or a broker) applies to the plugin's tasks.
        if current_app.main == "default":
            current_app.config_from_object("django.conf:settings", namespace="CELERY")
