"""Automatic revocation, end to end: each cause revokes every grant resting on it, in the same
transaction as the cause, with the reason, an audit entry and an `access.revoked` event."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from access import services as access_services
from access.models import (
    AccessGrant,
    AccountStatus,
    AuditAction,
    AuditEntry,
    RequestStatus,
    SocialAccount,
)
from certification.services import expire_certificates, revoke_certificate
from lms.services import deactivate_employee, deactivate_employees
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    WebhookEndpointFactory,
    account_with_roles,
    certify,
)
from webhooks.models import OutboxEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def endpoint():
    """A subscriber to every event, so each revocation is announced in the outbox."""
    return WebhookEndpointFactory()


def grant(user, account, role):
    return access_services.request_access(user, account, role).grant_result


def revoked_events():
    return [e.data for e in OutboxEvent.objects.filter(type="access.revoked")]


def assert_revoked(grant_, reason, actor=None):
    grant_.refresh_from_db()
    assert grant_.revoked_at is not None
    assert grant_.revoke_reason == reason
    entry = AuditEntry.objects.get(action=AuditAction.REVOKED, details__grant_id=grant_.pk)
    assert entry.subject_id == grant_.user_id
    assert entry.account_id == grant_.account_id
    assert entry.certificate_id == grant_.certificate_id
    assert entry.actor == actor
    assert grant_.pk in [e["grant_id"] for e in revoked_events()]
    event = next(e for e in revoked_events() if e["grant_id"] == grant_.pk)
    assert event["reason"] == reason


def test_revoking_a_certificate_revokes_every_grant_resting_on_it(ladder, endpoint):
    person = EmployeeFactory().user
    brand, support = account_with_roles(), account_with_roles()
    certificate = certify(person, ladder["professional"])
    publish, monitor = grant(person, brand, "publish"), grant(person, support, "monitor")
    other = EmployeeFactory().user
    certify(other, ladder["professional"])
    untouched = grant(other, brand, "publish")
    staff = UserFactory(is_staff=True)

    revoke_certificate(certificate, reason="Posted an unannounced product", by=staff)

    assert_revoked(publish, "certificate_revoked", actor=staff)
    assert_revoked(monitor, "certificate_revoked", actor=staff)
    publish.refresh_from_db()
    assert publish.revoke_note == "Posted an unannounced product"
    untouched.refresh_from_db()
    assert untouched.revoked_at is None
    assert OutboxEvent.objects.filter(type="certificate.revoked").count() == 1


def test_the_revocation_shares_the_transaction_of_its_cause(ladder, endpoint):
    person = EmployeeFactory().user
    account = account_with_roles()
    certificate = certify(person, ladder["professional"])
    held = grant(person, account, "publish")

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        revoke_certificate(certificate, reason="Wrong person")
        held.refresh_from_db()
        assert held.revoked_at is not None  # inside the transaction: already revoked
        raise Abort
    held.refresh_from_db()
    certificate.refresh_from_db()
    assert held.revoked_at is None and certificate.status == "valid"
    assert not OutboxEvent.objects.filter(type="access.revoked").exists()
    assert not AuditEntry.objects.filter(action=AuditAction.REVOKED).exists()


def test_a_failing_listener_rolls_the_cause_back(ladder, monkeypatch):
    person = EmployeeFactory().user
    account = account_with_roles()
    certificate = certify(person, ladder["professional"])
    grant(person, account, "publish")

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(access_services.revocation, "revoke_grants", broken)
    with pytest.raises(RuntimeError):
        revoke_certificate(certificate, reason="Policy breach")
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_the_expiry_sweep_revokes_set_based(ladder, endpoint):
    account = account_with_roles()
    people = [EmployeeFactory().user for _ in range(6)]
    certificates = [certify(p, ladder["professional"]) for p in people]
    grants = [grant(p, account, "publish") for p in people]
    keeper = EmployeeFactory().user
    certify(keeper, ladder["enthusiast"])
    kept = grant(keeper, account, "monitor")
    end = max(c.expires_at for c in certificates)
    assert kept.expires_at > end  # issued later

    # Set-based: revoking two grants or four takes the same number of queries.
    with CaptureQueriesContext(connection) as two:
        access_services.revoke_for_certificates(
            [c.pk for c in certificates[:2]], "certificate_expired"
        )
    with CaptureQueriesContext(connection) as four:
        access_services.revoke_for_certificates(
            [c.pk for c in certificates[2:]], "certificate_expired"
        )
    assert len(two) == len(four)

    for g in grants:
        assert_revoked(g, "certificate_expired")
    kept.refresh_from_db()
    assert kept.revoked_at is None


def test_the_expiry_sweep_signal_revokes_and_announces(ladder, endpoint):
    account = account_with_roles()
    person = EmployeeFactory().user
    certificate = certify(person, ladder["professional"])
    held = grant(person, account, "publish")

    expired = expire_certificates(now=certificate.expires_at)

    assert expired == [certificate.pk]
    assert_revoked(held, "certificate_expired")
    event = OutboxEvent.objects.get(type="certificate.expired")
    assert event.data["serial"] == certificate.serial
    assert event.data["status"] == "expired"
    assert event.data["holder"]["email"] == person.email


def test_deactivating_a_person_revokes_their_grants_and_closes_requests(ladder, endpoint):
    employee = EmployeeFactory()
    person = employee.user
    brand = account_with_roles()
    careful = account_with_roles(requires_approval=True)
    certify(person, ladder["spokesperson"])
    held = [grant(person, brand, "publish"), grant(person, brand, "manage")]
    waiting = access_services.request_access(person, careful, "publish")
    assert waiting.status == RequestStatus.PENDING

    assert deactivate_employee(employee) is True

    for g in held:
        assert_revoked(g, "user_inactive")
    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.WITHDRAWN
    assert "no longer active" in waiting.decision_note


def test_a_bulk_leaver_import_revokes_everyone_it_deactivates(ladder):
    account = account_with_roles()
    employees = [EmployeeFactory() for _ in range(3)]
    grants = []
    for e in employees:
        certify(e.user, ladder["enthusiast"])
        grants.append(grant(e.user, account, "monitor"))
    deactivate_employees([e.pk for e in employees[:2]])
    states = [AccessGrant.objects.get(pk=g.pk).revoke_reason for g in grants]
    assert states == ["user_inactive", "user_inactive", ""]


def test_retiring_an_account_on_save_revokes_every_grant_on_it(ladder, endpoint):
    account = account_with_roles(requires_approval=False)
    people = [EmployeeFactory().user for _ in range(2)]
    grants = []
    for person in people:
        certify(person, ladder["professional"])
        grants.append(grant(person, account, "publish"))
    waiting = access_services.request_access(
        EmployeeFactory().user, account, "manage"
    )  # no certificate: waits

    account.status = AccountStatus.RETIRED
    account.save()

    for g in grants:
        assert_revoked(g, "account_retired")
    account.refresh_from_db()
    assert account.retired_at is not None
    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.WITHDRAWN
    assert AuditEntry.objects.filter(action=AuditAction.ACCOUNT_RETIRED, account=account).exists()
    # Saving it again (still retired) revokes nothing more and writes nothing more.
    entries = AuditEntry.objects.count()
    account.save()
    assert AuditEntry.objects.count() == entries


def test_accounts_past_their_sunset_date_are_retired_by_the_nightly_task(ladder):
    import datetime

    from django.conf import settings
    from django.utils import timezone

    from access.tasks import retire_sunset_accounts

    today = timezone.localdate()
    ending = account_with_roles(handle="OldCampaign", requires_approval=False)
    ending.sunset_date = today - datetime.timedelta(days=1)
    ending.save()
    later = account_with_roles(handle="NextCampaign", requires_approval=False)
    later.sunset_date = today + datetime.timedelta(days=1)
    later.save()
    person = EmployeeFactory().user
    certify(person, ladder["professional"])
    ending_grant, later_grant = grant(person, ending, "publish"), grant(person, later, "publish")

    assert retire_sunset_accounts.delay().get() == [ending.pk]

    ending.refresh_from_db()
    assert ending.status == AccountStatus.RETIRED
    assert_revoked(ending_grant, "account_retired")
    entry = AuditEntry.objects.get(action=AuditAction.ACCOUNT_RETIRED, account=ending)
    assert entry.actor is None and "Sunset date" in entry.reason
    later_grant.refresh_from_db()
    assert later_grant.revoked_at is None
    assert later.__class__.objects.get(pk=later.pk).status == AccountStatus.ACTIVE
    # Run again: nothing more to do. And beat runs it every night.
    assert retire_sunset_accounts.delay().get() == []
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "access.retire_sunset_accounts" in tasks


def test_retiring_from_the_admin_action_records_who(ladder, client_for, endpoint):
    owner = UserFactory()
    account = account_with_roles(owners=[owner])
    person = EmployeeFactory().user
    certify(person, ladder["professional"])
    held = grant(person, account, "publish")
    from django.contrib.auth.models import Permission

    owner.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(owner)
    url = reverse("access_accounts:retire", args=[account.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 200  # the confirmation box is required
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.status == AccountStatus.RETIRED
    assert_revoked(held, "account_retired", actor=owner)


def test_retiring_through_the_edit_form(ladder, client_for):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    account = account_with_roles()
    person = EmployeeFactory().user
    certify(person, ladder["professional"])
    held = grant(person, account, "publish")
    data = account_form_data(account, status="retired")
    response = client_for(admin).post(reverse("access_accounts:edit", args=[account.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_revoked(held, "account_retired", actor=admin)


def test_withdrawing_a_role_from_an_account_revokes_its_grants(ladder, client_for):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    account = account_with_roles()
    person = EmployeeFactory().user
    certify(person, ladder["spokesperson"])
    publish, monitor = grant(person, account, "publish"), grant(person, account, "monitor")
    data = account_form_data(account, delete_roles={"publish"})
    response = client_for(admin).post(reverse("access_accounts:edit", args=[account.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_revoked(publish, "role_withdrawn")
    monitor.refresh_from_db()
    assert monitor.revoked_at is None


def test_a_role_that_now_needs_a_higher_program_revokes_uncovered_grants(ladder):
    account = account_with_roles()
    professional, spokesperson = EmployeeFactory().user, EmployeeFactory().user
    certify(professional, ladder["professional"])
    certify(spokesperson, ladder["spokesperson"])
    uncovered, covered = (
        grant(professional, account, "publish"),
        grant(spokesperson, account, "publish"),
    )
    role = account.roles.get(role="publish")
    role.program = ladder["spokesperson"]
    role.save()
    assert_revoked(uncovered, "requirement_changed")
    covered.refresh_from_db()
    assert covered.revoked_at is None


def test_an_owner_revokes_a_grant_by_hand(ladder, client_for):
    owner = UserFactory()
    account = account_with_roles(owners=[owner])
    person = EmployeeFactory().user
    certify(person, ladder["professional"])
    held = grant(person, account, "publish")
    client = client_for(owner)
    response = client.post(
        f"/api/v1/access-grants/{held.pk}/revoke",
        {"note": "Moved to another team"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["revoke_reason"] == "manual"
    assert_revoked(held, "manual", actor=owner)
    again = client.post(
        f"/api/v1/access-grants/{held.pk}/revoke",
        {"note": "again"},
        content_type="application/json",
    )
    assert again.status_code == 409


def test_someone_else_cannot_revoke_a_grant(ladder, client_for):
    account = account_with_roles()
    person = EmployeeFactory().user
    certify(person, ladder["professional"])
    held = grant(person, account, "publish")
    stranger = EmployeeFactory().user
    response = client_for(stranger).post(
        f"/api/v1/access-grants/{held.pk}/revoke",
        {"note": "I don't like it"},
        content_type="application/json",
    )
    # Not theirs to see: 404, as for an id that does not exist, so the id is not confirmed.
    assert response.status_code == 404
    held.refresh_from_db()
    assert held.revoked_at is None


def account_form_data(account, delete_roles=(), **overrides):
    """What the account edit form posts, with the current values (and some changed)."""
    data = {
        "platform": account.platform,
        "handle": account.handle,
        "name": account.name,
        "url": account.url,
        "description": account.description,
        "department": account.department_id,
        "owners": [u.pk for u in account.owners.all()],
        "status": account.status,
        "sunset_date": "",
        "requires_approval": "on" if account.requires_approval else "",
    }
    roles = list(account.roles.order_by("sort_order", "pk"))
    data.update(
        {
            "roles-TOTAL_FORMS": len(roles),
            "roles-INITIAL_FORMS": len(roles),
            "roles-MIN_NUM_FORMS": 0,
            "roles-MAX_NUM_FORMS": 1000,
        }
    )
    for index, role in enumerate(roles):
        data.update(
            {
                f"roles-{index}-id": role.pk,
                f"roles-{index}-role": role.role,
                f"roles-{index}-program": role.program_id,
                f"roles-{index}-ORDER": index + 1,
                f"roles-{index}-DELETE": "on" if role.role in delete_roles else "",
            }
        )
    data.update(overrides)
    if not data["requires_approval"]:
        del data["requires_approval"]
    return {k: v for k, v in data.items() if not (k.endswith("-DELETE") and v == "")}


def test_a_bulk_update_that_retires_accounts_revokes_their_grants(ladder):
    first = account_with_roles()
    second = account_with_roles()
    already = account_with_roles()
    already.status = AccountStatus.RETIRED
    already.save()
    person = EmployeeFactory().user
    certify(person, ladder["professional"])
    grants = [grant(person, first, "publish"), grant(person, second, "publish")]

    chosen = SocialAccount.objects.filter(pk__in=[first.pk, second.pk, already.pk])
    assert (
        chosen.filter(status=AccountStatus.ACTIVE).update(
            status=AccountStatus.RETIRED, description="Closed in the 2026 clean-up"
        )
        == 2
    )

    for held in grants:
        assert_revoked(held, "account_retired")
    for account in (first, second):
        account.refresh_from_db()
        assert account.status == AccountStatus.RETIRED and account.retired_at is not None
        assert account.description == "Closed in the 2026 clean-up"
        entry = AuditEntry.objects.get(action=AuditAction.ACCOUNT_RETIRED, account=account)
        assert entry.reason == "Retired by a bulk update"
    # The account that was retired before is left as it was, with no second audit entry.
    already.refresh_from_db()
    assert already.description != "Closed in the 2026 clean-up"
    assert (
        AuditEntry.objects.filter(action=AuditAction.ACCOUNT_RETIRED, account=already).count() == 1
    )
    # Other bulk updates are plain updates.
    assert SocialAccount.objects.filter(pk=first.pk).update(description="Archive") == 1
