"""The credential for people: a page that says what it is and how to use it, the credential file
and the badge image with the credential baked in (Open Badges 3.0 "Baked Badge": PNG iTXt
`openbadgecredential`, uncompressed, once; SVG `<openbadges:credential verify=…>` right after the
`<svg>` tag, namespace https://purl.imsglobal.org/ob/v3p0). Holder only."""

import struct
import zlib
from urllib.parse import urlsplit

import jwt
import pytest
from defusedxml import ElementTree

from certification.services import issue_certificate, revoke_certificate
from tests.factories import EmployeeFactory, make_program

pytestmark = pytest.mark.django_db

V3_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"


@pytest.fixture
def certificate(db):
    return issue_certificate(EmployeeFactory().user, make_program("enthusiast", name="Enthusiast"))


def png_chunks(data):
    """Every chunk of a PNG datastream, checking each CRC, as a reader of the spec would."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert zlib.crc32(kind + body) == crc
        chunks.append((kind, body))
        position += 12 + length
    return chunks


def itxt(body):
    """(keyword, compressed, text) of an iTXt chunk (PNG 1.2 §11.3.4.5)."""
    keyword, rest = body.split(b"\0", 1)
    compressed, _method = rest[0], rest[1]
    _language, rest = rest[2:].split(b"\0", 1)
    _translated, text = rest.split(b"\0", 1)
    return keyword.decode("latin-1"), compressed, text.decode("utf-8")


def verify(client, token):
    header = jwt.get_unverified_header(token)
    key = jwt.PyJWK(client.get(urlsplit(header["kid"]).path).json())
    return jwt.decode(token, key.key, algorithms=[header["alg"]])


def test_the_page_explains_the_credential_and_offers_its_files(
    client_for, certificate, signing_key
):
    response = client_for(certificate.holder).get(f"/certificates/{certificate.serial}/credential/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode()
    assert "Open Badges 3.0" in text and "wallet" in text and "LinkedIn" in text
    for name in ("credential.png", "credential.svg", "credential.jwt"):
        assert f'href="/certificates/{certificate.serial}/{name}"' in text
    # No wall of JWT on the page.
    assert "eyJ" not in text


def test_the_certificate_page_leads_to_it(client_for, certificate):
    page = client_for(certificate.holder).get(certificate.get_absolute_url()).content.decode()
    assert f'href="/certificates/{certificate.serial}/credential/"' in page


def test_the_credential_file_is_the_compact_jws(client_for, client, certificate, signing_key):
    response = client_for(certificate.holder).get(
        f"/certificates/{certificate.serial}/credential.jwt"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.jwt"')
    token = response.content.decode()
    assert verify(client, token)["credentialSubject"]["achievement"]["name"] == "Enthusiast"


def test_the_png_carries_the_credential_once_uncompressed(
    client_for, client, certificate, signing_key
):
    response = client_for(certificate.holder).get(
        f"/certificates/{certificate.serial}/credential.png"
    )
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    baked = [itxt(body) for kind, body in png_chunks(response.content) if kind == b"iTXt"]
    found = [
        (compressed, text)
        for keyword, compressed, text in baked
        if keyword == "openbadgecredential"
    ]
    assert len(found) == 1
    compressed, token = found[0]
    assert compressed == 0
    assert verify(client, token)["jti"].endswith(f"/certificates/{certificate.serial}/credential")


def test_the_svg_carries_the_credential_right_after_the_svg_tag(
    client_for, client, certificate, signing_key
):
    response = client_for(certificate.holder).get(
        f"/certificates/{certificate.serial}/credential.svg"
    )
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    root = ElementTree.fromstring(response.content)
    first = root[0]
    assert first.tag == f"{{{V3_NAMESPACE}}}credential"
    assert verify(client, first.attrib["verify"])["iss"].endswith("/api/v1/issuer")


@pytest.mark.parametrize(
    "suffix", ["credential/", "credential.jwt", "credential.png", "credential.svg"]
)
def test_nobody_but_the_holder_gets_them(client, client_for, certificate, signing_key, suffix):
    url = f"/certificates/{certificate.serial}/{suffix}"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert client_for(EmployeeFactory().user).get(url).status_code == 404
    unknown = f"/certificates/AAAA-BBBB-CCCC-DDDD-EEEE/{suffix}"
    assert client_for(certificate.holder).get(unknown).status_code == 404


@pytest.mark.parametrize("suffix", ["credential/", "credential.jwt", "credential.png"])
def test_a_revoked_certificate_says_so_instead(client_for, certificate, signing_key, suffix):
    revoke_certificate(certificate, reason="Shared a customer's data.")
    response = client_for(certificate.holder).get(f"/certificates/{certificate.serial}/{suffix}")
    assert response.status_code == 410
    assert b"revoked" in response.content


def test_without_a_key_a_page_explains_instead_of_a_500(
    client_for, certificate, settings, tmp_path
):
    settings.ACADEMY_CREDENTIAL_SIGNING_KEY_FILE = tmp_path / "missing.pem"
    for suffix in ("credential/", "credential.png"):
        response = client_for(certificate.holder).get(
            f"/certificates/{certificate.serial}/{suffix}"
        )
        assert response.status_code == 503
        assert b"signing key" in response.content
