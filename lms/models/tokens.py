"""Integration tokens: shown once, stored as a SHA-256 digest, revocable, scoped."""

import hashlib
import secrets

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "sa_"  # noqa: S105 - a marker, not a secret


class TokenScope(models.TextChoices):
    """What a token may do; each scope allows only what it names (none implies another)."""

    ACCESS_CHECK = "access:check", _("Check access")
    ACCOUNTS_READ = "accounts:read", _("List official accounts")
    CERTIFICATES_REVOKE = "certificates:revoke", _("Revoke certificates")
    CERTIFICATES_LIFECYCLE = (
        "certificates:lifecycle",
        _("Extend and reinstate certificates, grant exemptions, reset quiz attempts"),
    )
    REPORTS_READ = "reports:read", _("Read reports")
    CHAMPIONS_READ = "champions:read", _("List champions")


def hash_token(raw):
    """Tokens are 256-bit random strings, so a plain SHA-256 digest is safe to keep."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, name, scopes, created_by=None):
        """Create a token; return (token, raw). The raw value is never stored or shown again."""
        unknown = set(scopes) - set(TokenScope.values)
        if unknown:
            raise ValueError(f"Unknown scopes: {', '.join(sorted(unknown))}")
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            name=name,
            prefix=raw[: len(TOKEN_PREFIX) + 6],
            digest=hash_token(raw),
            scopes=sorted(set(scopes)),
            created_by=created_by,
        )
        return token, raw

    @classmethod
    def authenticate(cls, raw):
        """The active token for this raw value, or None. One indexed query."""
        if not raw or not raw.startswith(TOKEN_PREFIX):
            return None
        # Every access check starts here: a raw statement costs half of what the ORM spends
        # building this one (the digest is unique, so there is at most one row).
        table = connection.ops.quote_name(cls._meta.db_table)
        sql = f"SELECT * FROM {table} WHERE digest = %s AND revoked_at IS NULL"  # noqa: S608
        found = list(cls.objects.raw(sql, [hash_token(raw)]))
        return found[0] if found else None

    @property
    def is_active(self):
        return self.revoked_at is None

    def has_scope(self, scope):
        return scope in self.scopes

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
