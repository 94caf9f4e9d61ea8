"""The site's credential signing key: an EC P-256 key (ES256) in a PEM file that is never committed.

`manage.py create_signing_key` writes it to ACADEMY_CREDENTIAL_SIGNING_KEY_FILE; the public half
is published at /.well-known/jwks.json. Credentials are signed when they are fetched, so after a
rotation every credential handed out verifies with the new key.
"""

import os
import threading
from pathlib import Path

from joserfc import jwt
from joserfc.jwk import ECKey

from lms.conf import academy_settings

ALGORITHM = "ES256"
CURVE = "P-256"
JWT_TYPE = "vc+jwt"

_lock = threading.Lock()
_cache = {}


class SigningKeyMissing(Exception):
    """No key file yet: run `manage.py create_signing_key`."""


def key_path():
    return Path(academy_settings.CREDENTIAL_SIGNING_KEY_FILE)


def create_key(path=None, *, overwrite=False):
    """Write a new private key (mode 0600) and return it. Refuses to overwrite unless told."""
    path = Path(path or key_path())
    if path.exists() and not overwrite:
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    key = ECKey.generate_key(CURVE, private=True)
    temporary = path.with_name(path.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key.as_pem(private=True))
    os.replace(temporary, path)
    _cache.clear()
    return key


def signing_key():
    """The private key, read once per change of the file."""
    path = key_path()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise SigningKeyMissing(
            f"No credential signing key at {path}. Run `manage.py create_signing_key`."
        ) from None
    with _lock:
        cached = _cache.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
        key = ECKey.import_key(path.read_bytes())
        if not key.is_private:
            raise SigningKeyMissing(f"{path} holds no private key.")
        _cache[path] = (stamp, key)
        return key


def key_id(key=None):
    """The RFC 7638 thumbprint of the public key: stable, and names the key in the JWKS."""
    return (key or signing_key()).thumbprint()


def public_jwks():
    key = signing_key()
    public = key.as_dict(private=False)
    public.update(kid=key_id(key), use="sig", alg=ALGORITHM)
    return {"keys": [public]}


def sign(claims):
    """A compact JWS (VC-JWT) of the claims, signed with the site key."""
    key = signing_key()
    header = {"alg": ALGORITHM, "typ": JWT_TYPE, "kid": key_id(key)}
    return jwt.encode(header, claims, key, algorithms=[ALGORITHM])
