"""The department completion report: figures rolled up through the tree, filters, drill-down,
exports, charts, a fixed number of queries, and the monthly summary."""

import csv
import datetime
import html
import io
import re

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms.scope import Scope
from reporting.completion import (
    CERTIFIED_VS_COMPLETED,
    FIGURE_HELP,
    ReportFilters,
    completion_trend,
    department_completion,
    people_listing,
    totals,
)
from reporting.models import Assignment, ReportSnapshot
from reporting.summary import send_monthly_summaries
from tests.factories import (
    AssignmentFactory,
    CertificateFactory,
    EmployeeFactory,
    UserFactory,
    api_token,
    enrol,
    make_department,
    make_hr_user,
    make_program,
    quick_course,
    record_completions,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FIGURES = (
    "headcount",
    "assigned",
    "not_started",
    "in_progress",
    "completed",
    "certified",
    "overdue",
)


def figures(row):
    return tuple(getattr(row, name) for name in FIGURES)


def person(department, first, last, **fields):
    user = UserFactory(username=f"{first}.{last}".lower(), first_name=first, last_name=last)
    return EmployeeFactory(user=user, department=department, **fields)


@pytest.fixture
def org():
    """Company > Sales > EMEA, Company > Support; Basics is overdue for Sales, Policy is
    assigned to one person in Support."""
    company = make_department("Company")
    sales = make_department("Sales", company)
    emea = make_department("EMEA", sales)
    support = make_department("Support", company)
    people = {
        "s1": person(sales, "Sam", "Berg"),
        "s2": person(sales, "Sue", "Chan"),
        "e1": person(emea, "Eve", "Diaz"),
        "e2": person(emea, "Eli", "Ford"),
        "e3": person(emea, "Ezra", "Gray"),
        "p1": person(support, "Pia", "Hale"),
    }
    person(emea, "Gone", "Away", active=False)
    people["e1"].manager = people["s1"]
    people["e1"].save()
    basics, policy = quick_course("Basics"), quick_course("Policy")
    AssignmentFactory(course=basics, department=sales, due_date=TODAY - datetime.timedelta(days=3))
    AssignmentFactory(
        course=policy,
        target="person",
        department=None,
        employee=people["p1"],
        due_date=TODAY + datetime.timedelta(days=10),
    )
    record_completions(people["e1"].user, basics)
    enrol(people["e2"].user, basics)
    return {
        "company": company,
        "sales": sales,
        "emea": emea,
        "support": support,
        "basics": basics,
        "policy": policy,
        **people,
    }


def rows_by_name(rows):
    return {row.name: row for row in rows}


def test_figures_roll_up_through_the_tree(org):
    rows = rows_by_name(department_completion(ReportFilters(), Scope()))

    assert figures(rows["Company"]) == (6, 6, 4, 1, 1, 0, 4)
    assert figures(rows["Sales"]) == (5, 5, 3, 1, 1, 0, 4)
    assert figures(rows["EMEA"]) == (3, 3, 1, 1, 1, 0, 2)
    assert figures(rows["Support"]) == (1, 1, 1, 0, 0, 0, 0)
    assert rows["Sales"].completed_pct == 20.0
    assert rows["Sales"].overdue_pct == 80.0
    assert rows["EMEA"].label == "Company / Sales / EMEA"
    assert rows["EMEA"].parent_id == org["sales"].pk


def test_a_new_joiner_in_an_assigned_department_is_assigned_at_once(org):
    newcomer = person(org["emea"], "New", "Joiner")
    assert not Assignment.objects.filter(members=newcomer).exists()

    listing = people_listing(ReportFilters(), Scope(), org["emea"], "assigned")

    assert "New Joiner" in [p.name for p in listing]
    emea = rows_by_name(department_completion(ReportFilters(), Scope()))["EMEA"]
    assert (emea.headcount, emea.assigned) == (4, 4)


def test_a_relative_due_date_counts_from_the_later_of_start_and_assignment(org):
    onboarding = quick_course("Onboarding")
    AssignmentFactory(
        course=onboarding,
        department=org["support"],
        due_date=None,
        due_days_after_start=30,
        assigned_on=TODAY - datetime.timedelta(days=100),
    )
    old_timer = org["p1"]
    old_timer.start_date = TODAY - datetime.timedelta(days=2000)
    old_timer.save()
    joiner = person(org["support"], "Jo", "Newman", start_date=TODAY - datetime.timedelta(days=5))
    filters = ReportFilters(course=onboarding)

    by_name = {p.name: p for p in people_listing(filters, Scope(), org["support"], "assigned")}

    assert by_name["Pia Hale"].due_date == TODAY - datetime.timedelta(days=70)
    assert by_name["Pia Hale"].overdue is True
    assert by_name["Jo Newman"].due_date == joiner.start_date + datetime.timedelta(days=30)
    assert by_name["Jo Newman"].overdue is False


def test_an_item_assigned_twice_counts_once_with_the_earliest_due_date(org):
    AssignmentFactory(
        course=org["basics"],
        target="group",
        department=None,
        due_date=TODAY - datetime.timedelta(days=30),
    ).members.set([org["e3"], org["p1"]])

    filters = ReportFilters(course=org["basics"])
    rows = rows_by_name(department_completion(filters, Scope()))
    e3 = next(
        p
        for p in people_listing(filters, Scope(), org["emea"], "assigned")
        if p.name == "Ezra Gray"
    )

    assert rows["Company"].assigned == 6
    assert rows["Support"].assigned == 1
    assert e3.items == 1
    assert e3.due_date == TODAY - datetime.timedelta(days=30)


def test_programs_count_as_done_with_a_current_certificate_only(org):
    program = make_program("enthusiast", courses=[org["basics"]])
    AssignmentFactory(program=program, department=org["emea"], due_date=TODAY)
    CertificateFactory(holder=org["e1"].user, program=program)
    CertificateFactory(
        holder=org["e3"].user, program=program, status="revoked", revoked_at=timezone.now()
    )
    filters = ReportFilters(program=program)

    emea = rows_by_name(department_completion(filters, Scope()))["EMEA"]

    # e1 holds it; e2 is enrolled in its course (in progress); e3's was revoked.
    assert figures(emea) == (3, 3, 1, 1, 1, 1, 0)


def test_filters_by_course_department_and_due_date(org):
    by_course = rows_by_name(department_completion(ReportFilters(course=org["policy"]), Scope()))
    assert (by_course["Company"].assigned, by_course["Sales"].assigned) == (1, 0)

    rows = department_completion(ReportFilters(department=org["sales"]), Scope())
    assert [row.name for row in rows] == ["Sales", "EMEA"]

    late = ReportFilters(due_to=TODAY)
    assert rows_by_name(department_completion(late, Scope()))["Company"].assigned == 5
    future = ReportFilters(due_from=TODAY + datetime.timedelta(days=1))
    assert rows_by_name(department_completion(future, Scope()))["Company"].assigned == 1


def test_the_people_behind_each_figure(org):
    overdue = list(people_listing(ReportFilters(), Scope(), org["company"], "overdue"))
    assert [p.name for p in overdue] == ["Sam Berg", "Sue Chan", "Eli Ford", "Ezra Gray"]

    completed = people_listing(ReportFilters(), Scope(), org["emea"], "completed")[0]
    assert completed.name == "Eve Diaz"
    assert completed.manager == "Sam Berg"
    assert completed.status == "completed"
    assert completed.completed_at is not None
    assert completed.department == "EMEA"


def grow(org, departments, people_each):
    """More departments and people, with learning records, under Sales."""
    for number in range(departments):
        department = make_department(f"Team {number}", org["sales"])
        for index in range(people_each):
            employee = person(department, f"P{number}x{index}", "Extra")
            if index % 2:
                record_completions(employee.user, org["basics"])
            elif index % 3:
                enrol(employee.user, org["basics"])


def test_the_report_uses_the_same_queries_at_any_size(org, django_assert_max_num_queries):
    with django_assert_max_num_queries(4) as small:
        department_completion(ReportFilters(), Scope())
    grow(org, departments=12, people_each=6)
    with django_assert_max_num_queries(4) as large:
        rows = department_completion(ReportFilters(), Scope())
    assert len(small.captured_queries) == len(large.captured_queries)
    assert rows_by_name(rows)["Company"].headcount == 6 + 12 * 6


def test_the_admin_report_and_api_queries_do_not_grow(
    org, client_for, django_assert_max_num_queries
):
    client = client_for(make_hr_user())
    url = reverse("lms_reports:department_completion") + "?open=all"
    api = "/api/v1/reports/department-completion"
    people = reverse("lms_reports:completion_people") + "?metric=assigned"
    counts = []
    for departments in (0, 15):
        grow(org, departments=departments, people_each=4)
        for address in (url, api, people):
            with django_assert_max_num_queries(40) as captured:
                assert client.get(address).status_code == 200
            counts.append(len(captured.captured_queries))
    assert counts[:3] == counts[3:]


def test_the_admin_report_shows_the_tree_and_links_every_number(org, client_for):
    client = client_for(make_hr_user())
    url = reverse("lms_reports:department_completion")

    page = client.get(url).content.decode()
    assert "Company" in page and "Sales" in page and "Support" in page
    assert ">EMEA<" not in page.replace("\n", "").replace(" ", "")  # Sales is closed
    assert f"open={org['company'].pk}%2C{org['sales'].pk}" in page  # the link that opens it
    assert f"department={org['sales'].pk}&amp;metric=overdue" in page

    opened = client.get(url, {"open": f"{org['company'].pk},{org['sales'].pk}"}).content.decode()
    assert "EMEA" in opened
    closed = client.get(url, {"open": ""}).content.decode()
    assert "Sales" not in closed.split("sa-tree")[-1]
    assert 'role="img"' in page and "<desc" in page and "Show the numbers as a table" in page


def test_the_drill_down_is_paginated(org, client_for):
    for number in range(55):
        person(org["support"], f"Extra{number:02d}", "Person")
    client = client_for(make_hr_user())
    url = reverse("lms_reports:completion_people")

    first = client.get(url, {"department": org["support"].pk, "metric": "headcount"})
    second = client.get(url, {"department": org["support"].pk, "metric": "headcount", "p": 2})

    assert first.status_code == second.status_code == 200
    assert first.content.count(b'class="sa-person"') == 50
    assert second.content.count(b'class="sa-person"') == 6
    assert b"Page 2 of 2" in second.content


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_csv_and_xlsx_exports_match_the_report(org, client_for):
    client = client_for(make_hr_user())
    url = reverse("lms_reports:department_completion")
    rows = rows_by_name(department_completion(ReportFilters(), Scope()))

    exported = read_csv(client.get(url, {"export": "csv"}))
    header, lines = exported[0], {line[0]: line for line in exported[1:]}
    assert header[:4] == ["Department", "Level", "Headcount", "Assigned"]
    assert lines["Company / Sales / EMEA"][2:4] == ["3", "3"]
    assert lines["Company / Sales"][header.index("Overdue")] == str(rows["Sales"].overdue)

    response = client.get(url, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][:2] == ("Department", "Level")
    assert len(values) == 1 + 4
    by_label = {line[0]: line for line in values[1:]}
    assert by_label["Company"][2:4] == (6, 6)


def test_the_people_export_streams(org, client_for):
    client = client_for(make_hr_user())
    response = client.get(
        reverse("lms_reports:completion_people"),
        {"department": org["company"].pk, "metric": "overdue", "export": "csv"},
    )
    assert response.streaming
    lines = read_csv(response)
    assert lines[0][:3] == ["Employee id", "Name", "Email"]
    assert [line[1] for line in lines[1:]] == ["Sam Berg", "Sue Chan", "Eli Ford", "Ezra Gray"]


def test_the_api_answers_in_json_and_streams_csv(org, client_for):
    client = client_for(make_hr_user())
    api = "/api/v1/reports/department-completion"

    data = client.get(api, {"department": org["sales"].pk}).json()
    assert [row["name"] for row in data["departments"]] == ["Sales", "EMEA"]
    assert data["totals"]["overdue"] == 4
    assert data["departments"][1]["parent_id"] == org["sales"].pk

    response = client.get(api, {"format": "csv"})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    lines = read_csv(response)
    assert lines[1][:4] == ["Company", "1", "6", "6"]

    people = client.get(api + "/people", {"metric": "completed", "page_size": 1}).json()
    assert (people["count"], people["results"][0]["name"]) == (1, "Eve Diaz")
    assert client.get(api + "/people", {"metric": "late"}).status_code == 400


def test_a_token_with_reports_read_sees_the_whole_organisation(org, client):
    _token, raw = api_token("reports:read")
    response = client.get(
        "/api/v1/reports/department-completion", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200
    assert response.json()["totals"]["headcount"] == 6


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"course": "999999"}, "no course with id 999999"),
        ({"program": "999999"}, "no program with id 999999"),
        ({"department": "999999"}, "no department with id 999999"),
        ({"due_from": "2026-05-01", "due_to": "2026-04-01"}, "inverted"),
        ({"due_from": "01/05/2026"}, "is not a date"),
        ({"course": "abc"}, "not a valid course id"),
    ],
)
def test_bad_filters_are_a_400_in_the_admin(org, client_for, params, fragment):
    client = client_for(make_hr_user())
    for name in ("lms_reports:department_completion", "lms_reports:completion_people"):
        response = client.get(reverse(name), params)
        assert response.status_code == 400
        assert fragment in response.content.decode()
    exported = client.get(reverse("lms_reports:department_completion"), {**params, "export": "csv"})
    assert exported.status_code == 400


