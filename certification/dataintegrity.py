"""Open Badges 3.0 with an embedded proof: W3C Data Integrity, cryptosuite ``eddsa-rdfc-2022``
(Data Integrity EdDSA Cryptosuites v1.0).

The key is an Ed25519 key in its own PEM file (ACADEMY_CREDENTIAL_DI_KEY_FILE, beside the JOSE
signing key, mode 0600, never committed). Its public half is a ``Multikey`` whose id is the issuer
id with the multibase key as fragment, listed under ``assertionMethod`` of the issuer Profile: the
Profile is the controller document of the key, and its id is the credential's issuer id.

A proof is made as the cryptosuite says: the proof options (with the credential's ``@context``) and
the credential without its proof are each canonicalised with RDFC-1.0 and hashed with SHA-256; the
signature is over proofConfigHash + documentHash, and ``proofValue`` is "z" + base58btc of it.
"""

import copy
import datetime
import hashlib
import os
from pathlib import Path

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from certification import credentials, jsonld, signing
from lms.conf import academy_settings

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"
MEDIA_TYPE = "application/vc+ld+json"

MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
jsonld.register_context(MULTIKEY_V1, "security/multikey-v1.jsonld")

#: ``assertionMethod`` as the W3C Controlled Identifiers context defines it (the Multikey context
#: defines the key's own terms only), inline in the issuer Profile's ``@context``.
ASSERTION_METHOD_CONTEXT = {
    "assertionMethod": {
        "@id": "https://w3id.org/security#assertionMethod",
        "@type": "@id",
        "@container": "@set",
    }
}

#: Multicodec prefix of an Ed25519 public key (0xed, varint-encoded).
ED25519_PUB_PREFIX = b"\xed\x01"


class DataIntegrityKeyMissing(Exception):
    """No key file yet: run `manage.py create_signing_key`."""


class ProofError(ValueError):
    """A proof that cannot be checked (malformed, unknown suite, foreign key)."""


def key_path():
    return Path(academy_settings.CREDENTIAL_DI_KEY_FILE)


def create_key(path=None, *, overwrite=False):
    """Write a new Ed25519 private key (PKCS#8 PEM, mode 0600) and return it. Refuses to
    overwrite unless told."""
    path = Path(path or key_path())
    if path.exists() and not overwrite:
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    signing.write_private(path, pem)
    return key


def ensure_key():
    """The key, created first if there is none yet. Returns (key, created)."""
    try:
        return signing_key(), False
    except DataIntegrityKeyMissing:
        pass
    try:
        return create_key(), True
    except FileExistsError:  # another process made it meanwhile
        return signing_key(), False


def _load(path):
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise DataIntegrityKeyMissing(f"{path} holds no Ed25519 private key.")
    return key


def signing_key():
    """The private key, read once per change of the file."""
    return signing.load_key_file(
        key_path(),
        _load,
        lambda path: DataIntegrityKeyMissing(
            f"No Data Integrity key at {path}. Run `manage.py create_signing_key`."
        ),
    )


def has_key():
    try:
        signing_key()
    except DataIntegrityKeyMissing:
        return False
    return True


def raw_public_key(key):
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_multibase(key=None):
    """The Multikey form: "z" + base58btc(0xed01 + the 32-byte public key)."""
    raw = raw_public_key(key or signing_key())
    return "z" + base58.b58encode(ED25519_PUB_PREFIX + raw).decode("ascii")


def public_key_from_multibase(value):
    if not isinstance(value, str) or not value.startswith("z"):
        raise ProofError("publicKeyMultibase must be base58btc (prefix z).")
    decoded = base58.b58decode(value[1:])
    if len(decoded) != 34 or not decoded.startswith(ED25519_PUB_PREFIX):
        raise ProofError("publicKeyMultibase is not an Ed25519 public key.")
    return Ed25519PublicKey.from_public_bytes(decoded[2:])


def verification_method_id(key=None):
    return f"{credentials.issuer_id()}#{public_key_multibase(key)}"


def verification_method(key=None):
    return {
        "id": verification_method_id(key),
        "type": "Multikey",
        "controller": credentials.issuer_id(),
        "publicKeyMultibase": public_key_multibase(key),
    }


