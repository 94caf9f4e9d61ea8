"""The access check: every reason, the two-query budget, tokens and scopes, and bad input."""

import datetime

import pytest
from django.utils import timezone

from access import services as access_services
from access.check import check_access
from access.models import AccessGrant, AccountStatus
from certification.models import Certificate
from certification.services import revoke_certificate
from lms.services import deactivate_employee
from tests.factories import (
    EmployeeFactory,
    SocialAccountFactory,
    account_with_roles,
    api_token,
    certify,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/access/check"


@pytest.fixture
def employee():
    return EmployeeFactory(user__email="alex@northwind.example")


@pytest.fixture
def account():
    return account_with_roles(handle="NorthwindSystems")


@pytest.fixture
def token():
    return api_token("access:check")[1]


def check(client, token, **params):
    return client.get(URL, params, HTTP_AUTHORIZATION=f"Bearer {token}")


def granted(employee, account, role, program):
    certificate = certify(employee.user, program)
    request = access_services.request_access(employee.user, account, role)
    return certificate, request.grant_result


def test_allowed_with_a_grant_until_it_ends(client, token, employee, account, ladder):
    certificate, grant = granted(employee, account, "publish", ladder["professional"])
    response = check(
        client, token, user=employee.user.email, account="NorthwindSystems", role="publish"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["allowed"] is True
    assert body["reason"] == "granted"
    assert body["until"].startswith(certificate.expires_at.isoformat()[:19])
    assert body["account"] == account.pk and body["role"] == "publish"


@pytest.mark.parametrize(
    "reference",
    [
        "NorthwindSystems",
        "@northwindsystems",
        "x:NorthwindSystems",
        "ID",
        "https://www.x.com/northwindsystems/",
        "twitter.com/NorthwindSystems?s=20",
    ],
)
def test_the_account_by_id_or_handle(client, token, employee, account, ladder, reference):
    granted(employee, account, "monitor", ladder["enthusiast"])
    reference = str(account.pk) if reference == "ID" else reference
    body = check(
        client, token, user="ALEX@northwind.example", account=reference, role="monitor"
    ).json()
    assert body["allowed"] is True


def test_no_certificate(client, token, employee, account, ladder):
    certify(employee.user, ladder["enthusiast"])  # Enthusiast does not cover publish
    body = check(client, token, user=employee.user.email, account=account.pk, role="publish").json()
    assert (body["allowed"], body["reason"], body["until"]) == (False, "no_certificate", None)


def test_a_higher_tier_covers_a_lower_role(client, token, employee, account, ladder):
    granted(employee, account, "monitor", ladder["spokesperson"])  # Spokesperson covers Enthusiast
    body = check(client, token, user=employee.user.email, account=account.pk, role="monitor").json()
    assert body["allowed"] is True


def test_not_granted_when_certified_but_never_asked(client, token, employee, account, ladder):
    certify(employee.user, ladder["professional"])
    body = check(client, token, user=employee.user.email, account=account.pk, role="publish").json()
    assert (body["allowed"], body["reason"]) == (False, "not_granted")


def test_certificate_revoked(client, token, employee, account, ladder):
    certificate, _grant = granted(employee, account, "publish", ladder["professional"])
    revoke_certificate(certificate, reason="Shared a customer's data")
    body = check(client, token, user=employee.user.email, account=account.pk, role="publish").json()
    assert (body["allowed"], body["reason"]) == (False, "certificate_revoked")


def test_certificate_expired_even_before_the_sweep(client, token, employee, account, ladder):
    certificate, grant = granted(employee, account, "publish", ladder["professional"])
    past = timezone.now() - datetime.timedelta(minutes=1)
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=past - datetime.timedelta(days=365), expires_at=past
    )
    AccessGrant.objects.filter(pk=grant.pk).update(expires_at=past)
    body = check(client, token, user=employee.user.email, account=account.pk, role="publish").json()
    assert (body["allowed"], body["reason"]) == (False, "certificate_expired")


def test_certificate_expired_after_the_sweep(client, token, employee, account, ladder):
    from certification.services import expire_certificates

    certificate, _grant = granted(employee, account, "publish", ladder["professional"])
    expire_certificates(now=certificate.expires_at)
    body = check(client, token, user=employee.user.email, account=account.pk, role="publish").json()
    assert (body["allowed"], body["reason"]) == (False, "certificate_expired")


def test_account_paused_and_retired(client, token, employee, account, ladder):
    granted(employee, account, "publish", ladder["professional"])
    account.status = AccountStatus.PAUSED
    account.save()
    body = check(client, token, user=employee.user.email, account=account.pk, role="publish").json()
    assert (body["allowed"], body["reason"]) == (False, "account_paused")
    account.status = AccountStatus.RETIRED
    account.save()
    body = check(client, token, user=employee.user.email, account=account.pk, role="publish").json()
    assert (body["allowed"], body["reason"]) == (False, "account_retired")


def test_user_inactive(client, token, employee, account, ladder):
    granted(employee, account, "publish", ladder["professional"])
    deactivate_employee(employee)
    body = check(client, token, user=employee.user.email, account=account.pk, role="publish").json()
    assert (body["allowed"], body["reason"]) == (False, "user_inactive")


def test_a_role_the_account_does_not_offer(client, token, employee, ladder):
    account = SocialAccountFactory()
    body = check(client, token, user=employee.user.email, account=account.pk, role="manage").json()
    assert (body["allowed"], body["reason"]) == (False, "role_not_offered")


def test_one_query_after_authentication(
    client,
    token,
    employee,
    account,
    ladder,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    granted(employee, account, "publish", ladder["professional"])
    now = timezone.now()
    for role in ("publish", "monitor", "manage"):
        with django_assert_num_queries(1):
            check_access(employee.user.email, "@NorthwindSystems", role, now=now)
    check(client, token, user=employee.user.email, account=account.pk, role="publish")
    # The token was just used, so authentication is one query; the check one more.
    with django_assert_max_num_queries(2):
        response = check(
            client, token, user=employee.user.email, account="NorthwindSystems", role="manage"
        )
    assert response.json()["reason"] == "no_certificate"


def test_a_revocation_is_seen_by_the_very_next_check(client, token, employee, account, ladder):
    certificate, _grant = granted(employee, account, "publish", ladder["professional"])
    assert (
        check(client, token, user=employee.user.email, account=account.pk, role="publish").json()[
            "allowed"
        ]
        is True
    )
    revoke_certificate(certificate, reason="Left the social media rota")
    assert (
        check(client, token, user=employee.user.email, account=account.pk, role="publish").json()[
            "allowed"
        ]
        is False
    )


def test_missing_or_malformed_token_is_401(client, employee, account):
    params = {"user": employee.user.email, "account": account.pk, "role": "publish"}
    assert client.get(URL, params).status_code == 401
    response = client.get(URL, params, HTTP_AUTHORIZATION="Bearer sa_not-a-real-token")
    assert response.status_code == 401
    assert "message" in response.json()


def test_revoked_token_is_401(client, employee, account):
    token, raw = api_token("access:check")
    token.revoke()
    response = check(client, raw, user=employee.user.email, account=account.pk, role="publish")
    assert response.status_code == 401


def test_a_token_without_the_scope_is_403(client, employee, account):
    raw = api_token("reports:read")[1]
    response = check(client, raw, user=employee.user.email, account=account.pk, role="publish")
    assert response.status_code == 403
    assert "access:check" in response.json()["message"]


def test_a_session_is_not_enough(client_for, employee, account):
    response = client_for(employee.user).get(
        URL, {"user": employee.user.email, "account": account.pk, "role": "publish"}
    )
    assert response.status_code == 401


def test_unknown_user_is_404(client, token, account):
    response = check(client, token, user="nobody@example.com", account=account.pk, role="publish")
    assert response.status_code == 404
    assert "nobody@example.com" in response.json()["message"]


@pytest.mark.parametrize("reference", ["NoSuchHandle", "999999", "tiktok:NorthwindSystems"])
def test_unknown_account_is_404(client, token, employee, account, reference):
    response = check(client, token, user=employee.user.email, account=reference, role="publish")
    assert response.status_code == 404
    assert "No official account" in response.json()["message"]


def test_an_ambiguous_handle_is_400(client, token, employee, account):
    SocialAccountFactory(platform="linkedin", handle="NorthwindSystems")
    response = check(
        client, token, user=employee.user.email, account="NorthwindSystems", role="publish"
    )
    assert response.status_code == 400
    assert "platform:handle" in response.json()["message"]
    response = check(
        client, token, user=employee.user.email, account="linkedin:northwindsystems", role="publish"
    )
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["poster", "admin", ""])
def test_a_wrong_role_name_is_422(client, token, employee, account, role):
    response = check(client, token, user=employee.user.email, account=account.pk, role=role)
    assert response.status_code == 422
    assert "monitor, publish, manage" in response.json()["message"]


def test_missing_parameters_are_422(client, token):
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
