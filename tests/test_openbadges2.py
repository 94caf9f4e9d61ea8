"""Open Badges 2.0, checked against the specification (https://www.imsglobal.org/spec/ob/v2p0/
and its baking specification) the way a backpack or verifier meets the badge: from the address
the holder is given, or from the image they download, following only the URLs inside."""

import datetime
import hashlib
import json
import re
import struct
import zlib
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree
from django.utils import timezone
from PIL import Image

from certification import jsonld
from certification.models import Certificate
from certification.services import issue_certificate, revoke_certificate
from tests.factories import EmployeeFactory, make_program

pytestmark = pytest.mark.django_db

OB2 = "https://w3id.org/openbadges/v2"
OBI = "https://w3id.org/openbadges#"
SCHEMA = "http://schema.org/"
SEC = "https://w3id.org/security#"
BAKED_SVG_NS = "http://openbadges.org"
SVG_NS = "http://www.w3.org/2000/svg"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


@pytest.fixture
def certificate(db):
    program = make_program("enthusiast", name="Enthusiast")
    holder = EmployeeFactory(
        user__first_name="Alex", user__last_name="Morgan", user__email="alex.morgan@example.com"
    ).user
    return issue_certificate(holder, program)


def path_of(url):
    """The test client speaks to the site by path; badge objects name absolute URLs."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def assertion_link(client_for, certificate):
    """What the holder is given on their certificate page."""
    page = client_for(certificate.holder).get(f"/certificates/{certificate.serial}/")
    assert page.status_code == 200
    match = re.search(rb'href="([^"]+)"[^>]*>Open Badges 2.0 assertion<', page.content)
    assert match, "the holder's page links to the hosted assertion"
    return match.group(1).decode()


def hosted(client, url, **headers):
    """A verifier fetches a badge object: anonymously, from anywhere."""
    return client.get(path_of(url), **headers)


def dropped_terms(document):
    """The keys of a JSON-LD object (and of the objects nested in it) that expansion drops.

    Each key is expanded on its own, under the document's context: a term the context does not
    define expands to nothing, where a defined one becomes an absolute IRI (or @id, @type)."""
    context = document.get("@context", OB2)
    whole = jsonld.expand({**document, "@context": context})
    dropped = []
    for key, value in document.items():
        if key == "@context":
            continue
        if key in ("id", "type"):
            if not whole or f"@{key}" not in whole[0]:
                dropped.append(key)
            continue
        alone = jsonld.expand({"@context": context, key: value})
        if not alone or not any("://" in k for k in alone[0]):
            dropped.append(key)
        elif isinstance(value, dict):
            dropped += [f"{key}.{k}" for k in dropped_terms({"@context": context, **value})]
    # Nothing merged either: one expanded property per key.
    if whole and len(whole[0]) != len([k for k in document if k != "@context"]):
        dropped.append("(keys merged)")
    return dropped


#: The IRIs the OB 2.0 vocabulary gives to the terms used below (specification, "Vocabulary").
TERM_IRIS = {
    "recipient": OBI + "recipient",
    "verification": OBI + "verify",
    "criteria": OBI + "criteria",
    "badge": OBI + "badge",
    "issuedOn": OBI + "issueDate",
    "expires": SEC + "expiration",
    "identity": OBI + "identityHash",
    "hashed": OBI + "hashed",
    "salt": OBI + "salt",
    "image": SCHEMA + "image",
    "name": SCHEMA + "name",
    "description": SCHEMA + "description",
    "narrative": OBI + "narrative",
    "issuer": OBI + "issuer",
    "url": SCHEMA + "url",
    "email": SCHEMA + "email",
    "revoked": OBI + "revoked",
}


def expand_one(document):
    [node] = jsonld.expand(document)
    return node


def assert_nothing_dropped(document):
    assert dropped_terms(document) == []
    node = expand_one(document)
    for key in document:
        if key in TERM_IRIS:
            assert TERM_IRIS[key] in node, key
    return node


# --- The hosted Assertion ------------------------------------------------------------------


def test_the_holder_gets_a_hosted_assertion_that_anyone_can_fetch(client, client_for, certificate):
    url = assertion_link(client_for, certificate)
    response = hosted(client, url)  # anonymous: hosted verification needs no session
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assertion = response.json()
    assert assertion["@context"] == OB2
    assert assertion["type"] == "Assertion"
    # Hosted verification: the id is the URI where the assertion is accessible.
    assert assertion["id"] == url
    assert assertion["verification"]["type"] in ("hosted", "HostedBadge")
    for required in ("id", "type", "recipient", "badge", "verification", "issuedOn"):
        assert required in assertion, required
    issued = datetime.datetime.fromisoformat(assertion["issuedOn"])
    expires = datetime.datetime.fromisoformat(assertion["expires"])
    assert abs(issued - certificate.issued_at) < datetime.timedelta(seconds=1)
    assert abs(expires - certificate.expires_at) < datetime.timedelta(seconds=1)


def test_the_assertion_expands_without_dropping_a_term(client, client_for, certificate):
    assertion = hosted(client, assertion_link(client_for, certificate)).json()
    node = assert_nothing_dropped(assertion)
    assert node["@id"] == assertion["id"]
    assert node["@type"] == [OBI + "Assertion"]
    [recipient] = node[OBI + "recipient"]
    assert recipient["@type"] == [SCHEMA + "email"]  # "email" is a term of the context
    assert recipient[OBI + "hashed"] == [{"@type": XSD_BOOLEAN, "@value": True}]
    [verification] = node[OBI + "verify"]
    assert verification["@type"] == [OBI + "HostedBadge"]
    assert node[OBI + "badge"] == [{"@id": assertion["badge"]}]


def test_the_no_dropped_term_check_is_not_a_rubber_stamp(client, client_for, certificate):
    assertion = hosted(client, assertion_link(client_for, certificate)).json()
    for broken in (
        {**assertion, "recipientt": assertion["recipient"]},
        {**assertion, "recipient": {**assertion["recipient"], "identityHash": "x"}},
        {**assertion, "revocationNote": "x"},
    ):
        assert dropped_terms(broken) != [], broken


def test_the_recipient_is_the_holders_email_hashed_with_its_salt(client, client_for, certificate):
    response = hosted(client, assertion_link(client_for, certificate))
    recipient = response.json()["recipient"]
    assert recipient["type"] == "email"
    assert recipient["hashed"] is True
    assert recipient["salt"]
    digest = hashlib.sha256(("alex.morgan@example.com" + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] == f"sha256${digest}"
    # Nothing of the person in plain text.
    assert b"alex.morgan" not in response.content and b"Morgan" not in response.content
    wrong = hashlib.sha256(("someone@example.com" + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] != f"sha256${wrong}"


def test_the_assertion_is_served_as_json_to_a_client_that_asks_only_for_json(
    client, client_for, certificate
):
    url = assertion_link(client_for, certificate)
    response = hosted(client, url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["id"] == url
    both = hosted(client, url, HTTP_ACCEPT="application/ld+json, application/json;q=0.9")
    assert both["Content-Type"].startswith("application/ld+json")


def test_the_badge_class_and_issuer_resolve_at_the_urls_the_assertion_names(
    client, client_for, certificate
):
    assertion = hosted(client, assertion_link(client_for, certificate)).json()

    badge_response = hosted(client, assertion["badge"])
    assert badge_response.status_code == 200
    assert badge_response["Content-Type"].startswith("application/ld+json")
    assert badge_response["Access-Control-Allow-Origin"] == "*"
    badge = badge_response.json()
    assert badge["@context"] == OB2 and badge["type"] == "BadgeClass"
    assert badge["id"] == assertion["badge"]
    for required in ("id", "type", "name", "description", "image", "criteria", "issuer"):
        assert badge.get(required), required
    assert badge["name"] == "Enthusiast"
    criteria = badge["criteria"]
    assert isinstance(criteria, str) or criteria.get("narrative") or criteria.get("id")
    assert_nothing_dropped(badge)

    issuer_response = hosted(client, badge["issuer"])
    assert issuer_response.status_code == 200
    assert issuer_response["Access-Control-Allow-Origin"] == "*"
    issuer = issuer_response.json()
    assert issuer["@context"] == OB2
    assert issuer["type"] in ("Issuer", "Profile", ["Issuer"], ["Profile"])
    assert issuer["id"] == badge["issuer"]
    # An issuer Profile requires id, type, name, url and email.
    for required in ("id", "type", "name", "url", "email"):
        assert issuer.get(required), required
    assert issuer["name"] == "Social Academy"
    assert_nothing_dropped(issuer)

    # Hosted verification, with no `verification` in the issuer Profile: the Assertion and the
    # BadgeClass are on the same origin as the issuer Profile id.
    origin = urlsplit(issuer["id"])[:2]
    assert urlsplit(assertion["id"])[:2] == origin
    assert urlsplit(badge["id"])[:2] == origin


def test_the_badge_class_image_is_a_plain_png(client, client_for, certificate):
    assertion = hosted(client, assertion_link(client_for, certificate)).json()
    badge = hosted(client, assertion["badge"]).json()
    response = hosted(client, badge["image"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(BytesIO(response.content))
    assert image.format == "PNG" and image.size[0] >= 90
    assert openbadges_itxt(response.content) == []  # the BadgeClass image is not baked


def test_the_issuer_setting_names_the_organisation(client, client_for, certificate):
    from certification.models import IssuerSettings

    issuer = IssuerSettings.load()
    issuer.organisation_name = "Northwind Systems"
    issuer.organisation_url = "https://northwind.example/"
    issuer.contact_email = "academy@northwind.example"
    issuer.save()
    assertion = hosted(client, assertion_link(client_for, certificate)).json()
    profile = hosted(client, hosted(client, assertion["badge"]).json()["issuer"]).json()
    assert profile["name"] == "Northwind Systems"
    assert profile["url"] == "https://northwind.example/"
    assert profile["email"] == "academy@northwind.example"


def test_an_expired_certificate_still_has_its_assertion_with_expires_in_the_past(
    client, client_for, certificate
):
    url = assertion_link(client_for, certificate)
    now = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=now - datetime.timedelta(days=400), expires_at=now - datetime.timedelta(days=35)
    )
    response = hosted(client, url)
    assert response.status_code == 200
    assert datetime.datetime.fromisoformat(response.json()["expires"]) < now


def test_a_revoked_certificate_answers_410_with_revoked_true_and_no_reason(
    client, client_for, certificate
):
    url = assertion_link(client_for, certificate)
    revoke_certificate(certificate, reason="Shared customer data.")
    response = hosted(client, url)
    assert response.status_code == 410
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["revoked"] is True
    assert body["id"] == url
    assert "revocationReason" not in body
    assert b"customer data" not in response.content
    assert b"salt" not in response.content and b"sha256$" not in response.content
    node = assert_nothing_dropped(body)
    assert node[OBI + "revoked"] == [{"@type": XSD_BOOLEAN, "@value": True}]
    # The holder's page no longer offers the badge.
    page = client_for(certificate.holder).get(f"/certificates/{certificate.serial}/").content
    assert b"Open Badges 2.0 assertion" not in page and b"badge.png" not in page


# --- The address: unguessable, and only the holder's ---------------------------------------


def test_the_address_is_not_derivable_from_the_serial(client, client_for, certificate):
    url = assertion_link(client_for, certificate)
    raw = certificate.serial.replace("-", "")
    for form in (certificate.serial, raw, raw.lower(), certificate.serial.lower()):
        assert form not in url
    for guess in (
        f"/openbadges/v2/assertions/{certificate.serial}.json",
        f"/openbadges/v2/assertions/{raw}.json",
        f"/openbadges/v2/assertions/{certificate.pk}.json",
    ):
        assert client.get(guess).status_code == 404, guess
    # Nothing public names it: the verification page and API, the BadgeClass.
    token = urlsplit(url).path.rsplit("/", 1)[-1].removesuffix(".json")
    for public in (
        f"/verify/{certificate.serial}/",
        f"/api/v1/certificates/{certificate.serial}",
        "/openbadges/v2/badges/enthusiast.json",
    ):
        response = client.get(public)
        assert response.status_code == 200, public
        assert token.encode() not in response.content, public


def test_malformed_and_unknown_tokens_are_404_json(client, client_for, certificate):
    url = assertion_link(client_for, certificate)
    token = urlsplit(url).path.rsplit("/", 1)[-1].removesuffix(".json")
    flipped = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    for bad in (
        "not-a-token",
        "A" * len(token),
        "A" * 300,
        flipped,
        token[:-1],
        token + "A",
        "%C3%A9" * 16,
    ):
        response = client.get(f"/openbadges/v2/assertions/{bad}.json")
        assert response.status_code == 404, bad
        assert response["Content-Type"].startswith("application/json")
        assert "message" in response.json() and b"salt" not in response.content
    assert client.get("/openbadges/v2/assertions/..%2F..%2Fetc%2Fpasswd.json").status_code == 404
    assert client.get(f"/openbadges/v2/assertions/{token}%00.json").status_code == 400
    assert client.get(f"/openbadges/v2/assertions/{token}.png").status_code == 200
    assert client.get(f"/openbadges/v2/assertions/{flipped}.png").status_code == 404


def test_a_token_of_another_serial_is_that_certificate_or_nothing(
    client, client_for, certificate, settings
):
    from certification import openbadges2

    other = issue_certificate(
        EmployeeFactory(user__email="sam.lee@example.com").user, certificate.program
    )
    mine, theirs = assertion_link(client_for, certificate), assertion_link(client_for, other)
    assert mine != theirs
    a, b = hosted(client, mine).json(), hosted(client, theirs).json()
    assert a["id"] == mine and b["id"] == theirs
    assert a["recipient"]["identity"] != b["recipient"]["identity"]
    assert a["recipient"]["salt"] != b["recipient"]["salt"]
    # A well-formed token of a serial no certificate has.
    ghost = openbadges2.assertion_token(Certificate(serial="AAAA-BBBB-CCCC-DDDD-EEEE"))
    response = client.get(f"/openbadges/v2/assertions/{ghost}.json")
    assert response.status_code == 404 and "message" in response.json()
    # A token of the right serial made under another key (a forger without SECRET_KEY).
    real_key = settings.SECRET_KEY
    settings.SECRET_KEY = "another-site-s-key"
    forged = openbadges2.assertion_token(certificate)
    settings.SECRET_KEY = real_key
    assert client.get(f"/openbadges/v2/assertions/{forged}.json").status_code == 404
    assert hosted(client, mine).status_code == 200


def test_after_rotating_the_secret_key_the_old_address_redirects_to_the_new_one(
    client, client_for, certificate, settings
):
    old = assertion_link(client_for, certificate)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation"
    new = assertion_link(client_for, certificate)
    assert new != old
    response = hosted(client, old)
    assert response.status_code == 301 and response["Location"] == new
    followed = hosted(client, old, follow=True)
    assert followed.status_code == 200 and followed.json()["id"] == new
    settings.SECRET_KEY_FALLBACKS = []
    assert hosted(client, old).status_code == 404


def test_only_the_holder_sees_the_links(client, client_for, certificate):
    page = f"/certificates/{certificate.serial}/"
    mine = client_for(certificate.holder).get(page).content
    for label in (b"Download badge (PNG)", b"Download badge (SVG)", b"Open Badges 2.0 assertion"):
        assert label in mine
    assert client_for(EmployeeFactory().user).get(page).status_code == 404
    assert client.get(page).status_code == 302


# --- Baked images --------------------------------------------------------------------------


def png_chunks(data):
    """(type, body) of each chunk, read as the PNG specification lays them out."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks.append((kind, body))
        position += 12 + length
    return chunks


