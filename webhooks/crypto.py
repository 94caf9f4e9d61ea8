"""Webhook secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) under a key the site owns.

The key is WEBHOOK_SECRET_KEY (setting or environment variable: a Fernet key, or any string,
which is stretched with HKDF). Without it, a key is derived from SECRET_KEY with HKDF, and keys
derived from SECRET_KEY_FALLBACKS still decrypt, so rotating SECRET_KEY the Django way keeps the
stored secrets readable.
"""

import base64
import hashlib
import hmac
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from lms.conf import academy_settings

_INFO = b"social-academy webhook secrets v1"


class SecretUnreadable(Exception):
    """The stored secret cannot be decrypted with the configured keys."""


def _derive(material):
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO)
    return base64.urlsafe_b64encode(hkdf.derive(material.encode()))


def _fernet_key(value):
    """A configured key: used as is when it is already a Fernet key, else derived from."""
    try:
        if len(base64.urlsafe_b64decode(value.encode())) == 32:
            return value.encode()
    except (ValueError, TypeError):
        pass
    return _derive(value)


def _keys():
    configured = academy_settings.WEBHOOK_SECRET_KEY or os.environ.get("WEBHOOK_SECRET_KEY")
    if configured:
        keys = [_fernet_key(configured)]
    else:
        keys = [_derive(settings.SECRET_KEY)]
    keys += [_derive(old) for old in getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return keys


def _fernet():
    return MultiFernet([Fernet(key) for key in _keys()])


def encrypt(secret):
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token):
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError) as exc:
        raise SecretUnreadable(
            "The webhook secret cannot be decrypted: the encryption key changed. "
            "Enter the secret again."
        ) from exc


def sign(secret, body):
    """The X-Signature header value for a raw body."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret, body, header):
    """What a receiver does: constant-time comparison of the header with the expected value."""
    return hmac.compare_digest(sign(secret, body), header or "")
