"""Models of the certification app: programs, certificates, approvals and the issuer."""

from certification.models.approvals import Approval, ApprovalStatus
from certification.models.certificates import Certificate, CertificateStatus, ReminderSent
from certification.models.issuer import IssuerSettings
from certification.models.programs import Program, ProgramCourse
from certification.models.status import CredentialStatusEntry

__all__ = [
    "Approval",
    "ApprovalStatus",
    "Certificate",
    "CertificateStatus",
    "CredentialStatusEntry",
    "IssuerSettings",
    "Program",
    "ProgramCourse",
    "ReminderSent",
]
