"""Who sees HR data: HR reads but cannot edit content, scopes hold everywhere, managers see
their own reports only, employees see none of it."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from reporting.models import Assignment
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    UserFactory,
    api_token,
    make_department,
    make_hr_user,
    quick_course,
)

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/department-completion/"
PEOPLE = "/admin/reports/department-completion/people/"
API = "/api/v1/reports/department-completion"


@pytest.fixture
def org():
    company = make_department("Company")
    sales = make_department("Sales", company)
    emea = make_department("EMEA", sales)
    support = make_department("Support", company)
    course = quick_course("Basics")
    AssignmentFactory(course=course, department=company)
    people = {
        "sales_person": EmployeeFactory(department=sales),
        "emea_person": EmployeeFactory(department=emea),
        "support_person": EmployeeFactory(department=support),
    }
    return {
        "company": company,
        "sales": sales,
        "emea": emea,
        "support": support,
        "course": course,
        **people,
    }


def test_demo_hr_sees_reports_and_people_but_cannot_edit_content(demo, client_for):
    from courses.models import CoursePage

    hr = get_user_model().objects.get(username="hr")
    client = client_for(hr)
    course = CoursePage.objects.live().first()

    assert hr.has_perm("reporting.view_completion_report")
    assert client.get(REPORT).status_code == 200
    assert client.get(reverse("employees:index")).status_code == 200
    assert not course.permissions_for_user(hr).can_edit()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert edit.status_code in (302, 403)
    add = client.get(reverse("wagtailadmin_pages:add_subpage", args=[course.get_parent().pk]))
    assert add.status_code in (302, 403)
    title = course.title
    client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), {"title": "Hijacked"})
    course.refresh_from_db()
    assert course.title == title
    assert not hr.has_perm("certification.change_program")
    assert not hr.has_perm("lms.change_employee")
    assert client.get(reverse("employees:add")).status_code == 302


def test_a_scoped_hr_user_sees_only_their_subtree(org, client_for):
    client = client_for(make_hr_user(scope=[org["sales"]]))

    page = client.get(REPORT, {"open": "all"}).content.decode()
    assert "EMEA" in page and "Support" not in page and "Company" not in page

    data = client.get(API).json()
    assert [row["name"] for row in data["departments"]] == ["Sales", "EMEA"]
    assert data["totals"]["headcount"] == 2

    exported = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode()
    assert "Support" not in exported and "Sales / EMEA" in exported
    people = client.get(API + "/people", {"metric": "headcount"}).json()
    assert people["count"] == 2


@pytest.mark.parametrize("url", [REPORT, PEOPLE])
def test_a_department_outside_the_scope_is_a_403_in_the_admin(org, client_for, url):
    client = client_for(make_hr_user(scope=[org["sales"]]))
    for params in (
        {"department": org["support"].pk},
        {"department": org["support"].pk, "export": "csv"},
    ):
        response = client.get(url, params)
        assert response.status_code == 403
        assert b"outside your HR scope" in response.content
    assert client.get(url, {"department": org["emea"].pk}).status_code == 200


def test_a_department_outside_the_scope_is_a_403_in_the_api(org, client_for):
    client = client_for(make_hr_user(scope=[org["sales"]]))
    for url in (API, API + "/people"):
        response = client.get(url, {"department": org["company"].pk})
        assert response.status_code == 403
        assert "outside your HR scope" in response.json()["message"]
    csv = client.get(API, {"department": org["support"].pk, "format": "csv"})
    assert csv.status_code == 403


def test_a_scoped_hr_user_sees_only_their_people_in_the_admin(org, client_for):
    client = client_for(make_hr_user(scope=[org["sales"]]))

    listing = client.get(reverse("employees:index")).content.decode()
    assert org["emea_person"].employee_id in listing
    assert org["support_person"].employee_id not in listing
    inside = client.get(reverse("employees:inspect", args=[org["emea_person"].pk]))
    outside = client.get(reverse("employees:inspect", args=[org["support_person"].pk]))
    assert inside.status_code == 200
    assert outside.status_code == 302 and outside["Location"] == reverse("wagtailadmin_home")
    departments = client.get(reverse("departments:index")).content.decode()
    assert "EMEA" in departments and "Support" not in departments


def test_a_scoped_hr_user_assigns_only_inside_the_scope(org, client_for):
    client = client_for(make_hr_user(scope=[org["sales"]]))
    due = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    data = {
        "title": "",
        "course": org["course"].pk,
        "program": "",
        "target": "department",
        "department": org["support"].pk,
        "person": "",
        "group": "",
        "due_date": due,
        "due_days_after_start": "",
        "assigned_on": timezone.localdate().isoformat(),
    }

    refused = client.post(reverse("assignments:add"), data)
    group = client.post(
        reverse("assignments:add"),
        {
            **data,
            "target": "group",
            "department": "",
            "group": f"{org['emea_person'].employee_id}, {org['support_person'].employee_id}",
        },
    )

    assert refused.status_code == 200 and b"Select a valid choice" in refused.content
    assert group.status_code == 200 and b"Outside your HR scope" in group.content
    assert Assignment.objects.count() == 1
    listing = client.get(reverse("assignments:index"))
    assert b"Company" not in listing.content  # the whole-company assignment is outside


def test_a_manager_sees_only_their_direct_reports(org, client_for):
    manager = org["sales_person"]
    direct = EmployeeFactory(department=org["emea"], manager=manager)
    EmployeeFactory(department=org["emea"], manager=direct)  # reports to someone else
    left = EmployeeFactory(department=org["emea"], manager=manager, active=False)

    page = client_for(manager.user).get("/my-team/")

    assert page.status_code == 200
    names = [p.employee_id for p in page.context["people"]]
    assert names == [direct.employee_id]
    assert left.employee_id not in page.content.decode()


def test_only_managers_find_my_team_in_the_navigation(org, client_for, client):
    manager = org["sales_person"]
    report = EmployeeFactory(department=org["emea"], manager=manager)
    link = b'href="/my-team/"'

    assert link in client_for(manager.user).get("/my-learning/").content
    current = client_for(manager.user).get("/my-team/").content.decode()
    assert '<a href="/my-team/" aria-current="page">My team</a>' in current
    assert link not in client_for(report.user).get("/my-learning/").content
    assert link not in client.get("/courses/").content

    # A team of leavers is no team: the link goes with the page.
    report.active = False
    report.save()
    assert link not in client_for(manager.user).get("/my-learning/").content
    assert client_for(manager.user).get("/my-team/").status_code == 403


def test_employees_see_none_of_it(org, client_for, client):
    client_of_employee = client_for(org["support_person"].user)

    assert client_of_employee.get("/my-team/").status_code == 403
    assert client_of_employee.get(API).status_code == 403
    assert client_of_employee.get(API + "/people").status_code == 403
    for url in (REPORT, PEOPLE, reverse("people_import:index"), reverse("assignments:index")):
        response = client_of_employee.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert client.get("/my-team/").status_code == 302
    assert client.get(API).status_code == 401


def test_staff_without_the_report_permission_are_turned_away(org, client_for):
    from django.contrib.auth.models import Permission

    editor = UserFactory(username="an-editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(editor)
    assert client.get(REPORT)["Location"] == reverse("wagtailadmin_home")
    assert client.get(API).status_code == 403
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Training completion" not in home


def test_a_token_needs_the_reports_read_scope(org, client):
    _token, raw = api_token("access:check")
    response = client.get(API, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403
    assert "reports:read" in response.json()["message"]


def test_employees_reach_no_card_drill_down_or_download_of_the_report(org, client_for):
    client_of_employee = client_for(org["support_person"].user)
    for url in (
        REPORT + "?export=csv",
        REPORT + "?export=xlsx",
        REPORT + "results/",
        PEOPLE + "?metric=overdue",
        PEOPLE + "?metric=certified&export=csv",
    ):
        response = client_of_employee.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
        assert b"Download CSV" not in response.content
