"""The plugin's settings: one namespace, ``ACADEMY_<NAME>``, each with its default here.

Read them as ``academy_settings.NAME`` (never ``settings.ACADEMY_NAME`` directly), so a host that
sets nothing gets the defaults below and tests may override any of them with
``override_settings(ACADEMY_NAME=...)``.

===============================  ==========================================================
``ACADEMY_SITE_URL``             Absolute address of the site, for links in mail, webhooks and
                                 credentials. Defaults to ``WAGTAILADMIN_BASE_URL``.
``ACADEMY_PRIVATE_STORAGE``      Alias in ``STORAGES`` for uploads no URL may reach (people
                                 imports). Default ``"private"``; a system check asks for it.
``ACADEMY_CREDENTIAL_SIGNING_KEY_FILE``  PEM file of the key that signs Open Badges credentials
                                 (``manage.py create_signing_key`` writes it).
``ACADEMY_CREDENTIAL_DI_KEY_FILE``  PEM file of the Ed25519 key of the credentials' Data
                                 Integrity proofs (``eddsa-rdfc-2022``); default beside the
                                 signing key, ``data-integrity-key.pem``.
``ACADEMY_CREDENTIAL_SIGNING_ALGORITHM`` What a new signing key signs with: ``"RS256"`` (default),
                                 ``"ES256"`` or ``"EdDSA"``.
``ACADEMY_CREDENTIAL_STATUS_METHOD``  How credentials publish revocation: ``"BitstringStatusList"``
                                 (W3C, default) or ``"1EdTechRevocationList"``; both are served.
``ACADEMY_CREDENTIAL_STATUS_LIST_TTL``  Seconds a status list may be cached (``validUntil``; 300).
``ACADEMY_CATALOGUE_PARENT_PAGE_TYPES``  Page types a course catalogue may be created under
                                 (``"app_label.ModelName"``); empty (default) means any page.
``ACADEMY_PEOPLE_IMPORT_MAX_BYTES``      Largest HR file accepted (20 MB).
``ACADEMY_PEOPLE_IMPORT_ASYNC_ROWS``     Files with more rows go to the task queue (2,000).
``ACADEMY_PEOPLE_IMPORT_MAX_PROBLEMS``   Checking a file stops after this many problems (1,000).
``ACADEMY_PEOPLE_IMPORT_KEEP_DAYS``      Uploaded HR files are deleted after this many days (30).
``ACADEMY_AUDIT_PACK_RETENTION_DAYS``  An audit pack's ZIP is deleted this many days after it
                                 was built (7).
``ACADEMY_AUDIT_PACK_MAX_RANGE_DAYS``  Longest date range one audit pack may cover (1,096 days).
``ACADEMY_HR_REMINDER_DAYS_BEFORE``      The "due soon" reminder goes out this many days before (7).
``ACADEMY_HR_REPORT_PG_SETTINGS``        PostgreSQL planner settings for the report's queries.
``ACADEMY_WEBHOOK_SECRET_KEY``   Key for encrypting webhook secrets (default: ``SECRET_KEY``).
``ACADEMY_WEBHOOK_TIMEOUT``      Seconds one delivery attempt may take (5).
``ACADEMY_WEBHOOK_MAX_ATTEMPTS`` A delivery is given up after this many attempts (15).
``ACADEMY_TRUSTED_PROXY_COUNT``  Reverse proxies that append to X-Forwarded-For (0).
``ACADEMY_ADMIN_CSP_REPLACE``    Content-Security-Policy directives replaced under the admin.
``ACADEMY_BROKER_BACKOFF``       Seconds a process leaves a failed broker alone (30).
``ACADEMY_OUTBOX_GRACE``         Seconds before the sweep sends a queued task not yet sent (30).
``ACADEMY_OUTBOX_RESEND_AFTER``  Seconds before a sent but never started task is sent again (600).
``ACADEMY_OUTBOX_MAX_RUNS``      A queued task is given up after this many runs (10).
``ACADEMY_DATE_FORMAT``          How every page and e-mail writes a day (Django date format,
                                 ``"j F Y"``: 3 December 2026); ``lms.formats``.
``ACADEMY_TIME_FORMAT``          How they write a time, in the person's zone (``"H:i T"``:
                                 08:09 CET).
``ACADEMY_PDF_FONT_DIRS``        Folders searched (with their subfolders) for the system fonts the
                                 certificate PDF falls back on, e.g. Chinese, Japanese and Korean
                                 (``/usr/share/fonts``, ``/usr/local/share/fonts``).
===============================  ==========================================================
"""

from pathlib import Path

from django.conf import settings

PREFIX = "ACADEMY_"

DEFAULTS = {
    "SITE_URL": None,
    "PRIVATE_STORAGE": "private",
    "CREDENTIAL_SIGNING_KEY_FILE": None,
    "CREDENTIAL_DI_KEY_FILE": None,
    "CREDENTIAL_SIGNING_ALGORITHM": "RS256",
    "CREDENTIAL_STATUS_METHOD": "BitstringStatusList",
    "CREDENTIAL_STATUS_LIST_TTL": 300,
    "CATALOGUE_PARENT_PAGE_TYPES": (),
    "PEOPLE_IMPORT_MAX_BYTES": 20 * 1024 * 1024,
    "PEOPLE_IMPORT_ASYNC_ROWS": 2000,
    "PEOPLE_IMPORT_MAX_PROBLEMS": 1000,
    "PEOPLE_IMPORT_KEEP_DAYS": 30,
    "AUDIT_PACK_RETENTION_DAYS": 7,
    "AUDIT_PACK_MAX_RANGE_DAYS": 1096,
    "HR_REMINDER_DAYS_BEFORE": 7,
    "HR_REPORT_PG_SETTINGS": None,
    "WEBHOOK_SECRET_KEY": "",
    "WEBHOOK_TIMEOUT": 5.0,
    "WEBHOOK_MAX_ATTEMPTS": 15,
    "TRUSTED_PROXY_COUNT": 0,
    "ADMIN_CSP_REPLACE": None,
    "BROKER_BACKOFF": 30.0,
    "OUTBOX_GRACE": 30,
    "OUTBOX_RESEND_AFTER": 600,
    "OUTBOX_MAX_RUNS": 10,
    "DATE_FORMAT": "j F Y",
    "TIME_FORMAT": "H:i T",
    "PDF_FONT_DIRS": ("/usr/share/fonts", "/usr/local/share/fonts"),
}


class AcademySettings:
    """``academy_settings.NAME``: the host's ``ACADEMY_NAME``, or the default above."""

    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"{PREFIX}{name} is not a setting of the plugin")
        value = getattr(settings, PREFIX + name, DEFAULTS[name])
        reader = getattr(self, f"_read_{name.lower()}", None)
        return reader(value) if reader else value

    @staticmethod
    def _read_site_url(value):
        value = value or getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
        return value.rstrip("/")

    @staticmethod
    def _read_credential_signing_key_file(value):
        if not value:
            return Path(settings.BASE_DIR if hasattr(settings, "BASE_DIR") else ".") / (
                "var/keys/signing-key.pem"
            )
        return Path(value)

    def _read_credential_di_key_file(self, value):
        if not value:
            return self.CREDENTIAL_SIGNING_KEY_FILE.parent / "data-integrity-key.pem"
        return Path(value)


academy_settings = AcademySettings()
