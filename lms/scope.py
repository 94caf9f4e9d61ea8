"""Which part of the organisation each HR user sees.

An HR user with HRScope rows sees only those departments and everything under them; an HR
user without any sees the whole organisation. Integrations with a `reports:read` token see the
whole organisation too.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from lms.models import Department, Employee


@dataclass(frozen=True)
class Scope:
    """A set of department subtrees; empty means the whole organisation."""

    departments: tuple = ()

    @property
    def is_whole_organisation(self):
        return not self.departments

    @property
    def paths(self):
        return tuple(department.path for department in self.departments)

    @property
    def key(self):
        if self.is_whole_organisation:
            return "all"
        return "departments:" + ",".join(str(d.pk) for d in sorted(self.departments, key=_pk))

    @property
    def label(self):
        if self.is_whole_organisation:
            return _("Whole organisation")
        return ", ".join(department.name for department in self.departments)

    def contains(self, department):
        """Whether a department (an object with .path) lies inside the scope."""
        if self.is_whole_organisation:
            return True
        return any(department.path.startswith(path) for path in self.paths)

    def narrowed_to(self, department):
        """The scope of one department the user may see; PermissionDenied otherwise."""
        if not self.contains(department):
            raise PermissionDenied(
                _("The department '%(name)s' is outside your HR scope.") % {"name": department}
            )
        return Scope(departments=(department,))

    def department_condition(self, prefix=""):
        """A Q on Department (or a relation to it, through `prefix`) limiting rows to the scope."""
        if self.is_whole_organisation:
            return Q()
        condition = Q()
        for path in self.paths:
            condition |= Q(**{f"{prefix}path__startswith": path})
        return condition

    def departments_queryset(self):
        return Department.objects.filter(self.department_condition())

    def employees_queryset(self):
        return Employee.objects.filter(self.department_condition("department__"))


def _pk(department):
    return department.pk


def minimal_roots(departments):
    """Drop departments that already sit under another one of the list."""
    roots = []
    for department in sorted(departments, key=lambda d: d.path):
        if not any(department.path.startswith(root.path) for root in roots):
            roots.append(department)
    return tuple(roots)


def scope_for(user):
    """The scope of an HR user, in one query. Superusers see everything."""
    if user is None or getattr(user, "is_superuser", False):
        return Scope()
    departments = Department.objects.filter(hr_scopes__user=user).order_by("path")
    return Scope(departments=minimal_roots(list(departments)))


def whole_organisation():
    return Scope()
