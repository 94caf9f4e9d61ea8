"""The certificate PDF is tagged (PDF 1.7, 14.7 and 14.8; PDF/UA-1): /MarkInfo says so, every
piece of its text and the QR code are marked content tied through the parent tree to an element
of the structure tree, which lists them in reading order under /Document, and the decoration is
marked as /Artifact, outside the tree."""

import io
import shutil
import subprocess

import pytest
from django.utils import formats, timezone
from pypdf import PdfReader
from pypdf.generic import BooleanObject, ContentStream, DictionaryObject, IndirectObject

from certification.services import issue_certificate
from tests.factories import EmployeeFactory, accept_current_policy, record_completions

pytestmark = pytest.mark.django_db

ARABIC = "محمد عبد الله"

TEXT_SHOWING = {b"Tj", b"TJ", b"'", b'"'}
PAINTING = {b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*", b"sh", b"Do"}


def poppler(tool):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (Debian: poppler-utils) is not installed")
    return shutil.which(tool)


def run(tool, content, *args):
    done = subprocess.run(  # noqa: S603 - a fixed command on our own PDF
        [poppler(tool), *args, "-", "-"] if tool == "pdftotext" else [poppler(tool), *args, "-"],
        input=content,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout.decode()


def make_certificate(ladder, name):
    holder = EmployeeFactory(user__first_name=name, user__last_name="").user
    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    return issue_certificate(holder, ladder["enthusiast"])


def holder_pdf(client_for, certificate):
    """The PDF as its holder downloads it."""
    response = client_for(certificate.holder).get(f"/certificates/{certificate.serial}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


@pytest.fixture
def signed(ladder):
    from certification.models import IssuerSettings

    issuer = IssuerSettings.load()
    issuer.organisation_name = "Example Academy"
    issuer.signatory_name = "Dana Signer"
    issuer.signatory_title = "Head of Learning"
    issuer.save()
    return issuer


def resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def kids(element):
    found = resolve(element.get("/K"))
    return list(found) if isinstance(found, list) else [found]


class Page:
    """The marked content of a PDF's one page, read from its content stream: for each
    marked-content id, its tag and the text pypdf extracts from it; the text and painting
    operators outside any marked content; what artifacts hold."""

    def __init__(self, content):
        self.reader = PdfReader(io.BytesIO(content))
        self.page = self.reader.pages[0]
        self.root = self.reader.trailer["/Root"]
        self.tags = {}  # mcid -> tag
        self.unmarked = []  # operators that paint or show text outside marked content
        self.in_artifacts = []  # marked-content ids inside an artifact
        self.actual_text_in = []  # tags of the marked content around each /ActualText span
        stack = []
        operations = ContentStream(self.page.get_contents(), self.reader).operations
        for operands, operator in operations:
            if operator in (b"BDC", b"BMC"):
                tag = str(operands[0])
                properties = resolve(operands[1]) if operator == b"BDC" else {}
                mcid = properties.get("/MCID") if isinstance(properties, DictionaryObject) else None
                if mcid is not None:
                    assert int(mcid) not in self.tags, f"MCID {mcid} used twice"
                    self.tags[int(mcid)] = tag
                    if any(entry[0] == "/Artifact" for entry in stack):
                        self.in_artifacts.append(int(mcid))
                if "/ActualText" in properties:
                    self.actual_text_in.append([entry[0] for entry in stack])
                stack.append((tag, mcid))
            elif operator == b"EMC":
                assert stack, "EMC without BDC"
                stack.pop()
            elif operator in TEXT_SHOWING | PAINTING and not any(
                entry[0] == "/Artifact" or entry[1] is not None for entry in stack
            ):
                self.unmarked.append(operator)
        assert not stack, "marked content left open"
        self.texts = self.mcid_texts()

    def mcid_texts(self):
        """{mcid: text pypdf extracts from it} (the glyphs' own text, not /ActualText)."""
        texts, current = {}, []

        def before(operator, operands, cm, tm):
            if operator == b"BDC" and "/MCID" in resolve(operands[1]):
                current.append(int(resolve(operands[1])["/MCID"]))
            elif operator == b"EMC" and current and current[-1] is not None:
                current.pop()

        def seen(text, *_args):
            if text.strip() and current:
                texts[current[-1]] = texts.get(current[-1], "") + text

        self.page.extract_text(visitor_operand_before=before, visitor_text=seen)
        return {mcid: " ".join(text.split()) for mcid, text in texts.items()}

    @property
    def tree(self):
        return resolve(self.root["/StructTreeRoot"])

    def parent_tree(self):
        """{(struct parents key, mcid): structure element} from the root's number tree."""
        nums = resolve(self.tree["/ParentTree"])["/Nums"]
        entries = {}
        for key, value in zip(nums[::2], nums[1::2], strict=True):
            for mcid, element in enumerate(resolve(value)):
                entries[(int(key), mcid)] = resolve(element)
        return entries


def day(moment):
    return formats.date_format(timezone.localtime(moment), "j F Y")


def reading_order(page):
    """[(type, text)] of the /Document element's children, in order (the text pypdf extracts
    from each child's marked content; a Figure's /Alt instead)."""
    (document,) = kids(page.tree)
    assert document["/Type"] == "/StructElem" and document["/S"] == "/Document"
    order = []
    for child in kids(document):
        child = resolve(child)
        if child["/S"] == "/Figure":
            order.append(("/Figure", str(child["/Alt"])))
        else:
            order.append((str(child["/S"]), page.texts.get(int(child["/K"]), "")))
    return order


def test_the_pdf_says_it_is_tagged_and_shows_its_title(client_for, ladder, signed):
    content = holder_pdf(client_for, make_certificate(ladder, "Łukasz Ødegård"))
    page = Page(content)
    assert page.root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert page.root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert page.root["/Lang"] == "en-GB"
    assert page.tree["/Type"] == "/StructTreeRoot"
    assert page.reader.pdf_header == "%PDF-1.7"
    info = run("pdfinfo", content)
    assert "Tagged:          yes" in info
    assert "Title:           Enthusiast certificate — Łukasz Ødegård" in info


def test_the_structure_tree_reads_the_page_in_order(client_for, ladder, signed):
    certificate = make_certificate(ladder, "Łukasz Ødegård")
    page = Page(holder_pdf(client_for, certificate))
    address = certificate.verification_url()
    assert reading_order(page) == [
        ("/H1", "EXAMPLE ACADEMY"),
        ("/P", "This certifies that"),
        ("/P", "Łukasz Ødegård"),
        ("/P", "has earned the certification"),
        ("/P", "Enthusiast"),
        ("/P", " ".join(ladder["enthusiast"].allows.split())),
        ("/P", f"Issued: {day(certificate.issued_at)}"),
        ("/P", f"Valid until: {day(certificate.expires_at)}"),
        ("/P", f"Serial: {certificate.serial}"),
        ("/P", f"Verify at {address}"),
        ("/P", "Dana Signer"),
        ("/P", "Head of Learning"),
        ("/Figure", f"QR code of the verification address {address}"),
        ("/P", "Scan to verify"),
    ]
    (document,) = kids(page.tree)
    figure = next(resolve(kid) for kid in kids(document) if resolve(kid)["/S"] == "/Figure")
    assert figure["/A"]["/O"] == "/Layout"
    left, bottom, right, top = (float(number) for number in figure["/A"]["/BBox"])
    assert right - left == pytest.approx(top - bottom) and right > left  # the square QR code


def test_every_marked_content_id_maps_to_its_element_through_the_parent_tree(
    client_for, ladder, signed
):
    page = Page(holder_pdf(client_for, make_certificate(ladder, "Łukasz Ødegård")))
    key = int(page.page["/StructParents"])
    parents = page.parent_tree()
    assert int(page.tree["/ParentTreeNextKey"]) > key
    assert set(parents) == {(key, mcid) for mcid in page.tags}
    (document,) = kids(page.tree)
    children = [resolve(kid) for kid in kids(document)]
    page_ref = page.reader.pages[0].indirect_reference
    for mcid, tag in page.tags.items():
        element = parents[(key, mcid)]
        assert element["/S"] == tag
        assert int(element["/K"]) == mcid
        assert element.raw_get("/Pg").idnum == page_ref.idnum
        assert element.raw_get("/P").idnum == page.tree.raw_get("/K").idnum  # the Document
        assert element in children
    assert len(children) == len(page.tags)  # no element without content on the page
    assert sorted(page.tags) == list(range(len(page.tags)))


def test_decoration_is_an_artifact_and_nothing_is_drawn_unmarked(client_for, ladder, signed):
    page = Page(holder_pdf(client_for, make_certificate(ladder, "Łukasz Ødegård")))
    assert page.unmarked == []  # every text and painting operator is content or artifact
    assert page.in_artifacts == []  # no structure element's content inside an artifact
    stream = page.page.get_contents().get_data()
    assert stream.count(b"/Artifact") == 2  # the borders, the signature rule
    assert "/Artifact" not in page.tags.values()


def test_an_arabic_name_keeps_its_actual_text_inside_its_tagged_paragraph(
    client_for, ladder, signed
):
    page_content = holder_pdf(client_for, make_certificate(ladder, ARABIC))
    page = Page(page_content)
    # The shaped run's /ActualText span is nested in the paragraph's marked content.
    assert page.actual_text_in == [["/P"]]
    assert [kind for kind, _text in reading_order(page)][:5] == ["/H1", "/P", "/P", "/P", "/P"]
    text = run("pdftotext", page_content, "-enc", "UTF-8")
    assert ARABIC in "".join(c for c in text if c not in "\u202a\u202b\u202c\u200e\u200f")


def test_pdftotext_reads_the_title_before_the_name_before_the_program(client_for, ladder, signed):
    text = run(
        "pdftotext", holder_pdf(client_for, make_certificate(ladder, "Ana Lima")), "-enc", "UTF-8"
    )
    title, name, program = (
        text.index(words) for words in ("EXAMPLE ACADEMY", "Ana Lima", "Enthusiast")
    )
    assert title < name < program


def test_a_revoked_certificate_says_so_before_its_dates_and_no_signer_means_no_rule(ladder):
    from certification.pdf import render_certificate_pdf
    from certification.services.revocation import revoke_certificate

    certificate = make_certificate(ladder, "Ana Lima")
    revoke_certificate(certificate, reason="Issued by mistake")
    certificate.refresh_from_db()
    page = Page(render_certificate_pdf(certificate))
    order = reading_order(page)
    texts = [text for _kind, text in order]
    status = texts.index("Status: REVOKED")
    assert status < next(i for i, text in enumerate(texts) if text.startswith("Issued:"))
    assert order[status][0] == "/P"
    assert page.unmarked == [] and page.in_artifacts == []
    assert page.page.get_contents().get_data().count(b"/Artifact") == 1  # the borders only
