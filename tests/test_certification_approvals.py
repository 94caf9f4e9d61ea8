"""Approvals: programs that need one open a request when all else is met; the social media team
decides in an admin queue; nobody decides their own request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError

from certification.models import Approval, ApprovalStatus, Certificate, CertificateStatus
from certification.services import (
    ask_for_approval,
    decide,
    evaluate_user,
    issue_certificate,
    standing_for,
)
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    accept_current_policy,
    record_completions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def professional(ladder):
    """Someone who holds Enthusiast and Professional: next is Spokesperson."""
    person = EmployeeFactory(user__email="pro@example.com").user
    record_completions(person, ladder["basics"], ladder["engaging"])
    accept_current_policy(person, ladder["policy"])
    evaluate_user(person)
    return person


@pytest.fixture
def reviewer(db):
    team, _ = Group.objects.get_or_create(name="Social media team")
    for codename in ("access_admin", "view_approval", "decide_approval"):
        team.permissions.add(Permission.objects.get(codename=codename))
    user = UserFactory(is_staff=True)
    user.groups.add(team)
    return user


def test_a_request_opens_when_everything_else_is_met(professional, ladder):
    approval = Approval.objects.get(applicant=professional)
    assert approval.program == ladder["spokesperson"]
    assert approval.status == ApprovalStatus.PENDING
    standing = standing_for(professional, ladder["spokesperson"])
    assert standing.awaiting_approval and not standing.met


def test_no_request_before_the_rest_is_met(ladder):
    person = EmployeeFactory().user
    record_completions(person, ladder["basics"])
    accept_current_policy(person, ladder["policy"])
    evaluate_user(person)
    assert not Approval.objects.filter(applicant=person).exists()
    with pytest.raises(ValidationError, match="Finish the other requirements first"):
        ask_for_approval(person, ladder["spokesperson"])


def test_approval_issues_the_certificate(
    professional, reviewer, ladder, django_capture_on_commit_callbacks, mailoutbox
):
    approval = Approval.objects.get(applicant=professional)
    with django_capture_on_commit_callbacks(execute=True):
        decide(approval, by=reviewer, approve=True, note="Great judgement.")
    certificate = Certificate.objects.get(holder=professional, program=ladder["spokesperson"])
    assert certificate.approval == approval
    assert certificate.status == CertificateStatus.VALID
    approval.refresh_from_db()
    assert approval.decided_by == reviewer and approval.decided_at is not None
    subjects = {m.subject for m in mailoutbox}
    assert {"Approved: Spokesperson", "You are now certified: Spokesperson"} <= subjects


def test_a_rejection_needs_a_note_and_the_person_may_ask_again(professional, reviewer, ladder):
    approval = Approval.objects.get(applicant=professional)
    with pytest.raises(ValidationError):
        decide(approval, by=reviewer, approve=False, note="  ")
    decide(approval, by=reviewer, approve=False, note="Pair with the team first.")
    assert evaluate_user(professional) == []
    assert Approval.objects.filter(applicant=professional).count() == 1  # no automatic retry
    standing = standing_for(professional, ladder["spokesperson"])
    assert standing.rejected and standing.can_request_approval
    again = ask_for_approval(professional, ladder["spokesperson"], message="Done the pairing.")
    assert again.status == ApprovalStatus.PENDING and again.pk != approval.pk
    with pytest.raises(ValidationError, match="already waiting"):
        ask_for_approval(professional, ladder["spokesperson"])


def test_a_decision_is_made_once(professional, reviewer):
    approval = Approval.objects.get(applicant=professional)
    decide(approval, by=reviewer, approve=True)
    with pytest.raises(ValidationError, match="already decided"):
        decide(approval, by=reviewer, approve=False, note="Changed my mind.")


def test_nobody_decides_their_own_request(professional, ladder):
    professional.is_superuser = True
    professional.save()
    approval = Approval.objects.get(applicant=professional)
    with pytest.raises(PermissionDenied, match="your own request"):
        decide(approval, by=professional, approve=True)
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING


def test_an_employee_without_the_right_cannot_decide(professional):
    approval = Approval.objects.get(applicant=professional)
    with pytest.raises(PermissionDenied):
        decide(approval, by=EmployeeFactory().user, approve=True)


def test_the_team_decides_in_the_admin_queue(
    client_for, professional, reviewer, ladder, django_capture_on_commit_callbacks
):
    approval = Approval.objects.get(applicant=professional)
    client = client_for(reviewer)
    queue = client.get("/admin/certification_approvals/")
    assert queue.status_code == 200
    assert f"/admin/certification_approvals/decide/{approval.pk}/".encode() in queue.content
    url = f"/admin/certification_approvals/decide/{approval.pk}/"
    assert client.get(url).status_code == 200
    missing_note = client.post(url, {"decision": "reject", "note": ""})
    assert missing_note.status_code == 200 and b"Say why" in missing_note.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "note": "Welcome aboard."})
    assert response.status_code == 302
    assert Certificate.objects.filter(holder=professional, program=ladder["spokesperson"]).exists()


def test_the_admin_refuses_a_decision_on_ones_own_request(client_for, reviewer, ladder):
    record_completions(reviewer, ladder["basics"], ladder["engaging"])
    accept_current_policy(reviewer, ladder["policy"])
    evaluate_user(reviewer)
    own = Approval.objects.get(applicant=reviewer)
    client = client_for(reviewer)
    url = f"/admin/certification_approvals/decide/{own.pk}/"
    assert client.get(url).status_code == 302
    client.post(url, {"decision": "approve", "note": ""})
    own.refresh_from_db()
    assert own.status == ApprovalStatus.PENDING
    queue = client.get("/admin/certification_approvals/")
    assert url.encode() not in queue.content


def test_the_queue_is_closed_to_employees(client_for, professional):
    approval = Approval.objects.get(applicant=professional)
    client = client_for(professional)
    assert client.get("/admin/certification_approvals/").status_code in (302, 403)
    response = client.post(
        f"/admin/certification_approvals/decide/{approval.pk}/", {"decision": "approve"}
    )
    assert response.status_code in (302, 403)
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING


def test_an_employee_asks_for_approval_from_my_certificates(
    client_for, professional, reviewer, ladder
):
    approval = Approval.objects.get(applicant=professional)
    decide(approval, by=reviewer, approve=False, note="Not yet.")
    client = client_for(professional)
    page = client.get("/certificates/").content.decode()
    assert "Ask for approval" in page and "Not yet." in page
    response = client.post(
        "/certificates/programs/spokesperson/request-approval/", {"message": "Ready now."}
    )
    assert response.status_code == 302
    assert Approval.objects.filter(
        applicant=professional, status=ApprovalStatus.PENDING, message="Ready now."
    ).exists()
    twice = client.post("/certificates/programs/spokesperson/request-approval/", follow=True)
    assert b"already waiting" in twice.content
    assert client.post("/certificates/programs/nope/request-approval/").status_code == 404
    assert client.get("/certificates/programs/spokesperson/request-approval/").status_code == 405


def test_programs_without_approval_cannot_be_requested(professional, ladder):
    with pytest.raises(ValidationError, match="needs no approval"):
        ask_for_approval(professional, ladder["enthusiast"])


def test_one_pending_request_per_person_and_program_is_a_database_rule(professional, ladder):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Approval.objects.create(applicant=professional, program=ladder["spokesperson"])


def test_an_approval_is_used_by_one_certificate_only(professional, reviewer, ladder):
    from certification.services import revoke_certificate

    approval = Approval.objects.get(applicant=professional)
    decide(approval, by=reviewer, approve=True)
    [spokesperson] = evaluate_user(professional)
    revoke_certificate(spokesperson, reason="Off-message at a conference.")
    assert issue_certificate(professional, ladder["spokesperson"], approval=approval) is None
    assert evaluate_user(professional) == []
