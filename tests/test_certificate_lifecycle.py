"""Manual lifecycle actions of staff (issue 17): extend a certificate, grant an exemption,
reinstate a revoked certificate, reset a person's quiz attempts. Each needs a reason, is logged
and sent as a webhook; a scoped HR user acts only for the people of their departments."""

import datetime
import json
import uuid

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from access import services as access_services
from access.check import check_access
from certification import status_lists
from certification.models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    LifecycleAction,
    LifecycleEvent,
)
from certification.services import expire_certificates, lifecycle, revoke_certificate
from courses.models import ArchivedRecord, QuizAttempt, QuizPage
from courses.services import QuizClosed, attempt_state, check_may_attempt, submit_attempt
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    WebhookEndpointFactory,
    access_ladder,
    account_with_roles,
    api_token,
    certify,
    make_course,
    make_department,
    make_hr_user,
)
from webhooks.models import OutboxEvent
from webhooks.registry import subscribable_events

pytestmark = pytest.mark.django_db

LIFECYCLE_TYPES = [
    "certificate.extended",
    "certificate.exempted",
    "certificate.reinstated",
    "quiz.attempts_reset",
]


@pytest.fixture
def org():
    company = make_department("Company")
    return {
        "company": company,
        "sales": make_department("Sales", company),
        "support": make_department("Support", company),
    }


@pytest.fixture
def holder(org):
    return EmployeeFactory(
        department=org["sales"], employee_id="S-1", user__email="sam@northwind.example"
    ).user


@pytest.fixture
def outsider(org):
    return EmployeeFactory(department=org["support"], employee_id="O-1").user


@pytest.fixture
def program():
    return access_ladder()["professional"]


@pytest.fixture
def certificate(holder, program):
    return certify(holder, program)


@pytest.fixture
def officer():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["manage_certificate_lifecycle", "access_admin", "view_certificate"]
        )
    )
    return user


@pytest.fixture
def sales_hr(org):
    return make_hr_user(scope=[org["sales"]])


@pytest.fixture
def endpoint():
    return WebhookEndpointFactory(events=LIFECYCLE_TYPES)


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def later(days):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def webhooks(event_type):
    return list(OutboxEvent.objects.filter(type=event_type))


def failed_quiz(user, max_attempts=1):
    course = make_course("Basics", lessons=0, questions=1)
    quiz = QuizPage.objects.child_of(course).get()
    QuizPage.objects.filter(pk=quiz.pk).update(max_attempts=max_attempts)
    quiz.refresh_from_db()
    wrong = {
        str(q.pk): [c.pk for c in q.choices.all() if not c.is_correct][:1]
        for q in quiz.questions.all()
    }
    for _ in range(max_attempts):
        attempt, _created = submit_attempt(user, quiz, uuid.uuid4(), wrong)
        assert not attempt.passed
    with pytest.raises(QuizClosed):
        check_may_attempt(attempt_state(user, quiz))
    return quiz


# --- Extend ------------------------------------------------------------------------------------


