"""Removing a synthetic organisation: set-based deletes, no row-by-row cascade.

Starting from the synthetic users and departments, every row that points at them is deleted
(or, where the relation says SET_NULL, detached) with one statement per relation, deepest
first, so a hundred thousand people go in seconds. Only rows that hang off synthetic rows are
touched.
"""

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Q

from academy_site.synthetic.org import MARKER
from access.models import AuditEntry
from lms.models import Department
from reporting.models import Assignment


def synthetic_roots():
    return Department.objects.filter(depth=1, code__startswith=MARKER)


@transaction.atomic
def remove(log):
    """Delete every synthetic organisation; returns the number of people removed."""
    User = get_user_model()
    users = User.objects.filter(username__startswith=MARKER)
    people = users.count()
    # Group assignments name no department or person, only synthetic members.
    groups = Assignment.objects.filter(target="group", members__user__in=users)
    _delete(
        Assignment,
        Assignment.objects.filter(pk__in=list(groups.values_list("pk", flat=True))),
        set(),
    )
    _delete_audit_entries(users)
    _delete(User, users, set())
    for root in list(synthetic_roots()):
        _delete(Department, Department.objects.filter(path__startswith=root.path), set())
    log(f"Removed the synthetic organisation ({people} people).")
    return people


def _delete_audit_entries(users):
    """The access audit log about synthetic people and accounts goes with them (it would
    otherwise stay behind, detached, as the log is append-only for real records)."""
    paths = [root.path for root in synthetic_roots()]
    about = Q(subject__in=users)
    for path in paths:
        about |= Q(account__department__path__startswith=path)
    models.QuerySet._raw_delete(AuditEntry.objects.filter(about).order_by(), "default")


def _reverse_relations(model):
    for relation in model._meta.get_fields(include_hidden=True):
        if (relation.one_to_many or relation.one_to_one) and relation.auto_created:
            if not relation.concrete:
                yield relation


def _delete(model, queryset, seen):
    """Delete the rows of `queryset` and, first, everything that depends on them."""
    key = (model, str(queryset.query))
    if key in seen:
        return
    seen.add(key)
    for relation in _reverse_relations(model):
        field = relation.field
        related = relation.related_model
        dependants = related._base_manager.filter(**{f"{field.name}__in": queryset})
        if relation.on_delete is models.SET_NULL:
            models.QuerySet.update(dependants, **{field.name: None})
        elif relation.on_delete is not models.DO_NOTHING:
            if related is model:  # a tree or hierarchy inside the same set: detach first
                if field.null:
                    models.QuerySet.update(dependants, **{field.name: None})
                continue
            _delete(related, dependants, seen)
    models.QuerySet._raw_delete(queryset.order_by(), queryset.db)