def openbadges_itxt(data):
    """Every iTXt chunk with the keyword openbadges, as (compression flag, text)."""
    found = []
    for kind, body in png_chunks(data):
        if kind != b"iTXt":
            continue
        keyword, rest = body.split(b"\0", 1)
        if keyword != b"openbadges":
            continue
        compressed, _method = rest[0], rest[1]
        _language, rest = rest[2:].split(b"\0", 1)
        _translated, text = rest.split(b"\0", 1)
        found.append((compressed, text.decode("utf-8")))
    return found


def assertion_url_from_baked_text(text):
    """The baked text is the Assertion's JSON (with its hosted id) or the hosted URL."""
    text = text.strip()
    if text.startswith("{"):
        return json.loads(text)["id"]
    assert text.startswith(("http://", "https://"))
    return text


def test_the_baked_png_leads_back_to_the_hosted_assertion(client, client_for, certificate):
    url = assertion_link(client_for, certificate)
    response = client_for(certificate.holder).get(f"/certificates/{certificate.serial}/badge.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    [(compressed, text)] = openbadges_itxt(response.content)  # exactly once
    assert compressed == 0  # compression MUST NOT be used
    baked = assertion_url_from_baked_text(text)
    assert baked == url
    fetched = hosted(client, baked)
    assert fetched.status_code == 200 and fetched.json()["id"] == url
    # Pillow reads the same chunk.
    assert Image.open(BytesIO(response.content)).text["openbadges"] == text


def test_the_baked_svg_leads_back_to_the_hosted_assertion(client, client_for, certificate):
    url = assertion_link(client_for, certificate)
    response = client_for(certificate.holder).get(f"/certificates/{certificate.serial}/badge.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "attachment" in response["Content-Disposition"]
    assert b'xmlns:openbadges="http://openbadges.org"' in response.content
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{{{SVG_NS}}}svg"
    # Directly after the <svg> tag.
    assert root[0].tag == f"{{{BAKED_SVG_NS}}}assertion"
    [element] = root.findall(f"{{{BAKED_SVG_NS}}}assertion")
    assert element.get("verify") == url
    if (element.text or "").strip():
        assert json.loads(element.text)["id"] == url
    fetched = hosted(client, element.get("verify"))
    assert fetched.status_code == 200 and fetched.json()["id"] == url
    text = " ".join(t.text or "" for t in root.iter(f"{{{SVG_NS}}}text"))
    assert "Enthusiast" in text and "TIER 1" in text and "SOCIAL ACADEMY" in text
    assert b"#1f5fa8" in response.content and b"#16202c" in response.content


def test_the_assertion_image_is_the_baked_png(client, client_for, certificate):
    url = assertion_link(client_for, certificate)
    assertion = hosted(client, url).json()
    response = hosted(client, assertion["image"])
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    [(_, text)] = openbadges_itxt(response.content)
    assert assertion_url_from_baked_text(text) == url


def test_the_plain_svg_of_a_program_is_not_baked(client, certificate):
    response = client.get("/openbadges/v2/badges/enthusiast.svg")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.findall(f"{{{BAKED_SVG_NS}}}assertion") == []
    assert client.get("/openbadges/v2/badges/no-such-program.svg").status_code == 404
    assert client.get("/openbadges/v2/badges/no-such-program.png").status_code == 404
    missing = client.get("/openbadges/v2/badges/no-such-program.json")
    assert missing.status_code == 404 and "message" in missing.json()


def test_baked_downloads_are_the_holders_alone(client, client_for, certificate):
    for kind in ("png", "svg"):
        path = f"/certificates/{certificate.serial}/badge.{kind}"
        anonymous = client.get(path)
        assert anonymous.status_code == 302 and "login" in anonymous["Location"]
        other = client_for(EmployeeFactory().user)
        assert other.get(path).status_code == 404
        holder = client_for(certificate.holder)
        assert holder.get(f"/certificates/AAAA-BBBB-CCCC-DDDD-EEEE/badge.{kind}").status_code == 404
        assert holder.get(f"/certificates/not-a-serial/badge.{kind}").status_code == 404
        # Typed in lower case without dashes, the serial is still theirs.
        typed = certificate.serial.replace("-", "").lower()
        assert holder.get(f"/certificates/{typed}/badge.{kind}").status_code == 200
    revoke_certificate(certificate, reason="Shared customer data.")
    for kind in ("png", "svg"):
        path = f"/certificates/{certificate.serial}/badge.{kind}"
        assert client_for(certificate.holder).get(path).status_code == 410
        assert client_for(EmployeeFactory().user).get(path).status_code == 404


def test_names_in_any_script_and_of_any_length_draw(client_for, db):
    program = make_program("lang", name="Ødegård Łukasz Ṭhảo " + "Spokesperson " * 6, tier=3)
    holder = EmployeeFactory(user__email="o@example.com").user
    certificate = issue_certificate(holder, program)
    for kind in ("png", "svg"):
        response = client_for(holder).get(f"/certificates/{certificate.serial}/badge.{kind}")
        assert response.status_code == 200, kind
    svg = client_for(holder).get(f"/certificates/{certificate.serial}/badge.svg").content
    root = ElementTree.fromstring(svg)
    lines = [t.text for t in root.iter(f"{{{SVG_NS}}}text")]
    assert lines[1].startswith("Ødegård Łukasz")
    assert any(line.endswith("…") for line in lines)


def test_a_holder_without_an_email_has_no_assertion(client_for, db):
    holder = EmployeeFactory(user__email="").user
    certificate = issue_certificate(holder, make_program("enthusiast", name="Enthusiast"))
    page = client_for(holder).get(f"/certificates/{certificate.serial}/").content
    assert b"Open Badges 2.0 assertion" not in page
    assert client_for(holder).get(f"/certificates/{certificate.serial}/badge.png").status_code == (
        404
    )
