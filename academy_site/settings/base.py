"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def require_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


INSTALLED_APPS = [
    # The site around the plugin (its home page, demo data, commands).
    "academy_site",
    # The plugin, floor first: webhooks know none of the others.
    "lms",
    "webhooks",
    "courses",
    "certification",
    "access",
    "reporting",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "treebeard",
    "ninja",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, sign-in and every view: a NUL character anywhere in the input is a 400.
    "lms.bad_input.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The signed-in person's time zone (Your settings), the site's TIME_ZONE otherwise.
    "lms.time_zones.PersonTimeZoneMiddleware",
    "lms.security.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "academy_site.urls"
WSGI_APPLICATION = "academy_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "academy_site.context_processors.navigation",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# The embedded default is a SQLite file beside the project; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# No STATICFILES_DIRS: the CSS, icons and scripts are the apps' own (lms/static/lms/...).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploads that no URL may reach (the HR system's people exports): outside MEDIA_ROOT, so neither
# the demo's /media/ nor a web server serving MEDIA_ROOT can hand them out.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private/"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "academy_after_sign_in"  # each person where their work is (lms.landing)
LOGOUT_REDIRECT_URL = "/"

# Sign-in throttling (django-axes), on the site's and the admin's login forms alike: after
# AXES_FAILURE_LIMIT failed passwords for one username from one address, that pair is refused
# (429, templates/registration/locked_out.html) until AXES_COOLOFF_MINUTES pass without another
# try, or staff unlock it in the admin (Settings > Sign-in lockouts). Other users and other
# addresses are not affected. A successful sign-in clears the count.
AUTHENTICATION_BACKENDS = [
    # AxesBackend: the lockout check, and (as a ModelBackend) able to load a session's user.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lms.login_throttle.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Successful sign-ins are not written down (a table that would only grow); failures are.
AXES_DISABLE_ACCESS_LOG = True
# The log names the username and address of a failure or lockout (passwords never appear).
AXES_SENSITIVE_PARAMETERS = []
# The client's address is REMOTE_ADDR. Behind N reverse proxies that each append to
# X-Forwarded-For, set TRUSTED_PROXY_COUNT=N: the address is then the one the outermost proxy
# saw.
ACADEMY_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "lms.login_throttle.client_ip_address"

# Content-Security-Policy (django-csp) on every response: scripts only from this site (an inline
# script needs nonce="{{ CSP_NONCE }}"), nothing from other origins at all. Inline style
# attributes stay allowed (progress bars, charts). The Wagtail admin renders inline scripts
# without nonces (widgets, inline panels), so under its URLs ACADEMY_ADMIN_CSP_REPLACE applies
# (lms.security.ContentSecurityPolicyMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
ACADEMY_ADMIN_CSP_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_NAME", "Social Academy")
# The public address; the plugin takes it for links in mail and credentials (ACADEMY_SITE_URL
# falls back to it, without the trailing slash).
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "xlsx"]
# Documents go through Wagtail's /documents/<id>/ view, which applies collection privacy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed"}]
TAGGIT_CASE_INSENSITIVE = True
# No avatars from a third-party service: the site makes no outside requests.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin's dashboard ask wagtail.io for the latest release.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Uploads: a people import of 50,000 rows is about 5 MB; anything past 20 MB is refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ACADEMY_PEOPLE_IMPORT_MAX_BYTES = int(env("PEOPLE_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
# Imports of more rows than this run on the task queue, with progress shown to HR.
ACADEMY_PEOPLE_IMPORT_ASYNC_ROWS = int(env("PEOPLE_IMPORT_ASYNC_ROWS", "2000"))
# Checking a file stops once this many row problems are found (a file of junk is refused in
# seconds, and the import says where it stopped).
ACADEMY_PEOPLE_IMPORT_MAX_PROBLEMS = int(env("PEOPLE_IMPORT_MAX_PROBLEMS", "1000"))
# Uploaded HR files (and the row problems that quote them) are deleted this many days after the
# import finished; the counts stay. 0 deletes them the night after.
ACADEMY_PEOPLE_IMPORT_KEEP_DAYS = int(env("PEOPLE_IMPORT_KEEP_DAYS", "30"))
# How many days before a due date the "due soon" reminder goes out.
ACADEMY_HR_REMINDER_DAYS_BEFORE = int(env("HR_REMINDER_DAYS_BEFORE", "7"))

# Webhooks: secrets are stored encrypted under a key derived from WEBHOOK_SECRET_KEY (or from
# SECRET_KEY when it is empty); each attempt waits at most WEBHOOK_TIMEOUT seconds, and a
# delivery is given up after WEBHOOK_MAX_ATTEMPTS attempts.
ACADEMY_WEBHOOK_SECRET_KEY = env("WEBHOOK_SECRET_KEY", "")
ACADEMY_WEBHOOK_TIMEOUT = float(env("WEBHOOK_TIMEOUT", "5"))
ACADEMY_WEBHOOK_MAX_ATTEMPTS = int(env("WEBHOOK_MAX_ATTEMPTS", "15"))

# Celery: with no broker configured, tasks run eagerly in-process (the embedded demo).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# In eager mode a failing task is logged and its queued row kept (lms.outbox), not a 500.
CELERY_TASK_EAGER_PROPAGATES = env_bool("CELERY_TASK_EAGER_PROPAGATES", False)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
# Nothing reads task results but the worker round-trip check, which asks for its own.
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged when it has run, and a worker killed under it (kill -9, OOM) hands it
# back: Redis redelivers an unacknowledged message after the visibility timeout, which must
# outlast the longest task (the hard time limit) or a running task would be delivered twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = int(env("CELERY_TASK_TIME_LIMIT", "300"))
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 10
CELERY_VISIBILITY_TIMEOUT = int(env("CELERY_VISIBILITY_TIMEOUT", str(CELERY_TASK_TIME_LIMIT + 60)))
# Publishing tries once, with a one-second connect timeout: a request never waits on a broker
# that is down (what was not sent waits in the outbox for the sweep). The worker keeps its
# own endless reconnection loop.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Look for messages whose worker died every 10 s (kombu's default is every 100 s).
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# lms.outbox: after a failed publish a process leaves the broker alone this many seconds; the
# sweep sends rows not sent after GRACE seconds, sent but not started after RESEND_AFTER.
ACADEMY_BROKER_BACKOFF = float(env("ACADEMY_BROKER_BACKOFF", "30"))
ACADEMY_OUTBOX_GRACE = int(env("ACADEMY_OUTBOX_GRACE", "30"))
ACADEMY_OUTBOX_RESEND_AFTER = int(env("ACADEMY_OUTBOX_RESEND_AFTER", "600"))
ACADEMY_OUTBOX_MAX_RUNS = int(env("ACADEMY_OUTBOX_MAX_RUNS", "10"))
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# The plugin's periodic tasks, at the times it suggests (lms/schedule.py).
from lms.schedule import BEAT_SCHEDULE  # noqa: E402

CELERY_BEAT_SCHEDULE = {**BEAT_SCHEDULE}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "academy@localhost")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")

# The key that signs Open Badges credentials: a PEM file made by `manage.py create_signing_key`.
ACADEMY_CREDENTIAL_SIGNING_KEY_FILE = Path(
    env("CREDENTIAL_SIGNING_KEY_FILE", str(BASE_DIR / "var" / "keys" / "signing-key.pem"))
)
# What a new key signs with (RS256, ES256 or EdDSA) and how credentials publish revocation.
ACADEMY_CREDENTIAL_SIGNING_ALGORITHM = env("CREDENTIAL_SIGNING_ALGORITHM", "RS256")
ACADEMY_CREDENTIAL_STATUS_METHOD = env("CREDENTIAL_STATUS_METHOD", "BitstringStatusList")
ACADEMY_CREDENTIAL_STATUS_LIST_TTL = int(env("CREDENTIAL_STATUS_LIST_TTL", "300"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django_tasks": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
    },
}

LANGUAGES = [("en-gb", _("English"))]
