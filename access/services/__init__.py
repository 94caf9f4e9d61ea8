"""Business rules of access to official accounts: requests, decisions, grants, revocations.

Every function does one job in one transaction, writes the audit log and the webhook outbox in
that same transaction, and raises an `AccessError` (carrying the HTTP status it maps to) when
the input cannot be honoured. Views, the API, the admin and the signal receivers call these.

- rules: `can_decide`, `may_decide_request`, `decidable_account_ids`, `awaiting_decision_by`,
  `is_access_staff`, `best_certificate`, `covering_program_ids`
- requests: `request_access`, `waiting_message`, `decide_request`, `withdraw_request`,
  `grant_access`, `grant_waiting_requests`
- revocation: `revoke_grants` (set-based), `revoke_grant`, `revoke_for_certificates`,
  `revoke_for_user`, `retire_account`, `retire_sunset_accounts`, `on_account_retired`,
  `on_role_withdrawn`, `on_requirement_changed`, `close_pending_requests`
- renewal: `carry_over_grants` (a certificate renewed inside its window),
  `restore_after_expiry` (a certificate issued after the previous one expired)
- audit: `audit`, `audit_entry`
"""

from access.services.audit import audit, audit_entry
from access.services.errors import (
    AccessError,
    AccountPaused,
    AccountRetired,
    AlreadyDecided,
    AlreadyGranted,
    DuplicateRequest,
    NoCoveringCertificate,
    NotAllowed,
    RoleNotOffered,
)
from access.services.renewal import carry_over_grants, restore_after_expiry
from access.services.requests import (
    decide_request,
    grant_access,
    grant_waiting_requests,
    request_access,
    waiting_message,
    withdraw_request,
)
from access.services.revocation import (
    close_pending_requests,
    on_account_retired,
    on_requirement_changed,
    on_role_withdrawn,
    retire_account,
    retire_sunset_accounts,
    revoke_for_certificates,
    revoke_for_user,
    revoke_grant,
    revoke_grants,
)
from access.services.rules import (
    LADDER_DEPTH,
    awaiting_decision_by,
    best_certificate,
    can_decide,
    covering_program_ids,
    covering_programs_q,
    decidable_account_ids,
    is_access_staff,
    is_active_person,
    may_decide_request,
    offered_role,
)

__all__ = [
    "LADDER_DEPTH",
    "AccessError",
    "AccountPaused",
    "AccountRetired",
    "AlreadyDecided",
    "AlreadyGranted",
    "DuplicateRequest",
    "NoCoveringCertificate",
    "NotAllowed",
    "RoleNotOffered",
    "audit",
    "audit_entry",
    "awaiting_decision_by",
    "best_certificate",
    "can_decide",
    "carry_over_grants",
    "close_pending_requests",
    "covering_program_ids",
    "covering_programs_q",
    "decidable_account_ids",
    "decide_request",
    "grant_access",
    "grant_waiting_requests",
    "is_access_staff",
    "is_active_person",
    "may_decide_request",
    "offered_role",
    "on_account_retired",
    "on_requirement_changed",
    "on_role_withdrawn",
    "request_access",
    "restore_after_expiry",
    "retire_account",
    "retire_sunset_accounts",
    "revoke_for_certificates",
    "revoke_for_user",
    "revoke_grant",
    "revoke_grants",
    "waiting_message",
    "withdraw_request",
]
