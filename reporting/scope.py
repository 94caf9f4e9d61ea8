"""Who may see HR reports; the part of the organisation each HR user sees is `lms.scope`."""

from lms.scope import Scope, minimal_roots, scope_for, whole_organisation

REPORT_PERMISSION = "reporting.view_completion_report"

__all__ = [
    "REPORT_PERMISSION",
    "Scope",
    "can_view_reports",
    "minimal_roots",
    "scope_for",
    "whole_organisation",
]


def can_view_reports(user):
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(REPORT_PERMISSION)
    )
