"""System checks: what a host site must set for the plugin to work (`manage.py check`)."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Warning, register

from lms.conf import academy_settings


@register()
def check_host_settings(app_configs=None, **kwargs):
    problems = []
    if not apps.is_installed("wagtail.contrib.settings"):
        problems.append(
            Error(
                "Social Academy needs wagtail.contrib.settings (the certificate issuer is a site "
                "setting).",
                hint='Add "wagtail.contrib.settings" to INSTALLED_APPS.',
                id="academy.E001",
            )
        )
    alias = academy_settings.PRIVATE_STORAGE
    if alias not in getattr(settings, "STORAGES", {}):
        problems.append(
            Error(
                f'STORAGES has no "{alias}" storage for uploads that no URL may reach (HR files).',
                hint=f'Add STORAGES["{alias}"] = {{"BACKEND": '
                '"django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": '
                '"<a folder outside MEDIA_ROOT>"}}, or name another alias in '
                "ACADEMY_PRIVATE_STORAGE.",
                id="academy.E002",
            )
        )
    if not getattr(settings, "CELERY_BROKER_URL", "") and not getattr(
        settings, "CELERY_TASK_ALWAYS_EAGER", False
    ):
        problems.append(
            Error(
                "Neither a Celery broker nor eager mode is set: certificates, mail and "
                "webhooks would wait in the task outbox for ever.",
                hint="Set CELERY_BROKER_URL (and run a worker and beat), or "
                "CELERY_TASK_ALWAYS_EAGER = True to run tasks in the web process.",
                id="academy.E003",
            )
        )
    if not academy_settings.SITE_URL:
        problems.append(
            Warning(
                "The site's address is not set: links in mail, webhooks and credentials "
                "would be relative.",
                hint="Set ACADEMY_SITE_URL (or WAGTAILADMIN_BASE_URL) to e.g. "
                '"https://academy.example.com".',
                id="academy.W001",
            )
        )
    return problems
