"""Models of the access app: official accounts, their roles, requests, grants and the audit log."""

from access.models.accounts import (
    AccessGrant,
    AccessRequest,
    AccountRole,
    AccountStatus,
    Platform,
    RequestStatus,
    RevokeReason,
    RoleName,
    SocialAccount,
)
from access.models.audit import AuditAction, AuditEntry, AuditLogIsAppendOnly
from access.models.champions import (
    Champion,
    ChampionSettings,
    ChampionStatus,
    DutyKind,
    DutySlot,
)
from access.models.duty import DutyGapNotice

__all__ = [
    "AccessGrant",
    "AccessRequest",
    "AccountRole",
    "AccountStatus",
    "AuditAction",
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "Champion",
    "ChampionSettings",
    "ChampionStatus",
    "DutyGapNotice",
    "DutyKind",
    "DutySlot",
    "Platform",
    "RequestStatus",
    "RevokeReason",
    "RoleName",
    "SocialAccount",
]
