"""Revocation that standard verifiers see: W3C Bitstring Status Lists and 1EdTech revocation lists.

Each credential carries one `credentialStatus` (the Open Badges 3.0 schema allows one), of the
method ACADEMY_CREDENTIAL_STATUS_METHOD names; both kinds of list are always published:

- `BitstringStatusListEntry` (W3C Bitstring Status List v1.0, purpose `revocation`): the
  certificate's bit sits at a random index of a list of 131,072 bits (16 KiB, the minimum the
  specification recommends for herd privacy). The list is a `BitstringStatusListCredential`,
  signed like every credential, at /api/v1/credentials/status/<n>, valid for
  ACADEMY_CREDENTIAL_STATUS_LIST_TTL seconds (`validUntil`, and the HTTP cache lifetime), and
  computed from the certificates as they are at the request: a revocation shows at the next
  refresh.
- `1EdTechRevocationList` (the status method Open Badges 3.0 verifiers check): a list per
  credential at /api/v1/credentials/revocations/<serial>, which says no more than the public
  verification of that serial, and so names no other revoked certificate.

A second Bitstring Status List, purpose `suspension`, is published at
/api/v1/credentials/status/<n>/suspension with the same list numbers and indices: a set bit
means the certificate is suspended now (a new policy not accepted in time), and clears when the
suspension is lifted. The Open Badges 3.0 schema allows a credential one `credentialStatus`
object, not an array, so credentials name the revocation list only; a verifier that knows the
entry's index finds the suspension bit at the same index of the suspension list.

Expiry is not a status: `validUntil` says it.
"""

import base64
import datetime
import gzip
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse

from certification.models import CertificateStatus, CredentialStatusEntry
from lms.conf import academy_settings

BITSTRING = "BitstringStatusList"
EDTECH = "1EdTechRevocationList"
METHODS = (BITSTRING, EDTECH)
#: Open Badges 3.0 extensions context: defines the 1EdTech status, schema and refresh types.
OB_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"

LIST_SIZE = 131_072
#: A list takes new entries until it is this full, so a random free index is found at once.
LIST_FILL = LIST_SIZE // 2
PURPOSE = "revocation"
SUSPENSION = "suspension"
PURPOSES = (PURPOSE, SUSPENSION)


def method():
    value = academy_settings.CREDENTIAL_STATUS_METHOD
    if value not in METHODS:
        raise ValueError(
            f"ACADEMY_CREDENTIAL_STATUS_METHOD must be one of {', '.join(METHODS)}, not {value!r}."
        )
    return value


def absolute(path):
    return academy_settings.SITE_URL + path


def list_url(number, purpose=PURPOSE):
    name = "api:status_list" if purpose == PURPOSE else "api:suspension_status_list"
    return absolute(reverse(name, kwargs={"number": number}))


def entry_for(certificate):
    """The certificate's place in a status list, drawn at random the first time."""
    existing = CredentialStatusEntry.objects.filter(certificate=certificate).first()
    if existing is not None:
        return existing
    for _attempt in range(32):
        number = CredentialStatusEntry.objects.aggregate(last=Max("list_number"))["last"] or 1
        if CredentialStatusEntry.objects.filter(list_number=number).count() >= LIST_FILL:
            number += 1
        try:
            with transaction.atomic():
                return CredentialStatusEntry.objects.create(
                    certificate=certificate, list_number=number, index=secrets.randbelow(LIST_SIZE)
                )
        except IntegrityError:
            # The index was taken, or another request placed this certificate first.
            existing = CredentialStatusEntry.objects.filter(certificate=certificate).first()
            if existing is not None:
                return existing
    raise RuntimeError("No free status list index found after 32 draws.")


def revocation_list_url(certificate):
    """A list per certificate: it tells what public verification of the serial tells, and
    names no other revoked certificate, as one list of the whole site would."""
    return absolute(reverse("api:revocation_list", kwargs={"serial": certificate.serial}))


def credential_status(certificate):
    """The credential's `credentialStatus`, by the configured method."""
    if method() == EDTECH:
        return {"id": revocation_list_url(certificate), "type": EDTECH}
    entry = entry_for(certificate)
    url = list_url(entry.list_number)
    return {
        "id": f"{url}#{entry.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(entry.index),
        "statusListCredential": url,
    }


def extra_contexts():
    """Contexts a credential names after VC 2.0 and OB 3.0 for its status entry's terms."""
    return [OB_EXTENSIONS_CONTEXT] if method() == EDTECH else []


def encode(indices):
    """The list's `encodedList`: GZIP of the bitstring (index 0 is the first byte's highest bit),
    base64url without padding, with the multibase prefix `u`."""
    bits = bytearray(LIST_SIZE // 8)
    for index in indices:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def decode(encoded):
    """The set bits of an `encodedList`: the inverse of encode, for tests and verifiers."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (prefix 'u').")
    data = encoded[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    return {
        byte_index * 8 + bit
        for byte_index, byte in enumerate(raw)
        if byte
        for bit in range(8)
        if byte & (0x80 >> bit)
    }


def list_exists(number):
    if number == 1:
        return True
    last = CredentialStatusEntry.objects.aggregate(last=Max("list_number"))["last"] or 1
    return 1 <= number <= last


def revoked_indices(number):
    return CredentialStatusEntry.objects.filter(
        list_number=number, certificate__status=CertificateStatus.REVOKED
    ).values_list("index", flat=True)


def suspended_indices(number):
    return CredentialStatusEntry.objects.filter(
        list_number=number, certificate__status=CertificateStatus.SUSPENDED
    ).values_list("index", flat=True)


def timestamp(moment):
    return moment.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_list_credential(number, issuer, now=None, purpose=PURPOSE):
    """The unsigned BitstringStatusListCredential of list `number` for `purpose` (revocation or
    suspension), as of now."""
    now = (now or datetime.datetime.now(datetime.UTC)).replace(microsecond=0)
    until = now + datetime.timedelta(seconds=academy_settings.CREDENTIAL_STATUS_LIST_TTL)
    url = list_url(number, purpose)
    indices = revoked_indices(number) if purpose == PURPOSE else suspended_indices(number)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": timestamp(now),
        "validUntil": timestamp(until),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode(indices),
        },
    }


def status_list_claims(credential):
    return {
        **credential,
        "iss": credential["issuer"],
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["id"],
        "nbf": int(datetime.datetime.fromisoformat(credential["validFrom"]).timestamp()),
        "exp": int(datetime.datetime.fromisoformat(credential["validUntil"]).timestamp()),
    }
