"""Recertification as HR and managers see it: the reminder schedule of each program (to the
holder, and a copy to their manager), and the HR report's Due for renewal, Renewed and Lapsed
figures with the "recertification due" filter, in the admin, the API and the CSV exports."""

import datetime

import pytest

from certification.models import Program, ReminderSent
from certification.services import send_expiry_reminders
from tests.factories import (
    CertificateFactory,
    EmployeeFactory,
    UserFactory,
    make_department,
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
    assert sorted(send_expiry_reminders(now=in_two_weeks)) == sorted(
        [(soon.pk, 7), (later.pk, 14)]
    )
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
