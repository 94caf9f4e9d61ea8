"""Expiry and renewal: the set-based daily sweep, reminders before the end, renewing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from certification.models import Certificate, CertificateStatus, Program, ReminderSent
from certification.services import (
    expire_certificates,
    issue_certificate,
    revoke_certificate,
    send_expiry_reminders,
)
from certification.services.expiry import reminder_threshold
from certification.signals import certificates_expired
from certification.tasks import expire_certificates as expire_task
from certification.tasks import send_expiry_reminders as remind_task
from tests.factories import (
    CertificateFactory,
    UserFactory,
    accept_current_policy,
    make_program,
    record_completions,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)


def certificate_ending_at(expires_at, program=None, **kwargs):
    return CertificateFactory(
        program=program or make_program(f"p{Program.objects.count()}"),
        issued_at=expires_at - datetime.timedelta(days=365),
        expires_at=expires_at,
        **kwargs,
    )


class Collector:
    def __init__(self):
        self.calls = []

    def __call__(self, sender, certificate_ids, **kwargs):
        self.calls.append(sorted(certificate_ids))


@pytest.fixture
def expired_events():
    collector = Collector()
    certificates_expired.connect(collector)
    yield collector
    certificates_expired.disconnect(collector)


@pytest.fixture
def only_this_listener(expired_events, monkeypatch):
    """The sweep's own queries, without what other apps' listeners do with the ids."""
    mine = [r for r in certificates_expired.receivers if r[1]() is expired_events]
    monkeypatch.setattr(certificates_expired, "receivers", mine)
    monkeypatch.setattr(certificates_expired, "sender_receivers_cache", {})
    return expired_events


def test_expiry_is_exactly_at_expires_at(expired_events):
    at_the_boundary = certificate_ending_at(NOW)
    a_moment_later = certificate_ending_at(NOW + datetime.timedelta(microseconds=1))
    already_past = certificate_ending_at(NOW - datetime.timedelta(days=3))
    ids = expire_certificates(now=NOW)
    assert sorted(ids) == sorted([at_the_boundary.pk, already_past.pk])
    statuses = dict(Certificate.objects.values_list("pk", "status"))
    assert statuses[at_the_boundary.pk] == CertificateStatus.EXPIRED
    assert statuses[already_past.pk] == CertificateStatus.EXPIRED
    assert statuses[a_moment_later.pk] == CertificateStatus.VALID
    assert expired_events.calls == [sorted(ids)]


def test_revoked_and_already_expired_certificates_are_left_alone(expired_events):
    revoked = certificate_ending_at(NOW - datetime.timedelta(days=1))
    revoke_certificate(revoked, reason="Breach of policy.", now=NOW - datetime.timedelta(days=2))
    assert expire_certificates(now=NOW) == []
    assert expire_certificates(now=NOW) == []
    revoked.refresh_from_db()
    assert revoked.status == CertificateStatus.REVOKED
    assert expired_events.calls == []


def make_due_certificates(count):
    """`count` valid certificates past their end, over 100 programs (one per holder and program)."""
    programs = Program.objects.bulk_create(
        Program(name=f"Bulk {n}", slug=f"bulk-{n}", description="d", allows="a") for n in range(100)
    )
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"bulk{n}", password="!") for n in range(count // 100 or 1)
    )
    issued = NOW - datetime.timedelta(days=400)
    Certificate.objects.bulk_create(
        (
            Certificate(
                holder=user,
                program=program,
                issued_at=issued,
                expires_at=NOW - datetime.timedelta(days=1),
            )
            for user in users
            for program in programs
        ),
        batch_size=2000,
    )


def count_sweep_queries(count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_due_certificates(count)
    with CaptureQueriesContext(connection) as captured:
        ids = expire_certificates(now=NOW)
    assert len(ids) == count
    return len(captured.captured_queries)


def test_the_sweep_expires_ten_thousand_certificates_in_a_fixed_number_of_queries(
    django_assert_max_num_queries, only_this_listener
):
    expired_events = only_this_listener
    small = count_sweep_queries(100)
    Certificate.objects.all().delete()
    Program.objects.all().delete()
    get_user_model().objects.filter(username__startswith="bulk").delete()
    expired_events.calls.clear()

    make_due_certificates(10_000)
    with django_assert_max_num_queries(small):
        ids = expire_certificates(now=NOW)
    assert len(ids) == 10_000
    assert Certificate.objects.filter(status=CertificateStatus.EXPIRED).count() == 10_000
    assert [len(call) for call in expired_events.calls] == [10_000]
    assert small <= 4  # savepoint, SELECT ids FOR UPDATE, one UPDATE, release


def test_the_daily_task_runs_the_sweep():
    certificate_ending_at(timezone.now() - datetime.timedelta(minutes=1))
    assert expire_task.delay().get() == 1


@pytest.mark.parametrize(
    ("left", "threshold"),
    [
        (datetime.timedelta(days=45), None),
        (datetime.timedelta(days=30), 30),
        (datetime.timedelta(days=29, hours=23), 30),
        (datetime.timedelta(days=14), 14),
        (datetime.timedelta(days=10), 14),
        (datetime.timedelta(hours=20), 1),
        (datetime.timedelta(0), None),
        (-datetime.timedelta(days=1), None),
    ],
)
def test_reminder_thresholds(left, threshold):
    assert reminder_threshold(NOW + left, NOW) == threshold


def test_reminders_go_out_30_14_and_1_days_before_each_once(mailoutbox):
    holder = UserFactory(email="holder@example.com")
    certificate = certificate_ending_at(NOW + datetime.timedelta(days=40), holder=holder)
    sent_on = {}
    for day in range(0, 41):
        moment = NOW + datetime.timedelta(days=day)
        for _run in range(2):  # the task runs twice a day: still one e-mail
            for _pk, days in send_expiry_reminders(now=moment):
                sent_on[days] = day
    assert sent_on == {30: 10, 14: 26, 1: 39}
    assert len(mailoutbox) == 3
    assert set(
        ReminderSent.objects.filter(certificate=certificate).values_list("days_before", flat=True)
    ) == {30, 14, 1}
    assert mailoutbox[0].to == ["holder@example.com"]
    assert "expires in 30 days" in mailoutbox[0].subject
    assert "expires tomorrow" in mailoutbox[2].subject
    assert certificate.get_absolute_url() in mailoutbox[0].body


def test_a_certificate_first_seen_late_gets_only_the_nearest_reminder(mailoutbox):
    certificate_ending_at(NOW + datetime.timedelta(days=9))
    assert [days for _pk, days in send_expiry_reminders(now=NOW)] == [14]
    assert send_expiry_reminders(now=NOW) == []
    assert len(mailoutbox) == 1


def test_a_failed_email_leaves_no_record_so_the_next_run_tries_again(monkeypatch, mailoutbox):
    from certification import notifications

    certificate_ending_at(NOW + datetime.timedelta(days=20))

    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(notifications, "send_expiry_reminder", broken)
    with pytest.raises(ConnectionError):
        send_expiry_reminders(now=NOW)
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    assert len(send_expiry_reminders(now=NOW)) == 1
    assert len(mailoutbox) == 1


def test_revoked_and_expired_certificates_get_no_reminders(mailoutbox):
    revoked = certificate_ending_at(NOW + datetime.timedelta(days=5))
    revoke_certificate(revoked, reason="Left the team.")
    certificate_ending_at(NOW + datetime.timedelta(days=5), status=CertificateStatus.EXPIRED)
    assert send_expiry_reminders(now=NOW) == []
    assert not ReminderSent.objects.exists()
    assert not [m for m in mailoutbox if "expires" in m.subject]


def test_the_reminder_task_runs_daily_from_beat():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "certification.tasks.expire_certificates",
        "certification.tasks.send_expiry_reminders",
    } <= tasks
    certificate_ending_at(timezone.now() + datetime.timedelta(days=3))
    assert remind_task.delay().get() == 1


def test_the_reminder_says_what_to_do_to_renew(ladder, mailoutbox):
    from tests.factories import make_course

    holder = UserFactory()
    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    certificate = issue_certificate(
        holder, ladder["enthusiast"], now=timezone.now() - datetime.timedelta(days=360)
    )
    newer = make_course("Crisis triage", lessons=1, questions=0)
    ladder["enthusiast"].program_courses.model.objects.create(
        program=ladder["enthusiast"], course=newer, sort_order=9
    )
    mailoutbox.clear()
    send_expiry_reminders()
    [mail] = mailoutbox
    assert certificate.serial in mail.body
    assert "Complete “Crisis triage”" in mail.body


def test_an_employee_renews_an_expired_certificate_on_its_page(ladder, client_for, mailoutbox):
    holder = UserFactory()
    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    old = issue_certificate(
        holder, ladder["enthusiast"], now=timezone.now() - datetime.timedelta(days=366)
    )
    expire_certificates()
    client = client_for(holder)
    page = client.get(old.get_absolute_url())
    assert page.status_code == 200
    assert b"Renew Enthusiast" in page.content

    refused = client.post(f"/certificates/{old.serial}/renew/", {})
    assert refused.status_code == 302
    assert Certificate.objects.filter(holder=holder).count() == 1

    response = client.post(f"/certificates/{old.serial}/renew/", {"confirm": "yes"})
    renewed = Certificate.objects.get(holder=holder, status=CertificateStatus.VALID)
    assert response.status_code == 302 and response["Location"] == renewed.get_absolute_url()
    assert renewed.pk != old.pk
    old_page = client.get(old.get_absolute_url())
    assert b"has been replaced" in old_page.content
    again = client.post(f"/certificates/{old.serial}/renew/", {"confirm": "yes"})
    assert again.status_code == 302
    assert Certificate.objects.filter(holder=holder).count() == 2


def test_a_valid_certificate_cannot_be_renewed_early(ladder, client_for):
    holder = UserFactory()
    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    certificate = issue_certificate(holder, ladder["enthusiast"])
    client = client_for(holder)
    page = client.get(certificate.get_absolute_url())
    assert b"You can renew it here once it ends" in page.content
    client.post(f"/certificates/{certificate.serial}/renew/", {"confirm": "yes"})
    assert Certificate.objects.filter(holder=holder).count() == 1


def test_leavers_get_no_reminders(mailoutbox):
    from tests.factories import EmployeeFactory

    leaver = EmployeeFactory(active=False).user
    certificate_ending_at(NOW + datetime.timedelta(days=5), holder=leaver)
    assert send_expiry_reminders(now=NOW) == []
    assert mailoutbox == []
