"""Applying a checked HR export in one transaction: compare first, write only what differs.

Departments missing along a path are created; users and employees are created or updated with
bulk operations in batches; managers are set once everyone exists; leavers go through
`lms.services.deactivate_employees`, which tells the access app to revoke their grants.
"""

import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction
from django.utils.text import slugify

from lms.models import Department, Employee
from lms.services import deactivate_employees

BATCH_SIZE = 1000
USER_FIELDS = ("first_name", "last_name", "email", "is_active")
EMPLOYEE_FIELDS = ("department_id", "job_title", "location", "start_date", "active")


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    departments_created: int = 0
    changed_ids: set = field(default_factory=set, repr=False)

    def as_dict(self):
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deactivated": self.deactivated,
            "departments_created": self.departments_created,
        }


def _unique_code(names, codes):
    base = slugify(names[-1])[:90] or "department"
    if base in codes and len(names) > 1:
        base = slugify(f"{names[-2]} {names[-1]}")[:90] or base
    code, number = base, 2
    while code in codes:
        code = f"{base}-{number}"
        number += 1
    codes.add(code)
    return code


def ensure_departments(plan, outcome):
    """The department pk of every path in the file, creating missing levels top-down."""
    known = dict(plan.existing.departments)
    codes = set(plan.existing.department_codes)
    missing = set()
    for row in plan.rows:
        path = row.department_path
        for level in range(1, len(path) + 1):
            if path[:level] not in known:
                missing.add(path[:level])
    for names in sorted(missing, key=lambda names: (len(names), names)):
        code = _unique_code(names, codes)
        if len(names) == 1:
            department = Department.add_root(name=names[0], code=code)
        else:
            parent = Department.objects.get(pk=known[names[:-1]])
            department = parent.add_child(name=names[-1], code=code)
        known[names] = department.pk
        outcome.departments_created += 1
    return known


def _new_username(row, usernames):
    for candidate in (row.email[:150], f"emp-{slugify(row.employee_id)}"[:150]):
        if candidate.lower() not in usernames:
            usernames.add(candidate.lower())
            return candidate
    number = 2
    while f"emp-{slugify(row.employee_id)}-{number}" in usernames:
        number += 1
    username = f"emp-{slugify(row.employee_id)}-{number}"
    usernames.add(username)
    return username


def _unusable_password():
    """What set_unusable_password() stores, without its per-character random draws."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def sync_users(plan, outcome):
    """Create or update the user behind each row; returns employee_id -> user pk."""
    User = get_user_model()
    existing = plan.existing
    user_for, to_update, to_create = {}, [], []
    for row in plan.rows:
        desired = {
            "first_name": row.first_name,
            "last_name": row.last_name,
            "email": row.email,
            "is_active": row.active,
        }
        employee = existing.employees.get(row.employee_id)
        if employee is not None:
            user_pk = employee["user_id"]
        else:
            owners = existing.user_by_email.get(row.email, [])
            user_pk = owners[0] if owners else None
        if user_pk is None:
            user = User(username=_new_username(row, existing.usernames), **desired)
            user.password = _unusable_password()
            to_create.append((row.employee_id, user))
            continue
        user_for[row.employee_id] = user_pk
        current = existing.users[user_pk]
        if any(current[name] != value for name, value in desired.items()):
            to_update.append(User(pk=user_pk, **desired))
            outcome.changed_ids.add(row.employee_id)
    User.objects.bulk_update(to_update, USER_FIELDS, batch_size=BATCH_SIZE)
    User.objects.bulk_create([user for _eid, user in to_create], batch_size=BATCH_SIZE)
    for employee_id, user in to_create:
        user_for[employee_id] = user.pk
    return user_for


def _levels(rows, existing):
    """New people grouped so that each one's manager exists before them (no cycles here)."""
    in_file = {row.employee_id: row for row in rows}
    depth = {}

    def level(employee_id):
        if employee_id in depth:
            return depth[employee_id]
        chain, node = [], employee_id
        while node in in_file and node not in existing and node not in depth:
            chain.append(node)
            node = in_file[node].manager_employee_id
        base = depth.get(node, -1) if node in in_file and node not in existing else -1
        for offset, member in enumerate(reversed(chain), start=1):
            depth[member] = base + offset
        return depth[employee_id]

    grouped = {}
    for row in rows:
        if row.employee_id not in existing:
            grouped.setdefault(level(row.employee_id), []).append(row)
    return [grouped[key] for key in sorted(grouped)]


