"""Listing the official accounts through the API: its own token scope (`accounts:read`), which
no other scope implies, and retired accounts only when asked for."""

import re

import pytest
from django.urls import reverse

from access.models import AccountStatus
from lms.models import ApiToken, TokenScope
from tests.factories import (
    EmployeeFactory,
    SocialAccountFactory,
    UserFactory,
    account_with_roles,
    api_token,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/accounts"


@pytest.fixture
def accounts():
    live = account_with_roles(handle="NorthwindSystems")
    paused = SocialAccountFactory(handle="NorthwindPhotos", status=AccountStatus.PAUSED)
    retired = SocialAccountFactory(handle="NorthwindOld", status=AccountStatus.RETIRED)
    return live, paused, retired


def listed(client, raw=None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    return client.get(URL, params, **headers)


def handles(response):
    assert response.status_code == 200, response.content
    return sorted(item["handle"] for item in response.json()["items"])


@pytest.mark.parametrize("scope", ["access:check", "certificates:revoke", "reports:read"])
def test_a_token_without_accounts_read_is_refused_with_403(client, accounts, scope):
    raw = api_token(scope)[1]
    response = listed(client, raw)
    assert response.status_code == 403
    assert response.json() == {"message": "This token lacks the 'accounts:read' scope."}
    assert listed(client, raw, include_retired="true").status_code == 403
    assert listed(client, raw, status="retired").status_code == 403


def test_accounts_read_lists_them_and_retired_ones_only_when_asked(
    client, accounts, django_assert_max_num_queries
):
    raw = api_token("accounts:read")[1]
    listed(client, raw)  # the token's first use is recorded
    with django_assert_max_num_queries(4):
        default = listed(client, raw)
    assert handles(default) == ["NorthwindPhotos", "NorthwindSystems"]
    assert handles(listed(client, raw, include_retired="true")) == [
        "NorthwindOld",
        "NorthwindPhotos",
        "NorthwindSystems",
    ]
    assert handles(listed(client, raw, include_retired="false")) == [
        "NorthwindPhotos",
        "NorthwindSystems",
    ]
    assert handles(listed(client, raw, status="retired")) == ["NorthwindOld"]
    assert handles(listed(client, raw, status="active", include_retired="true")) == [
        "NorthwindSystems"
    ]


def test_a_nonsense_include_retired_is_a_422(client, accounts):
    raw = api_token("accounts:read")[1]
    response = listed(client, raw, include_retired="perhaps")
    assert response.status_code == 422
    assert "include_retired" in response.json()["message"]


def test_people_with_a_session_still_list_accounts(client_for, accounts):
    person = EmployeeFactory().user
    assert handles(listed(client_for(person))) == ["NorthwindPhotos", "NorthwindSystems"]


def test_an_old_token_does_not_gain_the_new_scope(accounts):
    token, _raw = api_token("access:check")
    token.refresh_from_db()
    assert token.scopes == ["access:check"]
    assert not token.has_scope(TokenScope.ACCOUNTS_READ)


def test_the_token_admin_offers_accounts_read(client_for):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = client_for(admin)
    form = client.get(reverse("api_tokens:add")).content.decode()
    assert 'value="accounts:read"' in form
    response = client.post(
        reverse("api_tokens:add"), {"name": "Directory sync", "scopes": ["accounts:read"]}
    )
    raw = re.search(r"sa_[A-Za-z0-9_\-]{40,}", response.content.decode()).group(0)
    assert ApiToken.objects.get().scopes == ["accounts:read"]
    assert client_for(admin).get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_the_openapi_document_names_the_scope(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/accounts"]["get"]
    assert "accounts:read" in operation["summary"]
    assert "accounts:read" in operation["description"]
    assert "403" in operation["responses"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"status", "include_retired", "platform"} <= names
    assert "accounts:read" in document["info"]["description"]
