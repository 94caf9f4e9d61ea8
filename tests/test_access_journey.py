"""Done when: in the demo, `employee` with Enthusiast cannot publish on the brand account, earns
Professional, requests and receives publish, the access check says allowed; the certificate is
revoked and the check says denied with the reason, while a local webhook receiver received
access.granted and access.revoked with valid signatures."""

import hashlib
import hmac
import json
import uuid

import pytest
from django.contrib.auth import get_user_model

from access.models import AccessGrant, AuditAction, AuditEntry, SocialAccount
from certification.models import Certificate, Program
from lms.models import ApiToken
from tests.factories import WebhookReceiver
from webhooks.models import WebhookEndpoint

SECRET = "whsec_journey_secret_for_the_receiver"


def learn(user, program):
    """Do what the program asks, the way the site records it: accept the policy, finish every
    lesson and pass every quiz of its courses (and of the programs it builds on)."""
    from courses.models import CoursePage, LessonPage, PolicyPage, QuizAttempt, QuizPage
    from courses.services import accept_policy, complete_lesson, load_questions, submit_attempt

    if any(p.requires_policy for p in program.lineage()):
        accept_policy(user, PolicyPage.objects.live().first())
    course_ids = [cid for p in program.lineage() for cid in p.own_course_ids()]
    for course in CoursePage.objects.filter(pk__in=course_ids):
        for lesson in LessonPage.objects.live().child_of(course):
            complete_lesson(user, lesson, course)
        quiz = QuizPage.objects.live().child_of(course).first()
        if (
            quiz is not None
            and not QuizAttempt.objects.filter(user=user, quiz=quiz, passed=True).exists()
        ):
            questions = load_questions(quiz)
            right = {q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in questions}
            attempt, _ = submit_attempt(user, quiz, uuid.uuid4().hex, right)
            assert attempt.passed


def check(client, token, user, role="publish"):
    return client.get(
        "/api/v1/access/check",
        {"user": user.email, "account": "@NorthwindSystems", "role": role},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    ).json()


def signature_is_valid(request):
    expected = hmac.new(SECRET.encode(), request["body"], hashlib.sha256).hexdigest()
    return hmac.compare_digest(request["headers"]["x-signature"], f"sha256={expected}")


@pytest.mark.django_db
def test_the_employee_journey_from_enthusiast_to_publish_and_back(
    demo, client, client_for, django_capture_on_commit_callbacks
):
    employee = get_user_model().objects.get(username="employee")
    admin = get_user_model().objects.get(username="admin")
    brand = SocialAccount.objects.get(platform="x", handle="NorthwindSystems")
    enthusiast = Program.objects.get(slug="enthusiast")
    professional = Program.objects.get(slug="professional")
    assert brand.roles.get(role="publish").program == professional
    assert not Certificate.objects.filter(holder=employee).exists()  # starts from zero
    assert not AccessGrant.objects.filter(user=employee).exists()
    _token, raw_token = ApiToken.issue("Publishing tool", ["access:check"])

    with WebhookReceiver() as receiver:
        endpoint = WebhookEndpoint(
            name="Publishing tool", url=receiver.url, events=["access.granted", "access.revoked"]
        )
        endpoint.set_secret(SECRET)
        endpoint.save()

        # With Enthusiast only, publishing on the brand account is denied.
        with django_capture_on_commit_callbacks(execute=True):
            learn(employee, enthusiast)
        assert Certificate.objects.valid().filter(holder=employee, program=enthusiast).exists()
        denied = check(client, raw_token, employee)
        assert (denied["allowed"], denied["reason"]) == (False, "no_certificate")

        # Earn Professional, ask for publish: granted at once.
        with django_capture_on_commit_callbacks(execute=True):
            learn(employee, professional)
        certificate = Certificate.objects.valid().get(holder=employee, program=professional)
        session = client_for(employee)
        with django_capture_on_commit_callbacks(execute=True):
            response = session.post(
                "/api/v1/access-requests",
                {"account": "@NorthwindSystems", "role": "publish", "note": "Launch rota"},
                content_type="application/json",
            )
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "approved"
        mine = session.get("/api/v1/me/access").json()["grants"]
        assert [(g["account"]["handle"], g["role"]) for g in mine] == [
            ("NorthwindSystems", "publish")
        ]

        allowed = check(client, raw_token, employee)
        assert (allowed["allowed"], allowed["reason"]) == (True, "granted")
        assert allowed["until"].startswith(certificate.expires_at.isoformat()[:19])

        # The certificate is revoked by staff: the very next check says no, and why.
        with django_capture_on_commit_callbacks(execute=True):
            revoked = client_for(admin).post(
                f"/api/v1/certificates/{certificate.serial}/revoke",
                {"reason": "Shared an unannounced product on a personal account."},
                content_type="application/json",
            )
        assert revoked.status_code == 200, revoked.content
        denied = check(client, raw_token, employee)
        assert (denied["allowed"], denied["reason"], denied["until"]) == (
            False,
            "certificate_revoked",
            None,
        )

    # The receiver got both events, signed with the endpoint's secret.
    types = [json.loads(r["body"])["type"] for r in receiver.received]
    assert types == ["access.granted", "access.revoked"]
    assert all(signature_is_valid(r) for r in receiver.received)
    granted, revoked_event = (json.loads(r["body"]) for r in receiver.received)
    assert granted["id"] != revoked_event["id"]
    for event in (granted, revoked_event):
        assert event["data"]["user"]["email"] == employee.email
        assert event["data"]["account"]["handle"] == "NorthwindSystems"
        assert event["data"]["role"] == "publish"
        assert event["data"]["certificate"]["serial"] == certificate.serial
    assert revoked_event["data"]["reason"] == "certificate_revoked"
    assert [r["headers"]["x-event-id"] for r in receiver.received] == [
        granted["id"],
        revoked_event["id"],
    ]

    # And the audit log tells the whole story.
    story = AuditEntry.objects.filter(subject=employee, account=brand).order_by("pk")
    assert [e.action for e in story] == [
        AuditAction.REQUESTED,
        AuditAction.APPROVED,
        AuditAction.GRANTED,
        AuditAction.REVOKED,
    ]
    assert story.last().actor == admin
