"""Journeys without dead ends: the owners' queue links each pending request to its decision (the
row, its buttons, the inspect page, the dashboards and the owners' mail), the "Is this account
ours?" box reads addresses as well as handles, and people are offered only what they can ask
for: the roles an account offers, on accounts that take requests."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from access.dashboard import DecisionsPanel, access_panel
from access.models import AccessRequest, AccountRole, AccountStatus, RequestStatus
from access.notifications import send_access_request_email
from access.services import request_access
from tests.factories import (
    EmployeeFactory,
    SocialAccountFactory,
    UserFactory,
    account_with_roles,
    certify,
)

pytestmark = pytest.mark.django_db


def admin_user(**fields):
    user = UserFactory(**fields)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def owner():
    return admin_user(first_name="Olive", last_name="Owner")


@pytest.fixture
def support(owner):
    return account_with_roles(handle="NorthwindSupport", requires_approval=True, owners=[owner])


@pytest.fixture
def applicant(ladder):
    user = EmployeeFactory(user__first_name="Quinn", user__last_name="Applicant").user
    certify(user, ladder["professional"])
    return user


@pytest.fixture
def pending(applicant, support):
    return request_access(applicant, support, "publish")


def decide_url(access_request):
    return reverse("access_requests:decide", args=[access_request.pk])


def inspect_url(access_request):
    return reverse("access_requests:inspect", args=[access_request.pk])


# --- 1. Deciding from the admin ----------------------------------------------------------------


def test_the_queue_row_links_to_decide_and_has_a_decide_button(client_for, owner, pending):
    page = client_for(owner).get(reverse("access_requests:index")).content.decode()
    # The first column is Wagtail's title column: a link, and the row's buttons.
    assert f'<a href="{decide_url(pending)}">' in page
    assert f'href="{decide_url(pending)}" class="button button-small' in page
    assert "Quinn Applicant" in page
    assert f'href="{inspect_url(pending)}"' in page  # in the row's "More" menu


def test_a_decided_request_links_to_inspect_without_decide(client_for, owner, pending):
    client = client_for(owner)
    client.post(decide_url(pending), {"decision": "approve", "note": ""})
    pending.refresh_from_db()
    assert pending.status == RequestStatus.APPROVED
    page = client.get(reverse("access_requests:index"), {"status": "approved"}).content.decode()
    assert "Quinn Applicant" in page
    assert decide_url(pending) not in page
    assert f'<a href="{inspect_url(pending)}">' in page
    # The decision page of a decided request leads to the request, not to a form.
    response = client.get(decide_url(pending))
    assert response.status_code == 302 and response.url == inspect_url(pending)


def test_the_inspect_page_has_a_decide_button_while_pending(client_for, owner, pending):
    client = client_for(owner)
    page = client.get(inspect_url(pending)).content.decode()
    assert f'href="{decide_url(pending)}" class="w-header-button button"' in page
    client.post(decide_url(pending), {"decision": "reject", "note": "Not this quarter"})
    page = client.get(inspect_url(pending)).content.decode()
    assert decide_url(pending) not in page


def test_an_owner_of_another_account_sees_no_decide_for_this_one(client_for, pending, ladder):
    other_owner = admin_user()
    theirs = account_with_roles(handle="Theirs", requires_approval=True, owners=[other_owner])
    on_theirs = request_access(EmployeeFactory().user, theirs, "monitor")
    client = client_for(other_owner)
    page = client.get(reverse("access_requests:index")).content.decode()
    assert decide_url(pending) not in page and "@NorthwindSupport" not in page
    assert decide_url(on_theirs) in page
    assert client.get(inspect_url(pending)).status_code == 404
    assert client.get(decide_url(pending)).status_code == 404
    assert access_panel(other_owner)["to_decide"] == [on_theirs]


def test_a_requester_cannot_decide_their_own_request(client_for, owner, support, ladder):
    certify(owner, ladder["professional"])
    own = request_access(owner, support, "publish")
    client = client_for(owner)
    page = client.get(reverse("access_requests:index")).content.decode()
    assert decide_url(own) not in page
    assert f'<a href="{inspect_url(own)}">' in page
    inspect = client.get(inspect_url(own)).content.decode()
    assert decide_url(own) not in inspect
    assert client.get(decide_url(own)).status_code in (302, 403)
    response = client.post(decide_url(own), {"decision": "approve", "note": ""})
    assert response.status_code in (302, 403)
    own.refresh_from_db()
    assert own.status == RequestStatus.PENDING
    assert DecisionsPanel(owner).waiting == []
    # Staff may decide their own.
    owner.is_staff = True
    owner.save()
    assert decide_url(own) in client.get(reverse("access_requests:index")).content.decode()


def test_the_dashboards_list_requests_waiting_for_your_decision(client_for, owner, pending):
    panel = access_panel(owner)
    assert panel["to_decide"] == [pending] and panel["to_decide_count"] == 1
    assert panel["to_decide"][0].decide_url == decide_url(pending)
    home = client_for(owner).get(reverse("wagtailadmin_home")).content.decode()
    assert "Requests waiting for your decision" in home
    assert f'href="{decide_url(pending)}"' in home
    # The requester sees their request waiting, not a decision to make.
    assert access_panel(pending.user)["to_decide"] == []
    bystander = admin_user()
    home = client_for(bystander).get(reverse("wagtailadmin_home")).content.decode()
    assert "Requests waiting for your decision" not in home


@override_settings(WAGTAILADMIN_BASE_URL="https://academy.northwind.example")
def test_the_owners_mail_links_straight_to_the_decision(owner, pending):
    mail.outbox.clear()
    assert send_access_request_email(pending.pk, "waiting") == 1
    body = mail.outbox[0].body
    assert f"https://academy.northwind.example/admin/access_requests/decide/{pending.pk}/" in body


def test_an_owner_asking_on_their_own_account_is_not_mailed_to_decide(owner, support, ladder):
    co_owner = admin_user()
    support.owners.add(co_owner)
    certify(owner, ladder["professional"])
    own = request_access(owner, support, "publish")
    mail.outbox.clear()
    assert send_access_request_email(own.pk, "waiting") == 1
    assert mail.outbox[0].to == [co_owner.email]


def test_the_queue_costs_the_same_for_many_rows(
    client_for, owner, support, ladder, django_assert_max_num_queries
):
    client = client_for(owner)
    for _ in range(2):
        request_access(EmployeeFactory().user, support, "monitor")
    client.get(reverse("access_requests:index"))  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("access_requests:index"))
    for _ in range(12):
        request_access(EmployeeFactory().user, support, "monitor")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("access_requests:index")).content.decode()
    assert page.count("/admin/access_requests/decide/") == 2 * 14


# --- 2. "Is this account ours?" --------------------------------------------------------------


@pytest.fixture
def accounts(db):
    return {
        "support": SocialAccountFactory(platform="x", handle="NorthwindSupport"),
        "linkedin": SocialAccountFactory(platform="linkedin", handle="northwind"),
        "youtube": SocialAccountFactory(platform="youtube", handle="NorthwindSystemsTV"),
        "instagram": SocialAccountFactory(platform="instagram", handle="northwind.life"),
        "tiktok": SocialAccountFactory(platform="tiktok", handle="northwind"),
        "facebook": SocialAccountFactory(platform="facebook", handle="NorthwindSystems"),
        "blog": SocialAccountFactory(
            platform="blog", handle="northwind-blog", url="https://blog.northwind.example/"
        ),
    }


def checked(client, text):
    return client.get("/official-accounts/", {"handle": text}).content.decode()


@pytest.mark.parametrize(
    ("given", "handle", "platform"),
    [
        ("https://x.com/NorthwindSupport", "@NorthwindSupport", "X (Twitter)"),
        ("http://www.twitter.com/northwindsupport/", "@NorthwindSupport", "X (Twitter)"),
        ("x.com/NorthwindSupport?s=20", "@NorthwindSupport", "X (Twitter)"),
        (
            "https://mobile.twitter.com/NorthwindSupport/status/1",
            "@NorthwindSupport",
            "X (Twitter)",
        ),
        ("@NORTHWINDSUPPORT", "@NorthwindSupport", "X (Twitter)"),
        ("northwindsupport", "@NorthwindSupport", "X (Twitter)"),
        ("https://www.linkedin.com/company/northwind/", "northwind", "LinkedIn"),
        ("https://www.youtube.com/@NorthwindSystemsTV", "@NorthwindSystemsTV", "YouTube"),
        ("https://m.youtube.com/c/northwindsystemstv?sub=1", "@NorthwindSystemsTV", "YouTube"),
        ("https://www.instagram.com/northwind.life/", "@northwind.life", "Instagram"),
        ("@northwind.life", "@northwind.life", "Instagram"),
        ("https://www.tiktok.com/@northwind?lang=en", "@northwind", "TikTok"),
        ("https://m.facebook.com/NorthwindSystems", "NorthwindSystems", "Facebook"),
        ("https://blog.northwind.example/2026/launch", "northwind-blog", "Blog"),
    ],
)
def test_addresses_and_handles_are_ours(client, accounts, given, handle, platform):
    page = checked(client, given)
    assert f"<strong>{handle}</strong> on {platform} is an official account" in page
    assert "is not one of our accounts" not in page


def test_an_address_names_its_platform(client, accounts):
    # northwind is ours on LinkedIn and TikTok: the address says which one is meant.
    page = checked(client, "https://www.tiktok.com/@northwind")
    assert "on TikTok is an official account" in page and "on LinkedIn" not in page
    page = checked(client, "https://x.com/northwind")  # not ours on X
    assert "is not one of our accounts" in page


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("https://evil.example/NorthwindSupport", "evil.example is not one of the platforms"),
        ("https://x.com/", "is an address on X, but not of an account"),
        ("https://www.linkedin.com/feed/", "is an address on LinkedIn, but not of an account"),
        ("@Northwind Support", "handles have no spaces"),
        ("ftp://x.com/NorthwindSupport", "is not a web address"),
    ],
)
def test_what_names_no_account_gets_a_clear_message(client, accounts, given, message):
    page = checked(client, given)
    assert message in page
    assert "is not one of our accounts" not in page
    assert "is an official account" not in page


def test_an_empty_check_checks_nothing(client, accounts):
    response = client.get("/official-accounts/", {"handle": "   "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "is not one of our accounts" not in page and 'role="status"' not in page


def test_the_api_takes_an_address_too(client_for, support, applicant):
    response = client_for(applicant).post(
        "/api/v1/access-requests",
        {"account": "https://twitter.com/northwindsupport/", "role": "publish"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["account"]["handle"] == "NorthwindSupport"
    response = client_for(applicant).post(
        "/api/v1/access-requests",
        {"account": "https://evil.example/NorthwindSupport", "role": "publish"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "evil.example is not one of the platforms" in response.json()["message"]


# --- 3. Offered only what can be asked for -----------------------------------------------------


@pytest.fixture
def channel(ladder):
    """A YouTube channel offering publish and manage, not monitor."""
    account = account_with_roles(platform="youtube", handle="NorthwindSystemsTV")
    AccountRole.objects.filter(account=account, role="monitor").delete()
    return account


def test_the_form_offers_each_account_with_its_roles_only(client_for, applicant, channel):
    paused = account_with_roles(platform="instagram", handle="northwind.life")
    paused.status = AccountStatus.PAUSED
    paused.save()
    SocialAccountFactory(handle="NoRolesYet")
    page = client_for(applicant).get("/my-access/").content.decode()
    assert f'value="{channel.pk}" data-roles="publish manage"' in page
    assert "@NorthwindSystemsTV · YouTube" in page and ": publish, manage</option>" in page
    assert "northwind.life" not in page  # paused: not offered, as on the public list
    assert "NoRolesYet" not in page
    assert "access/request-form.js" in page


def test_the_public_list_offers_only_the_roles_an_account_offers(client_for, applicant, channel):
    page = client_for(applicant).get("/official-accounts/").content.decode()
    assert "Request publish" in page and "Request manage" in page
    assert "Request monitor" not in page


def test_a_role_the_account_does_not_offer_is_refused_with_a_clear_sentence(
    client_for, applicant, channel
):
    client = client_for(applicant)
    response = client.post("/my-access/", {"account": channel.pk, "role": "monitor"})
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "@NorthwindSystemsTV (YouTube) does not offer the role monitor: it offers publish and "
        "manage."
    ) in page
    assert "&#x27;monitor&#x27;" not in page
    api = client.post(
        "/api/v1/access-requests",
        {"account": "youtube:NorthwindSystemsTV", "role": "monitor"},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert api.json()["message"] == (
        "@NorthwindSystemsTV (YouTube) does not offer the role monitor: it offers publish and "
        "manage."
    )
    assert not AccessRequest.objects.exists()


def test_bad_form_input_is_told_plainly(client_for, applicant, channel):
    client = client_for(applicant)
    response = client.post("/my-access/", {"account": channel.pk, "role": "fly"})
    assert response.status_code == 400
    assert "Choose a role: monitor, publish or manage." in response.content.decode()
    for account in ("999999999", "9" * 40, "x:NorthwindSystemsTV"):
        response = client.post("/my-access/", {"account": account, "role": "publish"})
        assert response.status_code == 400
        assert "Choose one of the official accounts in the list." in response.content.decode()
    response = client.post("/my-access/", {"account": "", "role": ""})
    assert response.status_code == 400
    assert "Choose an account." in response.content.decode()


@pytest.mark.parametrize("status", [AccountStatus.PAUSED, AccountStatus.RETIRED])
def test_paused_and_retired_accounts_take_no_requests(client_for, applicant, channel, status):
    channel.status = status
    channel.save()
    client = client_for(applicant)
    response = client.post("/my-access/", {"account": channel.pk, "role": "publish"})
    assert response.status_code == 400
    assert f"@NorthwindSystemsTV (YouTube) is {status}" in response.content.decode()
    api = client.post(
        "/api/v1/access-requests",
        {"account": str(channel.pk), "role": "publish"},
        content_type="application/json",
    )
    assert api.status_code == 409
    assert f"is {status}" in api.json()["message"]
    assert not AccessRequest.objects.exists()
