"""Issuing certificates: judge every program for a person and certify what is met."""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from certification import learning, notifications
from certification.models import Approval, ApprovalStatus, Certificate, CertificateKind, Program
from certification.services.expiry import expire_certificates
from certification.services.recertification import close_cycle, renew_in_window
from certification.services.standing import LearnerRecord, renewal_plan
from certification.signals import certificate_issued

logger = logging.getLogger(__name__)


def issue_certificate(user, program, *, approval=None, now=None, renews=None):
    """Issue a certificate of `program` to `user`; None when one is already valid.

    The partial unique constraint (one valid certificate per person and program) decides races:
    the loser's insert fails, its savepoint rolls back, and it returns None. `renews`: the
    person's last certificate of the program, expired: the new one renews it (its
    recertification cycle is closed, and access taken away at its expiry can come back).
    """
    now = now or timezone.now()
    # A certificate past its end that the nightly sweep has not recorded yet still holds the
    # one-valid-per-program slot: record its expiry now (the same event the sweep sends).
    expire_certificates(now, Certificate.objects.filter(holder=user, program=program))
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                holder=user,
                program=program,
                issued_at=now,
                expires_at=now + datetime.timedelta(days=program.validity_days),
                approval=approval,
                renews=renews,
            )
            if renews is not None:
                close_cycle(renews, certificate, now)
            certificate_issued.send(sender=Certificate, certificate=certificate)
    except IntegrityError:
        logger.info("Certificate of %s for user %s already issued.", program.slug, user.pk)
        return None
    notifications.queue_certificate_email(certificate.pk, "issued")
    return certificate


def request_approval(user, program, *, message=""):
    """Open an approval request; returns the pending one if it already exists."""
    try:
        with transaction.atomic():
            return Approval.objects.create(applicant=user, program=program, message=message)
    except IntegrityError:
        return Approval.objects.get(applicant=user, program=program, status=ApprovalStatus.PENDING)


def evaluate_user(user, *, now=None):
    """Issue every certificate the person now meets, lowest tier first; open approval requests.

    A program that needs approval gets a request the first time everything else is met (no
    request since the last certificate); after a rejection the person asks again themselves.
    A valid certificate whose recertification window is open is renewed once its cycle is met
    (`recertification.renew_in_window`: continued from its end, no gap); after expiry, the new
    certificate renews the expired one. Returns the certificates issued (renewals included).
    """
    issued = []
    now = now or timezone.now()
    with transaction.atomic():
        record = LearnerRecord(user, now=now)
        for program in record.programs:
            standing = record.standing(program)
            if standing.held:
                renewed = renew_held(user, standing, now)
                if renewed is not None:
                    record.record_issued(renewed)
                    issued.append(renewed)
                continue
            if standing.met:
                approval = standing.approval if standing.approval_required else None
                certificate = issue_certificate(
                    user, program, approval=approval, now=now, renews=renewable(standing)
                )
                if certificate is not None:
                    record.record_issued(certificate)
                    issued.append(certificate)
            elif standing.learning_met and standing.approval_required and standing.approval is None:
                request_approval(user, program)
    return issued


def renew_held(user, standing, now):
    """Inside the window: renew once the cycle is met; ask for approval when that is all that
    is missing (programs that need one). Returns the new certificate or None."""
    if standing.renewal_met:
        approval = standing.approval if standing.approval_required else None
        return renew_in_window(standing.certificate, approval=approval, now=now)
    if standing.renewal_learning_met and standing.approval_required and standing.approval is None:
        request_approval(user, standing.program)
    return None


def renewable(standing):
    """The expired earned certificate a new one renews, or None (a first certificate, or one
    after a revocation)."""
    latest = standing.latest
    if standing.renewing and latest.kind == CertificateKind.EARNED:
        return latest
    return None


def is_active_employee(user):
    """People without an employee record (e.g. the admin) may certify; leavers may not."""
    employee = getattr(user, "employee", None)
    return employee is None or employee.active


def evaluate_user_id(user_id):
    """Task entry point: an unknown or inactive person is silently skipped."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not is_active_employee(user):
        return []
    return evaluate_user(user)


def reconcile_candidates(program):
    """Ids of the people who may meet `program` but hold no valid certificate of it: those who
    completed its own courses, or (a program with none) accepted the policy or hold the program
    it builds on. evaluate_user then judges each of them in full."""
    course_ids = program.own_course_ids()
    if course_ids:
        candidates = learning.users_who_completed(course_ids)
    elif program.requires_policy:
        candidates = learning.users_who_accepted_current_policy()
    elif program.builds_on_id:
        candidates = Certificate.objects.valid().filter(program_id=program.builds_on_id)
        candidates = candidates.values_list("holder_id", flat=True)
    else:
        return set()
    holders = Certificate.objects.valid().filter(program=program).values("holder_id")
    return set(
        get_user_model()
        .objects.filter(pk__in=candidates, is_active=True)
        .exclude(pk__in=holders)
        .values_list("pk", flat=True)
    )


def reconcile_certificates():
    """Issue every certificate someone meets but lacks (a lost evaluation); returns how many."""
    candidates = set()
    for program in Program.objects.prefetch_related("program_courses"):
        candidates |= reconcile_candidates(program)
    issued = 0
    for user_id in sorted(candidates):
        issued += len(evaluate_user_id(user_id))
    return issued


def renew(certificate):
    """Renew an expired certificate if its program is met again; returns the new certificate,
    or None when something is still missing (for approval programs a request is then open)."""
    with transaction.atomic():
        issued = evaluate_user(certificate.holder)
        renewed = next((c for c in issued if c.program_id == certificate.program_id), None)
        if renewed is None:
            plan = renewal_plan(certificate)
            if plan.standing.can_request_approval:
                request_approval(certificate.holder, certificate.program)
    return renewed
