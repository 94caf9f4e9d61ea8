"""Integration tokens in the admin (Settings → API tokens): the value is shown once, then only
its prefix; revoking one stops it at the next request."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from lms.models import ApiToken
from lms.models.tokens import hash_token
from tests.factories import EmployeeFactory, UserFactory, account_with_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def create(client, name="Publishing tool", scopes=("access:check",)):
    return client.post(reverse("api_tokens:add"), {"name": name, "scopes": list(scopes)})


def test_a_token_is_shown_once_and_stored_hashed(client_for, admin):
    client = client_for(admin)
    assert client.get(reverse("api_tokens:add")).status_code == 200
    response = create(client)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = re.search(r"sa_[A-Za-z0-9_\-]{40,}", response.content.decode()).group(0)
    token = ApiToken.objects.get()
    assert token.digest == hash_token(raw)
    assert token.scopes == ["access:check"]
    assert token.created_by == admin
    assert raw not in str(ApiToken.objects.values().get())

    listing = client.get(reverse("api_tokens:index")).content.decode()
    assert token.prefix in listing and raw not in listing
    inspect = client.get(reverse("api_tokens:inspect", args=[token.pk])).content.decode()
    assert raw not in inspect


def test_a_created_token_answers_the_access_check_and_a_revoked_one_does_not(
    client_for, client, admin
):
    person = EmployeeFactory().user
    account = account_with_roles()
    raw = re.search(r"sa_[A-Za-z0-9_\-]{40,}", create(client_for(admin)).content.decode()).group(0)
    params = {"user": person.email, "account": account.pk, "role": "publish"}
    assert (
        client.get("/api/v1/access/check", params, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code
        == 200
    )

    token = ApiToken.objects.get()
    revoke_url = reverse("api_tokens:revoke", args=[token.pk])
    assert client_for(admin).get(revoke_url).status_code == 200
    assert client_for(admin).post(revoke_url, {}).status_code == 200  # must confirm
    assert client_for(admin).post(revoke_url, {"confirm": "on"}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert (
        client.get("/api/v1/access/check", params, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code
        == 401
    )
    listing = client_for(admin).get(reverse("api_tokens:index"), {"state": "revoked"})
    assert [t.pk for t in listing.context["object_list"]] == [token.pk]


def test_a_token_needs_a_name_and_a_scope(client_for, admin):
    client = client_for(admin)
    assert create(client, name="   ").status_code == 200
    assert create(client, scopes=()).status_code == 200
    assert create(client, scopes=("everything",)).status_code == 200
    assert ApiToken.objects.count() == 0


def test_tokens_are_never_edited_or_deleted(client_for, admin):
    token, _raw = ApiToken.issue("Tool", ["access:check"])
    client = client_for(admin)
    for url in (f"/admin/api_tokens/edit/{token.pk}/", f"/admin/api_tokens/delete/{token.pk}/"):
        assert client.get(url).status_code == 404


def test_the_settings_menu_lists_tokens_for_superusers_only(client_for, admin):
    home = client_for(admin).get("/admin/").content.decode()
    assert reverse("api_tokens:index") in home
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(editor)
    assert reverse("api_tokens:index") not in client.get("/admin/").content.decode()
    assert client.get(reverse("api_tokens:index")).status_code == 302
    assert client.get(reverse("api_tokens:add")).status_code == 302  # the admin's "no"
    assert create(client).status_code == 302
    assert ApiToken.objects.count() == 0


def test_a_team_member_may_be_given_the_right_to_create_tokens(client_for):
    member = UserFactory()
    member.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="lms", codename__in=["add_apitoken", "view_apitoken"]
        ),
    )
    response = create(client_for(member), name="Monitoring tool")
    assert response.status_code == 200
    assert ApiToken.objects.get().created_by == member
