"""Settings for the test suite: fast hashing, mail kept in memory."""

from academy_site.settings.base import *  # noqa: F403
from academy_site.settings.base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", "test-only-insecure-key")  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each pytest-xdist worker (gw0, gw1, ...) has its own files, as it has its own database.
_WORKER = env("PYTEST_XDIST_WORKER", "main")
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / _WORKER  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private" / _WORKER  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {**PRIVATE_STORAGE, "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},  # noqa: F405
}
ACADEMY_CREDENTIAL_SIGNING_KEY_FILE = BASE_DIR / "var" / "test-keys" / _WORKER / "signing-key.pem"  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tasks run in-process in the suite; tests marked `worker` switch to the real worker themselves.
CELERY_TASK_ALWAYS_EAGER = True
# A failing task fails its test.
CELERY_TASK_EAGER_PROPAGATES = True