def test_staff_extend_a_certificate_logged_sent_and_access_follows(
    client_for, officer, holder, certificate, endpoint
):
    account = account_with_roles(handle="NorthwindNews")
    access_services.request_access(holder, account, "publish")
    old_end = certificate.expires_at

    response = post_json(
        client_for(officer),
        f"/api/v1/certificates/{certificate.serial}/extend",
        {"until": later(500), "reason": "Parental leave: renewal postponed."},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["action"] == "certificate.extended"
    assert body["certificate"]["status"] == "valid"
    certificate.refresh_from_db()
    assert timezone.localdate(certificate.expires_at) == timezone.localdate() + datetime.timedelta(
        days=500
    )
    [event] = LifecycleEvent.objects.all()
    assert event.action == LifecycleAction.EXTENDED
    assert (event.actor, event.subject, event.certificate) == (officer, holder, certificate)
    assert event.reason == "Parental leave: renewal postponed."
    assert event.details["old_expires_at"] == old_end.isoformat()
    [hook] = webhooks("certificate.extended")
    assert hook.data["reason"] == "Parental leave: renewal postponed."
    assert hook.data["certificate"]["serial"] == certificate.serial
    assert hook.data["person"]["employee_id"] == "S-1"
    result = check_access(holder.email, "NorthwindNews", "publish")
    assert result.allowed


def test_an_expired_certificate_extended_is_valid_again(officer, holder, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=timezone.now() - datetime.timedelta(days=400),
        expires_at=timezone.now() - datetime.timedelta(days=35),
    )
    expire_certificates()
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.EXPIRED

    lifecycle.extend_certificate(
        certificate,
        until=timezone.localdate() + datetime.timedelta(days=60),
        reason="Audit.",
        by=officer,
    )

    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID and certificate.is_valid
    assert LifecycleEvent.objects.get().details["old_status"] == "expired"


def test_extending_a_revoked_certificate_is_a_conflict(client_for, officer, certificate):
    revoke_certificate(certificate, reason="Leaked a roadmap.", by=officer)
    end = certificate.expires_at

    response = post_json(
        client_for(officer),
        f"/api/v1/certificates/{certificate.serial}/extend",
        {"until": later(500), "reason": "Please."},
    )

    assert response.status_code == 409
    assert response.json() == {
        "message": "A revoked certificate cannot be extended; reinstate it first."
    }
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED and certificate.expires_at == end
    assert not LifecycleEvent.objects.exists()


@pytest.mark.parametrize(
    ("until", "message"),
    [
        (-3, "The end date must be in the future."),
        (10, "The new end date must be after the current one"),
        (365 * 6, "The end date may be at most 5 years ahead."),
    ],
)
def test_extending_to_a_bad_date_is_400(client_for, officer, certificate, until, message):
    response = post_json(
        client_for(officer),
        f"/api/v1/certificates/{certificate.serial}/extend",
        {"until": later(until), "reason": "Because."},
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith(message)
    assert not LifecycleEvent.objects.exists()


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001, None])
def test_a_reason_is_required_and_at_most_2000_characters(client_for, officer, certificate, reason):
    body = {"until": later(500)}
    if reason is not None:
        body["reason"] = reason
    response = post_json(
        client_for(officer), f"/api/v1/certificates/{certificate.serial}/extend", body
    )
    assert response.status_code == 422
    assert "reason" in response.json()["message"]
    # The service says the same to any other caller.
    with pytest.raises(lifecycle.InvalidInput) as refused:
        lifecycle.extend_certificate(
            certificate,
            until=timezone.localdate() + datetime.timedelta(days=500),
            reason=reason,
            by=officer,
        )
    assert refused.value.status == 400 and refused.value.field == "reason"
    assert not LifecycleEvent.objects.exists()


# --- Exemption ---------------------------------------------------------------------------------


def test_a_scoped_hr_user_grants_an_exemption_that_counts_as_certified(
    client, client_for, sales_hr, holder, program, endpoint, signing_key
):
    account = account_with_roles(handle="NorthwindNews")
    waiting = access_services.request_access(holder, account, "publish")
    assert waiting.grant_result is None
    response = post_json(
        client_for(sales_hr),
        "/api/v1/exemptions",
        {"employee_id": "S-1", "program": program.slug, "until": later(90), "reason": "Ex-agency."},
    )

    assert response.status_code == 200, response.content
    exemption = Certificate.objects.get(holder=holder)
    assert exemption.kind == CertificateKind.EXEMPTION and exemption.is_valid
    assert response.json()["certificate"]["kind"] == "exemption"
    event = LifecycleEvent.objects.get()
    assert (event.action, event.actor, event.certificate) == (
        LifecycleAction.EXEMPTED,
        sales_hr,
        exemption,
    )
    assert webhooks("certificate.exempted")[0].data["certificate"]["kind"] == "exemption"
    # The request waiting for a certificate is granted on it, as on an earned certificate.
    assert check_access(holder.email, "NorthwindNews", "publish").allowed

    # Public verification says what it is; no credential, badge, PDF or wallet page.
    page = client.get(reverse("certification:verify", args=[exemption.serial])).content.decode()
    assert "Exemption until" in page and "This certificate is valid." not in page
    assert client.get(f"/api/v1/certificates/{exemption.serial}").json()["kind"] == "exemption"
    own = client_for(holder)
    credential = own.get(f"/api/v1/certificates/{exemption.serial}/credential")
    assert credential.status_code == 404
    assert "exemption" in credential.json()["message"]
    for name in ("credential", "certificate_pdf", "badge_png", "credential_file"):
        assert own.get(reverse(f"certification:{name}", args=[exemption.serial])).status_code == 404
    detail = own.get(exemption.get_absolute_url()).content.decode()
    assert "Download PDF" not in detail and "no PDF, badge or credential" in detail


