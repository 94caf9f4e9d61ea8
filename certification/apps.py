from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = _("Certification and access")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Certification listens to the courses app and adds the certificates panel to the home
        # page; access follows certification (grants, audit, webhook outbox) and adds its panel.
        from . import access_dashboard, access_receivers, dashboard, receivers  # noqa: F401
