"""The site's credential signing keys: a private key in a PEM file that is never committed, and
the public halves of the keys it replaced, kept published until what they signed has expired.

`manage.py create_signing_key` writes the key to ACADEMY_CREDENTIAL_SIGNING_KEY_FILE, of the
type ACADEMY_CREDENTIAL_SIGNING_ALGORITHM names: RS256 (RSA 3072, the default, the algorithm
Open Badges 3.0 requires every verifier to support), ES256 (EC P-256) or EdDSA (Ed25519). A key
signs with the algorithm of its type, so a setting changed later takes effect at the next
rotation.

The JOSE header follows Open Badges 3.0 (§8.2, VC-JWT): `alg`, `typ: JWT` (where VC-JOSE-COSE
would say `vc+jwt`), and `kid`, a URL that dereferences to the public JWK
(/api/v1/issuer/keys/<thumbprint>). Every published key is in the JWK Set at
/.well-known/jwks.json with that `kid` and the issuer's id as `iss`, as the specification's
recommended practices ask.

Rotation (`create_signing_key --rotate`) moves the old public key to `retired-keys.json` beside
the key file with the date until which it stays published: the end of the longest-running
certificate at that moment, since a credential handed out before expires with its certificate.
"""

import datetime
import json
import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import ECKey, JWKRegistry, OKPKey, RSAKey

from lms.conf import academy_settings

#: What create_signing_key makes for each algorithm the setting may name.
ALGORITHMS = {
    "RS256": lambda: RSAKey.generate_key(3072, private=True),
    "ES256": lambda: ECKey.generate_key("P-256", private=True),
    "EdDSA": lambda: OKPKey.generate_key("Ed25519", private=True),
}
#: Open Badges 3.0 §8.2.3: "typ", if present, MUST be "JWT".
JWT_TYPE = "JWT"
RETIRED_FILE = "retired-keys.json"

_lock = threading.Lock()
_cache = {}


class SigningKeyMissing(Exception):
    """No key file yet: run `manage.py create_signing_key`."""


def key_path():
    return Path(academy_settings.CREDENTIAL_SIGNING_KEY_FILE)


def retired_path(path=None):
    return Path(path or key_path()).with_name(RETIRED_FILE)


def configured_algorithm():
    algorithm = academy_settings.CREDENTIAL_SIGNING_ALGORITHM
    if algorithm not in ALGORITHMS:
        raise ValueError(
            f"ACADEMY_CREDENTIAL_SIGNING_ALGORITHM must be one of {', '.join(ALGORITHMS)}, "
            f"not {algorithm!r}."
        )
    return algorithm


def algorithm_of(key):
    """The JOSE algorithm a key signs with, from its type."""
    if key.key_type == "RSA":
        return "RS256"
    if key.key_type == "EC":
        return "ES256"
    return "EdDSA"


def write_private(path, data):
    """Write a private key file: mode 0600, replaced atomically, and forgotten by the cache."""
    temporary = path.with_name(path.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)
    forget_key_file(path)


def create_key(path=None, *, overwrite=False, algorithm=None, keep_old_until=None):
    """Write a new private key (mode 0600) and return it. Refuses to overwrite unless told; when
    it replaces a key, that key's public half stays published until `keep_old_until`."""
    path = Path(path or key_path())
    if path.exists() and not overwrite:
        raise FileExistsError(path)
    algorithm = algorithm or configured_algorithm()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    if path.exists():
        retire(_read_key(path), path, keep_old_until or datetime.datetime.now(datetime.UTC))
    key = ALGORITHMS[algorithm]()
    write_private(path, key.as_pem(private=True))
    return key


def _read_key(path):
    private = load_pem_private_key(path.read_bytes(), password=None)
    if isinstance(private, rsa.RSAPrivateKey):
        key_type = "RSA"
    elif isinstance(private, ec.EllipticCurvePrivateKey):
        key_type = "EC"
    elif isinstance(private, ed25519.Ed25519PrivateKey):
        key_type = "OKP"
    else:
        raise SigningKeyMissing(f"{path} holds a key of a type credentials cannot be signed with.")
    return JWKRegistry.import_key(path.read_bytes(), key_type)


def load_key_file(path, load, missing):
    """`load(path)`, kept until the file changes (its mtime), so a key is parsed once and a
    rotation is seen at once. `missing(path)` is the exception raised when there is no file.
    The JOSE key here and the Data Integrity key (certification.dataintegrity) are read so."""
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise missing(path) from None
    with _lock:
        cached = _cache.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
        key = load(path)
        _cache[path] = (stamp, key)
        return key


def forget_key_file(path):
    """Drop a key file from the cache (after writing it)."""
    with _lock:
        _cache.pop(Path(path), None)


def _load_signing_key(path):
    try:
        return _read_key(path)
    except ValueError as exc:
        raise SigningKeyMissing(f"{path} holds no private key: {exc}") from exc


def signing_key():
    """The private key, read once per change of the file."""
    return load_key_file(
        key_path(),
        _load_signing_key,
        lambda path: SigningKeyMissing(
            f"No credential signing key at {path}. Run `manage.py create_signing_key`."
        ),
    )


def thumbprint(key=None):
    """The RFC 7638 thumbprint of the public key: stable, and names the key in its URL."""
    return (key or signing_key()).thumbprint()


def key_url(thumbprint_value):
    return academy_settings.SITE_URL + reverse(
        "api:issuer_key", kwargs={"thumbprint": thumbprint_value}
    )


def key_id(key=None):
    """The JOSE `kid`: the URL of the public key (Open Badges 3.0 §8.2.3)."""
    return key_url(thumbprint(key))


def issuer_id():
    return academy_settings.SITE_URL + reverse("api:issuer_profile")


def public_jwk(key):
    """One published key: the public parameters, with kid, alg, use and the issuer as iss."""
    public = key.as_dict(private=False)
    public.update(kid=key_id(key), alg=algorithm_of(key), use="sig", iss=issuer_id())
    return public


def retire(key, path, keep_until):
    """Keep a replaced key's public half published until `keep_until`."""
    retired = _read_retired(path)
    public = key.as_dict(private=False)
    retired = [entry for entry in retired if entry["thumbprint"] != key.thumbprint()]
    retired.append(
        {
            "thumbprint": key.thumbprint(),
            "jwk": public,
            "retired_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "keep_until": keep_until.astimezone(datetime.UTC).isoformat(),
        }
    )
    retired_path(path).write_text(json.dumps(retired, indent=2), encoding="utf-8")


def _read_retired(path=None):
    try:
        return json.loads(retired_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []


def published_keys(now=None):
    """The current key and every retired key still kept, newest first."""
    now = now or datetime.datetime.now(datetime.UTC)
    keys = [signing_key()]
    for entry in reversed(_read_retired()):
        if datetime.datetime.fromisoformat(entry["keep_until"]) > now:
            keys.append(JWKRegistry.import_key(entry["jwk"]))
    return keys


def public_jwks(now=None):
    return {"keys": [public_jwk(key) for key in published_keys(now)]}


def find_public_key(thumbprint_value, now=None):
    """The published JWK with this thumbprint, or None."""
    for key in published_keys(now):
        if key.thumbprint() == thumbprint_value:
            return public_jwk(key)
    return None


def sign(claims):
    """A compact JWS (VC-JWT) of the claims, signed with the site key."""
    key = signing_key()
    algorithm = algorithm_of(key)
    header = {"alg": algorithm, "typ": JWT_TYPE, "kid": key_id(key)}
    return jwt.encode(header, claims, key, algorithms=[algorithm])
