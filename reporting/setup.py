"""The rights HR needs on reports and assignments (added to the HR group by
`manage.py academy_setup` through the ``academy_group_permissions`` hook)."""

HR_REPORTING_PERMISSIONS = [
    ("reporting", "view_completion_report"),
    ("reporting", "view_assignment"),
    ("reporting", "add_assignment"),
    ("reporting", "change_assignment"),
    ("reporting", "delete_assignment"),
]
