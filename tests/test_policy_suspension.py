"""A new policy version: a grace period to accept it, then suspension until the holder does."""

import datetime

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from access import services as access_services
from access.check import check_access
from access.models import AccessGrant
from certification import status_lists
from certification.models import (
    Certificate,
    CertificateStatus,
    LifecycleAction,
    LifecycleEvent,
    Program,
)
from certification.services.suspension import (
    lift_policy_suspension,
    policy_due_items,
    policy_notice,
    policy_programs,
    suspend_for_policy,
)
from courses.models import PolicyVersion
from tests.factories import (
    CertificateFactory,
    EmployeeFactory,
    UserFactory,
    WebhookEndpointFactory,
    accept_current_policy,
    account_with_roles,
    certify,
    publish_policy_change,
)
from webhooks.models import OutboxEvent

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def holder(ladder):
    """A person certified Professional (Enthusiast below it), who accepted policy version 1."""
    employee = EmployeeFactory(user__email="sam@northwind.example")
    accept_current_policy(employee.user, ladder["policy"])
    certify(employee.user, ladder["enthusiast"])
    certify(employee.user, ladder["professional"])
    return employee.user


def new_version(ladder):
    publish_policy_change(ladder["policy"], "<p>Disclose, always.</p>")
    return PolicyVersion.objects.order_by("-number").first()


def after_grace(version, days=30):
    return version.published_at + datetime.timedelta(days=days) + DAY


def test_programs_that_need_the_policy_through_their_lineage(ladder):
    # Only Enthusiast asks for the policy itself; the programs above it build on it.
    assert not ladder["professional"].requires_policy
    programs = policy_programs()
    assert set(programs) >= {
        ladder["enthusiast"].pk,
        ladder["professional"].pk,
        ladder["spokesperson"].pk,
    }
    loose = Program.objects.create(
        name="Loose", slug="loose", description="d", allows="a", requires_policy=False
    )
    assert loose.pk not in policy_programs()


def test_no_grace_period_for_the_first_version(holder, ladder):
    assert policy_notice(holder) is None
    assert suspend_for_policy(timezone.now() + 400 * DAY) == []


def test_grace_period_then_suspension_then_back_on_acceptance(
    holder, ladder, client_for, django_capture_on_commit_callbacks
):
    account = account_with_roles(handle="NorthwindNews")
    access_services.request_access(holder, account, "publish")
    assert check_access(holder.email, "NorthwindNews", "publish").allowed

    with django_capture_on_commit_callbacks(execute=True):
        version = new_version(ladder)

    # In the grace period: a notice, nothing suspended.
    notice = policy_notice(holder)
    assert notice is not None and notice.deadline == version.published_at + 30 * DAY
    assert {c.program.slug for c in notice.at_risk} == {"enthusiast", "professional"}
    assert suspend_for_policy(version.published_at + 29 * DAY) == []
    items = policy_due_items(holder)
    assert len(items) == 1 and "will be suspended" in items[0].title
    assert check_access(holder.email, "NorthwindNews", "publish").allowed

    home = client_for(holder).get("/my-learning/")
    assert b"or your certificates will be suspended" in home.content
    professional = Certificate.objects.get(holder=holder, program=ladder["professional"])
    page = client_for(holder).get(professional.get_absolute_url())
    assert b"Accept the new policy by" in page.content

    # The grace period ends: both certificates are suspended, the access check refuses.
    ids = suspend_for_policy(after_grace(version))
    assert len(ids) == 2
    professional.refresh_from_db()
    assert professional.status == CertificateStatus.SUSPENDED
    assert professional.suspension_reason == "policy version 2 not accepted"
    assert professional.suspended_at is not None
    assert not professional.is_valid
    events = LifecycleEvent.objects.filter(action=LifecycleAction.SUSPENDED, subject=holder)
    assert events.count() == 2
    assert events.first().details == {"policy_version": 2}
    result = check_access(holder.email, "NorthwindNews", "publish")
    assert not result.allowed
    grant = AccessGrant.objects.get(user=holder)
    assert grant.revoked_at is None  # kept, only not active while suspended
    assert suspend_for_policy(after_grace(version)) == []  # nothing twice

    page = client_for(holder).get(professional.get_absolute_url())
    assert b"suspended" in page.content
    public = client_for(UserFactory()).get(professional.verification_path())
    assert b"This certificate is suspended" in public.content
    api = client_for(UserFactory()).get(f"/api/v1/certificates/{professional.serial}")
    assert api.json()["status"] == "suspended"

    # Accepting lifts it at once, without a new access request.
    with django_capture_on_commit_callbacks(execute=True):
        accept_current_policy(holder, ladder["policy"])
    professional.refresh_from_db()
    assert professional.status == CertificateStatus.VALID
    assert professional.suspended_at is None
    assert check_access(holder.email, "NorthwindNews", "publish").allowed
    assert AccessGrant.objects.get(user=holder).pk == grant.pk
    assert LifecycleEvent.objects.filter(action=LifecycleAction.UNSUSPENDED).count() == 2
    assert policy_notice(holder) is None


def test_a_certificate_that_ended_while_suspended_comes_back_expired(holder, ladder):
    version = new_version(ladder)
    suspend_for_policy(after_grace(version))
    later = max(Certificate.objects.filter(holder=holder).values_list("expires_at", flat=True))
    valid, expired = lift_policy_suspension(holder, version, now=later + DAY)
    assert valid == [] and len(expired) == 2
    assert set(Certificate.objects.filter(holder=holder).values_list("status", flat=True)) == {
        CertificateStatus.EXPIRED
    }


