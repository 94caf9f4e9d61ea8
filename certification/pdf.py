"""The certificate as a one-page PDF: holder, program, dates, serial and a QR code of the
public verification address (drawn as vector squares, so it prints sharply at any size).

Text is set in DejaVu Sans, shipped in certification/fonts/ and embedded (subset) in each PDF:
PDF's standard fonts know only Latin-1, and a certificate must spell Łukasz, Ṭhảo or Ødegård
right. The rest falls back, run by run, on the first font that has the characters: Noto Sans
Arabic, Hebrew and Devanagari (shipped beside DejaVu), then system fonts found under
``ACADEMY_PDF_FONT_DIRS``: for Chinese, Japanese and Korean WenQuanYi Zen Hei (Debian's
fonts-wqy-zenhei) or Droid Sans Fallback (fonts-droid-fallback), and the Noto Sans of
fonts-noto-core for Thai, Bengali, Tamil and other scripts, when installed. Right-to-left and
complex scripts are shaped with HarfBuzz through reportlab (joined Arabic letters, Devanagari
conjuncts) and the runs put in display order by the Unicode bidirectional algorithm
(python-bidi); a shaped run carries its characters as /ActualText, so copying or searching the
PDF finds the name as typed. A character no font has prints as an empty box, and the log names
the package with a font for it (the system check certification.W001 asks for a CJK font).

The PDF is tagged, for screen readers and reflow: its text and QR code are marked content
(``/Tag <</MCID n>> BDC … EMC``, a shaped run's /ActualText span nested inside) tied to the
elements of a structure tree read in order (the heading H1, paragraphs P, the QR code as a Figure
with its /Alt text), and the borders and signature rule are marked as /Artifact.
"""

import functools
import io
import logging
import os
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import segno
from bidi import algorithm as bidi
from django.conf import settings
from django.utils import formats, timezone, translation
from reportlab.lib import colors
from reportlab.lib.abag import ABag
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfbase.ttfonts import TTFont, shapeFragWord
from reportlab.pdfgen import canvas

from certification.models import IssuerSettings
from lms.conf import academy_settings

logger = logging.getLogger(__name__)

INK = colors.HexColor("#16202c")
BRAND = colors.HexColor("#1f5fa8")
MUTED = colors.HexColor("#5b6777")
BAD = colors.HexColor("#a32020")

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD, OBLIQUE = "regular", "bold", "oblique"

#: The PDF's /Creator: the application that made it (reportlab stays its /Producer).
PRODUCT = "Social Academy"

ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
HEBREW = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))
DEVANAGARI = ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF))
CJK = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x9FFF),  # radicals, CJK punctuation, kana, Hangul compatibility, unified ideographs
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),  # Hangul syllables
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),  # full- and half-width forms
    (0x20000, 0x3FFFF),
)


@dataclass(frozen=True)
class Face:
    """A font of the fallback chain: its files by style (a missing style falls back on regular),
    the characters it is preferred for, and the Debian package that installs it."""

    family: str
    files: dict = field(hash=False)
    ranges: tuple = ()
    package: str = ""
    bundled: bool = False
    subfont: int = 0

    def prefers(self, code):
        return any(low <= code <= high for low, high in self.ranges)


def _noto(script, ranges, bundled=False):
    """Noto Sans for `script`: bundled, or from Debian's fonts-noto-core."""
    files = {REGULAR: f"NotoSans{script}-Regular.ttf", BOLD: f"NotoSans{script}-Bold.ttf"}
    return Face(f"NotoSans{script}", files, ranges, "fonts-noto-core", bundled)