def test_an_exemption_for_someone_already_certified_is_a_conflict(
    client_for, officer, holder, program, certificate
):
    response = post_json(
        client_for(officer),
        "/api/v1/exemptions",
        {"employee_id": "S-1", "program": program.slug, "until": later(90), "reason": "Why not."},
    )
    assert response.status_code == 409
    assert "already holds a valid Professional certificate" in response.json()["message"]
    assert Certificate.objects.filter(holder=holder).count() == 1


def test_an_exemption_in_the_past_or_for_an_unknown_program_is_refused(client_for, officer, holder):
    client = client_for(officer)
    past = post_json(
        client,
        "/api/v1/exemptions",
        {"employee_id": "S-1", "program": "professional", "until": later(-1), "reason": "R."},
    )
    access_ladder()
    assert past.status_code in (400, 404)
    past = post_json(
        client,
        "/api/v1/exemptions",
        {"employee_id": "S-1", "program": "professional", "until": later(-1), "reason": "R."},
    )
    assert past.status_code == 400
    assert past.json() == {"message": "The end date must be in the future."}
    unknown = post_json(
        client,
        "/api/v1/exemptions",
        {"employee_id": "S-1", "program": "nope", "until": later(9), "reason": "R."},
    )
    assert unknown.status_code == 404
    assert not Certificate.objects.exists()


# --- Reinstate ---------------------------------------------------------------------------------


def test_reinstating_a_revoked_certificate_unrevokes_it_in_the_status_list(
    client_for, officer, holder, certificate, endpoint
):
    entry = status_lists.entry_for(certificate)
    revoke_certificate(certificate, reason="Mistaken identity.", by=officer)
    assert entry.index in status_lists.revoked_indices(entry.list_number)

    response = post_json(
        client_for(officer),
        f"/api/v1/certificates/{certificate.serial}/reinstate",
        {"reason": "The report was about someone else."},
    )

    assert response.status_code == 200, response.content
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    assert (certificate.revoked_at, certificate.revoked_by, certificate.revocation_reason) == (
        None,
        None,
        "",
    )
    event = LifecycleEvent.objects.get()
    assert event.details["revocation_reason"] == "Mistaken identity."
    assert event.details["revoked_by"] == officer.pk and event.details["revoked_at"]
    assert entry.index not in status_lists.revoked_indices(entry.list_number)
    assert webhooks("certificate.reinstated")[0].data["certificate"]["status"] == "valid"
    # The grants revoked with it stay revoked; asking again is granted at once.
    account = account_with_roles(handle="NorthwindNews")
    access_services.request_access(holder, account, "publish")
    assert check_access(holder.email, "NorthwindNews", "publish").allowed


def test_reinstating_a_valid_certificate_is_a_conflict(client_for, officer, certificate):
    response = post_json(
        client_for(officer),
        f"/api/v1/certificates/{certificate.serial}/reinstate",
        {"reason": "Just in case."},
    )
    assert response.status_code == 409
    assert response.json() == {
        "message": "Only a revoked certificate can be reinstated; this one is valid."
    }
    assert not LifecycleEvent.objects.exists()


def test_reinstating_when_another_certificate_is_valid_or_it_has_ended_is_refused(
    officer, holder, program, certificate
):
    revoke_certificate(certificate, reason="Oops.", by=officer)
    newer = certify(holder, program)
    with pytest.raises(lifecycle.WrongState, match="already holds a valid"):
        lifecycle.reinstate_certificate(certificate, reason="Back.", by=officer)
    revoke_certificate(newer, reason="Again.", by=officer)
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=timezone.now() - datetime.timedelta(days=400),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    certificate.refresh_from_db()
    with pytest.raises(lifecycle.WrongState, match="cannot be reinstated") as refused:
        lifecycle.reinstate_certificate(certificate, reason="Back.", by=officer)
    assert refused.value.status == 409


# --- Quiz attempts -----------------------------------------------------------------------------


