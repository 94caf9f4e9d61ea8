"""Recertification: the window opens, what renewal asks for is archived and redone, and the
certificate is renewed without a gap; the access resting on it carries over, never denied."""

import datetime
import threading
import uuid

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone

from access import services as access_services
from access.check import check_access
from access.models import AccessGrant, AccessRequest, AuditAction, AuditEntry, RequestStatus
from certification import status_lists
from certification.models import (
    Certificate,
    CertificateStatus,
    LifecycleAction,
    LifecycleEvent,
    Recertification,
    RenewalRequirement,
)
from certification.services import (
    evaluate_user,
    expire_certificates,
    issue_certificate,
    revoke_certificate,
)
from certification.services.recertification import (
    open_recertification_windows,
    renew_in_window,
    renewal_due_items,
)
from courses.models import (
    ArchivedRecord,
    CourseCompletion,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    QuizPage,
)
from courses.services import complete_lesson, submit_attempt
from tests.factories import (
    UserFactory,
    WebhookEndpointFactory,
    account_with_roles,
    make_course,
    make_program,
    record_completions,
)
from webhooks.models import OutboxEvent

pytestmark = pytest.mark.django_db

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="Real concurrency needs PostgreSQL: SQLite serialises every writer, so no race occurs.",
)

DAY = datetime.timedelta(days=1)


@pytest.fixture
def course():
    return make_course("Posting with care", lessons=2, questions=2)


@pytest.fixture
def program(course):
    """Enthusiast (what an account's "monitor" role requires): one course, a 30-day window."""
    return make_program("enthusiast", courses=[course])


def finish(user, course, at=None):
    """Do the course in full: every lesson, then the quiz with the right answers."""
    for lesson in LessonPage.objects.child_of(course):
        complete_lesson(user, lesson, course=course, at=at)
    quiz = QuizPage.objects.child_of(course).first()
    if quiz is None:
        return None
    answers = {
        str(q.pk): [c.pk for c in q.choices.all() if c.is_correct] for q in quiz.questions.all()
    }
    attempt, _ = submit_attempt(user, quiz, uuid.uuid4(), answers, at=at)
    assert attempt.passed
    return attempt


def certified(program, course, days_ago, user=None):
    """A person who did the course and was certified `days_ago` days ago."""
    user = user or UserFactory()
    issued = timezone.now() - days_ago * DAY
    finish(user, course, at=issued)
    certificate = issue_certificate(user, program, now=issued)
    assert certificate is not None
    return user, certificate


def monitor_grant(user):
    account = account_with_roles()
    access_request = access_services.request_access(user, account, "monitor")
    assert access_request.grant_result is not None
    return account, access_request.grant_result


def allowed(user, account, now=None):
    return check_access(user.email, account.handle, "monitor", now=now).allowed


# --- The window ---------------------------------------------------------------------------


def test_the_window_opens_n_days_before_the_end_and_not_before(program, course, mailoutbox):
    _user, certificate = certified(program, course, days_ago=300)  # ends in 65 days
    opens = certificate.expires_at - 30 * DAY
    assert open_recertification_windows(now=opens - DAY) == []
    assert not Recertification.objects.exists()

    [cycle_id] = open_recertification_windows(now=opens + datetime.timedelta(minutes=1))
    cycle = Recertification.objects.get(pk=cycle_id)
    assert cycle.certificate == certificate
    assert cycle.requirement == RenewalRequirement.FULL
    assert cycle.course_ids == [course.pk]
    assert cycle.renewed_at is None
    event = LifecycleEvent.objects.get(action=LifecycleAction.WINDOW_OPENED)
    assert event.certificate == certificate and event.details["recertification"] == cycle_id
    # Once per certificate: the next day's sweep opens nothing again.
    assert open_recertification_windows(now=opens + DAY) == []


def test_the_holder_is_told_what_to_redo_and_by_when(
    program, course, mailoutbox, django_capture_on_commit_callbacks
):
    user, certificate = certified(program, course, days_ago=350)
    with django_capture_on_commit_callbacks(execute=True):
        open_recertification_windows()
    [mail] = [m for m in mailoutbox if "renewal is open" in m.subject]
    assert mail.to == [user.email]
    assert "Posting with care" in mail.body
    assert certificate.serial in mail.body
    assert "no gap" in mail.body


