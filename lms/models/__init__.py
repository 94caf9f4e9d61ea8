"""The organisation (departments, employees), HR scopes and imports, integration tokens, the
task outbox and each person's preferences."""

from lms.models.org import Department, Employee
from lms.models.outbox import QueuedTask
from lms.models.people import FINISHED_IMPORT_STATUSES, HRScope, ImportStatus, PeopleImport
from lms.models.preferences import Preferences
from lms.models.tokens import ApiToken, TokenScope

__all__ = [
    "ApiToken",
    "Department",
    "Employee",
    "FINISHED_IMPORT_STATUSES",
    "HRScope",
    "ImportStatus",
    "PeopleImport",
    "Preferences",
    "QueuedTask",
    "TokenScope",
]
