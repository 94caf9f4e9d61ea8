"""The audit log: append-only in the model, read-only in the admin (owners see their accounts,
staff everything), filterable and exportable, and absent from the API."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from access import services as access_services
from access.models import AuditAction, AuditEntry, AuditLogIsAppendOnly, SocialAccount
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    account_with_roles,
    certify,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(ladder):
    """Two accounts with different owners, and a request, grant and revocation on each."""
    owner_a, owner_b = UserFactory(), UserFactory()
    for owner in (owner_a, owner_b):
        owner.user_permissions.add(Permission.objects.get(codename="access_admin"))
    a = account_with_roles(handle="AlphaAccount", owners=[owner_a])
    b = account_with_roles(handle="BetaAccount", owners=[owner_b])
    person = EmployeeFactory(user__email="pat@northwind.example").user
    certify(person, ladder["professional"])
    for account in (a, b):
        grant = access_services.request_access(person, account, "publish").grant_result
        access_services.revoke_grant(grant, by=account.owners.first(), note="Rota ended")
    return {"owner_a": owner_a, "owner_b": owner_b, "a": a, "b": b, "person": person}


def test_entries_cannot_be_changed(history):
    entry = AuditEntry.objects.first()
    entry.reason = "nothing happened"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    entry.refresh_from_db()
    assert entry.reason != "nothing happened"


def test_entries_cannot_be_deleted(history):
    count = AuditEntry.objects.count()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.first().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == count


def test_deleting_a_person_keeps_their_entries_readable(history):
    from django.contrib.auth import get_user_model

    owner = history["owner_a"]
    get_user_model().objects.filter(pk=owner.pk).delete()
    entry = AuditEntry.objects.filter(action=AuditAction.REVOKED, account=history["a"]).get()
    assert entry.actor is None
    assert entry.actor_label == owner.get_full_name()


def test_deleting_a_person_with_grants_keeps_the_trail(history):
    from django.contrib.auth import get_user_model

    person = history["person"]
    entries = AuditEntry.objects.filter(subject=person).count()
    get_user_model().objects.filter(pk=person.pk).delete()  # grants and certificates go too
    kept = AuditEntry.objects.filter(details__subject_email="pat@northwind.example")
    assert kept.count() == entries == 8
    assert {e.subject_label for e in kept} == {person.get_full_name()}
    assert all(e.certificate_serial for e in kept if e.action != AuditAction.REQUESTED)


def test_every_step_is_recorded_with_who_what_and_why(history):
    entries = AuditEntry.objects.filter(account=history["a"]).order_by("pk")
    assert [e.action for e in entries] == [
        AuditAction.REQUESTED,
        AuditAction.APPROVED,
        AuditAction.GRANTED,
        AuditAction.REVOKED,
    ]
    revoked = entries.last()
    assert revoked.actor == history["owner_a"]
    assert revoked.subject == history["person"]
    assert revoked.role == "publish"
    assert revoked.reason == "Revoked by an owner: Rota ended"
    assert revoked.certificate is not None
    assert revoked.details["certificate"] == revoked.certificate.serial
    assert revoked.details["subject_email"] == "pat@northwind.example"


def test_owners_see_the_entries_of_their_accounts_only(history, client_for):
    client = client_for(history["owner_a"])
    page = client.get(reverse("access_audit:index")).content.decode()
    assert "@AlphaAccount" in page and "@BetaAccount" not in page
    other = AuditEntry.objects.filter(account=history["b"]).first()
    assert client.get(reverse("access_audit:inspect", args=[other.pk])).status_code == 404
    mine = AuditEntry.objects.filter(account=history["a"]).first()
    assert client.get(reverse("access_audit:inspect", args=[mine.pk])).status_code == 200


def test_staff_see_everything_and_filter(history, client_for):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(staff)
    page = client.get(reverse("access_audit:index")).content.decode()
    assert "@AlphaAccount" in page and "@BetaAccount" in page
    filtered = client.get(
        reverse("access_audit:index"), {"action": "access.revoked", "account": history["b"].pk}
    )
    assert [(e.action, e.account) for e in filtered.context["object_list"]] == [
        (AuditAction.REVOKED, history["b"])
    ]
    by_person = client.get(reverse("access_audit:index"), {"person": "PAT@northwind.example"})
    assert len(by_person.context["object_list"]) == 8
    nobody = client.get(reverse("access_audit:index"), {"person": "nobody@example.com"})
    assert len(nobody.context["object_list"]) == 0


def test_the_log_exports_to_csv_and_xlsx(history, client_for):
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = client_for(superuser)
    csv_response = client.get(reverse("access_audit:index"), {"export": "csv"})
    assert csv_response.status_code == 200
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    header, *rows = [line for line in text.splitlines() if line]
    assert header.startswith("At,Action,By,Person,E-mail,Account,Role,Certificate,Reason")
    assert len(rows) == AuditEntry.objects.count() == 8
    assert any("Rota ended" in row and "pat@northwind.example" in row for row in rows)

    xlsx = client.get(reverse("access_audit:index"), {"export": "xlsx"})
    workbook = b"".join(xlsx.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    assert sheet.max_row == 9


def test_there_is_no_way_to_add_edit_or_delete_entries(history, client_for):
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = client_for(superuser)
    entry = AuditEntry.objects.first()
    for url in (
        "/admin/access_audit/new/",
        f"/admin/access_audit/edit/{entry.pk}/",
        f"/admin/access_audit/delete/{entry.pk}/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x"}).status_code == 404
    index = client.get(reverse("access_audit:index")).content.decode()
    assert "/admin/access_audit/new/" not in index
    # No API endpoint writes or deletes entries either.
    schema = client.get("/api/v1/openapi.json").json()
    assert not [p for p in schema["paths"] if "audit" in p]


def test_employees_cannot_read_the_log(history, client_for):
    response = client_for(history["person"]).get(reverse("access_audit:index"))
    assert response.status_code == 302


def test_deleting_an_account_without_history_detaches_nothing(history):
    bare = SocialAccount.objects.create(
        platform="blog",
        handle="news",
        name="News",
        url="https://example.com",
        department=history["a"].department,
    )
    bare.delete()  # no audit entry points at it: nothing to detach
    assert AuditEntry.objects.count() == 8