def test_bad_filters_are_refused_by_the_api(org, client_for):
    client = client_for(make_hr_user())
    api = "/api/v1/reports/department-completion"
    unknown = client.get(api, {"course": 999999})
    assert unknown.status_code == 400
    assert unknown.json()["message"] == "There is no course with id 999999."
    inverted = client.get(api, {"due_from": "2026-05-01", "due_to": "2026-04-01"})
    assert inverted.status_code == 400
    both = client.get(api, {"course": org["basics"].pk, "program": 1})
    assert both.status_code == 400
    assert client.get(api, {"due_from": "May"}).status_code == 422
    assert client.get(api, {"course": "x"}).status_code == 422


def test_the_trend_counts_finishers_month_by_month(org):
    from courses.models import CourseCompletion

    CourseCompletion.objects.filter(user=org["e1"].user).update(
        completed_at=timezone.now() - datetime.timedelta(days=70)
    )
    record_completions(org["s1"].user, org["basics"])

    points = completion_trend(ReportFilters(course=org["basics"]), Scope(), months=6)

    assert len(points) == 6
    assert points[-1].completed == 2 and points[-1].assigned == 5
    assert points[-1].pct == 40.0
    assert points[0].completed == 0
    assert [p.completed for p in points] == sorted(p.completed for p in points)


