"""Business rules of certification. Views, the API, the admin, tasks and commands call these.

- standing: where a person stands on each program (`standings_for`, `standing_for`) and what
  renewing a certificate takes (`renewal_plan`)
- issuing: `evaluate_user`, `issue_certificate`, `request_approval`, `renew`
- revocation: `revoke_certificate` (raises `AlreadyRevoked` or ValidationError)
- approvals: `decide`, `ask_for_approval`, `can_decide`
- expiry: `expire_certificates`, `send_expiry_reminders`
"""

from certification.services.approvals import ask_for_approval, can_decide, decide
from certification.services.expiry import REMINDER_DAYS, expire_certificates, send_expiry_reminders
from certification.services.issuing import (
    evaluate_user,
    evaluate_user_id,
    issue_certificate,
    reconcile_certificates,
    renew,
    request_approval,
)
from certification.services.revocation import AlreadyRevoked, clean_reason, revoke_certificate
from certification.services.standing import (
    LearnerRecord,
    ProgramStanding,
    RenewalPlan,
    renewal_plan,
    standing_for,
    standings_for,
)

__all__ = [
    "REMINDER_DAYS",
    "AlreadyRevoked",
    "LearnerRecord",
    "ProgramStanding",
    "RenewalPlan",
    "ask_for_approval",
    "can_decide",
    "clean_reason",
    "decide",
    "evaluate_user",
    "evaluate_user_id",
    "expire_certificates",
    "issue_certificate",
    "reconcile_certificates",
    "renew",
    "renewal_plan",
    "request_approval",
    "revoke_certificate",
    "send_expiry_reminders",
    "standing_for",
    "standings_for",
]