def test_a_full_renewal_archives_the_course_and_attempts_restart_at_one(program, course):
    user, certificate = certified(program, course, days_ago=350)
    assert CourseCompletion.objects.filter(user=user, course=course).exists()
    [cycle_id] = open_recertification_windows()

    assert not CourseCompletion.objects.filter(user=user).exists()
    assert not LessonCompletion.objects.filter(user=user).exists()
    assert not QuizAttempt.objects.filter(user=user).exists()
    archived = ArchivedRecord.objects.filter(user=user)
    assert archived.count() == 4  # two lessons, one attempt, the completion
    assert set(archived.values_list("reference", flat=True)) == {f"recertification:{cycle_id}"}
    # The certificate itself still stands until its end.
    certificate.refresh_from_db()
    assert certificate.is_valid

    quiz = QuizPage.objects.child_of(course).first()
    wrong = {
        str(q.pk): [c.pk for c in q.choices.all() if not c.is_correct][:1]
        for q in quiz.questions.all()
    }
    attempt, _ = submit_attempt(user, quiz, uuid.uuid4(), wrong)
    assert attempt.number == 1 and not attempt.passed


def test_a_refresher_renewal_archives_only_the_refresher(program, course):
    refresher = make_course("Refresher", lessons=1, questions=0)
    program.renewal_requirement = RenewalRequirement.REFRESHER
    program.refresher_course = refresher
    program.save()
    user, _certificate = certified(program, course, days_ago=350)
    finish(user, refresher)
    open_recertification_windows()

    assert CourseCompletion.objects.filter(user=user, course=course).exists()
    assert not CourseCompletion.objects.filter(user=user, course=refresher).exists()
    assert Recertification.objects.get().course_ids == [refresher.pk]


def test_a_quiz_renewal_archives_only_the_attempts(program, course):
    program.renewal_requirement = RenewalRequirement.QUIZ
    program.save()
    user, _certificate = certified(program, course, days_ago=350)
    open_recertification_windows()

    assert LessonCompletion.objects.filter(user=user).count() == 2
    assert not QuizAttempt.objects.filter(user=user).exists()
    assert not CourseCompletion.objects.filter(user=user).exists()
    # Redoing the quiz alone completes the course again.
    quiz = QuizPage.objects.child_of(course).first()
    answers = {
        str(q.pk): [c.pk for c in q.choices.all() if c.is_correct] for q in quiz.questions.all()
    }
    attempt, _ = submit_attempt(user, quiz, uuid.uuid4(), answers)
    assert attempt.number == 1 and attempt.passed
    assert CourseCompletion.objects.filter(user=user, course=course).exists()


def test_exemptions_revoked_and_superseded_certificates_open_no_window(program, course):
    _user, revoked = certified(program, course, days_ago=350)
    revoke_certificate(revoked, by=UserFactory(is_superuser=True), reason="Posted a secret")
    holder, old = certified(program, course, days_ago=800)  # expired long ago…
    issue_certificate(holder, program, now=timezone.now() - 10 * DAY)  # …and since replaced
    assert open_recertification_windows() == []


@pytest.mark.parametrize("people", [3, 12])
def test_the_sweep_costs_the_same_for_few_or_many(
    program, course, people, django_assert_max_num_queries
):
    holders = [certified(program, course, days_ago=350)[0] for _ in range(people)]
    with django_assert_max_num_queries(24):
        opened = open_recertification_windows()
    assert len(opened) == people
    assert not CourseCompletion.objects.filter(user__in=holders).exists()


def test_an_expired_certificate_of_a_program_without_a_window_opens_a_cycle(program, course):
    program.recertification_window_days = 0
    program.save()
    user, certificate = certified(program, course, days_ago=370)
    assert open_recertification_windows(now=timezone.now() - 10 * DAY) == []  # still valid then
    [cycle_id] = open_recertification_windows()
    assert Recertification.objects.get(pk=cycle_id).certificate == certificate
    assert not CourseCompletion.objects.filter(user=user).exists()


# --- Renewal inside the window --------------------------------------------------------------


