"""The credentials as an outside verifier sees them, checked against the specifications rather
than the code: Open Badges 3.0 §8.2 (VC-JWT, the JOSE header, keys found from the `kid` and the
issuer's JWK Set), W3C Bitstring Status List v1.0 (decoded here by hand from the spec: base64url
with the multibase `u`, GZIP, index 0 = the first byte's most significant bit), the 1EdTech
revocation list, and JSON-LD 1.1 expansion over the vendored contexts with no term dropped and no
relative IRI.

Everything a verifier needs is fetched over HTTP from the addresses the documents name; nothing
is read from the project's modules but the offline JSON-LD loader (the contexts themselves)."""

import base64
import datetime
import gzip
import json
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import jwt
import pytest
from django.core.management import call_command
from jsonschema import Draft201909Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT201909

from certification import jsonld, signing
from certification.services import issue_certificate, revoke_certificate
from lms.conf import academy_settings
from tests.factories import EmployeeFactory, make_program

pytestmark = pytest.mark.django_db

STANDARDS = Path(__file__).resolve().parent.parent / "certification" / "standards"
JOSE_REGISTERED = {"iss", "jti", "nbf", "exp", "sub"}
MIN_BITS = 131_072  # Bitstring Status List v1.0: at least 16 KB, for herd privacy
#: Expansion resolves relative IRIs against a base: this one marks every IRI that was relative.
RELATIVE = "https://relative.invalid/"


def path_of(url):
    """The path of an absolute URL on this site, for the test client."""
    return urlsplit(url).path


def get(client, url, **headers):
    return client.get(path_of(url), **headers)


def schema(name):
    registry = Registry()
    schemas = {}
    for path in (STANDARDS / "openbadges-3.0").glob("*.schema.json"):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT201909)
        registry = registry.with_resource(contents["$id"], resource)
        schemas[path.name] = contents
    return Draft201909Validator(
        schemas[name], registry=registry, format_checker=Draft201909Validator.FORMAT_CHECKER
    )


@pytest.fixture
def certificate(db):
    program = make_program("enthusiast", name="Enthusiast")
    return issue_certificate(EmployeeFactory().user, program)


def holders_credential(client, certificate, **headers):
    client.force_login(certificate.holder)
    response = client.get(f"/api/v1/certificates/{certificate.serial}/credential", **headers)
    assert response.status_code == 200, response.content
    return response.json()


def verify_jwt(client, token, issuer_id):
    """OB 3.0 §8.2 as a verifier runs it: the header names the key by a URL (`kid`) that
    dereferences to a JWK; the key must also be in the issuer's JWK Set (its authority's
    /.well-known/jwks.json) with the issuer as `iss`; then the signature and the dates."""
    header = jwt.get_unverified_header(token)
    assert header.get("typ", "JWT") == "JWT"
    kid = header["kid"]
    assert urlsplit(kid).scheme in {"http", "https"}, kid
    response = get(client, kid)
    assert response.status_code == 200
    jwk = response.json()
    authority = urlsplit(issuer_id).netloc
    jwks = client.get("/.well-known/jwks.json", HTTP_ACCEPT="application/jwk-set+json").json()
    assert authority == urlsplit(kid).netloc
    [listed] = [k for k in jwks["keys"] if k["kid"] == kid]
    assert listed == jwk
    assert listed.get("iss", issuer_id) == issuer_id
    key = jwt.PyJWK(jwk)
    assert header["alg"] == jwk["alg"]
    return jwt.decode(token, key.key, algorithms=[header["alg"]], options={"require": ["nbf"]})


# --- Open Badges 3.0 §8.2: VC-JWT ------------------------------------------------------------


@pytest.mark.parametrize("algorithm", ["RS256", "ES256", "EdDSA"])
def test_the_jwt_verifies_with_the_key_its_kid_names(
    client, certificate, settings, tmp_path, _signing_key_pems, algorithm
):
    key_file = tmp_path / f"{algorithm}.pem"
    key_file.write_bytes(_signing_key_pems[algorithm])
    settings.ACADEMY_CREDENTIAL_SIGNING_KEY_FILE = key_file
    body = holders_credential(client, certificate)
    credential = body["credential"]
    claims = verify_jwt(client, body["jwt"], credential["issuer"]["id"])
    # The payload is the credential itself with the registered claims mapped from it.
    assert {k: v for k, v in claims.items() if k not in JOSE_REGISTERED} == credential
    assert claims["iss"] == credential["issuer"]["id"]
    assert claims["jti"] == credential["id"]
    assert claims["sub"] == credential["credentialSubject"]["id"]
    valid_from = datetime.datetime.fromisoformat(credential["validFrom"])
    valid_until = datetime.datetime.fromisoformat(credential["validUntil"])
    assert claims["nbf"] == int(valid_from.timestamp())
    assert claims["exp"] == int(valid_until.timestamp())
    assert jwt.get_unverified_header(body["jwt"])["alg"] == algorithm


