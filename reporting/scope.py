"""Who may see HR reports; the part of the organisation each HR user sees is `lms.scope`."""

REPORT_PERMISSION = "reporting.view_completion_report"


def can_view_reports(user):
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(REPORT_PERMISSION)
    )
