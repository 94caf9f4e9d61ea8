"""Names in every script on the certificate PDF: each run of characters is set in a font that has
them (DejaVu Sans, then Noto Sans Arabic, Hebrew and Devanagari, then a system CJK font), shaped,
in display order, and the PDF gives the name back as typed when its text is extracted."""

import io
import logging
import os
import shutil
import subprocess
import unicodedata

import pytest
from django.core.checks import Warning as CheckWarning
from django.test import override_settings

from certification.services import issue_certificate
from tests.factories import EmployeeFactory, accept_current_policy, record_completions

pytestmark = pytest.mark.django_db

LATIN = "Łukasz Ødegård"
CYRILLIC = "Алексей Смирнов"
GREEK = "Γιώργος Παπαδόπουλος"
CHINESE = "李小龍"
JAPANESE = "山田太郎"
KOREAN = "김민준"
ARABIC = "محمد عبد الله"
HEBREW = "דוד לוי"
DEVANAGARI = "अर्जुन शर्मा"
UNCOVERED = "Zoë \U000f0000 Quinn"  # a private-use code point: no font has it

NEEDS_PDFTOTEXT = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (Debian: poppler-utils) is not installed"
)


def cjk_font_installed():
    from certification.pdf import CJK, FACES, font_chain

    chain = font_chain()
    return any(face.ranges == CJK and chain.available(face) for face in FACES)


def needs_cjk_font():
    """Skip where no CJK font is installed, except in CI (.ci/run installs fonts-wqy-zenhei)."""
    if not cjk_font_installed() and not os.environ.get("CI"):
        pytest.skip("no CJK font installed (Debian: fonts-wqy-zenhei)")