def test_rs256_is_the_default_and_new_keys_follow_the_setting(
    client, certificate, settings, tmp_path
):
    settings.ACADEMY_CREDENTIAL_SIGNING_KEY_FILE = tmp_path / "keys" / "signing-key.pem"
    call_command("create_signing_key", stdout=StringIO())
    assert jwt.get_unverified_header(holders_credential(client, certificate)["jwt"])["alg"] == (
        "RS256"
    )
    [key] = client.get("/.well-known/jwks.json").json()["keys"]
    assert key["kty"] == "RSA" and len(base64.urlsafe_b64decode(key["n"] + "==")) * 8 >= 2048
    settings.ACADEMY_CREDENTIAL_SIGNING_ALGORITHM = "EdDSA"
    call_command("create_signing_key", "--rotate", stdout=StringIO())
    assert jwt.get_unverified_header(holders_credential(client, certificate)["jwt"])["alg"] == (
        "EdDSA"
    )


def test_an_unknown_algorithm_setting_is_refused_clearly(settings, tmp_path):
    from django.core.management import CommandError

    settings.ACADEMY_CREDENTIAL_SIGNING_KEY_FILE = tmp_path / "keys" / "signing-key.pem"
    settings.ACADEMY_CREDENTIAL_SIGNING_ALGORITHM = "HS256"
    with pytest.raises(CommandError, match="RS256"):
        call_command("create_signing_key", stdout=StringIO())
    assert not settings.ACADEMY_CREDENTIAL_SIGNING_KEY_FILE.exists()


def test_the_issuer_profile_points_to_its_key_set(client, certificate, signing_key):
    credential = holders_credential(client, certificate)["credential"]
    response = get(client, credential["issuer"]["id"])
    assert response.status_code == 200
    profile = response.json()
    assert profile["id"] == credential["issuer"]["id"]
    assert list(schema("profile.schema.json").iter_errors(profile)) == []
    jwks = get(client, profile["jku"]).json()
    assert [key["kid"] for key in jwks["keys"]] == [
        jwt.get_unverified_header(holders_credential(client, certificate)["jwt"])["kid"]
    ]


def test_after_a_rotation_credentials_handed_out_before_still_verify(
    client, certificate, signing_key
):
    before = holders_credential(client, certificate)
    call_command("create_signing_key", "--rotate", stdout=StringIO())
    after = holders_credential(client, certificate)
    issuer_id = before["credential"]["issuer"]["id"]
    old_kid = jwt.get_unverified_header(before["jwt"])["kid"]
    new_kid = jwt.get_unverified_header(after["jwt"])["kid"]
    assert old_kid != new_kid
    assert verify_jwt(client, before["jwt"], issuer_id)["jti"] == before["credential"]["id"]
    assert verify_jwt(client, after["jwt"], issuer_id)["jti"] == after["credential"]["id"]
    kids = [key["kid"] for key in client.get("/.well-known/jwks.json").json()["keys"]]
    assert kids == [new_kid, old_kid]
    # Kept until the last certificate valid at the rotation has ended, and no longer.
    end = certificate.expires_at
    assert len(signing.public_jwks(now=end - datetime.timedelta(minutes=1))["keys"]) == 2
    assert len(signing.public_jwks(now=end + datetime.timedelta(minutes=1))["keys"]) == 1


def test_a_kid_of_no_published_key_is_404(client, signing_key):
    for thumbprint in ("not-a-key", "A" * 43, "%20"):
        response = client.get(f"/api/v1/issuer/keys/{thumbprint}")
        assert response.status_code == 404, thumbprint
        assert "key" in response.json()["message"]


# --- Bitstring Status List v1.0 ---------------------------------------------------------------


