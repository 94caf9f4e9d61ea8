"""The rights the social media team needs on official accounts (added to its group by
`manage.py academy_setup` through the ``academy_group_permissions`` hook)."""

TEAM_ACCESS_PERMISSIONS = [
    ("access", "add_socialaccount"),
    ("access", "change_socialaccount"),
    ("access", "view_socialaccount"),
    ("access", "view_accessrequest"),
    ("access", "change_accessrequest"),
    ("access", "view_accessgrant"),
    ("access", "change_accessgrant"),
    ("access", "view_auditentry"),
    ("access", "manage_duty"),
    # Champions: nominate, approve self-nominations, end roles (access.viewsets.champions).
    ("access", "manage_champions"),
]
