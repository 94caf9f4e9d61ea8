from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed webhook deliveries from an outbox: infrastructure that knows no domain app."""

    name = "webhooks"
    verbose_name = _("Webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not above: these modules import models, which load after apps.py.
        import webhooks.tasks  # noqa: F401  (registers the tasks, queued by name)
