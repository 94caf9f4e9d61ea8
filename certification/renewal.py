"""Renewing a certificate: what a holder must do, and the renewal itself.

A certificate is renewed by meeting its program's *current* requirements again once it has
ended: the current version of the policy (a new version asks everyone again), every course the
program requires today (courses added since count), a valid certificate of the program below,
and, for programs that need it, a fresh approval. Renewal happens on the next learning event, or
when the holder asks for it on the certificate's page. A revoked certificate is not renewed:
the social media team must approve a new one.
"""

from dataclasses import dataclass

from django.db import transaction

from certification.models import CertificateStatus
from certification.services.issuing import evaluate_user, request_approval
from certification.services.standing import LearnerRecord, ProgramStanding


@dataclass
class RenewalPlan:
    certificate: object
    standing: ProgramStanding
    superseded: bool  # a newer certificate of the program exists

    @property
    def revoked(self):
        return self.certificate.status == CertificateStatus.REVOKED

    @property
    def to_do(self):
        """What is outstanding now, in words (empty when nothing is)."""
        return self.standing.steps

    @property
    def missing_courses(self):
        return self.standing.missing_courses

    @property
    def policy_missing(self):
        return self.standing.policy_missing

    @property
    def approval_required(self):
        return self.standing.approval_required

    @property
    def can_renew_now(self):
        """Ended by expiry, not replaced yet, and every requirement but approval met."""
        return (
            self.certificate.current_status == CertificateStatus.EXPIRED
            and not self.superseded
            and not self.standing.held
            and self.standing.learning_met
        )


def renewal_plan(certificate, record=None):
    """The renewal steps of one certificate, read in a fixed number of queries."""
    record = record or LearnerRecord(certificate.holder)
    program = record.by_id.get(certificate.program_id, certificate.program)
    standing = record.standing(program)
    latest = standing.latest
    return RenewalPlan(
        certificate=certificate,
        standing=standing,
        superseded=latest is not None and latest.pk != certificate.pk,
    )


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