def sync_employees(plan, outcome, departments, user_for):
    """Create or update employees; returns employee_id -> pk.

    New people are created level by level down the management chain, so their manager is
    set as they are inserted; existing people are compared field by field and only the ones
    that differ are written.
    """
    existing = plan.existing
    pk_for = {eid: employee["pk"] for eid, employee in existing.employees.items()}
    to_update = []
    for row in plan.rows:
        current = existing.employees.get(row.employee_id)
        if current is None:
            continue
        desired = {
            "department_id": departments[row.department_path],
            "job_title": row.job_title,
            "location": row.location,
            "start_date": row.start_date,
            # Leaving goes through the service (it tells the access app); returning is a field.
            "active": current["active"] or row.active,
        }
        if any(current[name] != value for name, value in desired.items()):
            to_update.append(Employee(pk=current["pk"], **desired))
            outcome.changed_ids.add(row.employee_id)
    Employee.objects.bulk_update(
        to_update, [name.removesuffix("_id") for name in EMPLOYEE_FIELDS], batch_size=BATCH_SIZE
    )
    for level in _levels(plan.rows, existing.employees):
        created = [
            Employee(
                user_id=user_for[row.employee_id],
                employee_id=row.employee_id,
                department_id=departments[row.department_path],
                manager_id=pk_for.get(row.manager_employee_id),
                job_title=row.job_title,
                location=row.location,
                start_date=row.start_date,
                active=row.active,
            )
            for row in level
        ]
        Employee.objects.bulk_create(created, batch_size=BATCH_SIZE)
        for employee in created:
            pk_for[employee.employee_id] = employee.pk
        outcome.created += len(created)
    return pk_for


def sync_managers(plan, outcome, pk_for):
    """Managers of people who were already there (new people got theirs when created)."""
    existing = plan.existing
    to_update = []
    for row in plan.rows:
        current = existing.employees.get(row.employee_id)
        if current is None:
            continue
        wanted = pk_for.get(row.manager_employee_id) if row.manager_employee_id else None
        if current["manager_id"] != wanted:
            to_update.append(Employee(pk=current["pk"], manager_id=wanted))
            outcome.changed_ids.add(row.employee_id)
    Employee.objects.bulk_update(to_update, ["manager"], batch_size=BATCH_SIZE)


def apply_plan(plan, progress=None):
    """Write a valid plan in one transaction. Returns the Outcome."""
    if not plan.is_valid:
        raise ValueError("Only a valid plan can be applied.")
    step = progress or (lambda phase: None)
    outcome = Outcome()
    with transaction.atomic():
        departments = ensure_departments(plan, outcome)
        step("departments")
        user_for = sync_users(plan, outcome)
        step("users")
        pk_for = sync_employees(plan, outcome, departments, user_for)
        step("employees")
        sync_managers(plan, outcome, pk_for)
        step("managers")
        leaving = [
            row.employee_id
            for row in plan.rows
            if not row.active
            and row.employee_id in plan.existing.employees
            and plan.existing.employees[row.employee_id]["active"]
        ]
        outcome.changed_ids.update(leaving)
        outcome.deactivated = deactivate_employees(pk_for[eid] for eid in leaving)
        step("leavers")
    new_ids = {row.employee_id for row in plan.rows} - set(plan.existing.employees)
    outcome.updated = len(outcome.changed_ids - new_ids)
    outcome.unchanged = len(plan.rows) - outcome.created - outcome.updated
    return outcome
