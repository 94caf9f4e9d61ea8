"""Settings of `make bench`: production settings, plus the bare view's URLs, on a bench_ database.

The benchmark sets DATABASE_URL to a database it created itself (named bench_…); these settings
refuse any other database so a benchmark can never write into a real one. Celery runs eagerly
so nothing reaches a real broker, and HTTPS redirects are off for loopback HTTP.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-any-real-site")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.pop("CELERY_BROKER_URL", None)

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from academy_site.settings.production import *  # noqa: E402,F403
from academy_site.settings.production import DATABASES, PRIVATE_STORAGE  # noqa: E402

if not str(DATABASES["default"].get("NAME", "")).startswith("bench_"):
    raise ImproperlyConfigured("Benchmark settings only run on a database named bench_….")

ROOT_URLCONF = "benchmarks.urls"
CELERY_BROKER_URL = ""
CELERY_TASK_ALWAYS_EAGER = True
CELERY_RESULT_BACKEND = None
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
