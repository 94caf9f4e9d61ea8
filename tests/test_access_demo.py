"""The demo's official accounts: the inventory the issue names, owners from Brand & Social, a
few grants for certified people, nothing for `employee`, and the same result when run twice."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from access.models import (
    AccessGrant,
    AccessRequest,
    AccountRole,
    AccountStatus,
    AuditEntry,
    SocialAccount,
)
from access.services import covering_program_ids
from certification.models import Certificate
from webhooks.models import OutboxEvent, WebhookEndpoint

pytestmark = pytest.mark.django_db


def access_counts():
    models = (SocialAccount, AccountRole, AccessRequest, AccessGrant, AuditEntry, OutboxEvent)
    return [model.objects.count() for model in models]


def test_the_demo_inventory(demo):
    accounts = {(a.platform, a.handle): a for a in SocialAccount.objects.all()}
    brand = accounts[("x", "NorthwindSystems")]
    assert {r.role: r.program.slug for r in brand.roles.select_related("program")} == {
        "monitor": "enthusiast",
        "publish": "professional",
        "manage": "spokesperson",
    }
    assert not brand.requires_approval and brand.status == AccountStatus.ACTIVE
    assert accounts[("x", "NorthwindSupport")].requires_approval
    assert ("linkedin", "northwind") in accounts
    assert any(platform == "youtube" for platform, _handle in accounts)
    facebook = next(a for (platform, _h), a in accounts.items() if platform == "facebook")
    assert facebook.status == AccountStatus.RETIRED and facebook.retired_at is not None
    assert not WebhookEndpoint.objects.exists()  # the demo makes no network calls

    team = {u.username for u in get_user_model().objects.filter(groups__name="Social media team")}
    assert "admin" in team
    for account in accounts.values():
        owners = list(account.owners.all())
        assert owners and all(o.employee.department.code == "brand-social" for o in owners)
        assert {o.username for o in owners} <= team


def test_the_demo_grants_rest_on_covering_certificates(demo):
    now = timezone.now()
    active = AccessGrant.objects.active(now).select_related("account", "certificate")
    assert active.count() >= 5
    for grant in active:
        role = AccountRole.objects.get(account=grant.account, role=grant.role)
        assert grant.certificate.holder_id == grant.user_id
        assert grant.certificate.status == "valid"
        assert grant.expires_at == grant.certificate.expires_at
        covering = set(covering_program_ids(role.program_id).values_list("pk", flat=True))
        assert grant.certificate.program_id in covering
        assert grant.account.status != AccountStatus.RETIRED
    retired = AccessGrant.objects.filter(account__status=AccountStatus.RETIRED)
    assert retired.exists()
    assert set(retired.values_list("revoke_reason", flat=True)) == {"account_retired"}
    support = AccessRequest.objects.filter(account__handle="NorthwindSupport")
    assert sorted(support.values_list("status", flat=True)) == ["approved", "pending"]


def test_the_employee_starts_with_no_access(demo):
    employee = get_user_model().objects.get(username="employee")
    assert not AccessGrant.objects.filter(user=employee).exists()
    assert not AccessRequest.objects.filter(user=employee).exists()
    assert not Certificate.objects.filter(holder=employee).exists()


def test_seeding_twice_changes_nothing(demo):
    first = access_counts()
    call_command("seed_demo", stdout=StringIO())
    assert access_counts() == first
