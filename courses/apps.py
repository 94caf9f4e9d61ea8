from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not above: these modules import models, which load after apps.py.
        import courses.receivers  # noqa: F401  (connects the receivers)
        import courses.tasks  # noqa: F401  (registers the tasks, queued by name)
