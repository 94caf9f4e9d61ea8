"""Deciding approval requests: the social media team says yes or no, never about themselves."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from certification import notifications
from certification.models import Approval, ApprovalStatus
from certification.services.issuing import evaluate_user, request_approval
from certification.services.standing import standing_for
from lms.decisions import decide as shared_decide
from lms.decisions import record_decision
from lms.outbox import enqueue


def can_decide(user):
    return bool(user and user.is_authenticated and user.has_perm("certification.decide_approval"))


def decide(approval, *, by, approve, note=""):
    """Approve or reject a pending request. An approval issues the certificate if all is met.

    Raises PermissionDenied (no right, or one's own request) or ValidationError (not pending,
    or a rejection without a note).
    """
    if not can_decide(by):
        raise PermissionDenied(_("You may not decide certification requests."))
    if approval.applicant_id == by.pk:
        raise PermissionDenied(_("You cannot decide your own request."))
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError(_("Say why the request is rejected."))

    def approved(locked):
        record_decision(locked, ApprovalStatus.APPROVED, by=by, note=note)
        notifications.queue_approval_email(locked.pk)
        queue_evaluation(locked.applicant_id)

    def rejected(locked):
        record_decision(locked, ApprovalStatus.REJECTED, by=by, note=note)
        notifications.queue_approval_email(locked.pk)

    return shared_decide(
        approval,
        approve=approve,
        on_approve=approved,
        on_reject=rejected,
        already_decided=lambda locked: ValidationError(_("This request was already decided.")),
        queryset=Approval.objects.all(),
        pending=ApprovalStatus.PENDING,
    )


def queue_evaluation(user_id):
    enqueue("certification.tasks.evaluate_certifications", user_id)


def ask_for_approval(user, program, *, message=""):
    """An employee asks to be approved. Only when all else is met and nothing is waiting."""
    standing = standing_for(user, program)
    if not standing.approval_required:
        raise ValidationError(_("This program needs no approval."))
    if standing.held:
        raise ValidationError(_("You already hold a valid certificate of this program."))
    if standing.awaiting_approval:
        raise ValidationError(_("Your request is already waiting for a decision."))
    if standing.approved:
        raise ValidationError(_("Your request was already approved."))
    if not standing.learning_met:
        raise ValidationError(
            _("Finish the other requirements first: ") + "; ".join(standing.steps)
        )
    with transaction.atomic():
        return request_approval(user, program, message=(message or "").strip()[:2000])


__all__ = ["ask_for_approval", "can_decide", "decide", "evaluate_user"]
