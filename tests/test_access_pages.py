"""The site pages (the public list of official accounts, My access) and the admin screens of the
inventory and the owners' queue."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from access.models import AccessGrant, AccessRequest, AccountStatus, RequestStatus, SocialAccount
from tests.factories import (
    EmployeeFactory,
    SocialAccountFactory,
    UserFactory,
    account_with_roles,
    certify,
    make_department,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return EmployeeFactory().user


def admin_user(**fields):
    user = UserFactory(**fields)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


# --- The public list -----------------------------------------------------------------------


def test_the_public_list_shows_active_accounts_without_signing_in(client, ladder):
    account_with_roles(handle="NorthwindSystems", name="Northwind Systems")
    SocialAccountFactory(handle="OldPage", platform="facebook", status=AccountStatus.RETIRED)
    SocialAccountFactory(handle="OnABreak", platform="instagram", status=AccountStatus.PAUSED)
    response = client.get("/official-accounts/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "@NorthwindSystems" in html
    assert "OldPage" not in html and "OnABreak" not in html
    assert "Request publish" not in html  # buttons are for signed-in employees


def test_checking_a_handle_tells_real_accounts_from_impostors(client, ladder):
    SocialAccountFactory(handle="NorthwindSystems")
    SocialAccountFactory(handle="NorthwindOld", platform="facebook", status=AccountStatus.RETIRED)
    real = client.get("/official-accounts/", {"handle": "@northwindsystems"}).content.decode()
    assert "is an official account" in real
    fake = client.get("/official-accounts/", {"handle": "@Northwind_Systems_Help"})
    assert "is not one of our accounts" in fake.content.decode()
    old = client.get("/official-accounts/", {"handle": "NorthwindOld"}).content.decode()
    assert "no longer speaks for the company" in old


def test_the_public_list_filters_by_platform_and_paginates(client):
    for n in range(35):
        SocialAccountFactory(platform="x" if n % 2 else "linkedin", handle=f"acct{n:02d}")
    page = client.get("/official-accounts/", {"platform": "linkedin"}).content.decode()
    assert "acct00" in page and "acct01" not in page
    first = client.get("/official-accounts/").content.decode()
    assert "Page 1 of 2" in first


def test_a_signed_in_employee_requests_from_an_account_button(client_for, person, ladder):
    account = account_with_roles(handle="NorthwindSystems")
    certify(person, ladder["professional"])
    client = client_for(person)
    page = client.get("/official-accounts/").content.decode()
    assert "Request publish" in page
    response = client.post("/my-access/", {"account": account.pk, "role": "publish"})
    assert response.status_code == 302
    assert AccessGrant.objects.filter(user=person, role="publish").exists()
    page = client.get("/official-accounts/").content.decode()
    assert "You hold it" in page


# --- My access -------------------------------------------------------------------------------


def test_my_access_needs_a_sign_in(client):
    response = client.get("/my-access/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_my_access_shows_grants_until_when_and_requests(client_for, person, ladder):
    brand = account_with_roles(handle="NorthwindSystems")
    support = account_with_roles(handle="NorthwindSupport", requires_approval=True)
    certificate = certify(person, ladder["professional"])
    client = client_for(person)
    granted = client.post("/my-access/", {"account": brand.pk, "role": "publish"}, follow=True)
    assert "Granted" in granted.content.decode()
    waiting = client.post(
        "/my-access/",
        {"account": support.pk, "role": "publish", "note": "Weekend rota"},
        follow=True,
    )
    html = waiting.content.decode()
    assert "waiting for an owner" in html
    assert certificate.serial in html
    assert certificate.expires_at.strftime("%-d %B %Y") in html
    assert "Weekend rota" not in html or "Waiting" in html

    pending = AccessRequest.objects.get(account=support)
    response = client.post(reverse("access:withdraw_access_request", args=[pending.pk]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == RequestStatus.WITHDRAWN


def test_my_access_form_errors_are_shown_not_raised(client_for, person, ladder):
    account = SocialAccountFactory(handle="NorthwindBlog", platform="blog")
    client = client_for(person)
    response = client.post("/my-access/", {"account": account.pk, "role": "manage"})
    assert response.status_code == 400
    assert "does not offer the role" in response.content.decode()
    response = client.post("/my-access/", {"account": "", "role": "fly"})
    assert response.status_code == 400
    retired = SocialAccountFactory(status=AccountStatus.RETIRED)
    response = client.post("/my-access/", {"account": retired.pk, "role": "publish"})
    assert response.status_code == 400  # retired accounts are not even offered


def test_nobody_withdraws_someone_elses_request(client_for, person):
    account = account_with_roles(requires_approval=True)
    from access.services import request_access

    pending = request_access(person, account, "monitor")
    other = EmployeeFactory().user
    response = client_for(other).post(reverse("access:withdraw_access_request", args=[pending.pk]))
    assert response.status_code == 404


def test_the_home_page_panel_lists_access(client_for, person, ladder):
    from access.dashboard import access_panel

    assert access_panel(person) is None
    account = account_with_roles()
    certify(person, ladder["enthusiast"])
    from access.services import request_access

    request_access(person, account, "monitor")
    panel = access_panel(person)
    assert [g.role for g in panel["grants"]] == ["monitor"]


# --- The inventory in the admin --------------------------------------------------------------


def test_the_social_media_team_keeps_the_inventory(client_for, ladder):
    team_member = admin_user()
    for codename in ("add_socialaccount", "change_socialaccount", "view_socialaccount"):
        team_member.user_permissions.add(Permission.objects.get(codename=codename))
    department = make_department("Brand & Social")
    client = client_for(team_member)
    assert client.get(reverse("access_accounts:index")).status_code == 200
    data = {
        "platform": "tiktok",
        "handle": "@NorthwindSystems",
        "name": "Northwind",
        "url": "https://www.tiktok.com/@NorthwindSystems",
        "department": department.pk,
        "owners": [team_member.pk],
        "status": "active",
        "requires_approval": "on",
        "roles-TOTAL_FORMS": 2,
        "roles-INITIAL_FORMS": 0,
        "roles-MIN_NUM_FORMS": 0,
        "roles-MAX_NUM_FORMS": 1000,
        "roles-0-role": "publish",
        "roles-0-program": ladder["professional"].pk,
        "roles-0-ORDER": 1,
        "roles-1-role": "publish",
        "roles-1-program": ladder["spokesperson"].pk,
        "roles-1-ORDER": 2,
    }
    duplicate = client.post(reverse("access_accounts:add"), data)
    assert duplicate.status_code == 200
    assert "duplicate data for account and role" in duplicate.content.decode()
    data["roles-1-role"] = "manage"
    response = client.post(reverse("access_accounts:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    account = SocialAccount.objects.get()
    assert account.handle == "NorthwindSystems"  # kept without the @
    assert {r.role: r.program for r in account.roles.all()} == {
        "publish": ladder["professional"],
        "manage": ladder["spokesperson"],
    }
    assert list(account.owners.all()) == [team_member]

    data.update({"handle": "northwindsystems", "roles-TOTAL_FORMS": 0})
    clash = client.post(reverse("access_accounts:add"), data)
    assert clash.status_code == 200
    assert "already has an official account" in clash.content.decode()

    export = client.get(reverse("access_accounts:index"), {"export": "csv"})
    content = b"".join(export.streaming_content).decode()
    assert "NorthwindSystems" in content and "publish: Professional" in content


def test_an_account_with_history_is_retired_not_deleted(client_for, person, ladder):
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    account = account_with_roles()
    certify(person, ladder["enthusiast"])
    from access.services import request_access

    request_access(person, account, "monitor")
    client = client_for(superuser)
    response = client.post(reverse("access_accounts:delete", args=[account.pk]))
    assert response.status_code == 302
    assert SocialAccount.objects.filter(pk=account.pk).exists()
    fresh = SocialAccountFactory()
    client.post(reverse("access_accounts:delete", args=[fresh.pk]))
    assert not SocialAccount.objects.filter(pk=fresh.pk).exists()


def test_an_employee_without_rights_sees_no_admin_screens(client_for, person):
    for name in (
        "access_accounts:index",
        "access_requests:index",
        "access_grants:index",
        "access_audit:index",
    ):
        response = client_for(person).get(reverse(name))
        assert response.status_code == 302  # to the admin sign-in


# --- The owners' queue in the admin -------------------------------------------------------


def test_owners_see_and_decide_requests_on_their_accounts_only(client_for, ladder):
    owner, other_owner = admin_user(), admin_user()
    mine = account_with_roles(handle="Mine", requires_approval=True, owners=[owner])
    theirs = account_with_roles(handle="Theirs", requires_approval=True, owners=[other_owner])
    applicant = EmployeeFactory(user__first_name="Quinn", user__last_name="Applicant").user
    certify(applicant, ladder["professional"])
    from access.services import request_access

    on_mine = request_access(applicant, mine, "publish")
    on_theirs = request_access(applicant, theirs, "publish")
    client = client_for(owner)

    queue = client.get(reverse("access_requests:index")).content.decode()
    assert "@Mine" in queue and "@Theirs" not in queue

    # Another account's request answers 404, as a missing id does (a 403 would confirm it).
    assert client.get(reverse("access_requests:decide", args=[on_theirs.pk])).status_code == 404
    response = client.post(
        reverse("access_requests:decide", args=[on_theirs.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    on_theirs.refresh_from_db()
    assert on_theirs.status == RequestStatus.PENDING

    page = client.get(reverse("access_requests:decide", args=[on_mine.pk])).content.decode()
    assert "Holds Professional" in page
    rejected = client.post(
        reverse("access_requests:decide", args=[on_mine.pk]), {"decision": "reject", "note": ""}
    )
    assert rejected.status_code == 200
    assert "Say why" in rejected.content.decode()
    approved = client.post(
        reverse("access_requests:decide", args=[on_mine.pk]),
        {"decision": "approve", "note": "Go ahead"},
    )
    assert approved.status_code == 302
    on_mine.refresh_from_db()
    assert on_mine.status == RequestStatus.APPROVED
    assert on_mine.grant.granted_by == owner

    grants = client.get(reverse("access_grants:index")).content.decode()
    assert "Quinn Applicant" in grants
    # Another account's grant answers 404, as a missing id does (a 403 would confirm it).
    assert (
        client_for(other_owner)
        .get(reverse("access_grants:revoke", args=[on_mine.grant.pk]))
        .status_code
        == 404
    )


def test_staff_see_the_whole_queue(client_for, ladder):
    staff = admin_user(is_staff=True)
    account = account_with_roles(handle="Somewhere", requires_approval=True)
    applicant = EmployeeFactory().user
    from access.services import request_access

    request_access(applicant, account, "monitor")
    queue = client_for(staff).get(reverse("access_requests:index")).content.decode()
    assert "@Somewhere" in queue
