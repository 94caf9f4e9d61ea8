"""Revocation: staff with the right, or a token with certificates:revoke; a reason is required;
who, when and why are kept; the holder is told; revoking twice is refused."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from certification.models import Certificate, CertificateStatus
from certification.services import AlreadyRevoked, issue_certificate, revoke_certificate
from certification.signals import certificate_revoked
from tests.factories import EmployeeFactory, UserFactory, api_token, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(db):
    holder = EmployeeFactory(user__email="holder@example.com").user
    return issue_certificate(holder, make_program("enthusiast"))


@pytest.fixture
def officer(db):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="revoke_certificate"),
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_certificate"),
    )
    return user


def revoke_url(certificate):
    return f"/api/v1/certificates/{certificate.serial}/revoke"


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_staff_with_the_right_revoke_with_a_reason_and_it_is_kept(
    client_for, officer, certificate, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(
            client_for(officer), revoke_url(certificate), {"reason": "  Leaked a roadmap.  "}
        )
    assert response.status_code == 200
    assert response.json()["status"] == "revoked"
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoked_by == officer
    assert certificate.revocation_reason == "Leaked a roadmap."
    assert certificate.revoked_at is not None
    [mail] = mailoutbox
    assert mail.to == ["holder@example.com"]
    assert "revoked" in mail.subject and "Leaked a roadmap." in mail.body


def test_revoking_twice_is_a_conflict(client_for, officer, certificate):
    client = client_for(officer)
    assert post_json(client, revoke_url(certificate), {"reason": "First."}).status_code == 200
    second = post_json(client, revoke_url(certificate), {"reason": "Second."})
    assert second.status_code == 409
    assert second.json() == {"message": "This certificate was already revoked."}
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "First."


@pytest.mark.parametrize(
    "body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": "x" * 2001}, {"reason": 12}]
)
def test_revoking_without_a_proper_reason_is_422(client_for, officer, certificate, body):
    response = post_json(client_for(officer), revoke_url(certificate), body)
    assert response.status_code == 422
    assert "message" in response.json()
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def test_a_malformed_body_is_a_4xx(client_for, officer, certificate):
    response = client_for(officer).post(
        revoke_url(certificate), "{not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500


def test_an_employee_cannot_revoke_not_even_their_own(client_for, certificate):
    for user in (certificate.holder, UserFactory(is_staff=True)):
        response = post_json(client_for(user), revoke_url(certificate), {"reason": "Because."})
        assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def test_anonymous_is_401(client, certificate):
    assert post_json(client, revoke_url(certificate), {"reason": "x"}).status_code == 401


def test_a_token_needs_the_revoke_scope(client, certificate):
    _token, without = api_token("access:check")
    denied = post_json(
        client, revoke_url(certificate), {"reason": "x"}, HTTP_AUTHORIZATION=f"Bearer {without}"
    )
    assert denied.status_code == 403
    assert "certificates:revoke" in denied.json()["message"]

    token, allowed = api_token("certificates:revoke")
    response = post_json(
        client,
        revoke_url(certificate),
        {"reason": "Reported by the HR system: contract ended."},
        HTTP_AUTHORIZATION=f"Bearer {allowed}",
    )
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoked_by is None  # an integration, not a person


def test_unknown_serials_are_404_for_those_allowed_to_revoke(client_for, officer):
    for serial in ("AAAA-BBBB-CCCC-DDDD-EEEE", "garbage"):
        response = post_json(
            client_for(officer), f"/api/v1/certificates/{serial}/revoke", {"reason": "x"}
        )
        assert response.status_code == 404


def test_the_revoked_signal_carries_the_reason_inside_the_transaction(certificate):
    seen = []

    def listener(sender, certificate, reason, **kwargs):
        seen.append((certificate.status, reason, connection.in_atomic_block))

    certificate_revoked.connect(listener)
    try:
        revoke_certificate(certificate, reason="Breach.")
    finally:
        certificate_revoked.disconnect(listener)
    assert seen == [("revoked", "Breach.", True)]
    with pytest.raises(AlreadyRevoked):
        revoke_certificate(certificate, reason="Again.")


def test_staff_revoke_from_the_admin_with_a_reason_form(client_for, officer, certificate):
    client = client_for(officer)
    inspect = client.get(f"/admin/certification_certificates/inspect/{certificate.pk}/")
    assert inspect.status_code == 200
    assert f"/admin/certification_certificates/revoke/{certificate.pk}/".encode() in inspect.content

    listing = client.get("/admin/certification_certificates/")
    assert listing.status_code == 200
    assert certificate.serial.encode() in listing.content

    url = f"/admin/certification_certificates/revoke/{certificate.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    empty = client.post(url, {"reason": "   "})
    assert empty.status_code == 200
    assert b"required" in empty.content
    done = client.post(url, {"reason": "Impersonated the brand."})
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoked_by == officer
    again = client.post(url, {"reason": "Twice."}, follow=True)
    assert b"already revoked" in again.content


def test_admin_revocation_needs_the_permission(client_for, certificate):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_certificate"),
    )
    client = client_for(viewer)
    assert client.get("/admin/certification_certificates/").status_code == 200
    url = f"/admin/certification_certificates/revoke/{certificate.pk}/"
    assert client.post(url, {"reason": "No right."}).status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def test_nobody_edits_or_deletes_certificates_by_hand(client_for, certificate):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(admin)
    assert client.get("/admin/certification_certificates/new/").status_code in (302, 403)
    assert client.get(f"/admin/certification_certificates/edit/{certificate.pk}/").status_code in (
        302,
        403,
    )
    assert client.post(
        f"/admin/certification_certificates/delete/{certificate.pk}/"
    ).status_code in (302, 403)
    assert Certificate.objects.filter(pk=certificate.pk).exists()