def certificate_pdf(client_for, ladder, name):
    """The PDF of a certificate of a holder called `name`, as the holder downloads it."""
    holder = EmployeeFactory(user__first_name=name, user__last_name="").user
    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    certificate = issue_certificate(holder, ladder["enthusiast"])
    assert certificate.holder_name == name
    response = client_for(holder).get(f"/certificates/{certificate.serial}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def pypdf_text(content):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(content)).pages[0].extract_text()


def pdftotext(content):
    """Poppler's text of the PDF: it reads /ActualText, so shaped and reordered lines come back
    in their logical order."""
    done = subprocess.run(  # noqa: S603 - a fixed command on our own PDF
        [shutil.which("pdftotext"), "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout.decode()


def normal(text):
    """NFC, without the bidirectional marks pdftotext puts around right-to-left lines."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c) != "Cf")


def page_contents(content):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(content)).pages[0].get_contents().get_data()


def embedded_fonts(content):
    from pypdf import PdfReader

    fonts = PdfReader(io.BytesIO(content)).pages[0]["/Resources"]["/Font"]
    return {str(font.get_object()["/BaseFont"]) for font in fonts.values()}


@pytest.mark.parametrize("name", [LATIN, CYRILLIC, GREEK])
def test_names_in_latin_cyrillic_and_greek_come_back_from_the_pdf(client_for, ladder, name):
    content = certificate_pdf(client_for, ladder, name)
    assert name in pypdf_text(content)
    assert all("DejaVuSans" in font for font in embedded_fonts(content))
    assert b"2 Tr" not in page_contents(content)  # DejaVu Sans has its own bold


@pytest.mark.parametrize("name", [CHINESE, JAPANESE, KOREAN])
def test_chinese_japanese_and_korean_names_are_set_in_the_cjk_font(client_for, ladder, name):
    needs_cjk_font()
    content = certificate_pdf(client_for, ladder, name)
    assert name in pypdf_text(content)
    fonts = embedded_fonts(content)
    assert any("WenQuanYi" in font or "DroidSansFallback" in font for font in fonts), fonts
    assert any("DejaVuSans" in font for font in fonts), fonts  # the rest of the page
    # The CJK font has no bold: the name is emboldened by stroking its outlines as well.
    assert b"2 Tr" in page_contents(content)


@NEEDS_PDFTOTEXT
@pytest.mark.parametrize(
    ("name", "font"),
    [(ARABIC, "NotoSansArabic"), (HEBREW, "NotoSansHebrew"), (DEVANAGARI, "NotoSansDevanagari")],
)
def test_right_to_left_and_indic_names_come_back_in_logical_order(client_for, ladder, name, font):
    content = certificate_pdf(client_for, ladder, name)
    assert normal(name) in normal(pdftotext(content))
    assert any(font in embedded for embedded in embedded_fonts(content))


def test_arabic_is_shaped_and_set_right_to_left():
    """Joined forms (not the isolated letters) in display order: the last letter is drawn first."""
    from certification.pdf import lay_out

    line = lay_out(ARABIC, "bold")
    assert [run.font for run in line.runs] == ["NotoSansArabic-Bold"]
    drawn = line.runs[0].glyphs
    assert str(drawn) != ARABIC and str(drawn) != ARABIC[::-1]  # contextual forms, not letters
    assert not line.plain
    clusters = [item.cluster for item in drawn.__shapeData__]
    assert clusters[0] > clusters[-1]  # right to left


def test_devanagari_conjuncts_are_formed():
    from certification.pdf import lay_out

    line = lay_out(DEVANAGARI)
    assert {run.font for run in line.runs} == {"NotoSansDevanagari"}
    drawn = "".join(str(run.glyphs) for run in line.runs)
    assert len(drawn) < len(DEVANAGARI)  # र्ज and र्म become one glyph each with the reph


def test_a_latin_word_inside_an_arabic_name_keeps_its_order():
    from certification.pdf import lay_out

    line = lay_out("محمد Smith عبد الله")
    # Display order, left to right: the last Arabic words, the Latin one, the first Arabic word.
    words = [(run.font.split("-")[0], run.text.strip()) for run in line.runs if run.text.strip()]
    assert words == [
        ("NotoSansArabic", "عبد الله"),
        ("DejaVuSans", "Smith"),
        ("NotoSansArabic", "محمد"),
    ]
    smith = next(run for run in line.runs if run.text == "Smith")
    assert str(smith.glyphs) == "Smith"  # not reversed


def test_the_issuer_program_and_signer_may_be_in_any_script(client_for, ladder):
    from certification.models import IssuerSettings

    issuer = IssuerSettings.load()
    issuer.organisation_name = "Ελληνική Ακαδημία"
    issuer.signatory_name = "דוד לוי"
    issuer.signatory_title = "Директор"
    issuer.save()
    ladder["enthusiast"].name = "मित्र"
    ladder["enthusiast"].save()
    content = certificate_pdf(client_for, ladder, LATIN)
    fonts = embedded_fonts(content)
    assert any("NotoSansHebrew" in font for font in fonts), fonts
    assert any("NotoSansDevanagari" in font for font in fonts), fonts
    if shutil.which("pdftotext"):
        text = normal(pdftotext(content))
        for expected in ("ΕΛΛΗΝΙΚΉ ΑΚΑΔΗΜΊΑ", "דוד לוי", "Директор", "मित्र", LATIN):
            assert normal(expected) in text


def test_a_character_no_font_has_still_gives_a_pdf_and_says_what_to_install(
    client_for, ladder, caplog
):
    with caplog.at_level(logging.WARNING, logger="certification.pdf"):
        content = certificate_pdf(client_for, ladder, UNCOVERED)
    assert content.startswith(b"%PDF")
    assert "U+F0000" in caplog.text
    assert "Zoë" in pypdf_text(content) and "Quinn" in pypdf_text(content)


def test_without_a_cjk_font_a_chinese_name_still_gives_a_pdf_and_a_hint(
    client_for, ladder, caplog, tmp_path
):
    with (
        override_settings(ACADEMY_PDF_FONT_DIRS=[str(tmp_path)]),
        caplog.at_level(logging.WARNING, logger="certification.pdf"),
    ):
        content = certificate_pdf(client_for, ladder, CHINESE)
    assert content.startswith(b"%PDF")
    assert "U+674E" in caplog.text and "fonts-wqy-zenhei" in caplog.text
    assert all("DejaVuSans" in font for font in embedded_fonts(content))


def test_the_system_check_asks_for_a_cjk_font_when_none_is_found(tmp_path):
    from certification.checks import check_pdf_fonts

    with override_settings(ACADEMY_PDF_FONT_DIRS=[str(tmp_path)]):
        problems = check_pdf_fonts()
    assert [problem.id for problem in problems] == ["certification.W001"]
    assert isinstance(problems[0], CheckWarning)
    assert "fonts-wqy-zenhei" in problems[0].hint
    assert "ACADEMY_PDF_FONT_DIRS" in problems[0].hint


def test_the_system_check_is_quiet_when_the_cjk_font_is_there():
    needs_cjk_font()
    from certification.checks import check_pdf_fonts

    assert check_pdf_fonts() == []
