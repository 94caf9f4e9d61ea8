"""A certificate's validity comes from its dates, not from the status column the nightly sweep
updates: one past its end reads expired everywhere before the sweep has run (the demo has no
beat, so there it never runs), and after the sweep everything still agrees."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access import services as access_services
from access.check import check_access
from access.models import AccessGrant
from certification.models import Certificate, CertificateStatus
from certification.services import (
    evaluate_user,
    expire_certificates,
    issue_certificate,
    standing_for,
)
from lms.scope import Scope
from reporting.completion import ReportFilters, department_completion, people_listing
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    UserFactory,
    accept_current_policy,
    account_with_roles,
    api_token,
    make_department,
    record_completions,
)

pytestmark = pytest.mark.django_db


def lapse(certificate, ago=datetime.timedelta(minutes=1)):
    """End the certificate a moment ago, as time does: the status column still says valid,
    and the grants resting on it keep their own dates (only the sweep touches either)."""
    end = timezone.now() - ago
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=end - datetime.timedelta(days=365), expires_at=end
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID  # what the column says
    return certificate


@pytest.fixture
def holder():
    return EmployeeFactory(user__first_name="Alex", user__last_name="Morgan").user


@pytest.fixture
def lapsed(ladder, holder):
    record_completions(holder, ladder["basics"])
    accept_current_policy(holder, ladder["policy"])
    return lapse(issue_certificate(holder, ladder["enthusiast"]))


def test_the_model_and_the_queryset_read_the_dates(lapsed):
    assert lapsed.current_status == CertificateStatus.EXPIRED
    assert lapsed.is_valid is False
    assert lapsed.get_current_status_display() == "Expired"
    before_the_end = lapsed.expires_at - datetime.timedelta(seconds=1)
    assert lapsed.status_at(before_the_end) == CertificateStatus.VALID
    assert lapsed.status_at(lapsed.expires_at) == CertificateStatus.EXPIRED
    assert not Certificate.objects.valid().filter(pk=lapsed.pk).exists()
    assert Certificate.objects.valid_at(before_the_end).filter(pk=lapsed.pk).exists()
    assert Certificate.objects.expired().filter(pk=lapsed.pk).exists()
    assert list(Certificate.objects.with_status("expired")) == [lapsed]
    assert not Certificate.objects.current_for(lapsed.holder).exists()


def test_the_verification_page_and_the_api_say_expired_before_the_sweep(client, lapsed):
    page = client.get(f"/verify/{lapsed.serial}/").content.decode()
    assert "This certificate is valid." not in page
    assert "This certificate has expired." in page
    assert client.get(f"/api/v1/certificates/{lapsed.serial}").json()["status"] == "expired"

    expire_certificates()
    page = client.get(f"/verify/{lapsed.serial}/").content.decode()
    assert "This certificate has expired." in page
    assert client.get(f"/api/v1/certificates/{lapsed.serial}").json()["status"] == "expired"


def test_my_certificates_and_the_ladder_say_expired_before_the_sweep(client_for, lapsed, ladder):
    client = client_for(lapsed.holder)
    api = client.get("/api/v1/me/certificates").json()
    assert [(c["serial"], c["status"]) for c in api] == [(lapsed.serial, "expired")]
    mine = client.get("/certificates/").content.decode()
    assert '<span class="badge badge-warn">Expired</span>' in mine
    assert '<span class="badge badge-ok">Valid</span>' not in mine
    detail = client.get(lapsed.get_absolute_url()).content.decode()
    assert "This certificate ended on" in detail

    standing = standing_for(lapsed.holder, ladder["enthusiast"])
    assert (standing.held, standing.renewing) == (False, True)
    # The program above rests on a *valid* Enthusiast certificate: the lapsed one is not.
    assert standing_for(lapsed.holder, ladder["professional"]).prerequisite_held is False


def test_meeting_it_again_renews_before_the_sweep_has_recorded_the_end(lapsed, ladder):
    # The old row still holds the one-valid-per-program slot: issuing records its end first.
    [renewed] = evaluate_user(lapsed.holder)
    lapsed.refresh_from_db()
    assert lapsed.status == CertificateStatus.EXPIRED
    assert renewed.program == ladder["enthusiast"] and renewed.is_valid
    assert issue_certificate(lapsed.holder, ladder["enthusiast"]) is None  # still one at a time


def test_the_admin_filters_by_the_status_people_see(client_for, lapsed):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    url = reverse("certification_certificates:index")
    expired = client_for(admin).get(url, {"status": "expired"}).content.decode()
    valid = client_for(admin).get(url, {"status": "valid"}).content.decode()
    assert lapsed.serial in expired
    assert lapsed.serial not in valid


# --- access --------------------------------------------------------------------------------


@pytest.fixture
def granted(ladder):
    """A publisher on @NorthwindSystems whose Professional certificate has just ended."""
    professional = ladder["professional"]
    employee = EmployeeFactory(user__email="alex@northwind.example")
    account = account_with_roles(handle="NorthwindSystems")
    certificate = issue_certificate(employee.user, professional)
    grant = access_services.request_access(employee.user, account, "publish").grant_result
    assert check_access(employee.user.email, "NorthwindSystems", "publish").allowed
    return employee.user, account, lapse(certificate), grant


def test_a_grant_on_an_expired_certificate_lets_nobody_in_before_the_sweep(
    client, granted, django_assert_max_num_queries
):
    user, account, certificate, grant = granted
    grant.refresh_from_db()
    # Even a grant whose own end is still ahead rests on a certificate that has ended.
    assert grant.expires_at > timezone.now()
    raw = api_token("access:check")[1]
    params = {"user": user.email, "account": account.pk, "role": "publish"}
    client.get("/api/v1/access/check", params, HTTP_AUTHORIZATION=f"Bearer {raw}")  # last used
    with django_assert_max_num_queries(2):  # the token, then the one statement
        body = client.get("/api/v1/access/check", params, HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert (body["allowed"], body["reason"], body["until"]) == (False, "certificate_expired", None)

    assert access_services.best_certificate(user, certificate.program_id) is None

    expire_certificates()
    assert AccessGrant.objects.get(pk=grant.pk).revoked_at is not None
    after = check_access(user.email, str(account.pk), "publish")
    assert (after.allowed, after.reason) == (False, "certificate_expired")


def test_a_grant_that_ended_answers_by_the_certificates_held_now(granted, ladder):
    """Holding a higher certificate too: not granted, before the sweep as after it."""
    user, account, certificate, grant = granted
    AccessGrant.objects.filter(pk=grant.pk).update(expires_at=certificate.expires_at)  # as made
    spokesperson = ladder["spokesperson"]
    Certificate.objects.create(
        holder=user, program=spokesperson, expires_at=timezone.now() + datetime.timedelta(days=9)
    )
    before = check_access(user.email, str(account.pk), "publish")
    expire_certificates()
    after = check_access(user.email, str(account.pk), "publish")
    assert (before.allowed, before.reason) == (False, "not_granted")
    assert (after.allowed, after.reason) == (False, "not_granted")


def test_the_grant_is_not_held_any_more_before_the_sweep(client_for, granted):
    user, account, _certificate, grant = granted
    client = client_for(user)
    assert client.get("/api/v1/me/access").json()["grants"] == []
    assert not AccessGrant.objects.active().filter(pk=grant.pk).exists()
    grant.refresh_from_db()
    assert (grant.is_active(), grant.state) == (False, "expired")
    # Asking again is not refused as "already held": it waits for a valid certificate.
    response = client.post(
        "/api/v1/access-requests",
        {"account": str(account.pk), "role": "publish"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"


# --- HR report -----------------------------------------------------------------------------


def test_the_hr_report_counts_only_certificates_valid_by_their_dates(lapsed, ladder):
    department = lapsed.holder.employee.department
    current = EmployeeFactory(department=department)
    record_completions(current.user, ladder["basics"])
    accept_current_policy(current.user, ladder["policy"])
    issue_certificate(current.user, ladder["enthusiast"])
    AssignmentFactory(program=ladder["enthusiast"], department=department)
    filters = ReportFilters(program=ladder["enthusiast"])

    def certified():
        [row] = [r for r in department_completion(filters, Scope()) if r.id == department.pk]
        people = people_listing(filters, Scope(), department, "certified")
        return row.certified, [p.name for p in people]

    name = current.user.get_full_name()
    assert certified() == (1, [name])
    expire_certificates()
    assert certified() == (1, [name])


def test_a_department_report_names_nobody_certified_by_a_stale_column(ladder):
    department = make_department("Support")
    person = EmployeeFactory(department=department).user
    record_completions(person, ladder["basics"])
    accept_current_policy(person, ladder["policy"])
    lapse(issue_certificate(person, ladder["enthusiast"]))
    AssignmentFactory(program=ladder["enthusiast"], department=department)
    [row] = department_completion(ReportFilters(program=ladder["enthusiast"]), Scope())
    assert (row.certified, row.completed) == (0, 0)
