"""Issuing: programs are judged after each learning event and certificates issue exactly once."""

import datetime
import logging
import threading

import pytest
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from certification.models import (
    Approval,
    ApprovalStatus,
    Certificate,
    CertificateStatus,
    ProgramCourse,
)
from certification.models.certificates import SERIAL_ALPHABET, new_serial, normalize_serial
from certification.services import (
    evaluate_user,
    expire_certificates,
    issue_certificate,
    revoke_certificate,
    standing_for,
)
from certification.signals import certificate_issued
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    accept_current_policy,
    make_ladder,
    make_lesson,
    record_completions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return EmployeeFactory().user


def test_serials_are_random_base32_in_groups_and_forgiving_to_type():
    serial = new_serial()
    groups = serial.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4, 4]
    assert set("".join(groups)) <= set(SERIAL_ALPHABET)
    assert len({new_serial() for _ in range(200)}) == 200
    assert normalize_serial(f"  {serial.lower().replace('-', ' ')} ") == serial
    for bad in ("", "ABCD", serial + "A", serial.replace(serial[0], "0"), "x" * 500, None):
        assert normalize_serial(bad) is None


def test_completing_the_last_requirement_issues_the_certificate_after_commit(
    ladder, person, django_capture_on_commit_callbacks, mailoutbox
):
    record_completions(person, ladder["basics"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        accept_current_policy(person, ladder["policy"])
    assert callbacks, "the evaluation is queued on commit, not run inside the transaction"
    certificate = Certificate.objects.get(holder=person)
    assert certificate.program == ladder["enthusiast"]
    assert certificate.status == CertificateStatus.VALID
    assert certificate.expires_at - certificate.issued_at == datetime.timedelta(days=365)
    assert [m.subject for m in mailoutbox] == ["You are now certified: Enthusiast"]
    assert certificate.verification_url() in mailoutbox[0].body


def test_a_real_course_completion_through_the_courses_app_issues_the_certificate(
    ladder, person, django_capture_on_commit_callbacks
):
    from courses.services import complete_lesson

    accept_current_policy(person, ladder["policy"])
    assert not Certificate.objects.exists()
    lesson = ladder["basics"].get_children().specific().first()
    with django_capture_on_commit_callbacks(execute=True):
        complete_lesson(person, lesson)
    assert list(Certificate.objects.values_list("program__slug", flat=True)) == ["enthusiast"]


def test_a_rolled_back_completion_queues_nothing(
    ladder, person, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from courses.services import complete_lesson

    accept_current_policy(person, ladder["policy"])
    lesson = ladder["basics"].get_children().specific().first()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            complete_lesson(person, lesson)
            raise RuntimeError("roll back")
    assert callbacks == []
    assert not Certificate.objects.exists()


def test_the_ladder_issues_lower_tiers_first_and_asks_for_approval_at_the_top(ladder, person):
    record_completions(person, ladder["basics"], ladder["engaging"])
    accept_current_policy(person, ladder["policy"])
    issued = evaluate_user(person)
    assert [c.program.slug for c in issued] == ["enthusiast", "professional"]
    approval = Approval.objects.get(applicant=person)
    assert approval.program == ladder["spokesperson"]
    assert approval.status == ApprovalStatus.PENDING
    # Judging again changes nothing: no duplicate certificate, no second request.
    assert evaluate_user(person) == []
    assert Certificate.objects.filter(holder=person).count() == 2
    assert Approval.objects.filter(applicant=person).count() == 1


def test_builds_on_needs_a_valid_certificate_of_the_lower_program(ladder, person):
    record_completions(person, ladder["basics"], ladder["engaging"])
    accept_current_policy(person, ladder["policy"])
    enthusiast = issue_certificate(person, ladder["enthusiast"])
    revoke_certificate(enthusiast, reason="Posted confidential figures.")
    standing = standing_for(person, ladder["professional"])
    assert not standing.prerequisite_held
    assert "Hold a valid Enthusiast certificate" in standing.steps
    assert [c.program.slug for c in evaluate_user(person)] == []


def test_nothing_issues_while_a_requirement_is_missing(ladder, person):
    record_completions(person, ladder["basics"])
    standing = standing_for(person, ladder["enthusiast"])
    assert standing.policy_missing and not standing.met
    assert standing.percent == 50
    assert evaluate_user(person) == []


def test_a_new_required_course_is_required_before_the_next_issue(ladder, person):
    from tests.factories import make_course

    record_completions(person, ladder["basics"])
    accept_current_policy(person, ladder["policy"])
    newer = make_course("Community guidelines", lessons=1, questions=0)
    ProgramCourse.objects.create(program=ladder["enthusiast"], course=newer, sort_order=5)
    assert evaluate_user(person) == []
    assert standing_for(person, ladder["enthusiast"]).missing_courses == [newer]


def test_leavers_and_inactive_users_are_not_certified(ladder, person):
    from certification.services import evaluate_user_id

    record_completions(person, ladder["basics"])
    accept_current_policy(person, ladder["policy"])
    person.employee.active = False
    person.employee.save()
    assert evaluate_user_id(person.pk) == []
    assert evaluate_user_id(987654321) == []
    person.employee.active = True
    person.employee.save()
    assert [c.program.slug for c in evaluate_user_id(person.pk)] == ["enthusiast"]


def test_one_valid_certificate_per_person_and_program_is_a_database_rule(ladder, person):
    first = issue_certificate(person, ladder["enthusiast"])
    assert first is not None
    assert issue_certificate(person, ladder["enthusiast"]) is None
    assert Certificate.objects.filter(holder=person).count() == 1
    constraint = {c.name for c in Certificate._meta.constraints}
    assert "certificate_one_valid_per_holder_program" in constraint


def test_the_issued_signal_is_sent_inside_the_transaction(ladder, person):
    seen = []

    def listener(sender, certificate, **kwargs):
        seen.append((certificate.serial, connection.in_atomic_block))

    certificate_issued.connect(listener)
    try:
        certificate = issue_certificate(person, ladder["enthusiast"])
    finally:
        certificate_issued.disconnect(listener)
    assert seen == [(certificate.serial, True)]


def test_a_failing_listener_rolls_the_issue_back(ladder, person):
    def broken(sender, certificate, **kwargs):
        raise RuntimeError("listener failed")

    certificate_issued.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            issue_certificate(person, ladder["enthusiast"])
    finally:
        certificate_issued.disconnect(broken)
    assert not Certificate.objects.exists()


def test_meeting_it_again_after_expiry_issues_a_new_one_and_keeps_history(ladder, person):
    record_completions(person, ladder["basics"])
    accept_current_policy(person, ladder["policy"])
    old = issue_certificate(
        person, ladder["enthusiast"], now=timezone.now() - datetime.timedelta(days=400)
    )
    expire_certificates()
    old.refresh_from_db()
    assert old.status == CertificateStatus.EXPIRED
    [renewed] = evaluate_user(person)
    assert renewed.pk != old.pk and renewed.serial != old.serial
    assert renewed.status == CertificateStatus.VALID
    assert list(
        Certificate.objects.filter(holder=person)
        .values_list("status", flat=True)
        .order_by("issued_at")
    ) == ["expired", "valid"]


def test_a_new_policy_version_must_be_accepted_to_renew(ladder, person):
    from tests.factories import publish_policy_change

    record_completions(person, ladder["basics"])
    accept_current_policy(person, ladder["policy"])
    issue_certificate(
        person, ladder["enthusiast"], now=timezone.now() - datetime.timedelta(days=400)
    )
    expire_certificates()
    publish_policy_change(ladder["policy"], "<p>Version two.</p>")
    standing = standing_for(person, ladder["enthusiast"])
    assert standing.renewing and standing.policy_missing
    assert evaluate_user(person) == []
    accept_current_policy(person, ladder["policy"])
    assert [c.program.slug for c in evaluate_user(person)] == ["enthusiast"]


def test_after_a_revocation_only_the_social_media_team_can_certify_again(ladder, person):
    from certification.services import decide

    record_completions(person, ladder["basics"])
    accept_current_policy(person, ladder["policy"])
    certificate = issue_certificate(person, ladder["enthusiast"])
    revoke_certificate(certificate, reason="Shared a customer's details.")
    assert evaluate_user(person) == []
    approval = Approval.objects.get(applicant=person, program=ladder["enthusiast"])
    assert approval.status == ApprovalStatus.PENDING
    reviewer = UserFactory(is_superuser=True)
    decide(approval, by=reviewer, approve=True, note="Retrained with the team.")
    [again] = evaluate_user(person)
    assert again.approval == approval


def test_new_lessons_do_not_undo_a_certificate(ladder, person):
    record_completions(person, ladder["basics"])
    accept_current_policy(person, ladder["policy"])
    [certificate] = evaluate_user(person)
    make_lesson(ladder["basics"], title="A new lesson")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def run_in_thread(target, results, index):
    try:
        results[index] = target()
    except Exception as exc:  # noqa: BLE001 - reported to the test below
        results[index] = exc
    finally:
        connections.close_all()


@pytest.mark.postgres
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="Real concurrency needs PostgreSQL: SQLite serialises every writer, so no race occurs.",
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_evaluations_issue_exactly_one_certificate(caplog):
    """Two workers judge the same person at once. The first holds its transaction open until
    the second is blocked on the unique index; then the second's insert fails and is absorbed."""
    from courses.models import PolicyAcceptance
    from courses.services import current_policy_version

    ladder = make_ladder()
    person = EmployeeFactory().user
    record_completions(person, ladder["basics"])
    # Straight to the table: the service's signal would already certify on commit here.
    PolicyAcceptance.objects.create(user=person, version=current_policy_version())
    assert not Certificate.objects.exists()

    caplog.set_level(logging.INFO, logger="certification.services.issuing")
    first_inside = threading.Event()
    gate = threading.Lock()

    def hold_until_the_other_waits(sender, certificate, **kwargs):
        if not gate.acquire(blocking=False):
            return
        first_inside.set()
        with connection.cursor() as cursor:
            for _ in range(600):
                # Activity statistics are a snapshot per transaction: refresh them each time.
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
                if cursor.fetchone()[0] >= 1:
                    return
                cursor.execute("SELECT pg_sleep(0.05)")
        raise AssertionError("The second worker never reached the insert.")

    certificate_issued.connect(hold_until_the_other_waits)
    results = [None, None]
    try:
        threads = [
            threading.Thread(target=run_in_thread, args=(lambda: evaluate_user(person), results, i))
            for i in range(2)
        ]
        threads[0].start()
        assert first_inside.wait(30), results
        threads[1].start()
        for thread in threads:
            thread.join(60)
    finally:
        certificate_issued.disconnect(hold_until_the_other_waits)

    assert not any(isinstance(r, Exception) for r in results), results
    assert sorted(len(r) for r in results) == [0, 1]
    assert Certificate.objects.filter(holder=person, status=CertificateStatus.VALID).count() == 1
    # The loser really raced: its insert hit the constraint and was absorbed.
    assert "already issued" in caplog.text
