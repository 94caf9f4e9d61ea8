"""The Celery application, wired the standard Django way."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy_site.settings.dev")

app = Celery("academy_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
