"""Models of the certification app: programs, certificates and approvals; access to accounts."""

from .access import (
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
from .approvals import Approval, ApprovalStatus
from .audit import AuditAction, AuditEntry, AuditLogIsAppendOnly
from .certificates import Certificate, CertificateStatus, ReminderSent
from .issuer import IssuerSettings
from .programs import Program, ProgramCourse
from .webhooks import (
    SUBSCRIBABLE_EVENTS,
    DeliveryAttempt,
    DeliveryStatus,
    EventType,
    OutboxEvent,
    WebhookDelivery,
    WebhookEndpoint,
)

__all__ = [
    "AccessGrant",
    "AccessRequest",
    "AccountRole",
    "AccountStatus",
    "AuditAction",
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "DeliveryAttempt",
    "DeliveryStatus",
    "EventType",
    "IssuerSettings",
    "SUBSCRIBABLE_EVENTS",
    "OutboxEvent",
    "Platform",
    "RequestStatus",
    "RevokeReason",
    "RoleName",
    "SocialAccount",
    "WebhookDelivery",
    "WebhookEndpoint",
    "Approval",
    "ApprovalStatus",
    "Certificate",
    "CertificateStatus",
    "Program",
    "ProgramCourse",
    "ReminderSent",
]
