"""Open Badges 3.0: the credential validates against the 1EdTech schema, and its VC-JWT
signature verifies with an ordinary JOSE library using only the published JWKS."""

import base64
import json
from io import BytesIO, StringIO
from pathlib import Path

import jwt
import pytest
from django.core.management import CommandError, call_command
from jsonschema import Draft201909Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT201909

from certification import credentials, signing
from certification.services import issue_certificate, revoke_certificate
from tests.factories import EmployeeFactory, make_program

pytestmark = pytest.mark.django_db

STANDARDS = (
    Path(__file__).resolve().parent.parent / "certification" / "standards" / "openbadges-3.0"
)


def schema_validator():
    """The AchievementCredential schema, with every schema beside it resolvable locally."""
    registry = Registry()
    schemas = {}
    for path in STANDARDS.glob("*.schema.json"):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT201909)
        registry = registry.with_resource(contents["$id"], resource)
        schemas[path.name] = contents
    main = schemas["achievementcredential.schema.json"]
    return Draft201909Validator(
        main, registry=registry, format_checker=Draft201909Validator.FORMAT_CHECKER
    )


@pytest.fixture
def certificate(db):
    program = make_program("enthusiast", name="Enthusiast")
    holder = EmployeeFactory(user__first_name="Alex", user__last_name="Morgan").user
    return issue_certificate(holder, program)


def fetch(client, certificate, **headers):
    """The holder fetches their own credential (nobody else may: see the tests at the end)."""
    client.force_login(certificate.holder)
    return client.get(f"/api/v1/certificates/{certificate.serial}/credential", **headers)


def verify_with_jwks(client, token):
    """What any verifier does: fetch the JWKS, pick the key by kid, check the signature."""
    jwks = client.get("/.well-known/jwks.json").json()
    kid = jwt.get_unverified_header(token)["kid"]
    [key] = [k for k in jwt.PyJWKSet.from_dict(jwks).keys if k.key_id == kid]
    return jwt.decode(
        token, key.key, algorithms=[key.algorithm_name], options={"require": ["exp", "nbf"]}
    )


def test_the_credential_validates_against_the_open_badges_schema(client, certificate, signing_key):
    body = fetch(client, certificate).json()
    credential = body["credential"]
    errors = sorted(schema_validator().iter_errors(credential), key=lambda e: e.path)
    assert errors == []
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Enthusiast"
    assert {"id", "type", "criteria", "description", "name"} <= set(achievement)
    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusListCredential"].endswith("/api/v1/credentials/status/1")
    assert credential["validUntil"] > credential["validFrom"]


def test_the_schema_check_is_not_a_rubber_stamp(client, certificate, signing_key):
    credential = fetch(client, certificate).json()["credential"]
    validator = schema_validator()
    for broken in (
        {k: v for k, v in credential.items() if k != "issuer"},
        {**credential, "type": ["VerifiableCredential"]},
        {**credential, "credentialSubject": {"type": ["AchievementSubject"]}},
        {**credential, "@context": ["https://www.w3.org/2018/credentials/v1"]},
    ):
        assert list(validator.iter_errors(broken)), broken


def test_the_signature_verifies_with_only_the_published_jwks(client, certificate, signing_key):
    body = fetch(client, certificate).json()
    claims = verify_with_jwks(client, body["jwt"])
    credential = body["credential"]
    assert claims["iss"] == credential["issuer"]["id"]
    assert claims["jti"] == credential["id"]
    assert claims["sub"] == credential["credentialSubject"]["id"]
    assert claims["nbf"] == int(certificate.issued_at.timestamp())
    assert claims["exp"] == int(certificate.expires_at.timestamp())
    assert {k: v for k, v in claims.items() if k not in {"iss", "jti", "nbf", "exp", "sub"}} == (
        credential
    )
    header = jwt.get_unverified_header(body["jwt"])
    assert header["alg"] == "RS256" and header["typ"] == "JWT"


