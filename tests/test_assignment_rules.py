"""Rule-based assignments: everyone matching a rule, resolved live by the report, the reminders
and "my learning"; the admin form, its bad input and HR scopes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access import services as access_services
from access.models import AccessGrant, RevokeReason
from courses.services import due_items
from lms.scope import Scope
from reporting.completion import ReportFilters, department_completion, people_listing
from reporting.models import Assignment
from reporting.reminders import send_assignment_reminders
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    UserFactory,
    access_ladder,
    account_with_roles,
    certify,
    make_department,
    make_hr_user,
    quick_course,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(number):
    return TODAY + datetime.timedelta(days=number)


def person(department, name, **fields):
    user = UserFactory(username=name.lower(), first_name=name, last_name="Test")
    return EmployeeFactory(user=user, department=department, **fields)


@pytest.fixture
def org():
    company = make_department("Company")
    sales = make_department("Sales", company)
    emea = make_department("EMEA", sales)
    support = make_department("Support", company)
    return {
        "company": company,
        "sales": sales,
        "emea": emea,
        "support": support,
        "course": quick_course("Community management"),
        "ana": person(
            emea,
            "Ana",
            job_title="Social Media Manager",
            location="Berlin",
            start_date=days(-30),
        ),
        "ben": person(
            sales, "Ben", job_title="Account manager", location="Paris", start_date=days(-400)
        ),
        "cat": person(
            support,
            "Cat",
            job_title="Social media specialist",
            location="berlin ",
            start_date=days(-10),
        ),
        "dan": person(support, "Dan", job_title="Engineer", location="Berlin", start_date=None),
    }


def rule(org, **criteria):
    fields = {"course": org["course"], "target": "rule", "department": None, **criteria}
    return AssignmentFactory(due_date=days(7), **fields)


def assigned(org, scope=None):
    """The first names of the people the report counts as assigned, in the whole company."""
    listing = people_listing(ReportFilters(), scope or Scope(), org["company"], "assigned")
    return sorted(p.name.split()[0] for p in listing)


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"rule_job_title": "social media"}, ["Ana", "Cat"]),
        ({"rule_location": "BERLIN"}, ["Ana", "Cat", "Dan"]),
        ({"rule_started_after": "START"}, ["Ana", "Cat"]),
        ({"department": "sales"}, ["Ana", "Ben"]),
        ({"department": "support", "rule_location": "Berlin"}, ["Cat", "Dan"]),
        ({"rule_job_title": "manager", "rule_location": "Berlin"}, ["Ana"]),
        ({"department": "sales", "rule_job_title": "specialist"}, []),
    ],
)
def test_each_criterion_and_their_combinations(org, criteria, expected):
    criteria = {
        key: org[value] if key == "department" else (days(-60) if value == "START" else value)
        for key, value in criteria.items()
    }
    rule(org, **criteria)
    assert assigned(org) == expected


def test_the_report_counts_rule_assignments_like_the_others(org):
    rule(org, rule_job_title="social media")
    AssignmentFactory(course=org["course"], department=org["sales"], due_date=days(3))
    rows = {row.name: row for row in department_completion(ReportFilters(), Scope())}
    # Ana is reached twice (Sales and the rule): counted once.
    assert (rows["Company"].headcount, rows["Company"].assigned) == (4, 3)
    assert (rows["Support"].assigned, rows["EMEA"].assigned) == (1, 1)


def test_a_job_title_change_moves_a_person_in_and_out_at_once(org):
    rule(org, rule_job_title="social media")
    ben = org["ben"]
    assert "Ben" not in assigned(org)
    assert due_items(ben.user) == []

    ben.job_title = "Social Media Lead"  # e.g. a people import
    ben.save()
    assert "Ben" in assigned(org)
    assert [item.title for item in due_items(ben.user)] == ["Community management"]

    ben.job_title = "Account manager"
    ben.save()
    assert "Ben" not in assigned(org)
    assert due_items(ben.user) == []


def test_a_department_move_counts_at_once(org):
    rule(org, department=org["support"])
    org["ana"].department = org["support"]
    org["ana"].save()
    assert assigned(org) == ["Ana", "Cat", "Dan"]


def test_holders_of_an_account_role(org):
    ladder = access_ladder()
    account = account_with_roles(handle="NorthwindNews")
    certify(org["ben"].user, ladder["professional"])
    access_services.request_access(org["ben"].user, account, "publish")
    certify(org["dan"].user, ladder["enthusiast"])
    access_services.request_access(org["dan"].user, account, "monitor")
    rule(org, rule_account_role="publish")
    assert assigned(org) == ["Ben"]

    # The grant taken back: out of the rule at once.
    access_services.revoke_grants(
        AccessGrant.objects.filter(user=org["ben"].user), RevokeReason.MANUAL, note="Left"
    )
    assert assigned(org) == []


def test_reminders_reach_the_people_a_rule_matches(org, mailoutbox):
    AssignmentFactory(
        course=org["course"],
        target="rule",
        department=None,
        rule_location="Paris",
        due_date=days(1),
    )
    assert send_assignment_reminders()["due_soon"] == 1
    assert [m.to for m in mailoutbox] == [[org["ben"].user.email]]


def test_a_scoped_hr_user_sees_only_people_in_scope(org, client_for):
    rule(org, rule_location="Berlin")  # Ana (EMEA), Cat and Dan (Support)
    support = Scope(departments=(org["support"],))
    listing = people_listing(ReportFilters(), support, None, "assigned")
    assert sorted(p.name.split()[0] for p in listing) == ["Cat", "Dan"]
    hr = make_hr_user("hr-support", scope=[org["support"]])
    page = client_for(hr).get(reverse("lms_reports:completion_people") + "?metric=assigned")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Cat Test" in body and "Dan Test" in body and "Ana Test" not in body


def form_data(org, **overrides):
    data = {
        "title": "",
        "course": org["course"].pk,
        "program": "",
        "target": "rule",
        "department": "",
        "person": "",
        "group": "",
        "rule_job_title": "",
        "rule_location": "",
        "rule_started_after": "",
        "rule_account_role": "",
        "due_date": days(14).isoformat(),
        "due_days_after_start": "",
        "assigned_on": TODAY.isoformat(),
    }
    data.update({key: "" if value is None else str(value) for key, value in overrides.items()})
    return data


def test_hr_assigns_by_rule_in_the_admin(org, client_for):
    client = client_for(make_hr_user())
    response = client.post(
        reverse("assignments:add"),
        form_data(
            org,
            department=org["company"].pk,
            rule_job_title="  social media ",
            rule_started_after=days(-60).isoformat(),
            rule_account_role="publish",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = Assignment.objects.get()
    assert (assignment.target, assignment.department, assignment.rule_job_title) == (
        "rule",
        org["company"],
        "social media",
    )
    assert assignment.rule_account_role == "publish"
    assert "job title contains" in str(assignment.target_label)
    listing = client.get(reverse("assignments:index"))
    assert "job title contains" in listing.content.decode()


def test_a_rule_without_a_criterion_is_refused(org, client_for):
    response = client_for(make_hr_user()).post(reverse("assignments:add"), form_data(org))
    assert response.status_code == 200
    assert "A rule needs at least one criterion" in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rule_started_after": "2030-13-45"}, "Enter a valid date"),
        ({"rule_account_role": "owner-of-everything"}, "Select a valid choice"),
        ({"rule_job_title": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_rule_criteria_are_refused(org, client_for, overrides, message):
    response = client_for(make_hr_user()).post(
        reverse("assignments:add"), form_data(org, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_scoped_hr_user_limits_a_rule_to_their_departments(org, client_for):
    hr = make_hr_user("hr-support", scope=[org["support"]])
    client = client_for(hr)
    whole = client.post(reverse("assignments:add"), form_data(org, rule_location="Berlin"))
    assert whole.status_code == 200
    assert "Choose a department of your HR scope" in whole.content.decode()
    outside = client.post(
        reverse("assignments:add"),
        form_data(org, rule_location="Berlin", department=org["sales"].pk),
    )
    assert outside.status_code == 200 and not Assignment.objects.exists()
    inside = client.post(
        reverse("assignments:add"),
        form_data(org, rule_location="Berlin", department=org["support"].pk),
    )
    assert inside.status_code == 302
    # A whole-organisation rule made by another HR user is not theirs to see or edit.
    other = rule(org, rule_location="Paris")
    assert client.get(reverse("assignments:edit", args=[other.pk])).status_code in (302, 403, 404)
    index = client.get(reverse("assignments:index")).content.decode()
    assert "at Berlin" in index and "at Paris" not in index


@pytest.mark.parametrize("people", [0, 12])
def test_rules_keep_the_report_to_a_fixed_number_of_queries(
    org, people, django_assert_max_num_queries
):
    rule(org, rule_job_title="social media", rule_location="Berlin")
    rule(org, rule_account_role="publish", department=org["sales"])
    for index in range(people):
        person(org["emea"], f"Extra{index}", job_title="Social media", location="Berlin")
    with django_assert_max_num_queries(4):
        rows = department_completion(ReportFilters(), Scope())
    company = next(row for row in rows if row.name == "Company")
    assert company.assigned == 2 + people
