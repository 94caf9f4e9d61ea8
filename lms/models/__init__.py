"""The organisation (departments, employees), integration tokens and the home page."""

from .hr import (
    Assignment,
    AssignmentReminder,
    AssignmentTarget,
    HRScope,
    ImportStatus,
    PeopleImport,
    ReminderKind,
    ReportSnapshot,
)
from .org import Department, Employee
from .outbox import QueuedTask
from .pages import HomePage
from .tokens import ApiToken, TokenScope

__all__ = [
    "ApiToken",
    "Assignment",
    "AssignmentReminder",
    "AssignmentTarget",
    "Department",
    "Employee",
    "HRScope",
    "HomePage",
    "ImportStatus",
    "PeopleImport",
    "QueuedTask",
    "ReminderKind",
    "ReportSnapshot",
    "TokenScope",
]
