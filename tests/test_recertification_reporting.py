"""Recertification as HR and managers see it: the reminder schedule of each program (to the
holder, and a copy to their manager), and the HR report's Due for renewal, Renewed and Lapsed
figures with the "recertification due" filter, in the admin, the API and the CSV exports."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from certification.models import CertificateStatus, Program, ReminderSent
from certification.services import send_expiry_reminders
from lms.scope import whole_organisation
from reporting.completion import ReportFilters, department_completion, people_listing
from tests.factories import (
    CertificateFactory,
    EmployeeFactory,
    UserFactory,
    make_department,
    make_hr_user,
    make_program,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)


def employee(department, username, manager=None, **fields):
    user = UserFactory(username=username, first_name=username.title(), last_name="Person")
    return EmployeeFactory(user=user, department=department, manager=manager, **fields)


def ending_at(holder, program, expires_at, **fields):
    return CertificateFactory(
        holder=holder,
        program=program,
        issued_at=expires_at - datetime.timedelta(days=program.validity_days),
        expires_at=expires_at,
        **fields,
    )


def program_with(slug, reminder_days, remind_managers=False, tier=1, **fields):
    program = make_program(slug, tier=tier)
    Program.objects.filter(pk=program.pk).update(
        reminder_days=reminder_days, remind_managers=remind_managers, **fields
    )
    program.refresh_from_db()
    return program


# --- Reminders -------------------------------------------------------------------------------


def test_each_program_follows_its_own_reminder_schedule(mailoutbox):
    company = make_department("Company")
    weekly = program_with("weekly", [21, 7])
    default = program_with("default", [30, 14, 1])
    holder = employee(company, "holder").user
    soon = ending_at(holder, weekly, NOW + datetime.timedelta(days=20))
    later = ending_at(UserFactory(), default, NOW + datetime.timedelta(days=20))

    assert sorted(send_expiry_reminders(now=NOW)) == sorted([(soon.pk, 21), (later.pk, 30)])
    # Neither is sent twice; the next threshold of each program comes in its turn.
    assert send_expiry_reminders(now=NOW) == []
    in_two_weeks = NOW + datetime.timedelta(days=14)
    assert sorted(send_expiry_reminders(now=in_two_weeks)) == sorted([(soon.pk, 7), (later.pk, 14)])
    assert len(mailoutbox) == 4
    assert ReminderSent.objects.filter(certificate=soon).count() == 2


def test_an_empty_schedule_sends_no_reminder(mailoutbox):
    silent = program_with("silent", [])
    certificate = ending_at(UserFactory(), silent, NOW + datetime.timedelta(days=1))
    assert send_expiry_reminders(now=NOW) == []
    assert not ReminderSent.objects.filter(certificate=certificate).exists()
    assert mailoutbox == []


def test_the_manager_gets_a_copy_when_the_program_says_so(mailoutbox):
    company = make_department("Company")
    boss = employee(company, "boss")
    holder = employee(company, "holder", manager=boss)
    loud = program_with("loud", [30], remind_managers=True)
    quiet = program_with("quiet", [30], remind_managers=False, tier=2)
    ending_at(holder.user, loud, NOW + datetime.timedelta(days=10))
    ending_at(holder.user, quiet, NOW + datetime.timedelta(days=10))

    assert len(send_expiry_reminders(now=NOW)) == 2
    to_holder = [m for m in mailoutbox if m.to == [holder.user.email]]
    to_boss = [m for m in mailoutbox if m.to == [boss.user.email]]
    assert len(to_holder) == 2
    assert len(to_boss) == 1  # only the program that reminds managers
    assert "Holder Person" in to_boss[0].subject
    assert "Loud" in to_boss[0].subject and "reports to you" in to_boss[0].body


def test_no_copy_to_a_manager_who_left_or_has_no_address(mailoutbox):
    company = make_department("Company")
    gone = employee(company, "gone", active=False)
    silent = employee(company, "silent")
    silent.user.email = ""
    silent.user.save()
    loud = program_with("loud", [30], remind_managers=True)
    for username, manager in (("one", gone), ("two", silent)):
        ending_at(employee(company, username, manager=manager).user, loud, NOW)
    # Certificates ending now are over already: move them one day ahead.
    loud.certificates.update(expires_at=NOW + datetime.timedelta(days=1))
    assert len(send_expiry_reminders(now=NOW)) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["one@example.com", "two@example.com"]


def test_a_holder_s_failed_mail_is_retried_while_the_others_stay_sent(monkeypatch, mailoutbox):
    from certification import notifications

    program = program_with("p", [30])
    good = ending_at(UserFactory(username="good"), program, NOW + datetime.timedelta(days=5))
    bad = ending_at(UserFactory(username="bad"), program, NOW + datetime.timedelta(days=6))
    real = notifications.send_expiry_reminder

    def flaky(certificate, days, plan):
        if certificate.pk == bad.pk:
            raise ConnectionError("mail server down")
        return real(certificate, days, plan)

    monkeypatch.setattr(notifications, "send_expiry_reminder", flaky)
    with pytest.raises(ConnectionError):
        send_expiry_reminders(now=NOW)
    assert list(ReminderSent.objects.values_list("certificate_id", flat=True)) == [good.pk]
    monkeypatch.undo()
    assert send_expiry_reminders(now=NOW) == [(bad.pk, 30)]
    assert len(mailoutbox) == 2


def _due_certificates(count, program, managers):
    company = make_department(f"Dept {count}")
    for index in range(count):
        holder = employee(company, f"h{count}-{index}", manager=managers[index % len(managers)])
        ending_at(holder.user, program, NOW + datetime.timedelta(days=3 + index % 5))


def test_the_reminder_sweep_costs_the_same_queries_for_few_or_many(
    django_assert_max_num_queries, mailoutbox
):
    company = make_department("Company")
    managers = [employee(company, f"m{i}") for i in range(3)]
    program = program_with("p", [30, 14, 7], remind_managers=True)
    _due_certificates(3, program, managers)
    with django_assert_max_num_queries(20) as few:
        assert len(send_expiry_reminders(now=NOW)) == 3
    _due_certificates(30, program, managers)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(send_expiry_reminders(now=NOW)) == 30
    assert len(mailoutbox) == 66  # 33 holders, 33 copies to their managers


# --- The HR report -----------------------------------------------------------------------------

API = "/api/v1/reports/department-completion"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def recert():
    """Company > Sales, Support. In Sales: Sam due for renewal (ends in 10 days, window 30),
    Sue not due yet (ends in 200 days), Lea lapsed (ended 20 days ago), Ren renewed 10 days
    ago. In Support: Pia due for renewal (ends in 5 days)."""
    now = timezone.now()
    company = make_department("Company")
    sales = make_department("Sales", company)
    support = make_department("Support", company)
    program = make_program("enthusiast")
    people = {
        name: employee(sales if name != "pia" else support, name)
        for name in ("sam", "sue", "lea", "ren", "pia")
    }
    ending_at(people["sam"].user, program, now + 10 * DAY)
    ending_at(people["sue"].user, program, now + 200 * DAY)
    ending_at(people["lea"].user, program, now - 20 * DAY, status=CertificateStatus.EXPIRED)
    old = ending_at(people["ren"].user, program, now + 20 * DAY, status=CertificateStatus.RENEWED)
    CertificateFactory(
        holder=people["ren"].user,
        program=program,
        issued_at=now - 10 * DAY,
        expires_at=now + 385 * DAY,
        renews=old,
    )
    ending_at(people["pia"].user, program, now + 5 * DAY)
    return {"company": company, "sales": sales, "support": support, "program": program, **people}


def recert_figures(row):
    return (row.due_renewal, row.renewed, row.lapsed)


def test_each_department_counts_who_is_due_renewed_and_lapsed(recert):
    rows = {row.name: row for row in department_completion(ReportFilters(), whole_organisation())}
    assert recert_figures(rows["Sales"]) == (1, 1, 1)
    assert recert_figures(rows["Support"]) == (1, 0, 0)
    assert recert_figures(rows["Company"]) == (2, 1, 1)  # rolled up the tree
    assert rows["Company"].due_renewal_pct == 40.0  # of the headcount (5)


def test_a_window_not_yet_open_is_not_due(recert):
    Program.objects.filter(pk=recert["program"].pk).update(recertification_window_days=7)
    rows = {row.name: row for row in department_completion(ReportFilters(), whole_organisation())}
    assert rows["Sales"].due_renewal == 0  # Sam's ends in 10 days, the window opens at 7
    assert rows["Support"].due_renewal == 1  # Pia's ends in 5


def test_the_recertification_due_filter_keeps_people_ending_within_n_days(recert):
    def names(days, metric="headcount"):
        filters = ReportFilters(recertification_due=days)
        listing = people_listing(filters, whole_organisation(), None, metric)
        return sorted(person.first_name for person in listing)

    assert names(7) == ["Pia"]
    assert names(15) == ["Pia", "Sam"]
    assert names(365) == ["Pia", "Sam", "Sue"]  # Ren's renewed one and Lea's lapsed one are out
    assert names(None, "lapsed") == ["Lea"]
    assert names(None, "renewed") == ["Ren"]


def test_a_scoped_hr_user_sees_only_their_departments_in_the_api(recert, client_for):
    client = client_for(make_hr_user(scope=[recert["sales"]]))
    report = client.get(API).json()
    assert report["totals"]["due_renewal"] == 1  # Sam; Pia is in Support
    assert report["totals"]["renewed"] == 1 and report["totals"]["lapsed"] == 1
    people = client.get(f"{API}/people", {"metric": "headcount", "recertification_due": 30})
    assert people.status_code == 200
    results = people.json()["results"]
    assert [(p["name"], p["due_renewal"]) for p in results] == [("Sam Person", True)]
    due = client.get(f"{API}/people", {"metric": "due_renewal"}).json()
    assert [p["name"] for p in due["results"]] == ["Sam Person"]
    assert client.get(API, {"department": recert["support"].pk}).status_code == 403


def test_the_admin_drill_down_filters_by_recertification_due(recert, client_for):
    client = client_for(make_hr_user(scope=[recert["sales"]]))
    url = reverse("lms_reports:completion_people")
    response = client.get(url, {"metric": "headcount", "recertification_due": 15})
    assert response.status_code == 200
    assert [p.first_name for p in response.context["object_list"]] == ["Sam"]
    page = client.get(reverse("lms_reports:department_completion")).content.decode()
    assert "Due for renewal" in page and "Lapsed" in page
    assert "metric=due_renewal" in page


@pytest.mark.parametrize("value", ["0", "abc", "-3", "3651", "1.5"])
def test_a_bad_number_of_days_is_a_400_with_a_reason(recert, client_for, value):
    client = client_for(make_hr_user())
    response = client.get(f"{API}/people", {"recertification_due": value})
    assert response.status_code == 400
    assert "recertification_due" in response.content.decode()
    admin = client.get(
        reverse("lms_reports:completion_people"),
        {"metric": "headcount", "recertification_due": value},
    )
    assert admin.status_code == 400


def test_the_csv_exports_carry_the_recertification_columns(recert, client_for):
    client = client_for(make_hr_user(scope=[recert["sales"]]))
    people = client.get(f"{API}/people", {"metric": "headcount", "format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(people.streaming_content).decode())))
    header = rows[0]
    assert header[-3:] == ["Due for renewal", "Renewed", "Lapsed"]
    by_name = {row[1]: row[-3:] for row in rows[1:]}
    assert by_name["Sam Person"] == ["yes", "no", "no"]
    assert by_name["Ren Person"] == ["no", "yes", "no"]
    assert by_name["Lea Person"] == ["no", "no", "yes"]
    assert "Pia Person" not in by_name
    report = client.get(API, {"format": "csv"})
    header = next(csv.reader(io.StringIO(b"".join(report.streaming_content).decode())))
    assert "Due for renewal" in header and "Renewed %" in header and "Lapsed" in header
    admin = client.get(
        reverse("lms_reports:completion_people"), {"metric": "headcount", "export": "csv"}
    )
    content = b"".join(admin.streaming_content).decode()
    assert content.splitlines()[0].endswith("Due for renewal,Renewed,Lapsed")


def test_the_report_keeps_its_queries_at_any_size(
    recert, client_for, django_assert_max_num_queries
):
    client = client_for(make_hr_user())
    params = {"recertification_due": 60, "program": recert["program"].pk}
    with django_assert_max_num_queries(30) as small:
        assert client.get(API, params).status_code == 200
        assert client.get(f"{API}/people", {**params, "metric": "headcount"}).status_code == 200
    for index in range(20):
        holder = employee(recert["sales"], f"more{index}").user
        ending_at(holder, recert["program"], timezone.now() + (index + 1) * DAY)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(API, params).json()["totals"]["due_renewal"] == 22
        people = client.get(f"{API}/people", {**params, "metric": "headcount"})
        assert people.json()["count"] == 22