def test_the_hr_dashboard_panel_shows_the_charts(org, client_for):
    page = client_for(make_hr_user()).get(reverse("wagtailadmin_home")).content.decode()
    assert "Training completion" in page
    assert "Completion by department" in page and "Completion month by month" in page


def test_the_monthly_summary_snapshots_each_scope_and_emails_each_hr_user_once(org, client_for):
    whole = make_hr_user("hr-all", email="all@example.com")
    make_hr_user("hr-sales", scope=[org["sales"]], email="sales@example.com")
    make_hr_user("hr-sales-2", scope=[org["sales"]], email="sales2@example.com")
    first_of_month = TODAY.replace(day=1)

    assert send_monthly_summaries(today=first_of_month) == 3
    assert send_monthly_summaries(today=first_of_month) == 0

    snapshots = ReportSnapshot.objects.order_by("scope_label")
    assert [s.scope_label for s in snapshots] == ["Sales", "Whole organisation"]
    sales = snapshots[0]
    assert sales.month == (first_of_month - datetime.timedelta(days=1)).replace(day=1)
    assert sales.totals["headcount"] == 5
    assert [row["name"] for row in sales.rows] == ["Sales", "EMEA"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "all@example.com",
        "sales2@example.com",
        "sales@example.com",
    ]
    assert "Completed:" in mail.outbox[0].body

    client = client_for(whole)
    index = client.get(reverse("report_snapshots:index"))
    assert index.status_code == 200 and b"Sales" in index.content
    detail = client.get(reverse("report_snapshots:inspect", args=[sales.pk]))
    assert detail.status_code == 200 and b"EMEA" in detail.content