def test_resetting_attempts_lets_someone_who_used_them_all_try_again(
    client_for, sales_hr, holder, endpoint
):
    quiz = failed_quiz(holder)

    response = post_json(
        client_for(sales_hr),
        f"/api/v1/people/S-1/quizzes/{quiz.pk}/reset-attempts",
        {"reason": "The quiz had a wrong answer key."},
    )

    assert response.status_code == 200, response.content
    event = LifecycleEvent.objects.get()
    assert event.action == LifecycleAction.ATTEMPTS_RESET
    assert event.details == {"quiz_id": quiz.pk, "quiz": quiz.title, "attempts": 1}
    assert not QuizAttempt.objects.filter(user=holder).exists()
    archived = ArchivedRecord.objects.get(user=holder)
    assert (archived.reason, archived.reference) == ("attempts_reset", f"lifecycle:{event.pk}")
    check_may_attempt(attempt_state(holder, quiz))  # no longer closed
    assert webhooks("quiz.attempts_reset")[0].data["details"]["quiz_id"] == quiz.pk


def test_a_scoped_hr_user_cannot_reset_another_departments_person(client_for, sales_hr, outsider):
    quiz = failed_quiz(outsider)
    client = client_for(sales_hr)

    response = post_json(
        client,
        f"/api/v1/people/O-1/quizzes/{quiz.pk}/reset-attempts",
        {"reason": "Let them in."},
    )
    unknown = post_json(
        client, f"/api/v1/people/NOBODY/quizzes/{quiz.pk}/reset-attempts", {"reason": "R."}
    )
    admin = client.post(
        reverse("certification_lifecycle:reset_attempts", args=[outsider.pk]),
        {"quiz": quiz.pk, "reason": "Let them in."},
    )

    assert response.status_code == 404
    assert response.json() == unknown.json() == {"message": "No person has this employee id."}
    assert admin.status_code == 404
    assert QuizAttempt.objects.filter(user=outsider).count() == 1
    assert not LifecycleEvent.objects.exists()


def test_resetting_when_there_is_nothing_to_reset_is_a_conflict(client_for, officer, holder):
    course = make_course("Basics", lessons=0, questions=1)
    quiz = QuizPage.objects.child_of(course).get()
    response = post_json(
        client_for(officer),
        f"/api/v1/people/S-1/quizzes/{quiz.pk}/reset-attempts",
        {"reason": "R."},
    )
    assert response.status_code == 409
    missing = post_json(
        client_for(officer), "/api/v1/people/S-1/quizzes/999999/reset-attempts", {"reason": "R."}
    )
    assert missing.status_code == 404


# --- Who may -----------------------------------------------------------------------------------


def test_a_plain_employee_may_do_none_of_it(client_for, holder, certificate, program):
    client = client_for(holder)
    for url, body in [
        (f"/api/v1/certificates/{certificate.serial}/extend", {"until": later(500), "reason": "R"}),
        (f"/api/v1/certificates/{certificate.serial}/reinstate", {"reason": "R"}),
        (
            "/api/v1/exemptions",
            {"employee_id": "S-1", "program": program.slug, "until": later(9), "reason": "R"},
        ),
        ("/api/v1/people/S-1/quizzes/1/reset-attempts", {"reason": "R"}),
    ]:
        response = post_json(client, url, body)
        assert response.status_code == 403, url
    for url in [
        reverse("certification_certificates:extend", args=[certificate.pk]),
        reverse("certification_lifecycle:exemption"),
        reverse("certification_lifecycle:index"),
        reverse("certification_lifecycle:reset_attempts", args=[holder.pk]),
    ]:
        assert client.get(url).status_code in (302, 403), url
    certificate.refresh_from_db()
    assert certificate.expires_at > timezone.now() and not LifecycleEvent.objects.exists()


def test_tokens_need_the_lifecycle_scope(client, certificate):
    _token, wrong = api_token("certificates:revoke")
    _token, right = api_token("certificates:lifecycle")
    url = f"/api/v1/certificates/{certificate.serial}/extend"
    body = {"until": later(500), "reason": "Contract extended."}
    assert post_json(client, url, body, HTTP_AUTHORIZATION=f"Bearer {wrong}").status_code == 403
    response = post_json(client, url, body, HTTP_AUTHORIZATION=f"Bearer {right}")
    assert response.status_code == 200
    assert LifecycleEvent.objects.get().actor is None


