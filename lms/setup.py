"""What a new installation needs before anyone uses it, demo or not.

`manage.py academy_setup` runs every app's ``academy_setup`` hook; groups get their permissions
from every app's ``academy_group_permissions`` hook, so each app names only its own rights.
"""

from django.contrib.auth.models import Group, Permission
from wagtail import hooks

from lms.hooks import GROUP_PERMISSIONS, SETUP

HR_GROUP = "HR"
HR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("lms", "view_department"),
    ("lms", "view_employee"),
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


def group_permissions(name):
    """The (app label, codename) permissions every installed app gives the group `name`
    (``academy_group_permissions`` hooks return {group name: [(app label, codename), ...]})."""
    permissions = []
    for hook in hooks.get_hooks(GROUP_PERMISSIONS):
        permissions += [p for p in hook().get(name, []) if p not in permissions]
    return permissions


def setup_group(name):
    return ensure_group(name, group_permissions(name))


def setup_hr_group():
    return setup_group(HR_GROUP)


def run_setup(stdout):
    """Every app's ``academy_setup`` step, in order (``manage.py academy_setup``)."""
    for step in hooks.get_hooks(SETUP):
        step(stdout)


def report_group(stdout, group, missing):
    stdout.write(f"Group “{group.name}”: {group.permissions.count()} permissions.")
    if missing:
        stdout.write(f"  Not found (is the app installed?): {', '.join(missing)}")