def test_totals_are_the_sum_of_the_top_rows(org):
    scope = Scope(departments=(org["emea"], org["support"]))
    result = totals(department_completion(ReportFilters(), scope))
    assert (result.headcount, result.assigned, result.overdue) == (4, 4, 2)


CARD = re.compile(
    r'<li class="sa-total sa-total-(?P<name>\w+)[^"]*">\s*<a class="sa-total-link" '
    r'href="(?P<href>[^"]+)"[^>]*>\s*<span class="sa-total-value">(?P<value>\d+)</span>'
)


def kpi_cards(page):
    return {
        match["name"]: (int(match["value"]), html.unescape(match["href"]))
        for match in CARD.finditer(page)
    }


def people_count(client, href):
    response = client.get(href)
    assert response.status_code == 200
    return response.context["paginator"].count


@pytest.mark.parametrize("filtered", [False, True], ids=["everyone", "sales-and-course"])
def test_every_kpi_card_drills_down_to_exactly_the_people_it_counts(org, client_for, filtered):
    program = make_program("enthusiast", courses=[org["basics"]])
    # Two people hold a certificate with nothing of the program assigned: certified > completed.
    CertificateFactory(holder=org["s2"].user, program=program)
    CertificateFactory(holder=org["e3"].user, program=program)
    client = client_for(make_hr_user())
    params = {"department": org["sales"].pk, "course": org["basics"].pk} if filtered else {}

    page = client.get(reverse("lms_reports:department_completion"), params).content.decode()
    cards = kpi_cards(page)

    # The recertification figures have their own cards (tests/test_recertification_reporting.py).
    assert set(cards) == {*FIGURES, "due_renewal", "renewed", "lapsed"}
    assert cards["certified"][0] > cards["completed"][0]
    for name, (value, href) in cards.items():
        assert href.startswith(reverse("lms_reports:completion_people") + "?")
        assert f"metric={name}" in href
        for key, expected in params.items():
            assert f"{key}={expected}" in href
        assert people_count(client, href) == value, name