#: The fallback chain, in order: a character is set in the first face preferred for it that has
#: it, else in the first face that has it. Bundled faces ship in certification/fonts/; the others
#: are looked for under ACADEMY_PDF_FONT_DIRS.
FACES = (
    Face(
        "DejaVuSans",
        {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", OBLIQUE: "DejaVuSans-Oblique.ttf"},
        bundled=True,
    ),
    _noto("Arabic", ARABIC, bundled=True),
    _noto("Hebrew", HEBREW, bundled=True),
    _noto("Devanagari", DEVANAGARI, bundled=True),
    # Chinese, Japanese and Korean: TrueType outlines only (reportlab reads no CFF, so not
    # Noto Sans CJK).
    Face("WenQuanYiZenHei", {REGULAR: "wqy-zenhei.ttc"}, CJK, "fonts-wqy-zenhei"),
    Face("DroidSansFallback", {REGULAR: "DroidSansFallbackFull.ttf"}, CJK, "fonts-droid-fallback"),
    Face("WenQuanYiMicroHei", {REGULAR: "wqy-microhei.ttc"}, CJK, "fonts-wqy-microhei"),
    _noto("Thai", ((0x0E00, 0x0E7F),)),
    _noto("Bengali", ((0x0980, 0x09FF),)),
    _noto("Gurmukhi", ((0x0A00, 0x0A7F),)),
    _noto("Gujarati", ((0x0A80, 0x0AFF),)),
    _noto("Oriya", ((0x0B00, 0x0B7F),)),
    _noto("Tamil", ((0x0B80, 0x0BFF),)),
    _noto("Telugu", ((0x0C00, 0x0C7F),)),
    _noto("Kannada", ((0x0C80, 0x0CFF),)),
    _noto("Malayalam", ((0x0D00, 0x0D7F),)),
    _noto("Sinhala", ((0x0D80, 0x0DFF),)),
    _noto("Lao", ((0x0E80, 0x0EFF),)),
    _noto("Myanmar", ((0x1000, 0x109F),)),
    _noto("Georgian", ((0x10A0, 0x10FF), (0x2D00, 0x2D2F))),
    _noto("Ethiopic", ((0x1200, 0x139F), (0x2D80, 0x2DDF))),
    _noto("Khmer", ((0x1780, 0x17FF),)),
    _noto("Armenian", ((0x0530, 0x058F),)),
    _noto("Syriac", ((0x0700, 0x074F),)),
    _noto("Thaana", ((0x0780, 0x07BF),)),
)

#: Characters that stay in the run before them whatever font has them: marks, joiners, variation
#: selectors (shaping needs them beside their base letter).
_STICKY_CATEGORIES = {"Mn", "Mc", "Me", "Cf"}


def font_dirs():
    """The folders searched for system fonts (ACADEMY_PDF_FONT_DIRS), as a tuple."""
    dirs = academy_settings.PDF_FONT_DIRS or ()
    return (dirs,) if isinstance(dirs, str | os.PathLike) else tuple(dirs)


@functools.cache
def find_font_files(dirs):
    """{file name: path} of the chain's system font files found under `dirs` (a tuple)."""
    wanted = {name for face in FACES if not face.bundled for name in face.files.values()}
    found = {}
    for folder in dirs:
        for root, _dirs, files in os.walk(folder):
            for name in sorted(wanted.intersection(files) - found.keys()):
                found[name] = Path(root) / name
    return found


#: The code points each registered font has, by its reportlab name.
_COVERAGE = {}


class FontChain:
    """The faces found for one setting of ACADEMY_PDF_FONT_DIRS, registered with reportlab when
    first needed (the CJK fonts take a moment to read: a Latin name never loads them)."""

    def __init__(self, dirs):
        self.files = find_font_files(dirs)
        self._fonts = {}  # (family, style) -> (reportlab name, the characters it has) or None

    def path(self, face, style):
        """(path, style) of the file of `face` in `style`, or in its regular style if the face
        has no such file here; (None, None) if the face is not found."""
        for used in (style, REGULAR):
            name = face.files.get(used)
            if name and face.bundled:
                return FONT_DIR / name, used
            if name and name in self.files:
                return self.files[name], used
        return None, None

    def available(self, face):
        return self.path(face, REGULAR)[0] is not None

    def font(self, face, style):
        """(reportlab font name, frozenset of code points) of `face` in `style`, or None."""
        key = (face.family, style)
        if key not in self._fonts:
            self._fonts[key] = self._load(face, style)
        return self._fonts[key]

    def _load(self, face, style):
        path, used = self.path(face, style)
        if path is None:
            return None
        name = face.family + {REGULAR: "", BOLD: "-Bold", OBLIQUE: "-Oblique"}[used]
        if name not in _COVERAGE:
            try:
                font = TTFont(name, str(path), subfontIndex=face.subfont)
            except Exception:  # a damaged or CFF-only file: skip the face, say why
                logger.warning("Certificate PDF: cannot use the font %s", path, exc_info=True)
                return None
            pdfmetrics.registerFont(font)
            # Shaping adds private-use code points to the font's map: keep the font's own.
            _COVERAGE[name] = frozenset(font.face.charToGlyph)
        return name, _COVERAGE[name]

    def font_for(self, char, style):
        """The reportlab name of the first font for `char` in `style`, or None if none has it."""
        code = ord(char)
        for preferred in (True, False):
            for face in FACES:
                if preferred and not face.prefers(code):
                    continue
                loaded = self.font(face, style)
                if loaded and code in loaded[1]:
                    return loaded[0]
        return None

    def covers(self, font_name, char):
        return any(v and v[0] == font_name and ord(char) in v[1] for v in self._fonts.values())

    def primary(self, style):
        return self.font(FACES[0], style)[0]


@functools.cache
def _chain(dirs):
    return FontChain(dirs)


def font_chain():
    return _chain(font_dirs())


def register_fonts():
    """Register the primary face's three styles with reportlab (the others load on demand)."""
    chain = font_chain()
    return {style: chain.primary(style) for style in (REGULAR, BOLD, OBLIQUE)}


def missing_font_hint(char):
    """The Debian package that has a font for `char`, if the chain knows one."""
    code = ord(char)
    for face in FACES:
        if face.prefers(code) and face.package:
            return face.package
    return ""


def bidi_levels(text):
    """The embedding level of each character of `text` (even: left to right, odd: right to
    left), by python-bidi's implementation of the Unicode bidirectional algorithm."""
    storage = bidi.get_empty_storage()
    storage["base_level"] = bidi.get_base_level(text)
    storage["base_dir"] = ("L", "R")[storage["base_level"]]
    bidi.get_embedding_levels(text, storage)
    bidi.explicit_embed_and_overrides(storage)
    bidi.resolve_weak_types(storage)
    bidi.resolve_neutral_types(storage, False)
    bidi.resolve_implicit_levels(storage, False)
    return [char["level"] for char in storage["chars"]]


@dataclass
class Run:
    """Characters of one font and one direction. `glyphs` is what is drawn (shaped, in display
    order), `visual` the characters in display order, `width` its advance at 1 point."""

    font: str
    level: int
    text: str
    glyphs: str = ""
    visual: str = ""
    width: float = 0.0
    missing: bool = False

    @property
    def plain(self):
        """True when the drawn characters are the text itself, so the PDF's character map gives
        it back without help."""
        return str(self.glyphs) == self.visual and not self.missing


@dataclass
class Line:
    text: str
    runs: list
    missing: str = ""

    @property
    def width(self):
        return sum(run.width for run in self.runs)

    @property
    def plain(self):
        return all(run.plain for run in self.runs)


#: The OpenType features asked of HarfBuzz beside those a script needs: kerning and standard
#: ligatures, not reportlab's default discretionary ones (Noto Sans Arabic would add vowel marks).
FEATURES = {"kern": True, "liga": True, "dlig": False}


#: Scripts whose letters change shape or order in context (besides the right-to-left ones):
#: Indic, Southeast Asian, Tibetan, Mongolian, conjoining Hangul jamo.
COMPLEX = ((0x0900, 0x0DFF), (0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1100, 0x11FF), (0x1780, 0x18AF))


def _strongly_rtl(text):
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _needs_shaping(text):
    """Right-to-left letters, marks, joiners or a complex script: Latin, Greek, Cyrillic and CJK
    are drawn as they are (no "fi" ligature standing for two letters in the text)."""
    return _strongly_rtl(text) or any(
        unicodedata.category(char) in _STICKY_CATEGORIES
        or any(low <= ord(char) <= high for low, high in COMPLEX)
        for char in text
    )


def _shape(run):
    text = run.visual = run.text
    if run.level % 2:
        run.visual = text[::-1]
        if not _strongly_rtl(text):
            # Only neutrals in a right-to-left stretch: HarfBuzz would set them left to right.
            text = run.visual = "".join(bidi.MIRRORED.get(char, char) for char in run.visual)
    glyphs = text
    if _needs_shaping(text):
        size = 1000  # shaped advances are per 1000 units of the size, whatever the size
        word = [
            pdfmetrics.stringWidth(text, run.font, size),
            (ABag(fontName=run.font, fontSize=size), text),
        ]
        glyphs = shapeFragWord(word, features=FEATURES)[1][1]
    shape_data = getattr(glyphs, "__shapeData__", None)
    if shape_data is not None:
        run.width = sum(item.x_advance for item in shape_data) / 1000
    else:
        run.width = pdfmetrics.stringWidth(glyphs, run.font, 1)
    run.glyphs = glyphs


def _display_order(runs):
    """Rule L2 of the bidirectional algorithm over whole runs (each already in display order
    inside): from the highest level down to the lowest odd one, reverse every stretch of runs
    at that level or above."""
    if not runs:
        return runs
    levels = [run.level for run in runs]
    odd = [level for level in levels if level % 2]
    if not odd:
        return runs
    runs = list(runs)
    for level in range(max(levels), min(odd) - 1, -1):
        index = 0
        while index < len(runs):
            if runs[index].level < level:
                index += 1
                continue
            end = index
            while end < len(runs) and runs[end].level >= level:
                end += 1
            runs[index:end] = runs[index:end][::-1]
            index = end
    return runs


def lay_out(text, style=REGULAR):
    """`text` as a Line: runs of one font and direction, shaped, in display order."""
    text = unicodedata.normalize("NFC", text or "")
    chain = font_chain()
    runs, missing = [], []
    for char, level in zip(text, bidi_levels(text), strict=True):
        font = None
        if runs:
            current = runs[-1].font
            category = unicodedata.category(char)
            if category in _STICKY_CATEGORIES or (
                category[0] not in "LN" and chain.covers(current, char)
            ):
                font = current
        if font is None:
            font = chain.font_for(char, style)
        lacking = font is None
        if lacking:
            missing.append(char)
            font = chain.primary(style)
        if runs and runs[-1].font == font and runs[-1].level == level:
            runs[-1].text += char
            runs[-1].missing |= lacking
        else:
            runs.append(Run(font, level, char, missing=lacking))
    for run in runs:
        _shape(run)
    return Line(text, _display_order(runs), "".join(dict.fromkeys(missing)))


def _actual_text(text):
    """A PDF text string (UTF-16BE with its byte order mark, in hex) of `text`."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def draw_line(pdf, x, y, text, style, size, *, color=INK, room=None, centred=True, minimum=8):
    """Draw `text` in `color` from (x, y), or centred on x; if `room` is given, at the largest
    size up to `size` (in whole points, not below `minimum`) at which it fits in `room` points."""
    line = lay_out(text, style)
    if line.missing:
        codes = ", ".join(f"U+{ord(char):04X}" for char in line.missing)
        packages = sorted({missing_font_hint(char) for char in line.missing} - {""})
        logger.warning(
            "Certificate PDF: no font has %s; install a font for it%s, in a folder of "
            "ACADEMY_PDF_FONT_DIRS",
            codes,
            f" (Debian: {', '.join(packages)})" if packages else "",
        )
    if room is not None and line.width:
        size = max(minimum, min(size, int(room / line.width)))
    left = x - line.width * size / 2 if centred else x
    pdf.setFillColor(color)
    for run in line.runs:
        # A font with no bold (the CJK ones) is emboldened by stroking its outlines too.
        embolden = style == BOLD and not run.font.endswith("-Bold")
        # A shaped run draws glyphs that stand for no character (joined Arabic forms, Devanagari
        # conjuncts): its /ActualText gives the characters, in display order like the glyphs
        # (extraction reads a right-to-left run backwards, as it reads plain glyphs).
        if not run.plain:
            pdf.addLiteral(f"/Span <</ActualText {_actual_text(run.visual)}>> BDC")
        if embolden:
            pdf.saveState()
            pdf.setStrokeColor(color)
            pdf.setLineWidth(size / 30)
        text_object = pdf.beginText(left, y)
        text_object.setFont(run.font, size)
        if embolden:
            text_object.setTextRenderMode(2)  # fill, then stroke
        text_object.textOut(run.glyphs)
        pdf.drawText(text_object)
        if embolden:
            pdf.restoreState()
        if not run.plain:
            pdf.addLiteral("EMC")
        left += run.width * size
    return size


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


class Structure:
    """The logical structure of a one-page tagged PDF (PDF 1.7, 14.7 and 14.8): each element
    drawn in `tag` gets the next marked-content id on the page and becomes, in that order, a child
    of the /Document element; `finish`, after the page is shown, writes the structure tree, its
    parent tree (marked-content id -> element), /StructParents on the page and /MarkInfo."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.doc = pdf._doc  # reportlab has no tagging API: its document objects do it
        self.page = self.doc.thisPageRef()  # the page being drawn
        self.elements = []  # the structure element of each marked-content id

    @contextmanager
    def tag(self, kind, **entries):
        """Mark what is drawn inside as the content of a new /`kind` element with `entries`."""
        mcid = len(self.elements)
        self.elements.append(
            PDFDictionary(
                {
                    "Type": PDFName("StructElem"),
                    "S": PDFName(kind),
                    "Pg": self.page,
                    "K": mcid,
                    **entries,
                }
            )
        )
        self.pdf.addLiteral(f"/{kind} <</MCID {mcid}>> BDC")
        yield
        self.pdf.addLiteral("EMC")

    @contextmanager
    def artifact(self):
        """Mark what is drawn inside as decoration, which assistive technology skips."""
        self.pdf.addLiteral("/Artifact <</Type /Layout>> BDC")
        yield
        self.pdf.addLiteral("EMC")

    def finish(self):
        doc = self.doc
        root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        document = PDFDictionary(
            {"Type": PDFName("StructElem"), "S": PDFName("Document"), "P": doc.Reference(root)}
        )
        for element in self.elements:
            element["P"] = doc.Reference(document)
        children = PDFArray([doc.Reference(element) for element in self.elements])
        document["K"] = children
        root["K"] = doc.Reference(document)
        # The page's /StructParents 0 is key 0: its array, indexed by marked-content id.
        root["ParentTree"] = PDFDictionary({"Nums": PDFArray([0, children])})
        root["ParentTreeNextKey"] = 1
        page = doc.Pages.pages[-1]
        page.StructParents = 0
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents"]
        self.pdf.setCatalogEntry("StructTreeRoot", root)
        self.pdf.setCatalogEntry("MarkInfo", PDFDictionary({"Marked": "true"}))
        self.pdf.setViewerPreference("DisplayDocTitle", "true")  # the title, not the file name


def _date(moment):
    return formats.date_format(timezone.localtime(moment), "j F Y")


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


def render_certificate_pdf(certificate, issuer=None):
    """The PDF bytes of one certificate. `issuer`: the IssuerSettings, read once by a caller that
    renders many (an audit pack); read here otherwise."""
    issuer = issuer or IssuerSettings.load()
    fonts = register_fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(
        buffer,
        pagesize=(width, height),
        initialFontName=fonts[REGULAR],
        lang=document_language(),
        pdfVersion=(1, 7),  # /ActualText is PDF 1.5, tagged PDF for PDF/UA-1 is based on 1.7
    )
    program = certificate.program
    describe(pdf, certificate, issuer)
    structure = Structure(pdf)

    def text(kind, x, y, words, style, size, **options):
        if words and words.strip():
            with structure.tag(kind):
                draw_line(pdf, x, y, words, style, size, **options)

    with structure.artifact():
        pdf.setStrokeColor(BRAND)
        pdf.setLineWidth(3)
        pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
        pdf.setLineWidth(0.8)
        pdf.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)

    # Drawn in reading order: the heading, the statement, the details, the signer, the QR code.
    center = width / 2
    room = width - 60 * mm
    issuer_name = issuer.issuer_name.upper()
    text("H1", center, height - 38 * mm, issuer_name, BOLD, 14, color=BRAND, room=room)
    text("P", center, height - 55 * mm, "This certifies that", REGULAR, 16)
    text("P", center, height - 72 * mm, certificate.holder_name, BOLD, 30, room=room)
    text("P", center, height - 87 * mm, "has earned the certification", REGULAR, 16)
    text("P", center, height - 103 * mm, program.name, BOLD, 26, color=BRAND, room=room)
    text("P", center, height - 114 * mm, program.allows, OBLIQUE, 12, color=MUTED, room=room)

    left = 30 * mm
    if not certificate.is_valid:
        status = certificate.get_current_status_display().upper()
        text("P", left, 68 * mm, f"Status: {status}", BOLD, 14, color=BAD, centred=False)
    for y, words in (
        (58 * mm, f"Issued: {_date(certificate.issued_at)}"),
        (50 * mm, f"Valid until: {_date(certificate.expires_at)}"),
        (42 * mm, f"Serial: {certificate.serial}"),
    ):
        text("P", left, y, words, REGULAR, 12, centred=False)
    verify = f"Verify at {certificate.verification_url()}"
    text("P", left, 32 * mm, verify, REGULAR, 10, color=MUTED, centred=False)

    if issuer.signatory_name:
        line_left, line_right = center - 40 * mm, center + 40 * mm
        with structure.artifact():
            pdf.setStrokeColor(MUTED)
            pdf.setLineWidth(0.6)
            pdf.line(line_left, 82 * mm, line_right, 82 * mm)
        signer_room = line_right - line_left
        text("P", center, 76 * mm, issuer.signatory_name, BOLD, 12, room=signer_room)
        title = issuer.signatory_title
        text("P", center, 71 * mm, title, REGULAR, 10, color=MUTED, room=signer_room)

    qr_size = 42 * mm
    qr_x, qr_y = width - 30 * mm - qr_size, 26 * mm
    alt = f"QR code of the verification address {certificate.verification_url()}"
    bbox = PDFArray([qr_x, qr_y, qr_x + qr_size, qr_y + qr_size])
    layout = PDFDictionary({"O": PDFName("Layout"), "BBox": bbox})
    with structure.tag("Figure", Alt=PDFString(alt), A=layout):
        draw_qr(pdf, certificate.verification_url(), qr_x, qr_y, qr_size)
    text("P", qr_x + qr_size / 2, 22 * mm, "Scan to verify", REGULAR, 8, color=MUTED)

    pdf.showPage()
    structure.finish()
    pdf.save()
    return buffer.getvalue()