def controller_contexts():
    """What the issuer Profile's ``@context`` needs beyond VC 2.0 and OB 3.0."""
    return [MULTIKEY_V1, copy.deepcopy(ASSERTION_METHOD_CONTEXT)]


def controller_fields():
    """What the issuer Profile (GET /api/v1/issuer) adds to be the controller document of the
    key: contexts to append to its ``@context`` and the ``assertionMethod`` list. Empty while
    the site has no Data Integrity key."""
    try:
        key = signing_key()
    except DataIntegrityKeyMissing:
        return {}
    return {"@context": controller_contexts(), "assertionMethod": [verification_method(key)]}


def controller_document(profile):
    """The profile (a JSON-LD document, or a bare Profile) with ``controller_fields()`` merged in:
    contexts appended once, ``assertionMethod`` set. Applying it twice changes nothing."""
    fields = controller_fields()
    if not fields:
        return profile
    document = dict(profile)
    contexts = document.get("@context") or [jsonld.VC_V2, jsonld.OB_V3]
    contexts = list(contexts) if isinstance(contexts, list) else [contexts]
    for context in fields["@context"]:
        if context not in contexts:
            contexts.append(context)
    document["@context"] = contexts
    document["assertionMethod"] = fields["assertionMethod"]
    return {"@context": document.pop("@context"), **document}


def sha256_canonical(document):
    return hashlib.sha256(jsonld.canonize(document).encode("utf-8")).digest()


def hash_data(document, proof_options):
    """proofConfigHash + documentHash (eddsa-rdfc-2022, section 3.2.3), each over RDFC-1.0."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {k: v for k, v in proof_options.items() if k != "proofValue"}
    config["@context"] = copy.deepcopy(unsecured["@context"])
    return sha256_canonical(config) + sha256_canonical(unsecured)


def check_document(document):
    """A credential we sign names the VC 2.0 context first: it defines the proof terms and an
    @vocab, so no property of the document escapes the canonical form."""
    contexts = document.get("@context")
    if not isinstance(contexts, list) or not contexts or contexts[0] != jsonld.VC_V2:
        raise ProofError(f"The document's first @context must be {jsonld.VC_V2}.")


def add_proof(credential, created=None):
    """A copy of the credential with a Data Integrity proof (eddsa-rdfc-2022).

    Raises DataIntegrityKeyMissing without a key."""
    check_document(credential)
    key = signing_key()
    moment = created or datetime.datetime.now(datetime.UTC)
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": moment if isinstance(moment, str) else credentials.timestamp(moment),
        "verificationMethod": verification_method_id(key),
        "proofPurpose": PROOF_PURPOSE,
    }
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    signature = key.sign(hash_data(unsecured, options))
    proof = {**options, "proofValue": "z" + base58.b58encode(signature).decode("ascii")}
    return {**copy.deepcopy(unsecured), "proof": proof}


def verify_proof(document, public_key=None):
    """True when the document's proof is an eddsa-rdfc-2022 proof for assertion, made by this
    site's key (or ``public_key``, an Ed25519 public key or a Multikey multibase string) over this
    very document. False for a wrong signature; ProofError for a proof that cannot be checked."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("The document has no single proof.")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(f"Not a {PROOF_TYPE} with cryptosuite {CRYPTOSUITE}.")
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        raise ProofError(f"The proof's purpose is not {PROOF_PURPOSE}.")
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        raise ProofError("proofValue must be base58btc (prefix z).")
    method = proof.get("verificationMethod")
    if public_key is None:
        if method != verification_method_id():
            raise ProofError(f"The proof names another key: {method}.")
        public_key = signing_key().public_key()
    elif isinstance(public_key, str):
        public_key = public_key_from_multibase(public_key)
    check_document(document)
    try:
        signature = base58.b58decode(value[1:])
    except ValueError as exc:
        raise ProofError("proofValue is not base58btc.") from exc
    try:
        public_key.verify(signature, hash_data(document, proof))
    except InvalidSignature:
        return False
    return True
