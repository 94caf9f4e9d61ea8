"""What people see: my certificates, a certificate with its PDF, the public verification page
and API (status, holder's name, program, dates: nothing more), and the home-page panel."""

import datetime
import io

import pytest
from django.utils import timezone

from certification.models import Certificate
from certification.services import expire_certificates, issue_certificate, revoke_certificate
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    accept_current_policy,
    record_completions,
)

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {
    "serial",
    "status",
    "kind",  # earned, or an exemption granted by staff (the page says so too)
    "holder",
    "program",
    "issued_at",
    "expires_at",
    "revoked_at",
    "verification_url",
}


@pytest.fixture
def holder(db):
    return EmployeeFactory(
        user__first_name="Alex",
        user__last_name="Morgan",
        user__email="alex.morgan@example.com",
        job_title="Support specialist",
    ).user


@pytest.fixture
def certificate(ladder, holder):
    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    return issue_certificate(holder, ladder["enthusiast"])


def test_public_verification_says_valid_with_name_program_and_dates_only(client, certificate):
    page = client.get(f"/verify/{certificate.serial}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "This certificate is valid." in text
    assert "Alex Morgan" in text and "Enthusiast" in text
    for private in ("alex.morgan@example.com", "Support specialist", certificate.holder.username):
        assert private not in text

    data = client.get(f"/api/v1/certificates/{certificate.serial}").json()
    assert set(data) == PUBLIC_FIELDS
    assert data["status"] == "valid"
    assert data["holder"] == "Alex Morgan"
    assert data["program"] == {"name": "Enthusiast", "slug": "enthusiast", "tier": 1}
    assert data["verification_url"].endswith(f"/verify/{certificate.serial}/")


def test_revoked_shows_revoked_everywhere_without_the_reason(client, client_for, certificate):
    revoke_certificate(certificate, reason="Posted a customer's address.")
    page = client.get(f"/verify/{certificate.serial}/").content.decode()
    assert "This certificate was revoked" in page
    assert "customer's address" not in page
    api = client.get(f"/api/v1/certificates/{certificate.serial}").json()
    assert api["status"] == "revoked" and api["revoked_at"]
    assert "reason" not in str(api).lower()
    mine = client_for(certificate.holder).get(certificate.get_absolute_url()).content.decode()
    assert "Revoked" in mine and "customer&#x27;s address" in mine


def test_expired_shows_expired(client, ladder, holder):
    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    old = issue_certificate(
        holder, ladder["enthusiast"], now=timezone.now() - datetime.timedelta(days=400)
    )
    expire_certificates()
    assert "This certificate has expired." in client.get(f"/verify/{old.serial}/").content.decode()
    assert client.get(f"/api/v1/certificates/{old.serial}").json()["status"] == "expired"


def test_the_verify_form_finds_a_serial_however_it_is_typed(client, certificate):
    assert client.get("/verify/").status_code == 200
    typed = certificate.serial.lower().replace("-", " ")
    response = client.get("/verify/", {"serial": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/verify/{certificate.serial}/"
    lowercase = client.get(f"/verify/{certificate.serial.lower()}/")
    assert (
        lowercase.status_code == 302 and lowercase["Location"] == f"/verify/{certificate.serial}/"
    )


@pytest.mark.parametrize("serial", ["", "nonsense", "ABCD-EFGH", "0000-1111-8888-9999-0000"])
def test_the_verify_form_explains_a_malformed_serial(client, serial):
    response = client.get("/verify/", {"serial": serial})
    assert response.status_code == 400
    assert b"not a certificate serial" in response.content or b"required" in response.content


@pytest.mark.parametrize(
    "serial", ["AAAA-BBBB-CCCC-DDDD-EEEE", "not-a-serial", "x" * 300, "<script>", "%F0%9F%92%A9"]
)
def test_unknown_or_malformed_serials_are_404_not_500(client, serial):
    page = client.get(f"/verify/{serial}/")
    assert page.status_code == 404
    assert b"No certificate has this serial" in page.content
    api = client.get(f"/api/v1/certificates/{serial}")
    assert api.status_code == 404
    assert api.json() == {"message": "No certificate has this serial."}


def test_the_certificate_page_is_for_its_holder_only(client, client_for, certificate):
    url = certificate.get_absolute_url()
    assert client.get(url).status_code == 302  # to sign in
    mine = client_for(certificate.holder).get(url)
    assert mine.status_code == 200
    text = mine.content.decode()
    assert certificate.serial in text
    assert certificate.verification_url() in text
    assert f"/certificates/{certificate.serial}/pdf/" in text
    assert "Renewing" in text
    someone_else = client_for(UserFactory())
    assert someone_else.get(url).status_code == 404
    assert someone_else.get(f"/certificates/{certificate.serial}/pdf/").status_code == 404


def test_the_pdf_has_holder_program_dates_serial_and_the_verification_qr(client_for, certificate):
    from pypdf import PdfReader

    response = client_for(certificate.holder).get(f"/certificates/{certificate.serial}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for expected in ("Alex Morgan", "Enthusiast", certificate.serial, "Valid until", "Issued"):
        assert expected in text
    assert certificate.verification_url() in text


def test_the_pdf_says_what_it_is_who_issued_it_and_its_language(client_for, certificate):
    from pypdf import PdfReader

    from certification.models import IssuerSettings

    issuer = IssuerSettings.load()
    issuer.organisation_name = "Northwind Systems"
    issuer.save()
    response = client_for(certificate.holder).get(f"/certificates/{certificate.serial}/pdf/")
    reader = PdfReader(io.BytesIO(response.content))
    meta = reader.metadata
    assert meta.title == "Enthusiast certificate — Alex Morgan"
    assert meta.author == "Northwind Systems"
    assert "Alex Morgan" in meta.subject and "Enthusiast" in meta.subject
    assert certificate.serial in meta.subject
    assert meta.creator == "Social Academy"  # reportlab's default was "anonymous"
    assert "ReportLab" in meta.producer
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"  # the test site's LANGUAGE_CODE, en-gb


def test_the_pdf_metadata_spells_names_beyond_latin_1_and_defaults_the_author(ladder):
    from django.utils import translation
    from pypdf import PdfReader

    from certification.pdf import render_certificate_pdf

    holder = EmployeeFactory(user__first_name="Łukasz", user__last_name="Żółć-Ødegård").user
    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    certificate = issue_certificate(holder, ladder["enthusiast"])
    meta = PdfReader(io.BytesIO(render_certificate_pdf(certificate))).metadata
    assert meta.title == "Enthusiast certificate — Łukasz Żółć-Ødegård"
    assert meta.author == "Social Academy"  # no issuer set: the site's name stands in
    # The wording is English whatever language is active: the PDF does not claim another.
    with translation.override("de"):
        reader = PdfReader(io.BytesIO(render_certificate_pdf(certificate)))
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_the_pdf_spells_names_beyond_latin_1_with_an_embedded_font(ladder):
    from pypdf import PdfReader

    from certification.pdf import render_certificate_pdf

    holder = EmployeeFactory(user__first_name="Łukasz", user__last_name="Żółć-Ødegård").user
    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    certificate = issue_certificate(holder, ladder["enthusiast"])
    reader = PdfReader(io.BytesIO(render_certificate_pdf(certificate)))
    assert "Łukasz Żółć-Ødegård" in reader.pages[0].extract_text()
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert all("DejaVuSans" in name for name in embedded), embedded  # no standard Latin-1 font


def test_the_qr_code_encodes_the_verification_address(certificate):
    import segno

    from certification import pdf

    drawn = []

    class Recorder:
        def setFillColor(self, *args):  # noqa: N802 - reportlab's name
            pass

        def rect(self, x, y, w, h, stroke=0, fill=0):
            drawn.append((round(x, 3), round(y, 3)))

    pdf.draw_qr(Recorder(), certificate.verification_url(), 0, 0, 100)
    expected = segno.make(certificate.verification_url(), error="m", micro=False)
    dark = sum(sum(row) for row in expected.matrix_iter(border=2))
    assert len(drawn) == dark + 1  # every dark module, plus the white background


def test_my_certificates_lists_history_and_the_ladder(client_for, certificate, ladder):
    page = client_for(certificate.holder).get("/certificates/")
    text = page.content.decode()
    assert page.status_code == 200
    assert certificate.serial in text
    for name in ("Enthusiast", "Professional", "Spokesperson"):
        assert name in text
    assert "Complete “Engaging and responding”" in text


def test_my_certificates_api_lists_only_mine(client_for, certificate, ladder):
    other = UserFactory()
    issue_certificate(other, ladder["enthusiast"])
    data = client_for(certificate.holder).get("/api/v1/me/certificates").json()
    assert [c["serial"] for c in data] == [certificate.serial]
    assert data[0]["pdf_url"].endswith(f"/certificates/{certificate.serial}/pdf/")
    assert data[0]["credential_url"].endswith(f"/certificates/{certificate.serial}/credential")


def test_my_certificates_needs_a_session(client):
    assert client.get("/api/v1/me/certificates").status_code == 401
    assert client.get("/certificates/").status_code == 302


def test_programs_api_lists_the_ladder(client, ladder):
    data = client.get("/api/v1/programs").json()
    assert [p["slug"] for p in data] == ["enthusiast", "professional", "spokesperson"]
    assert data[1]["builds_on"] == "enthusiast"
    assert [c["title"] for c in data[1]["courses"]] == [
        "Social media basics",
        "Engaging and responding",
    ]
    assert data[2]["requires_approval"] is True
    assert client.get("/api/v1/programs/professional").json()["name"] == "Professional"
    assert client.get("/api/v1/programs/nope").status_code == 404


def test_the_programs_api_uses_a_fixed_number_of_queries(
    client, ladder, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        client.get("/api/v1/programs")


def test_the_home_page_panel_shows_certificates_and_the_next_step(client_for, certificate):
    from lms.dashboard import dashboard_for

    panels = [p for p in dashboard_for(certificate.holder) if "certification" in p["template"]]
    [panel] = panels
    assert [s.program.slug for s in panel["held"]] == ["enthusiast"]
    assert panel["next"].program.slug == "professional"
    home = client_for(certificate.holder).get("/")
    assert home.status_code == 200
    assert b"Next: Professional" in home.content


def test_the_panel_warns_about_certificates_ending_soon(ladder, holder):
    from certification.dashboard import certificates_panel

    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    soon = issue_certificate(
        holder, ladder["enthusiast"], now=timezone.now() - datetime.timedelta(days=350)
    )
    panel = certificates_panel(holder)
    assert panel["expiring"] == [soon]


def test_a_fresh_employee_sees_the_first_step(client_for, ladder):
    newcomer = EmployeeFactory().user
    assert not Certificate.objects.filter(holder=newcomer).exists()
    page = client_for(newcomer).get("/certificates/").content.decode()
    assert "You have no certificates yet" in page
    assert "Accept the current social media policy" in page