def test_renewing_inside_the_window_leaves_no_gap_and_access_never_stops(
    program, course, client_for, django_capture_on_commit_callbacks
):
    WebhookEndpointFactory(events=["certificate.renewed"])
    user, old = certified(program, course, days_ago=350)
    account, grant = monitor_grant(user)
    assert allowed(user, account)
    open_recertification_windows()
    assert allowed(user, account)  # the window open: nothing changes for access

    # Redoing the course is the learning event that renews (the evaluation runs after it).
    with django_capture_on_commit_callbacks(execute=True):
        finish(user, course)

    old.refresh_from_db()
    new = Certificate.objects.get(renews=old)
    assert old.status == CertificateStatus.RENEWED
    assert new.status == CertificateStatus.VALID
    assert new.expires_at == old.expires_at + 365 * DAY  # no gap, no lost days
    cycle = Recertification.objects.get(certificate=old)
    assert cycle.renewed_at is not None and cycle.renewal == new
    assert LifecycleEvent.objects.filter(action=LifecycleAction.RENEWED, certificate=new).exists()
    event = OutboxEvent.objects.get(type="certificate.renewed")
    assert event.data["serial"] == new.serial and event.data["renews"]["serial"] == old.serial

    grant.refresh_from_db()
    assert grant.revoked_at is None
    assert grant.certificate == new and grant.expires_at == new.expires_at
    entry = AuditEntry.objects.get(action=AuditAction.RENEWED)
    assert entry.certificate == new and entry.details["grant_id"] == grant.pk
    assert not AuditEntry.objects.filter(action=AuditAction.REVOKED).exists()
    mine = client_for(user).get("/api/v1/me/access").json()["grants"]
    assert [(g["role"], g["active"]) for g in mine] == [("monitor", True)]

    # Allowed now, on the old end's day, after the nightly sweep, and to the new end.
    assert allowed(user, account)
    expire_certificates(now=old.expires_at + DAY)
    assert allowed(user, account, now=old.expires_at + DAY)
    assert allowed(user, account, now=new.expires_at - DAY)
    assert not allowed(user, account, now=new.expires_at + DAY)


