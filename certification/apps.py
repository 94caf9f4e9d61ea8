from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = _("Certification")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not above: these modules import models, which load after apps.py.
        # Listens to the courses app (a completed course may earn a certificate).
        import certification.checks  # noqa: F401  (registers the system checks)
        import certification.receivers  # noqa: F401
        import certification.tasks  # noqa: F401  (registers the tasks, queued by name)
