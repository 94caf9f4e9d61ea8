"""The certificate as a one-page PDF: holder, program, dates, serial and a QR code of the
public verification address (drawn as vector squares, so it prints sharply at any size).

Text is set in DejaVu Sans, shipped in certification/fonts/ and embedded (subset) in each PDF:
PDF's standard fonts know only Latin-1, and a certificate must spell Łukasz, Ṭhảo or Ødegård
right. Scripts DejaVu Sans lacks (Chinese, Japanese, Korean) need another font there.
"""

import functools
import io
from pathlib import Path

import segno
from django.conf import settings
from django.utils import formats, timezone, translation
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from certification.models import IssuerSettings

INK = colors.HexColor("#16202c")
BRAND = colors.HexColor("#1f5fa8")
MUTED = colors.HexColor("#5b6777")
BAD = colors.HexColor("#a32020")

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD, OBLIQUE = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"

#: The PDF's /Creator: the application that made it (reportlab stays its /Producer).
PRODUCT = "Social Academy"


@functools.cache
def register_fonts():
    """Register the three faces with reportlab, once per process."""
    for name in (REGULAR, BOLD, OBLIQUE):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))


def document_language():
    """The PDF's /Lang (BCP 47), for screen readers and search. Its wording is English (the
    phrases here are not translated), in the site's English when it has one (en-gb → en-GB)."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    if code.split("-")[0].lower() != "en":
        return "en"
    return translation.to_locale(code).replace("_", "-")


def describe(pdf, certificate, issuer):
    """The document's properties: what a viewer shows as its title, and who made it."""
    program, holder = certificate.program, certificate.holder_name
    pdf.setTitle(f"{program.name} certificate — {holder}")
    pdf.setAuthor(issuer.issuer_name)
    pdf.setSubject(
        f"{issuer.issuer_name} certifies {holder} as {program.name}; "
        f"serial {certificate.serial}, verify at {certificate.verification_url()}"
    )
    pdf.setCreator(PRODUCT)


def _date(moment):
    return formats.date_format(timezone.localtime(moment), "j F Y")


def fit_font(text, font, size, width):
    """The largest font size up to `size` at which `text` fits in `width` points."""
    while size > 8 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def draw_qr(pdf, data, x, y, size):
    """Draw a QR code of `data` with its lower-left corner at (x, y), `size` points wide."""
    qr = segno.make(data, error="m", micro=False)
    matrix = list(qr.matrix_iter(border=2))
    module = size / len(matrix)
    pdf.setFillColor(colors.white)
    pdf.rect(x, y, size, size, stroke=0, fill=1)
    pdf.setFillColor(colors.black)
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        for col_index, dark in enumerate(row):
            if dark:
                pdf.rect(x + col_index * module, top, module, module, stroke=0, fill=1)


def render_certificate_pdf(certificate):
    """The PDF bytes of one certificate."""
    issuer = IssuerSettings.load()
    register_fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(
        buffer, pagesize=(width, height), initialFontName=REGULAR, lang=document_language()
    )
    program = certificate.program
    describe(pdf, certificate, issuer)

    pdf.setStrokeColor(BRAND)
    pdf.setLineWidth(3)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    pdf.setLineWidth(0.8)
    pdf.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)

    center = width / 2
    pdf.setFillColor(BRAND)
    pdf.setFont(BOLD, 14)
    pdf.drawCentredString(center, height - 38 * mm, issuer.issuer_name.upper())
    pdf.setFillColor(INK)
    pdf.setFont(REGULAR, 16)
    pdf.drawCentredString(center, height - 55 * mm, "This certifies that")
    room = width - 60 * mm
    name = certificate.holder_name
    pdf.setFont(BOLD, fit_font(name, BOLD, 30, room))
    pdf.drawCentredString(center, height - 72 * mm, name)
    pdf.setFont(REGULAR, 16)
    pdf.drawCentredString(center, height - 87 * mm, "has earned the certification")
    pdf.setFillColor(BRAND)
    pdf.setFont(BOLD, fit_font(program.name, BOLD, 26, room))
    pdf.drawCentredString(center, height - 103 * mm, program.name)
    pdf.setFillColor(MUTED)
    pdf.setFont(OBLIQUE, fit_font(program.allows, OBLIQUE, 12, room))
    pdf.drawCentredString(center, height - 114 * mm, program.allows)

    pdf.setFillColor(INK)
    pdf.setFont(REGULAR, 12)
    left = 30 * mm
    pdf.drawString(left, 58 * mm, f"Issued: {_date(certificate.issued_at)}")
    pdf.drawString(left, 50 * mm, f"Valid until: {_date(certificate.expires_at)}")
    pdf.drawString(left, 42 * mm, f"Serial: {certificate.serial}")
    pdf.setFillColor(MUTED)
    pdf.setFont(REGULAR, 10)
    pdf.drawString(left, 32 * mm, f"Verify at {certificate.verification_url()}")
    if not certificate.is_valid:
        pdf.setFillColor(BAD)
        pdf.setFont(BOLD, 14)
        status = certificate.get_current_status_display()
        pdf.drawString(left, 68 * mm, f"Status: {status.upper()}")

    if issuer.signatory_name:
        line_left, line_right = center - 40 * mm, center + 40 * mm
        pdf.setStrokeColor(MUTED)
        pdf.setLineWidth(0.6)
        pdf.line(line_left, 82 * mm, line_right, 82 * mm)
        pdf.setFillColor(INK)
        pdf.setFont(BOLD, fit_font(issuer.signatory_name, BOLD, 12, line_right - line_left))
        pdf.drawCentredString(center, 76 * mm, issuer.signatory_name)
        if issuer.signatory_title:
            pdf.setFillColor(MUTED)
            pdf.setFont(
                REGULAR, fit_font(issuer.signatory_title, REGULAR, 10, line_right - line_left)
            )
            pdf.drawCentredString(center, 71 * mm, issuer.signatory_title)

    qr_size = 42 * mm
    draw_qr(pdf, certificate.verification_url(), width - 30 * mm - qr_size, 26 * mm, qr_size)
    pdf.setFillColor(MUTED)
    pdf.setFont(REGULAR, 8)
    pdf.drawCentredString(width - 30 * mm - qr_size / 2, 22 * mm, "Scan to verify")

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