def test_the_chart_numbers_drill_down_too(org, client_for):
    client = client_for(make_hr_user())
    page = client.get(reverse("lms_reports:department_completion")).content.decode()
    chart = page.split('class="sa-bars"')[1].split("</ol>")[0]
    late = re.search(r'<a class="sa-late" href="([^"]+)">(\d+) late</a>', chart)
    assert late, "The overdue number of a bar is not a link."
    assert people_count(client, html.unescape(late[1])) == int(late[2])


@pytest.mark.parametrize("view", ["department_completion", "completion_people"])
def test_the_export_buttons_are_in_plain_sight_and_download(org, client_for, view):
    client = client_for(make_hr_user())
    url = reverse(f"lms_reports:{view}")
    params = {"department": org["sales"].pk, "metric": "overdue"}

    page = client.get(url, params).content.decode()
    buttons = {
        label: html.unescape(href)
        for href, label in re.findall(
            r'<a href="([^"]+)" class="[^"]*sa-export[^"]*w-header-button[^"]*"\s*>.*?'
            r"(Download (?:CSV|XLSX))",
            page,
            re.S,
        )
    }
    assert set(buttons) == {"Download CSV", "Download XLSX"}
    assert "icon-dots-horizontal" not in page  # nothing left behind the "…" menu
    for href in buttons.values():
        assert href.startswith(url + "?")
        assert f"department={org['sales'].pk}" in href

    csv_response = client.get(buttons["Download CSV"])
    assert csv_response.streaming
    assert csv_response["Content-Type"].startswith("text/csv")
    assert len(read_csv(csv_response)) > 1
    xlsx = client.get(buttons["Download XLSX"])
    assert "spreadsheetml" in xlsx["Content-Type"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert len(list(sheet.values)) > 1


def test_every_figure_is_defined_on_the_report(org, client_for):
    client = client_for(make_hr_user())
    page = html.unescape(client.get(reverse("lms_reports:department_completion")).content.decode())

    assert "<summary>What the numbers mean</summary>" in page
    for name in FIGURES:
        definition = str(FIGURE_HELP[name])
        assert f'<dd id="report-def-{name}">{definition}</dd>' in page
        assert f'aria-describedby="report-def-{name}"' in page  # the card and the column
        assert f'title="{definition}"' in page
    assert str(CERTIFIED_VS_COMPLETED) in page
    assert "including people with nothing assigned" in page


def test_chart_labels_are_drawn_at_full_size(org, client_for):
    page = client_for(make_hr_user()).get(reverse("lms_reports:department_completion"))
    text = page.content.decode()
    assert "font-size: 13px" in text and 'width="100%"' not in text  # the SVG is never shrunk
    assert 'class="sa-chart-scroll" tabindex="0"' in text
    assert text.count("<table>") >= 2  # each chart has its numbers as a table