def decode_bitstring(encoded):
    """§3.2 of the specification, step by step: multibase base64url (`u`), then GZIP."""
    assert encoded[0] == "u"
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def bit(bitstring, index):
    return (bitstring[index // 8] >> (7 - index % 8)) & 1


def fetch_status_list(client, url, issuer_id):
    response = get(client, url, HTTP_ACCEPT="application/vc+jwt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    claims = verify_jwt(client, response.content.decode(), issuer_id)
    credential = {k: v for k, v in claims.items() if k not in JOSE_REGISTERED}
    assert credential["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert credential["id"] == url
    return credential, response


def test_a_revocation_shows_in_the_status_list_at_the_next_refresh(
    client, certificate, signing_key
):
    credential = holders_credential(client, certificate)["credential"]
    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    index = int(status["statusListIndex"])
    issuer_id = credential["issuer"]["id"]

    listed, response = fetch_status_list(client, status["statusListCredential"], issuer_id)
    subject = listed["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    bitstring = decode_bitstring(subject["encodedList"])
    assert len(bitstring) * 8 >= MIN_BITS
    assert bit(bitstring, index) == 0
    # Short-lived, and cacheable for no longer than it is valid.
    lifetime = datetime.datetime.fromisoformat(
        listed["validUntil"]
    ) - datetime.datetime.fromisoformat(listed["validFrom"])
    ttl = academy_settings.CREDENTIAL_STATUS_LIST_TTL
    assert lifetime == datetime.timedelta(seconds=ttl)
    assert f"max-age={ttl}" in response["Cache-Control"]

    revoke_certificate(certificate, reason="Posted a customer's data.")
    listed, _ = fetch_status_list(client, status["statusListCredential"], issuer_id)
    bitstring = decode_bitstring(listed["credentialSubject"]["encodedList"])
    assert bit(bitstring, index) == 1
    assert sum(bin(byte).count("1") for byte in bitstring) == 1


def test_indices_are_drawn_at_random_and_never_shared(client, signing_key):
    program = make_program("enthusiast", name="Enthusiast")
    indices = []
    for _ in range(6):
        certificate = issue_certificate(EmployeeFactory().user, program)
        status = holders_credential(client, certificate)["credential"]["credentialStatus"]
        indices.append(int(status["statusListIndex"]))
        # Fetching again keeps the place.
        again = holders_credential(client, certificate)["credential"]["credentialStatus"]
        assert again["statusListIndex"] == status["statusListIndex"]
    assert len(set(indices)) == 6
    assert all(0 <= i < MIN_BITS for i in indices)
    # Handed out one after another, yet not side by side.
    assert sorted(indices) != list(range(min(indices), min(indices) + 6))


def test_the_status_list_with_a_data_integrity_proof(client, certificate, signing_key):
    from certification import dataintegrity

    response = client.get("/api/v1/credentials/status/1", HTTP_ACCEPT="application/vc+ld+json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+ld+json"
    listed = response.json()
    assert listed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert dataintegrity.verify_proof(listed)
    assert_expands_fully(listed)


def test_the_status_list_in_json_and_unknown_lists(client, certificate, signing_key):
    body = client.get("/api/v1/credentials/status/1", HTTP_ACCEPT="application/json").json()
    assert body["credential"]["credentialSubject"]["encodedList"].startswith("u")
    assert (
        jwt.decode(body["jwt"], options={"verify_signature": False})["jti"]
        == (body["credential"]["id"])
    )
    for number in ("0", "2", "999999", "-1"):
        assert client.get(f"/api/v1/credentials/status/{number}").status_code == 404, number
    response = client.get("/api/v1/credentials/status/abc")
    assert response.status_code == 422


# --- 1EdTech revocation list --------------------------------------------------------------------


def test_the_1edtech_revocation_list_names_a_revoked_credential(
    client, certificate, signing_key, settings
):
    settings.ACADEMY_CREDENTIAL_STATUS_METHOD = "1EdTechRevocationList"
    credential = holders_credential(client, certificate)["credential"]
    assert list(schema("achievementcredential.schema.json").iter_errors(credential)) == []
    status = credential["credentialStatus"]
    assert status["type"] == "1EdTechRevocationList"
    listing = get(client, status["id"]).json()
    assert listing["id"] == status["id"]
    assert listing["issuer"] == credential["issuer"]["id"]
    assert listing["revokedCredentials"] == []
    revoke_certificate(certificate, reason="Left the company.")
    listing = get(client, status["id"]).json()
    assert [entry["id"] for entry in listing["revokedCredentials"]] == [credential["id"]]
    assert "Left the company" not in json.dumps(listing)
    assert_expands_fully(credential)


def test_a_revocation_list_of_an_unknown_serial_is_404(client):
    response = client.get("/api/v1/credentials/revocations/AAAA-BBBB-CCCC-DDDD-EEEE")
    assert response.status_code == 404


# --- JSON-LD ------------------------------------------------------------------------------------


def node_keys(document):
    """How many properties the compact document's objects hold (@context aside)."""
    if isinstance(document, list):
        return sum(node_keys(item) for item in document)
    if isinstance(document, dict):
        return sum(1 for key in document if key != "@context") + sum(
            node_keys(value) for key, value in document.items() if key != "@context"
        )
    return 0


def expanded_keys(expanded, problems):
    """The same count in the expanded form (value objects are values, not nodes), noting every
    property or type that is not an absolute IRI."""
    if isinstance(expanded, list):
        return sum(expanded_keys(item, problems) for item in expanded)
    if not isinstance(expanded, dict) or "@value" in expanded:
        return 0
    if set(expanded) == {"@id"}:
        # A reference: in the compact form it was a plain string (an IRI-typed term).
        if expanded["@id"].startswith(RELATIVE):
            problems.append(f"relative reference {expanded['@id']}")
        return 0
    for key in expanded:
        if not key.startswith("@") and (":" not in key or key.startswith(RELATIVE)):
            problems.append(f"relative property {key}")
    for kind in expanded.get("@type", []):
        if ":" not in kind or kind.startswith(RELATIVE):
            problems.append(f"relative type {kind}")
    node_id = expanded.get("@id")
    if node_id and node_id.startswith(RELATIVE):
        problems.append(f"relative id {node_id}")
    # A graph container (`proof` in VC 2.0) wraps its nodes in {"@graph": [...]}: not a term.
    wrappers = 1 if set(expanded) == {"@graph"} else 0
    return (
        len(expanded)
        - wrappers
        + sum(expanded_keys(value, problems) for value in expanded.values())
    )


def assert_expands_fully(document):
    """JSON-LD expansion keeps every term: none dropped, none left as a relative IRI."""
    expanded = jsonld.expand(document, base=RELATIVE)
    problems = []
    kept = expanded_keys(expanded, problems)
    assert problems == []
    assert kept == node_keys(document), "a term was dropped in expansion"
    text = json.dumps(expanded)
    assert "issuer-dependent" not in text


def test_a_term_outside_the_contexts_is_caught(client, certificate, signing_key):
    credential = holders_credential(client, certificate)["credential"]
    assert_expands_fully(credential)
    with pytest.raises(AssertionError, match="dropped"):
        assert_expands_fully({**credential, "socialAcademyTier": 2})
    with pytest.raises(AssertionError):
        assert_expands_fully({**credential, "credentialStatus": {"id": "x", "type": "Custom"}})


def test_every_document_a_verifier_fetches_expands_with_no_term_dropped(
    client, certificate, signing_key
):
    credential = holders_credential(client, certificate)["credential"]
    assert_expands_fully(credential)
    issuer = get(client, credential["issuer"]["id"]).json()
    assert issuer["assertionMethod"][0]["type"] == "Multikey"
    assert_expands_fully(issuer)
    status_list = client.get(
        path_of(credential["credentialStatus"]["statusListCredential"]),
        HTTP_ACCEPT="application/json",
    ).json()["credential"]
    assert_expands_fully(status_list)
    achievement_id = credential["credentialSubject"]["achievement"]["id"]
    achievement = get(client, achievement_id).json()
    assert_expands_fully(achievement)
    [node] = jsonld.expand(achievement)
    assert node["@id"] == achievement_id
    assert node["@type"] == ["https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement"]


def test_nothing_is_fetched_for_a_context_the_project_does_not_ship():
    from pyld.jsonld import JsonLdError

    with pytest.raises(JsonLdError):
        jsonld.expand({"@context": "https://example.org/context.jsonld", "name": "x"})


def test_an_unknown_program_has_no_achievement(client):
    assert client.get("/api/v1/achievements/no-such-program").status_code == 404
