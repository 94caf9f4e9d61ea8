"""What a new installation needs before anyone uses it, demo or not: the HR group.

`manage.py academy_setup` calls this with the other apps' setup; seed_demo builds on it.
"""

from django.contrib.auth.models import Group, Permission

HR_GROUP = "HR"
HR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("lms", "view_department"),
    ("lms", "view_employee"),
    # HR reporting: the report, assignments, people imports and monthly snapshots.
    ("lms", "view_completion_report"),
    ("lms", "view_assignment"),
    ("lms", "add_assignment"),
    ("lms", "change_assignment"),
    ("lms", "delete_assignment"),
    ("lms", "view_peopleimport"),
    ("lms", "add_peopleimport"),
]


def ensure_group(name, permissions):
    """The group `name` holding at least these (app label, codename) permissions; returns
    (group, the permissions that do not exist in this installation)."""
    group, _created = Group.objects.get_or_create(name=name)
    missing = []
    for app_label, codename in permissions:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:
            missing.append(f"{app_label}.{codename}")
        else:
            group.permissions.add(permission)
    return group, missing


def setup_hr_group():
    return ensure_group(HR_GROUP, HR_PERMISSIONS)