def test_the_access_check_endpoint_answers_allowed_before_and_after_renewal(
    client, program, course
):
    from tests.factories import api_token

    token = api_token("access:check")[1]
    user, old = certified(program, course, days_ago=350)
    account, _grant = monitor_grant(user)

    def check():
        response = client.get(
            "/api/v1/access/check",
            {"user": user.email, "account": account.handle, "role": "monitor"},
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert response.status_code == 200
        return response.json()

    assert check()["allowed"] is True
    open_recertification_windows()
    assert check()["allowed"] is True
    finish(user, course)
    new = next(c for c in evaluate_user(user) if c.renews_id == old.pk)
    body = check()
    assert body["allowed"] is True
    assert body["until"].startswith(new.expires_at.isoformat()[:19])


def test_the_certificate_page_and_my_learning_show_the_open_window_then_the_renewal(
    program, course, client_for
):
    user, old = certified(program, course, days_ago=350)
    client = client_for(user)
    open_recertification_windows()

    page = client.get(old.get_absolute_url()).content.decode()
    assert "Renewal open until" in page and "Posting with care" in page
    [item] = renewal_due_items(user)
    assert "redo “Posting with care”" in item.title
    assert item.due_on == timezone.localdate(old.expires_at)
    assert "Renewal open" in client.get("/certificates/").content.decode()

    finish(user, course)
    [new] = evaluate_user(user)
    assert renewal_due_items(user) == []
    page = client.get(old.get_absolute_url()).content.decode()
    assert "Renewed: valid until" in page and new.serial in page
    assert "Renewed: valid until" in client.get("/certificates/").content.decode()

    # The public verification page: the old one is continued, and not valid itself.
    verification = client.get(old.verification_path()).content.decode()
    assert "Renewed — continued by" in verification and new.serial in verification
    assert "This certificate is valid." not in verification
    assert client.get(f"/api/v1/certificates/{old.serial}").json()["status"] == "renewed"


def test_a_renewed_certificate_is_not_listed_as_revoked_in_its_credential_status(program, course):
    user, old = certified(program, course, days_ago=350)
    entry = status_lists.entry_for(old)
    open_recertification_windows()
    finish(user, course)
    evaluate_user(user)
    assert entry.index not in set(status_lists.revoked_indices(entry.list_number))


def test_a_renewal_needs_the_courses_redone(program, course):
    user, old = certified(program, course, days_ago=350)
    open_recertification_windows()
    assert evaluate_user(user) == []
    old.refresh_from_db()
    assert old.status == CertificateStatus.VALID


def test_a_program_that_needs_approval_asks_for_it_again(course):
    program = make_program("vetted", courses=[course], requires_approval=True)
    user = UserFactory()
    finish(user, course, at=timezone.now() - 350 * DAY)
    from certification.models import Approval, ApprovalStatus

    first = Approval.objects.create(
        applicant=user,
        program=program,
        status=ApprovalStatus.APPROVED,
        decided_at=timezone.now() - 351 * DAY,
    )
    old = issue_certificate(user, program, approval=first, now=timezone.now() - 350 * DAY)
    open_recertification_windows()
    finish(user, course)
    assert evaluate_user(user) == []
    pending = Approval.objects.get(applicant=user, status=ApprovalStatus.PENDING)
    pending.status, pending.decided_at = ApprovalStatus.APPROVED, timezone.now()
    pending.save()
    [new] = evaluate_user(user)
    assert new.renews == old and new.approval == pending


# --- Renewal after expiry -------------------------------------------------------------------


def test_renewal_after_expiry_gives_access_back(program, course):
    user, old = certified(program, course, days_ago=370)
    open_account, _ = monitor_grant_at(user, requires_approval=False)
    vetted_account, _ = monitor_grant_at(user, requires_approval=True)
    expire_certificates()
    assert not allowed(user, open_account)
    [cycle_id] = open_recertification_windows()  # after expiry: the training is redone too
    assert evaluate_user(user) == []

    finish(user, course)
    new = next(c for c in evaluate_user(user) if c.program_id == program.pk)
    assert new.renews == old
    assert new.expires_at > timezone.now() + 364 * DAY
    assert Recertification.objects.get(pk=cycle_id).renewal == new
    assert allowed(user, open_account)
    regranted = AuditEntry.objects.get(action=AuditAction.GRANTED, certificate=new)
    assert regranted.reason == "Renewed after expiry"
    # An account that needs an owner's approval gets a new request instead.
    assert not allowed(user, vetted_account)
    waiting = AccessRequest.objects.get(account=vetted_account, status=RequestStatus.PENDING)
    assert waiting.user == user and waiting.role == "monitor"


def monitor_grant_at(user, requires_approval):
    """A grant made while the (now expired) certificate was valid."""
    account = account_with_roles(requires_approval=requires_approval)
    certificate = Certificate.objects.get(holder=user)
    grant = access_services.grant_access(
        user, account, "monitor", certificate, now=certificate.issued_at + DAY
    )
    return account, grant


# --- Refusals and races ---------------------------------------------------------------------


def test_renewing_a_revoked_certificate_is_refused_with_a_clear_message(
    program, course, client_for
):
    user, certificate = certified(program, course, days_ago=350)
    open_recertification_windows()
    revoke_certificate(certificate, by=UserFactory(is_superuser=True), reason="Leaked a draft")
    response = client_for(user).post(
        f"/certificates/{certificate.serial}/renew/", {"confirm": "yes"}
    )
    assert response.status_code == 409
    assert "A revoked certificate cannot be renewed" in response.content.decode()
    assert renew_in_window(certificate) is None
    assert Certificate.objects.filter(holder=user).count() == 1


def test_renewing_an_already_renewed_certificate_again_is_refused(program, course, client_for):
    user, old = certified(program, course, days_ago=350)
    open_recertification_windows()
    finish(user, course)
    evaluate_user(user)
    response = client_for(user).post(f"/certificates/{old.serial}/renew/", {"confirm": "yes"})
    assert response.status_code == 409
    assert "already renewed" in response.content.decode()
    assert renew_in_window(old) is None
    assert Certificate.objects.filter(holder=user).count() == 2


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_renewals_at_once_give_exactly_one_new_certificate(program, course):
    # Completions written directly (no signal): here, on commit, an evaluation would run at once.
    user = UserFactory()
    record_completions(user, course)
    old = issue_certificate(user, program, now=timezone.now() - 350 * DAY)
    monitor_grant(user)
    open_recertification_windows()
    record_completions(user, course)
    barrier = threading.Barrier(4)
    results, errors = [], []

    def renew():
        try:
            barrier.wait()
            results.append(renew_in_window(old))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=renew) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len([r for r in results if r is not None]) == 1
    assert Certificate.objects.filter(renews=old).count() == 1
    assert AccessGrant.objects.filter(certificate__renews=old, revoked_at=None).count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.RENEWED).count() == 1