def test_the_lifecycle_events_can_be_subscribed_to():
    types = [value for value, _label in subscribable_events()]
    assert set(LIFECYCLE_TYPES) <= set(types)


# --- The admin ---------------------------------------------------------------------------------


def test_staff_extend_and_reinstate_from_the_certificate_screen(client_for, officer, certificate):
    client = client_for(officer)
    inspect = client.get(reverse("certification_certificates:inspect", args=[certificate.pk]))
    assert (
        "Extend" in inspect.content.decode() and "Reset quiz attempts" in inspect.content.decode()
    )
    url = reverse("certification_certificates:extend", args=[certificate.pk])
    assert client.get(url).status_code == 200

    empty = client.post(url, {"until": later(500), "reason": "  "})
    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
    early = client.post(url, {"until": later(-2), "reason": "R."})
    assert "The end date must be in the future." in early.content.decode()
    done = client.post(url, {"until": later(500), "reason": "Long leave."})
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert timezone.localdate(certificate.expires_at) == timezone.localdate() + datetime.timedelta(
        days=500
    )

    revoke_certificate(certificate, reason="Oops.", by=officer)
    reinstate = reverse("certification_certificates:reinstate", args=[certificate.pk])
    assert client.post(reinstate, {"reason": "Undo."}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    again = client.post(reinstate, {"reason": "Undo."})
    assert "Only a revoked certificate can be reinstated" in again.content.decode()


def test_hr_grants_an_exemption_and_resets_attempts_in_the_admin(
    client_for, sales_hr, holder, outsider, program
):
    client = client_for(sales_hr)
    url = reverse("certification_lifecycle:exemption")
    assert client.get(url).status_code == 200
    other = client.post(
        url, {"employee_id": "O-1", "program": program.pk, "until": later(30), "reason": "R."}
    )
    assert "No person has this employee id." in other.content.decode()
    assert (
        client.post(
            url, {"employee_id": "S-1", "program": program.pk, "until": later(30), "reason": "R."}
        ).status_code
        == 302
    )
    assert Certificate.objects.get(holder=holder).kind == CertificateKind.EXEMPTION

    quiz = failed_quiz(holder)
    chosen = client.post(reverse("certification_lifecycle:choose_person"), {"employee_id": "S-1"})
    assert chosen.status_code == 302
    assert chosen["Location"] == reverse("certification_lifecycle:reset_attempts", args=[holder.pk])
    page = client.get(chosen["Location"]).content.decode()
    assert quiz.title in page
    done = client.post(chosen["Location"], {"quiz": quiz.pk, "reason": "Wrong key."})
    assert done.status_code == 302
    assert not QuizAttempt.objects.filter(user=holder).exists()


def test_the_lifecycle_log_lists_and_filters_in_few_queries_within_the_scope(
    client_for, officer, sales_hr, org, program, django_assert_max_num_queries
):
    people = [EmployeeFactory(department=org["sales"]).user for _ in range(4)]
    people += [EmployeeFactory(department=org["support"]).user for _ in range(4)]
    for person in people:
        lifecycle.grant_exemption(
            person,
            program,
            until=timezone.localdate() + datetime.timedelta(days=30),
            reason="R.",
            by=officer,
        )
    url = reverse("certification_lifecycle:index")

    staff = client_for(officer)
    staff.get(url)  # warm the caches (site, menus)
    with django_assert_max_num_queries(11):
        response = staff.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Exemption granted") >= 8

    hr = client_for(sales_hr)
    hr.get(url)
    with django_assert_max_num_queries(12):
        scoped = hr.get(url, {"action": "certificate.exempted"})
    page = scoped.content.decode()
    assert all(p.last_name in page for p in people[:4])
    assert not any(p.email in page for p in people[4:])
    person = hr.get(url, {"person": people[0].employee.employee_id}).content.decode()
    assert people[0].last_name in person and people[1].last_name not in person
    foreign = LifecycleEvent.objects.get(subject=people[5])
    inspect = hr.get(reverse("certification_lifecycle:inspect", args=[foreign.pk]))
    assert inspect.status_code in (302, 403, 404)
