"""Assignments: the rules the database holds, the admin form, reminders and the demo."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from reporting.models import Assignment, AssignmentReminder, ReminderKind
from reporting.reminders import send_assignment_reminders, send_manager_digests
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    UserFactory,
    make_department,
    make_hr_user,
    make_program,
    quick_course,
    record_completions,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(number):
    return TODAY + datetime.timedelta(days=number)


@pytest.fixture
def company():
    return make_department("Company")


@pytest.fixture
def course():
    return quick_course("Basics")


def refused_by_database(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(**fields)


def test_the_database_holds_the_rules_of_an_assignment(company, course):
    program = make_program("enthusiast", courses=[course])
    base = {"department": company, "target": "department", "due_date": days(10)}

    refused_by_database(**base)  # neither course nor program
    refused_by_database(course=course, program=program, **base)  # both
    refused_by_database(course=course, department=company, target="department")  # no due rule
    refused_by_database(course=course, due_days_after_start=5, **base)  # two due rules
    refused_by_database(course=course, target="person", department=company, due_date=days(1))
    refused_by_database(course=course, target="department", due_date=days(1))  # no department
    assert Assignment.objects.create(course=course, **base).item == course


def form_data(**overrides):
    data = {
        "title": "",
        "course": "",
        "program": "",
        "target": "department",
        "department": "",
        "person": "",
        "group": "",
        "due_date": "",
        "due_days_after_start": "",
        "assigned_on": TODAY.isoformat(),
    }
    data.update({key: "" if value is None else str(value) for key, value in overrides.items()})
    return data


def test_hr_assigns_a_course_to_a_department_in_the_admin(company, course, client_for):
    hr = make_hr_user()
    response = client_for(hr).post(
        reverse("assignments:add"),
        form_data(course=course.pk, department=company.pk, due_date=days(30).isoformat()),
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.department, assignment.created_by, assignment.due_date) == (
        company,
        hr,
        days(30),
    )


def test_hr_assigns_a_group_and_a_person_by_employee_id(company, course, client_for):
    client = client_for(make_hr_user())
    a, b = EmployeeFactory(department=company), EmployeeFactory(department=company)

    group = client.post(
        reverse("assignments:add"),
        form_data(
            course=course.pk,
            target="group",
            group=f"{a.employee_id}\n{b.employee_id}, ",
            due_days_after_start=14,
        ),
    )
    one = client.post(
        reverse("assignments:add"),
        form_data(
            course=course.pk,
            target="person",
            person=a.employee_id,
            due_date=days(3).isoformat(),
        ),
    )

    assert group.status_code == one.status_code == 302
    by_target = {x.target: x for x in Assignment.objects.all()}
    assert set(by_target["group"].members.all()) == {a, b}
    assert by_target["group"].department is None
    assert by_target["person"].employee == a


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"department": "DEPT", "due_date": "DUE"}, "Choose a course or a program"),
        (
            {"course": "COURSE", "program": "PROGRAM", "department": "DEPT", "due_date": "DUE"},
            "Choose a course or a program",
        ),
        ({"course": "COURSE", "department": "DEPT"}, "Give a due date or a number of days"),
        (
            {
                "course": "COURSE",
                "department": "DEPT",
                "due_date": "DUE",
                "due_days_after_start": 5,
            },
            "Give a due date or a number of days",
        ),
        ({"course": "COURSE", "due_date": "DUE"}, "Choose the department"),
        (
            {"course": "COURSE", "target": "person", "person": "NOBODY", "due_date": "DUE"},
            "Unknown employee id(s): NOBODY",
        ),
        (
            {"course": "COURSE", "target": "group", "due_date": "DUE"},
            "Give at least one employee id",
        ),
        (
            {"course": "COURSE", "department": "DEPT", "due_date": "2030-13-45"},
            "Enter a valid date",
        ),
    ],
)
def test_bad_assignments_are_refused_by_the_form(company, course, client_for, overrides, message):
    program = make_program("enthusiast", courses=[course])
    replace = {
        "DEPT": company.pk,
        "DUE": days(5).isoformat(),
        "COURSE": course.pk,
        "PROGRAM": program.pk,
    }
    data = form_data(**{key: replace.get(value, value) for key, value in overrides.items()})

    response = client_for(make_hr_user()).post(reverse("assignments:add"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.fixture
def team(company, course):
    manager = EmployeeFactory(department=company, user=UserFactory(email="boss@example.com"))
    late = EmployeeFactory(
        department=company, manager=manager, user=UserFactory(email="late@example.com")
    )
    soon = EmployeeFactory(
        department=company, manager=manager, user=UserFactory(email="soon@example.com")
    )
    done = EmployeeFactory(
        department=company, manager=manager, user=UserFactory(email="done@example.com")
    )
    AssignmentFactory(
        course=course, target="group", department=None, due_date=days(-2)
    ).members.set([late, done])
    AssignmentFactory(
        course=course, target="person", department=None, employee=soon, due_date=days(3)
    )
    record_completions(done.user, course)
    return {"manager": manager, "late": late, "soon": soon, "done": done}


def test_reminders_go_out_before_and_after_the_due_date_once_each(team, course):
    result = send_assignment_reminders()

    assert result == {"due_soon": 1, "overdue": 1}
    sent = {(m.to[0], m.subject) for m in mail.outbox}
    assert ("soon@example.com", "Due soon: training assigned to you") in sent
    assert ("late@example.com", "Overdue: training assigned to you") in sent
    assert "Basics" in mail.outbox[0].body
    assert send_assignment_reminders() == {"due_soon": 0, "overdue": 0}
    assert len(mail.outbox) == 2
    assert AssignmentReminder.objects.filter(kind=ReminderKind.OVERDUE).get().item_key == (
        f"course:{course.pk}"
    )


def test_a_failed_email_is_retried_on_the_next_run(team, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("reporting.reminders.send_mail", broken)
    with pytest.raises(ConnectionError):
        send_assignment_reminders()
    assert not AssignmentReminder.objects.exists()
    monkeypatch.undo()
    assert send_assignment_reminders() == {"due_soon": 1, "overdue": 1}


def test_managers_get_a_weekly_list_of_their_overdue_reports(team):
    assert send_manager_digests() == 1
    assert send_manager_digests() == 0

    message = mail.outbox[0]
    assert message.to == ["boss@example.com"]
    assert team["late"].full_name in message.body
    assert team["done"].full_name not in message.body
    assert team["soon"].full_name not in message.body
    next_week = TODAY + datetime.timedelta(days=7)
    assert send_manager_digests(today=next_week) == 1


def test_the_schedule_runs_reminders_digests_and_the_summary():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "reporting.tasks.send_assignment_reminders",
        "reporting.tasks.send_manager_digests",
        "reporting.tasks.send_monthly_summaries",
    } <= tasks


def test_my_learning_lists_what_is_assigned_and_due(team, course):
    from courses.services import due_items

    items = due_items(team["late"].user)
    assert [(item.title, item.due_on, item.overdue) for item in items] == [
        ("Basics", days(-2), True)
    ]
    assert due_items(team["done"].user)[0].completed is True
    assert due_items(team["manager"].user) == []


def test_the_demo_assigns_programs_with_some_past_due_dates(demo):
    from lms.scope import Scope
    from reporting.completion import ReportFilters, department_completion, totals

    titles = set(Assignment.objects.values_list("title", flat=True))
    assert {"Enthusiast for everyone", "Professional for Marketing"} <= titles
    everyone = Assignment.objects.get(title="Enthusiast for everyone")
    assert everyone.department.code == "northwind"
    assert everyone.due_date == TODAY + datetime.timedelta(days=30)
    figures = totals(department_completion(ReportFilters(), Scope()))
    assert figures.assigned == figures.headcount
    assert figures.overdue > 0

    from django.core.management import call_command

    before = Assignment.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Assignment.objects.count() == before
