"""Who sees which grants and audit entries in the admin: an owner sees those of the accounts they
own, in the list, the inspect page, the revoke form and the CSV/XLSX exports, and anything else
answers 404, as an id that does not exist does; staff and superusers see all. The lists cost as
many queries for 14 rows as for 2. A request on an account paused (or retired) after it was made
is not approved, from the admin or the API, and may still be rejected."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from access import services
from access.models import (
    AccessGrant,
    AccessRequest,
    AccountStatus,
    AuditAction,
    AuditEntry,
    RequestStatus,
    SocialAccount,
)
from tests.factories import EmployeeFactory, UserFactory, account_with_roles, certify

pytestmark = pytest.mark.django_db


def admin_user(**fields):
    user = UserFactory(**fields)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def certified(program):
    person = EmployeeFactory().user
    certify(person, program)
    return person


@pytest.fixture
def two_accounts(ladder):
    """Alpha (owned by owner_a) and Beta (owned by owner_b), one grant on each, held by Pat."""
    owner_a = admin_user(first_name="Ann", last_name="Alpha")
    owner_b = admin_user(first_name="Bob", last_name="Beta")
    alpha = account_with_roles(handle="AlphaAccount", owners=[owner_a])
    beta = account_with_roles(handle="BetaAccount", owners=[owner_b])
    pat = EmployeeFactory(
        user__first_name="Pat", user__last_name="Holder", user__email="pat@northwind.example"
    ).user
    certify(pat, ladder["professional"])
    return {
        "owner_a": owner_a,
        "owner_b": owner_b,
        "alpha": alpha,
        "beta": beta,
        "on_alpha": services.request_access(pat, alpha, "publish").grant_result,
        "on_beta": services.request_access(pat, beta, "publish").grant_result,
    }


def exported_csv(client, url_name, **params):
    response = client.get(reverse(url_name), {"export": "csv", **params})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = [line for line in text.splitlines() if line]
    return rows


def exported_xlsx(client, url_name, **params):
    response = client.get(reverse(url_name), {"export": "xlsx", **params})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [
        " ".join(str(cell) for cell in row if cell is not None)
        for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


def grant_url(name, grant_or_pk):
    pk = getattr(grant_or_pk, "pk", grant_or_pk)
    return reverse(f"access_grants:{name}", args=[pk])


# --- Grants ("Who holds access") ----------------------------------------------------------------


def test_an_owner_lists_and_exports_the_grants_of_their_accounts_only(two_accounts, client_for):
    client = client_for(two_accounts["owner_a"])
    page = client.get(reverse("access_grants:index")).content.decode()
    assert "@AlphaAccount" in page and "@BetaAccount" not in page
    # The holder's name links to the grant; the row has a Revoke button.
    assert f'<a href="{grant_url("inspect", two_accounts["on_alpha"])}">' in page
    assert grant_url("revoke", two_accounts["on_alpha"]) in page
    assert grant_url("revoke", two_accounts["on_beta"]) not in page
    for rows in (
        exported_csv(client, "access_grants:index"),
        exported_xlsx(client, "access_grants:index"),
    ):
        assert len(rows) == 1
        assert "@AlphaAccount" in rows[0] and "pat@northwind.example" in rows[0]
    # Filtering by the other account's id finds nothing either.
    filtered = client.get(reverse("access_grants:index"), {"account": two_accounts["beta"].pk})
    assert "@BetaAccount" not in filtered.content.decode()


def test_an_owner_cannot_open_or_revoke_a_grant_of_another_account(two_accounts, client_for):
    client = client_for(two_accounts["owner_a"])
    theirs, mine = two_accounts["on_beta"], two_accounts["on_alpha"]
    missing = AccessGrant.objects.order_by("-pk").first().pk + 1000
    for pk in (theirs.pk, missing):  # another account's grant looks like no grant at all
        assert client.get(grant_url("inspect", pk)).status_code == 404
        assert client.get(grant_url("revoke", pk)).status_code == 404
        assert client.post(grant_url("revoke", pk), {"note": "Gone"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None

    inspect = client.get(grant_url("inspect", mine))
    assert inspect.status_code == 200
    assert grant_url("revoke", mine) in inspect.content.decode()  # a Revoke header button
    assert client.get(grant_url("revoke", mine)).status_code == 200
    response = client.post(grant_url("revoke", mine), {"note": "Rota ended"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.revoked_at is not None and mine.revoked_by == two_accounts["owner_a"]
    # Revoked: still there to read, without a Revoke button.
    assert grant_url("revoke", mine) not in client.get(grant_url("inspect", mine)).content.decode()


@pytest.mark.parametrize("kind", ["staff", "superuser"])
def test_staff_and_superusers_see_and_open_every_grant(two_accounts, client_for, kind):
    user = (
        admin_user(is_staff=True)
        if kind == "staff"
        else UserFactory(is_staff=True, is_superuser=True)
    )
    client = client_for(user)
    page = client.get(reverse("access_grants:index")).content.decode()
    assert "@AlphaAccount" in page and "@BetaAccount" in page
    assert len(exported_csv(client, "access_grants:index")) == 2
    assert len(exported_xlsx(client, "access_grants:index")) == 2
    for grant in (two_accounts["on_alpha"], two_accounts["on_beta"]):
        assert client.get(grant_url("inspect", grant)).status_code == 200
        assert client.get(grant_url("revoke", grant)).status_code == 200


def test_a_team_member_without_accounts_sees_no_grants(two_accounts, client_for):
    """The social media team's model permissions open the screen, not other owners' grants."""
    member = admin_user()
    member.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_accessgrant", "view_auditentry"])
    )
    client = client_for(member)
    assert client.get(reverse("access_grants:index")).status_code == 200
    assert exported_csv(client, "access_grants:index") == []
    assert client.get(grant_url("inspect", two_accounts["on_alpha"])).status_code == 404
    assert exported_csv(client, "access_audit:index") == []


# --- Audit log ------------------------------------------------------------------------------


def test_an_owner_lists_exports_and_opens_the_audit_entries_of_their_accounts_only(
    two_accounts, client_for
):
    client = client_for(two_accounts["owner_a"])
    page = client.get(reverse("access_audit:index")).content.decode()
    assert "@AlphaAccount" in page and "@BetaAccount" not in page
    on_alpha = AuditEntry.objects.filter(account=two_accounts["alpha"]).count()
    for rows in (
        exported_csv(client, "access_audit:index"),
        exported_xlsx(client, "access_audit:index"),
    ):
        assert len(rows) == on_alpha == 3  # requested, approved, granted
        assert all("@AlphaAccount" in row for row in rows)
    theirs = AuditEntry.objects.filter(account=two_accounts["beta"]).first()
    mine = AuditEntry.objects.filter(account=two_accounts["alpha"]).first()
    # Each row links to its entry (Wagtail's title column); none to another account's.
    assert f'href="{reverse("access_audit:inspect", args=[mine.pk])}"' in page
    assert f'href="{reverse("access_audit:inspect", args=[theirs.pk])}"' not in page
    assert client.get(reverse("access_audit:inspect", args=[theirs.pk])).status_code == 404
    missing = AuditEntry.objects.order_by("-pk").first().pk + 1000
    assert client.get(reverse("access_audit:inspect", args=[missing])).status_code == 404
    assert client.get(reverse("access_audit:inspect", args=[mine.pk])).status_code == 200


def test_staff_see_every_audit_entry(two_accounts, client_for):
    client = client_for(admin_user(is_staff=True))
    assert len(exported_csv(client, "access_audit:index")) == AuditEntry.objects.count() == 6
    theirs = AuditEntry.objects.filter(account=two_accounts["beta"]).first()
    assert client.get(reverse("access_audit:inspect", args=[theirs.pk])).status_code == 200


# --- Query counts ---------------------------------------------------------------------------


@pytest.fixture
def owned(ladder):
    """An account with two grants on it, and its owner."""
    owner = admin_user()
    account = account_with_roles(handle="Counted", owners=[owner])
    for _ in range(2):
        services.request_access(certified(ladder["professional"]), account, "publish")
    return {"owner": owner, "account": account}


def add_grants(account, program, count):
    for _ in range(count):
        services.request_access(certified(program), account, "publish")


def read(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


# The audit list filtered to "access granted": one row per grant.
LISTS = [
    pytest.param("access_grants:index", {}, id="grants"),
    pytest.param("access_grants:index", {"export": "csv"}, id="grants-csv"),
    pytest.param("access_grants:index", {"export": "xlsx"}, id="grants-xlsx"),
    pytest.param("access_audit:index", {"action": AuditAction.GRANTED}, id="audit"),
    pytest.param(
        "access_audit:index", {"action": AuditAction.GRANTED, "export": "csv"}, id="audit-csv"
    ),
    pytest.param(
        "access_audit:index", {"action": AuditAction.GRANTED, "export": "xlsx"}, id="audit-xlsx"
    ),
]


@pytest.mark.parametrize("viewer", ["owner", "staff"])
@pytest.mark.parametrize("url_name, params", LISTS)
def test_fourteen_rows_cost_no_more_queries_than_two(
    owned, ladder, client_for, django_assert_max_num_queries, viewer, url_name, params
):
    user = owned["owner"] if viewer == "owner" else admin_user(is_staff=True)
    client = client_for(user)
    url = reverse(url_name)
    read(client, url, params)  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as few:
        two = read(client, url, params)
    add_grants(owned["account"], ladder["professional"], 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        fourteen = read(client, url, params)
    if not params.get("export"):
        assert two.decode().count("@Counted") < fourteen.decode().count("@Counted")
    elif params["export"] == "csv":
        assert len([line for line in fourteen.decode("utf-8-sig").splitlines() if line]) == 15


# --- Approving on an account that stopped taking requests ------------------------------------


@pytest.fixture
def waiting(ladder):
    """A pending request on an account that requires approval, from a covered person; then the
    account is paused."""
    owner = admin_user(first_name="Olive", last_name="Owner")
    account = account_with_roles(handle="NorthwindSupport", requires_approval=True, owners=[owner])
    applicant = certified(ladder["professional"])
    pending = services.request_access(applicant, account, "publish")
    assert pending.status == RequestStatus.PENDING
    account.status = AccountStatus.PAUSED
    account.save()
    return {"owner": owner, "account": account, "request": pending}


def decide_url(access_request):
    return reverse("access_requests:decide", args=[access_request.pk])


def api_decide(client, access_request, **payload):
    return client.post(
        f"/api/v1/access-requests/{access_request.pk}/decision",
        payload,
        content_type="application/json",
    )


def test_the_decide_page_says_a_paused_account_cannot_be_approved(waiting, client_for):
    client = client_for(waiting["owner"])
    page = client.get(decide_url(waiting["request"]))
    assert page.status_code == 200
    text = page.content.decode()
    assert f"{waiting['account']} is paused: the request cannot be approved" in text
    assert "You may reject it with a note." in text
    assert "approving grants the role until then" not in text


def test_approving_on_a_paused_account_is_refused_and_rejecting_still_works(waiting, client_for):
    client = client_for(waiting["owner"])
    access_request = waiting["request"]
    response = client.post(decide_url(access_request), {"decision": "approve", "note": ""})
    assert response.status_code == 200  # the form again, with why
    text = response.content.decode()
    assert f"{waiting['account']} is paused: its requests cannot be approved" in text
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.PENDING
    assert not AccessGrant.objects.filter(account=waiting["account"]).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.APPROVED).exists()

    response = client.post(
        decide_url(access_request), {"decision": "reject", "note": "Paused for the rebrand"}
    )
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.REJECTED
    assert access_request.decision_note == "Paused for the rebrand"


def test_the_api_refuses_approving_on_a_paused_account_with_409(waiting, client_for):
    client = client_for(waiting["owner"])
    access_request = waiting["request"]
    response = api_decide(client, access_request, approve=True, note="")
    assert response.status_code == 409
    assert "is paused: its requests cannot be approved" in response.json()["message"]
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.PENDING
    response = api_decide(client, access_request, approve=False, note="Not while paused")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "rejected"


def test_once_active_again_the_request_can_be_approved(waiting, client_for):
    waiting["account"].status = AccountStatus.ACTIVE
    waiting["account"].save()
    client = client_for(waiting["owner"])
    assert "is paused" not in client.get(decide_url(waiting["request"])).content.decode()
    response = api_decide(client, waiting["request"], approve=True, note="")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"


def test_approving_on_a_retired_account_is_refused(waiting, client_for):
    # Retiring closes pending requests; a row marked retired without that (an old import, a
    # plain UPDATE) still grants nothing.
    models.QuerySet.update(
        SocialAccount.objects.filter(pk=waiting["account"].pk), status=AccountStatus.RETIRED
    )
    access_request = AccessRequest.objects.get(pk=waiting["request"].pk)
    client = client_for(waiting["owner"])
    page = client.get(decide_url(access_request)).content.decode()
    assert f"{waiting['account']} is retired: the request cannot be approved" in page
    response = api_decide(client, access_request, approve=True, note="")
    assert response.status_code == 409
    assert "is retired: its requests cannot be approved" in response.json()["message"]
    response = client.post(decide_url(access_request), {"decision": "approve", "note": ""})
    assert response.status_code == 200
    assert "is retired: its requests cannot be approved" in response.content.decode()
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.PENDING
    response = client.post(decide_url(access_request), {"decision": "reject", "note": "Retired"})
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.REJECTED


def test_a_certificate_grants_no_waiting_request_on_a_paused_account(ladder):
    """The same rule on the automatic path: the certificate arriving later grants nothing on a
    paused account; the request waits."""
    applicant = EmployeeFactory().user
    account = account_with_roles(handle="NorthwindPaused")
    waiting_request = services.request_access(applicant, account, "monitor")
    assert waiting_request.status == RequestStatus.PENDING
    account.status = AccountStatus.PAUSED
    account.save()
    certify(applicant, ladder["enthusiast"])
    waiting_request.refresh_from_db()
    assert waiting_request.status == RequestStatus.PENDING
    assert not AccessGrant.objects.filter(account=account).exists()
