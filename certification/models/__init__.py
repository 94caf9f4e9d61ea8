"""Models of the certification app: programs, certificates, approvals and the issuer."""

from certification.models.approvals import Approval, ApprovalStatus
from certification.models.certificates import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    LifecycleAction,
    LifecycleEvent,
    Recertification,
    ReminderSent,
)
from certification.models.issuer import IssuerSettings
from certification.models.programs import Program, ProgramCourse, RenewalRequirement
from certification.models.status import CredentialStatusEntry

__all__ = [
    "Approval",
    "ApprovalStatus",
    "Certificate",
    "CertificateKind",
    "CertificateStatus",
    "CredentialStatusEntry",
    "IssuerSettings",
    "LifecycleAction",
    "LifecycleEvent",
    "Program",
    "ProgramCourse",
    "Recertification",
    "ReminderSent",
    "RenewalRequirement",
]