def test_the_jwks_publishes_only_the_public_key(client, signing_key):
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/jwk-set+json")
    [key] = response.json()["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_an_altered_credential_fails_verification(client, certificate, signing_key):
    token = fetch(client, certificate).json()["jwt"]
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["achievement"]["name"] = "Spokesperson"
    altered = ".".join([header, b64(json.dumps(claims).encode()), signature])
    with pytest.raises(jwt.InvalidSignatureError):
        verify_with_jwks(client, altered)


def test_a_credential_forged_with_another_key_fails_verification(client, certificate, signing_key):
    from joserfc.jwk import RSAKey

    body = fetch(client, certificate).json()
    real_kid = jwt.get_unverified_header(body["jwt"])["kid"]
    forger = RSAKey.generate_key(2048)
    forged = jwt.encode(
        jwt.decode(body["jwt"], options={"verify_signature": False}),
        forger.as_pem(private=True),
        algorithm="RS256",
        headers={"kid": real_kid, "typ": "JWT"},
    )
    with pytest.raises(jwt.InvalidSignatureError):
        verify_with_jwks(client, forged)


def test_the_raw_vc_jwt_is_served_with_its_media_type(client, certificate, signing_key):
    response = fetch(client, certificate, HTTP_ACCEPT="application/vc+jwt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert verify_with_jwks(client, response.content.decode())["jti"].endswith("/credential")


def test_a_revoked_certificate_has_no_credential_and_its_status_says_revoked(
    client, certificate, signing_key
):
    revoke_certificate(certificate, reason="Shared customer data.")
    response = fetch(client, certificate)
    assert response.status_code == 410
    assert "revoked" in response.json()["message"]
    status = client.get(f"/api/v1/certificates/{certificate.serial}").json()
    assert status["status"] == "revoked"


def test_the_credential_holds_no_plain_personal_data(client, certificate, signing_key):
    text = json.dumps(fetch(client, certificate).json()["credential"])
    assert certificate.holder.email not in text
    assert "Morgan" not in text
    [identity] = fetch(client, certificate).json()["credential"]["credentialSubject"]["identifier"]
    assert identity["hashed"] is True and identity["identityHash"].startswith("sha256$")


def test_unknown_or_malformed_serials_are_404(client, signing_key):
    client.force_login(EmployeeFactory().user)
    for serial in ("AAAA-BBBB-CCCC-DDDD-EEEE", "not-a-serial", "A" * 300):
        response = client.get(f"/api/v1/certificates/{serial}/credential")
        assert response.status_code == 404, serial
        assert response.json() == {"message": "No certificate has this serial."}
    # A NUL is bad input before any lookup (lms.bad_input), on every path.
    response = client.get("/api/v1/certificates/%00/credential")
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]


def test_without_a_key_the_credential_is_503_not_500(client, certificate, settings, tmp_path):
    settings.ACADEMY_CREDENTIAL_SIGNING_KEY_FILE = tmp_path / "missing.pem"
    assert fetch(client, certificate).status_code == 503
    assert client.get("/.well-known/jwks.json").status_code == 503


def test_the_key_command_never_overwrites_unless_rotating(signing_key, settings):
    before = signing.key_id()
    out = StringIO()
    call_command("create_signing_key", "--if-missing", stdout=out)
    assert "already exists" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("create_signing_key", stdout=StringIO())
    assert signing.key_id() == before
    assert (signing_key.stat().st_mode & 0o777) == 0o600
    call_command("create_signing_key", "--rotate", stdout=StringIO())
    assert signing.key_id() != before


def test_after_rotation_fresh_credentials_verify_with_the_new_jwks(
    client, certificate, signing_key
):
    call_command("create_signing_key", "--rotate", stdout=StringIO())
    token = fetch(client, certificate).json()["jwt"]
    assert verify_with_jwks(client, token)["jti"] == credentials.credential_id(certificate)


def test_the_openapi_document_describes_both_credential_media_types(client):
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/certificates/{serial}/credential"]["get"]
    content = operation["responses"]["200"]["content"]
    assert {"application/json", "application/vc+jwt"} <= set(content)


def test_the_issuer_setting_names_the_organisation_in_credentials_pdfs_and_verification(
    client, certificate, signing_key
):
    from pypdf import PdfReader

    from certification.models import IssuerSettings
    from certification.pdf import render_certificate_pdf

    before = fetch(client, certificate).json()["credential"]["issuer"]
    assert before["name"] == "Social Academy"  # nothing set: the site's name
    issuer = IssuerSettings.load()
    issuer.organisation_name = "Northwind Systems"
    issuer.organisation_url = "https://northwind.example/"
    issuer.contact_email = "academy@northwind.example"
    issuer.signatory_name = "Dana Whitfield"
    issuer.signatory_title = "Head of Social Media"
    issuer.save()

    credential = fetch(client, certificate).json()["credential"]
    assert credential["issuer"]["name"] == "Northwind Systems"
    assert credential["issuer"]["url"] == "https://northwind.example/"
    assert credential["issuer"]["email"] == "academy@northwind.example"
    assert credential["name"] == "Enthusiast · Northwind Systems"
    assert schema_validator().is_valid(credential)
    assert client.get("/api/v1/issuer").json()["name"] == "Northwind Systems"

    text = PdfReader(BytesIO(render_certificate_pdf(certificate))).pages[0].extract_text()
    assert "NORTHWIND SYSTEMS" in text
    assert "Dana Whitfield" in text and "Head of Social Media" in text

    page = client.get(f"/verify/{certificate.serial}/").content.decode()
    assert "Issued by" in page and "Northwind Systems" in page
    assert "mailto:academy@northwind.example" in page


def test_only_administrators_edit_the_issuer_setting(client_for):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    admin = client_for(UserFactory(is_superuser=True, is_staff=True))
    url = "/admin/settings/certification/issuersettings/"
    page = admin.get(url, follow=True)
    assert page.status_code == 200 and b"Signed by" in page.content
    saved = admin.post(
        page.redirect_chain[-1][0],
        {
            "organisation_name": "Northwind Systems",
            "organisation_url": "not a url",
            "contact_email": "academy@northwind.example",
            "signatory_name": "",
            "signatory_title": "",
        },
    )
    assert saved.status_code == 200 and b"Enter a valid URL" in saved.content  # bad input: 200
    hr = UserFactory()
    hr.groups.add(Group.objects.get_or_create(name="HR")[0])
    refused = client_for(hr).get(url, follow=True)
    assert refused.status_code in (200, 403) and b"Signed by" not in refused.content


# Who gets the credential. It carries the holder's e-mail hashed *with its salt*, so whoever has
# it can test a guessed address offline: only the signed-in holder gets it. Verification (status,
# program, dates) stays public.

CREDENTIAL = "/api/v1/certificates/{}/credential"
NOT_FOUND = {"message": "No certificate has this serial."}


def test_anonymous_callers_get_401_and_nothing_of_the_credential(client, certificate, signing_key):
    for headers in ({}, {"HTTP_ACCEPT": "application/vc+jwt"}):
        response = client.get(CREDENTIAL.format(certificate.serial), **headers)
        assert response.status_code == 401, headers
        assert b"salt" not in response.content and b"identityHash" not in response.content
        assert b"jwt" not in response.content
    # An unknown serial answers the same 401: no session, no lookup, nothing confirmed.
    assert client.get(CREDENTIAL.format("AAAA-BBBB-CCCC-DDDD-EEEE")).status_code == 401


def test_another_employee_gets_404_as_if_the_serial_did_not_exist(
    client_for, certificate, signing_key
):
    other = client_for(EmployeeFactory().user)
    for headers in ({}, {"HTTP_ACCEPT": "application/vc+jwt"}):
        response = other.get(CREDENTIAL.format(certificate.serial), **headers)
        assert response.status_code == 404, headers
        assert response.json() == NOT_FOUND
    unknown = other.get(CREDENTIAL.format("AAAA-BBBB-CCCC-DDDD-EEEE"))
    assert (unknown.status_code, unknown.json()) == (404, NOT_FOUND)
    # A revoked certificate of someone else is 404 too, not 410: its existence stays unconfirmed.
    revoke_certificate(certificate, reason="Shared customer data.")
    assert other.get(CREDENTIAL.format(certificate.serial)).status_code == 404


def test_staff_who_view_certificates_in_the_admin_get_404_too(client_for, certificate, signing_key):
    from django.contrib.auth.models import Group, Permission

    from tests.factories import UserFactory

    team, _ = Group.objects.get_or_create(name="Social media team")
    for codename in ("access_admin", "view_certificate", "revoke_certificate"):
        team.permissions.add(Permission.objects.get(codename=codename))
    staff = UserFactory(is_staff=True)
    staff.groups.add(team)
    assert staff.has_perm("certification.view_certificate")
    response = client_for(staff).get(CREDENTIAL.format(certificate.serial))
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_an_integration_token_gets_no_credential(client, certificate, signing_key):
    from tests.factories import api_token

    _, raw = api_token("certificates:revoke", "access:check")
    response = client.get(CREDENTIAL.format(certificate.serial), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert b"salt" not in response.content


def test_the_holder_gets_the_credential_privately(client, certificate, signing_key):
    response = fetch(client, certificate)
    assert response.status_code == 200
    [identity] = response.json()["credential"]["credentialSubject"]["identifier"]
    assert identity["salt"] and identity["identityHash"].startswith("sha256$")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in response
    raw = fetch(client, certificate, HTTP_ACCEPT="application/vc+jwt")
    assert raw.status_code == 200 and "no-store" in raw["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in raw
    # The holder's serial typed in lower case, without dashes, is still theirs.
    typed = certificate.serial.replace("-", "").lower()
    assert client.get(CREDENTIAL.format(typed)).status_code == 200


def test_verification_stays_public_and_never_carries_the_identity(client, certificate, signing_key):
    response = client.get(f"/api/v1/certificates/{certificate.serial}")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert set(data) == {
        "serial",
        "status",
        "holder",
        "program",
        "issued_at",
        "expires_at",
        "revoked_at",
        "kind",
        "verification_url",
    }
    assert data["status"] == "valid" and data["program"]["name"] == "Enthusiast"
    page = client.get(f"/verify/{certificate.serial}/")
    assert page.status_code == 200
    assert b"Enthusiast" in page.content
    assert b"/credential" not in page.content and b"salt" not in page.content


def test_only_the_holder_sees_the_link_to_the_credential(client, client_for, certificate):
    url = f"/certificates/{certificate.serial}/"
    link = f'href="/certificates/{certificate.serial}/credential/"'.encode()
    assert link in client_for(certificate.holder).get(url).content
    assert client_for(EmployeeFactory().user).get(url).status_code == 404
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    mine = client_for(certificate.holder).get("/api/v1/me/certificates").json()
    assert [c["serial"] for c in mine] == [certificate.serial]
    assert client_for(EmployeeFactory().user).get("/api/v1/me/certificates").json() == []
