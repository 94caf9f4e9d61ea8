from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    """Access gating: official accounts, their roles, requests, grants and the audit log."""

    name = "access"
    verbose_name = _("Access to official accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not above: these modules import models, which load after apps.py.
        import access.champion_receivers  # noqa: F401  (champions follow their certificates)
        import access.receivers  # noqa: F401  (follows certificates and people)
        import access.tasks  # noqa: F401  (registers the tasks, queued by name)
