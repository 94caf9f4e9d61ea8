"""Requests and grants through the API: granted at once when covered, queued for owners where the
account asks, granted when the certificate comes, and every bad input a clear 4xx."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.utils import timezone

from access import services as access_services
from access.models import (
    AccessGrant,
    AccessRequest,
    AccountStatus,
    AuditAction,
    AuditEntry,
    RequestStatus,
)
from tests.factories import (
    EmployeeFactory,
    SocialAccountFactory,
    UserFactory,
    WebhookEndpointFactory,
    account_with_roles,
    certify,
)
from webhooks.models import OutboxEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return EmployeeFactory().user


@pytest.fixture
def owner():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def brand(owner):
    return account_with_roles(handle="NorthwindSystems", owners=[owner])


@pytest.fixture
def support(owner):
    return account_with_roles(handle="NorthwindSupport", requires_approval=True, owners=[owner])


def ask(client, account, role, note=""):
    return client.post(
        "/api/v1/access-requests",
        {"account": str(account), "role": role, "note": note},
        content_type="application/json",
    )


def decide(client, request_id, approve, note=""):
    return client.post(
        f"/api/v1/access-requests/{request_id}/decision",
        {"approve": approve, "note": note},
        content_type="application/json",
    )


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_granted_at_once_when_a_certificate_covers_the_role(client_for, person, brand, ladder):
    WebhookEndpointFactory()
    certificate = certify(person, ladder["professional"])
    response = ask(client_for(person), "@NorthwindSystems", "publish", "Launch week")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "approved"
    assert body["grant"]["certificate"] == certificate.serial
    assert body["grant"]["expires_at"].startswith(certificate.expires_at.isoformat()[:19])
    assert body["message"].startswith("Granted")

    grant = AccessGrant.objects.get()
    assert grant.certificate == certificate
    assert grant.expires_at == certificate.expires_at
    assert grant.granted_by is None and grant.request_id == body["id"]
    assert actions() == [AuditAction.REQUESTED, AuditAction.APPROVED, AuditAction.GRANTED]
    event = OutboxEvent.objects.get(type="access.granted")
    assert event.data["user"]["email"] == person.email
    assert event.data["account"]["handle"] == "NorthwindSystems"
    assert event.data["role"] == "publish"


def test_the_longest_lasting_covering_certificate_is_used(person, brand, ladder):
    # Professional (a year) issued 300 days ago; Spokesperson (180 days) now: it lasts longer.
    certify(person, ladder["professional"], now=timezone.now() - datetime.timedelta(days=300))
    spokesperson = certify(person, ladder["spokesperson"])
    access_request = access_services.request_access(person, brand, "publish")
    assert access_request.grant_result.certificate == spokesperson


def test_an_account_that_asks_for_approval_waits_for_an_owner(
    client_for, person, owner, support, ladder
):
    certify(person, ladder["professional"])
    response = ask(client_for(person), support.pk, "publish")
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert "owner" in response.json()["message"]
    assert (
        ladder["professional"].name not in response.json()["message"]
    )  # covered: only the owner is awaited
    assert not AccessGrant.objects.exists()

    queue = client_for(owner).get("/api/v1/access-requests")
    assert queue.status_code == 200
    assert [r["id"] for r in queue.json()["items"]] == [response.json()["id"]]

    decided = decide(client_for(owner), response.json()["id"], True, "Welcome aboard")
    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "approved"
    grant = AccessGrant.objects.get()
    assert grant.granted_by == owner
    approved = AuditEntry.objects.get(action=AuditAction.APPROVED)
    assert (approved.actor, approved.reason) == (owner, "Welcome aboard")


def test_an_owner_rejects_with_a_note(client_for, person, owner, support, ladder):
    certify(person, ladder["professional"])
    request_id = ask(client_for(person), support.pk, "publish").json()["id"]
    no_note = decide(client_for(owner), request_id, False)
    assert no_note.status_code == 400
    assert "why" in no_note.json()["message"]
    response = decide(client_for(owner), request_id, False, "Support rota is full")
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert AccessRequest.objects.get().decision_note == "Support rota is full"
    assert not AccessGrant.objects.exists()
    # Decided once: deciding again is a conflict.
    assert decide(client_for(owner), request_id, True).status_code == 409


def test_a_request_without_a_certificate_is_granted_when_the_certificate_comes(
    client_for, person, brand, ladder
):
    certify(person, ladder["enthusiast"])  # Enthusiast only
    response = ask(client_for(person), brand.pk, "publish")
    assert response.json()["status"] == "pending"
    # The person is told which certificate the role needs.
    message = response.json()["message"]
    assert f"needs a valid {ladder['professional'].name} certificate" in message, message

    professional = certify(person, ladder["professional"])

    access_request = AccessRequest.objects.get()
    assert access_request.status == RequestStatus.APPROVED
    assert access_request.grant.certificate == professional


def test_an_owner_cannot_approve_without_a_covering_certificate(
    client_for, person, owner, support, ladder
):
    certify(person, ladder["enthusiast"])
    asked = ask(client_for(person), support.pk, "publish").json()
    # Warned at once: the owner can approve only after the certificate is earned.
    assert "owner" in asked["message"] and ladder["professional"].name in asked["message"], asked[
        "message"
    ]
    request_id = asked["id"]
    response = decide(client_for(owner), request_id, True)
    assert response.status_code == 409
    assert "Professional" in response.json()["message"]
    assert AccessRequest.objects.get().status == RequestStatus.PENDING


def test_a_role_the_account_does_not_offer_is_422(client_for, person, ladder):
    account = SocialAccountFactory(handle="NorthwindBlog", platform="blog")
    certify(person, ladder["spokesperson"])
    response = ask(client_for(person), account.pk, "manage")
    assert response.status_code == 422
    assert response.json()["message"] == (
        "NorthwindBlog (Blog) does not offer the role manage: it offers no roles yet."
    )


def test_a_role_name_that_does_not_exist_is_422(client_for, person, brand):
    response = ask(client_for(person), brand.pk, "superuser")
    assert response.status_code == 422
    assert "role" in response.json()["message"]


def test_a_retired_account_takes_no_requests(client_for, person, brand, ladder):
    certify(person, ladder["professional"])
    brand.status = AccountStatus.RETIRED
    brand.save()
    response = ask(client_for(person), brand.pk, "publish")
    assert response.status_code == 409
    assert "retired" in response.json()["message"]


def test_asking_twice_for_the_same_role_is_409(client_for, person, support, brand, ladder):
    first = ask(client_for(person), support.pk, "publish")
    assert first.status_code == 201
    second = ask(client_for(person), support.pk, "publish")
    assert second.status_code == 409
    assert "already asked" in second.json()["message"]
    assert AccessRequest.objects.count() == 1

    certify(person, ladder["professional"])
    assert ask(client_for(person), brand.pk, "publish").status_code == 201
    held = ask(client_for(person), brand.pk, "publish")
    assert held.status_code == 409
    assert "already hold" in held.json()["message"]


def test_a_decision_by_someone_who_is_not_an_owner_is_403(client_for, person, support, ladder):
    certify(person, ladder["professional"])
    request_id = ask(client_for(person), support.pk, "publish").json()["id"]
    stranger = EmployeeFactory().user
    response = decide(client_for(stranger), request_id, True)
    assert response.status_code == 403
    assert "owners" in response.json()["message"]
    assert client_for(stranger).get("/api/v1/access-requests").status_code == 403
    # Nor may the requester approve their own request.
    assert decide(client_for(person), request_id, True).status_code == 403
    assert AccessRequest.objects.get().status == RequestStatus.PENDING


def test_an_owner_cannot_approve_their_own_request_but_staff_can(
    client_for, owner, support, ladder
):
    EmployeeFactory(user=owner)
    certify(owner, ladder["professional"])
    request_id = ask(client_for(owner), support.pk, "publish").json()["id"]
    assert decide(client_for(owner), request_id, True).status_code == 403
    staff = UserFactory(is_staff=True)
    assert decide(client_for(staff), request_id, True).status_code == 200


def test_unknown_account_is_404_and_unknown_request_is_404(client_for, person):
    assert ask(client_for(person), "NoSuchAccount", "publish").status_code == 404
    assert ask(client_for(person), "424242", "publish").status_code == 404
    assert decide(client_for(person), 424242, True).status_code == 404


def test_people_must_sign_in(client, brand):
    assert ask(client, brand.pk, "publish").status_code == 401
    assert client.get("/api/v1/me/access").status_code == 401


def test_an_inactive_person_cannot_ask(client_for, person, brand, ladder):
    certify(person, ladder["professional"])
    person.employee.active = False
    person.employee.save()
    response = ask(client_for(person), brand.pk, "publish")
    assert response.status_code == 403


def test_withdrawing_a_pending_request(client_for, person, support):
    request_id = ask(client_for(person), support.pk, "monitor").json()["id"]
    other = EmployeeFactory().user
    assert (
        client_for(other).post(f"/api/v1/access-requests/{request_id}/withdraw").status_code == 404
    )
    response = client_for(person).post(f"/api/v1/access-requests/{request_id}/withdraw")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert (
        client_for(person).post(f"/api/v1/access-requests/{request_id}/withdraw").status_code == 409
    )
    # Withdrawn, so asking again is fine.
    assert ask(client_for(person), support.pk, "monitor").status_code == 201


def test_the_database_allows_one_pending_request_and_one_active_grant(person, brand, ladder):
    certificate = certify(person, ladder["professional"])
    AccessRequest.objects.create(user=person, account=brand, role="publish")
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessRequest.objects.create(user=person, account=brand, role="publish")
    fields = {
        "user": person,
        "account": brand,
        "role": "publish",
        "certificate": certificate,
        "expires_at": certificate.expires_at,
    }
    AccessGrant.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessGrant.objects.create(**fields)
    AccessGrant.objects.update(revoked_at=certificate.issued_at, revoke_reason="manual")
    AccessGrant.objects.create(**fields)  # a new one after the revocation is fine


def test_my_access_shows_what_i_hold_and_until_when(client_for, person, brand, support, ladder):
    certificate = certify(person, ladder["professional"])
    ask(client_for(person), brand.pk, "publish")
    ask(client_for(person), support.pk, "monitor")
    body = client_for(person).get("/api/v1/me/access").json()
    assert [(g["account"]["handle"], g["role"]) for g in body["grants"]] == [
        ("NorthwindSystems", "publish")
    ]
    assert body["grants"][0]["expires_at"].startswith(certificate.expires_at.isoformat()[:19])
    assert body["grants"][0]["active"] is True
    assert [(r["account"]["handle"], r["status"]) for r in body["requests"]] == [
        ("NorthwindSupport", "pending")
    ]


def test_the_account_list_shows_roles_and_programs(
    client_for, person, brand, support, ladder, django_assert_max_num_queries
):
    SocialAccountFactory(status=AccountStatus.RETIRED)
    client = client_for(person)
    client.get("/api/v1/accounts")
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/accounts")
    body = response.json()
    assert body["count"] == 2
    first = next(a for a in body["items"] if a["handle"] == "NorthwindSystems")
    assert first["department"] == brand.department.name
    assert first["url"] == brand.url and first["status"] == "active"
    assert {r["role"]: r["program"]["slug"] for r in first["roles"]} == {
        "monitor": "enthusiast",
        "publish": "professional",
        "manage": "spokesperson",
    }
    retired = client.get("/api/v1/accounts", {"status": "retired"}).json()
    assert retired["count"] == 1
    assert client.get("/api/v1/accounts", {"status": "gone"}).status_code == 422


def test_an_integration_token_with_accounts_read_may_list_accounts(client, brand):
    from tests.factories import api_token

    raw = api_token("accounts:read")[1]
    response = client.get("/api/v1/accounts", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_owners_hear_of_a_waiting_request_and_the_requester_of_the_decision(
    client_for, person, owner, support, ladder, django_capture_on_commit_callbacks, mailoutbox
):
    certify(person, ladder["enthusiast"])  # Enthusiast only: the role needs Professional
    with django_capture_on_commit_callbacks(execute=True):
        request_id = ask(client_for(person), support.pk, "publish", "Weekend rota").json()["id"]
    [to_owner] = mailoutbox
    assert to_owner.to == [owner.email]
    assert person.get_full_name() in to_owner.subject and "@NorthwindSupport" in to_owner.subject
    assert "Weekend rota" in to_owner.body
    assert f"do not hold a valid {ladder['professional'].name} certificate yet" in to_owner.body
    assert "/admin/" in to_owner.body

    certify(person, ladder["professional"])
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(client_for(owner), request_id, False, "Rota is full").status_code == 200
    to_person = mailoutbox[-1]
    assert to_person.to == [person.email]
    assert to_person.subject.startswith("Not granted")
    assert "Rota is full" in to_person.body and "/my-access/" in to_person.body


def test_an_owner_hears_the_request_can_be_approved_now_and_the_approval_is_mailed(
    client_for, person, owner, support, ladder, django_capture_on_commit_callbacks, mailoutbox
):
    certify(person, ladder["professional"])
    with django_capture_on_commit_callbacks(execute=True):
        request_id = ask(client_for(person), support.pk, "publish").json()["id"]
    assert "you can approve or reject the request now" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        decide(client_for(owner), request_id, True, "Welcome")
    assert mailoutbox[-1].to == [person.email]
    assert mailoutbox[-1].subject == "Granted: publish on @NorthwindSupport"


def test_a_request_granted_when_the_certificate_comes_is_mailed_but_not_one_granted_at_once(
    client_for, person, brand, ladder, django_capture_on_commit_callbacks, mailoutbox
):
    certify(person, ladder["enthusiast"])
    with django_capture_on_commit_callbacks(execute=True):
        ask(client_for(person), brand.pk, "publish")
    assert mailoutbox == []  # no approval asked of anyone: nobody is mailed
    with django_capture_on_commit_callbacks(execute=True):
        certify(person, ladder["professional"])
    granted = [m for m in mailoutbox if m.subject.startswith("Granted")]
    assert [m.to for m in granted] == [[person.email]]
    assert f"your {ladder['professional'].name} certificate covers it" in granted[0].body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ask(client_for(person), brand.pk, "monitor")
    assert not [m for m in mailoutbox if "monitor" in m.subject]
