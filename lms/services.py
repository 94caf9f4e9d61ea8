"""Business rules of the organisation: plain functions that views, imports and tasks call."""

from django.contrib.auth import get_user_model
from django.db import transaction

from lms.models import Employee
from lms.signals import employee_deactivated

BATCH = 500


def _batches(ids):
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


@transaction.atomic
def deactivate_employees(employee_ids):
    """Mark these people inactive, lock their sign-in and tell listeners, in one transaction.

    Only people still active change (and only they are announced), so calling it again is a
    no-op. Returns the number of people deactivated.
    """
    User = get_user_model()
    count = 0
    for batch in _batches(employee_ids):
        leaving = list(
            Employee.objects.select_for_update()
            .filter(pk__in=batch, active=True)
            .select_related("user", "department")
        )
        if not leaving:
            continue
        ids = [employee.pk for employee in leaving]
        Employee.objects.filter(pk__in=ids).update(active=False)
        User.objects.filter(pk__in=[employee.user_id for employee in leaving]).update(
            is_active=False
        )
        for employee in leaving:
            employee.active = False
            employee.user.is_active = False
            employee_deactivated.send(sender=Employee, employee=employee)
        count += len(leaving)
    return count


def deactivate_employee(employee):
    """One leaver (see `deactivate_employees`); returns whether anything changed."""
    changed = deactivate_employees([employee.pk]) == 1
    if changed:
        employee.active = False
    return changed