def test_accepting_an_old_version_lifts_nothing(holder, ladder):
    old = PolicyVersion.objects.get(number=1)
    version = new_version(ladder)
    suspend_for_policy(after_grace(version))
    assert lift_policy_suspension(holder, old) == ([], [])


def test_people_who_accepted_in_time_are_not_suspended(holder, ladder):
    version = new_version(ladder)
    accept_current_policy(holder, ladder["policy"])
    assert policy_notice(holder) is None
    assert suspend_for_policy(after_grace(version)) == []


def test_a_shorter_grace_period_suspends_sooner(holder, ladder):
    Program.objects.filter(pk=ladder["professional"].pk).update(policy_grace_days=7)
    version = new_version(ladder)
    ids = suspend_for_policy(version.published_at + 8 * DAY)
    assert list(Certificate.objects.filter(pk__in=ids).values_list("program__slug", flat=True)) == [
        "professional"
    ]
    # Enthusiast still has its 30 days; the suspended Professional is named as such.
    notice = policy_notice(holder)
    assert notice.deadline == version.published_at + 30 * DAY
    assert [c.program.slug for c in notice.suspended] == ["professional"]


def test_one_grace_email_per_person(holder, ladder, mailoutbox, django_capture_on_commit_callbacks):
    other = UserFactory(email="kim@northwind.example")
    accept_current_policy(other, ladder["policy"])
    certify(other, ladder["enthusiast"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new_version(ladder)
    grace = [m for m in mailoutbox if "Accept the new social media policy" in m.subject]
    assert sorted(m.to[0] for m in grace) == ["kim@northwind.example", "sam@northwind.example"]
    sam = next(m for m in grace if m.to == ["sam@northwind.example"])
    assert "Professional" in sam.body and "Enthusiast" in sam.body
    assert "/policy/" in sam.body


def test_webhooks_for_suspension_and_its_lifting(holder, ladder):
    WebhookEndpointFactory(events=["certificate.suspended", "certificate.unsuspended"])
    version = new_version(ladder)
    suspend_for_policy(after_grace(version))
    suspended = OutboxEvent.objects.filter(type="certificate.suspended")
    assert suspended.count() == 2
    payload = suspended.first().data
    assert payload["status"] == "suspended"
    assert payload["reason"] == "policy version 2 not accepted"
    accept_current_policy(holder, ladder["policy"])
    lifted = OutboxEvent.objects.filter(type="certificate.unsuspended")
    assert lifted.count() == 2 and lifted.first().data["status"] == "valid"


def test_the_suspension_status_list(holder, ladder, client, signing_key):
    professional = Certificate.objects.get(holder=holder, program=ladder["professional"])
    entry = status_lists.entry_for(professional)
    version = new_version(ladder)

    def bits(purpose):
        path = f"/api/v1/credentials/status/{entry.list_number}"
        if purpose == "suspension":
            path += "/suspension"
        body = client.get(path, HTTP_ACCEPT="application/json").json()["credential"]
        assert body["credentialSubject"]["statusPurpose"] == purpose
        return status_lists.decode(body["credentialSubject"]["encodedList"])

    assert entry.index not in bits("suspension")
    suspend_for_policy(after_grace(version))
    assert entry.index in bits("suspension")
    assert entry.index not in bits("revocation")
    accept_current_policy(holder, ladder["policy"])
    assert entry.index not in bits("suspension")
    assert client.get("/api/v1/credentials/status/999/suspension").status_code == 404


@pytest.mark.parametrize("count", [2, 8])
def test_the_sweep_makes_a_fixed_number_of_queries(ladder, count, django_assert_max_num_queries):
    for _ in range(count):
        CertificateFactory(program=ladder["enthusiast"])
        CertificateFactory(program=ladder["professional"])
    version = new_version(ladder)
    # The same at both sizes: the suspension, its events, and each listener's one statement
    # (champions' roles resting on the certificates lapse with them).
    with django_assert_max_num_queries(11):
        ids = suspend_for_policy(after_grace(version))
    assert len(ids) == 2 * count


@pytest.mark.parametrize("count", [1, 6])
def test_the_notice_makes_a_fixed_number_of_queries(ladder, count, django_assert_max_num_queries):
    user = UserFactory()
    for program in ("enthusiast", "professional", "spokesperson")[: min(count, 3)]:
        CertificateFactory(holder=user, program=ladder[program])
    new_version(ladder)
    with django_assert_max_num_queries(5):
        notice = policy_notice(user)
    assert len(notice.at_risk) == min(count, 3)


@pytest.mark.parametrize("days", [3651, -1, "soon"])
def test_the_admin_refuses_a_grace_period_out_of_range(client_for, days):
    admin = UserFactory(is_superuser=True, is_staff=True)
    data = nested_form_data(
        {
            "name": "Professional",
            "slug": "professional",
            "tier": 2,
            "description": "The full curriculum.",
            "allows": "May engage.",
            "validity_days": 365,
            "recertification_window_days": 30,
            "renewal_requirement": "full",
            "reminder_days": "30, 14, 1",
            "policy_grace_days": days,
            "program_courses": inline_formset([], initial=0),
        }
    )
    response = client_for(admin).post("/admin/certification_programs/new/", data)
    assert response.status_code == 200
    assert not Program.objects.filter(slug="professional").exists()
    if days == 3651:
        assert b"less than or equal to 3650" in response.content
