"""Models of the certification app: programs, certificates, approvals and the issuer."""

from certification.models.approvals import Approval, ApprovalStatus
from certification.models.certificates import Certificate, CertificateStatus, ReminderSent
from certification.models.issuer import IssuerSettings
from certification.models.programs import Program, ProgramCourse

__all__ = [
    "Approval",
    "ApprovalStatus",
    "Certificate",
    "CertificateStatus",
    "IssuerSettings",
    "Program",
    "ProgramCourse",
    "ReminderSent",
]
