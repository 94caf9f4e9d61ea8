"""A large, deterministic synthetic organisation for benchmarks (`manage.py seed_org`).

Everything is written in bulk (COPY on PostgreSQL, `bulk_create` elsewhere): no `save()`, no
signal. The same `--employees` and `--seed` always give the same organisation: the same tree,
the same people in the same departments, the same progress and certificates (dates are relative
to the day it runs).
"""

import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from academy_site.synthetic import catalogue as catalogue_module
from academy_site.synthetic.access import AccessWriter
from academy_site.synthetic.assignments import write_assignments
from academy_site.synthetic.bulk import is_postgresql, reset_sequences
from academy_site.synthetic.org import allocate_headcount, build_tree, new_rng, write_people
from academy_site.synthetic.progress import ProgressWriter
from academy_site.synthetic.reset import remove, synthetic_roots
from lms.models import Department, Employee
from reporting.models import Assignment

PEOPLE_PER_DEPARTMENT = 300

__all__ = ["AlreadySeeded", "remove", "seed", "synthetic_roots"]


class AlreadySeeded(Exception):
    """A synthetic organisation is already loaded."""


def seed(employees, seed_value, log):
    """Create the organisation; returns a dict of row counts by kind."""
    started = time.perf_counter()
    if root := synthetic_roots().first():
        people = Employee.objects.filter(department__path__startswith=root.path).count()
        raise AlreadySeeded(
            f"A synthetic organisation is already loaded ('{root.name}', {people} employees)."
        )
    catalogue = catalogue_module.load()
    now = timezone.now().replace(microsecond=0)
    with transaction.atomic():
        counts, written = _write(employees, seed_value, catalogue, now, log)
    if is_postgresql():
        analysed = time.perf_counter()
        with connection.cursor() as cursor:
            for model in written:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        log(f"Statistics refreshed (ANALYZE) in {time.perf_counter() - analysed:.1f} s.")
    log(f"Done in {time.perf_counter() - started:.1f} s.")
    return counts


def _write(employees, seed_value, catalogue, now, log):
    today = now.date()
    rng = new_rng(seed_value, "org")
    departments = build_tree(rng, seed_value, round(employees / PEOPLE_PER_DEPARTMENT))
    allocate_headcount(rng, departments, employees)
    people = write_people(rng, seed_value, departments, today)
    log(f"Organisation: {len(departments)} departments, {len(people)} employees.")
    counts = {"departments": len(departments), "employees": len(people)}
    if catalogue.is_empty:
        log("No curriculum is loaded: no progress, certificates or grants were made.")
        return counts, _reset_sequences()
    counts["assignments"] = write_assignments(rng, catalogue, departments, people, today)
    progress = ProgressWriter(catalogue, now)
    access = AccessWriter(catalogue, now, seed_value)
    access.write_accounts(rng, departments[0], {p.employee_pk: p for p in people})
    for index, person in enumerate(people, start=1):
        certificates = progress.person(seed_value, person)
        access.person(new_rng(seed_value, f"a{person.number}"), person, certificates)
        if index % 20000 == 0:
            log(f"  … {index} people")
    progress.flush()
    access.flush()
    tables = {**progress.counts(), **access.counts()}
    for kind, table in tables.items():
        log(f"  {kind}: {table.count} ({table.seconds:.1f} s writing)")
        counts[kind] = table.count
    return counts, _reset_sequences(*tables.values())


def _reset_sequences(*tables):
    """Move the id sequences past the ids given out; returns every model written."""
    touched = {get_user_model(), Employee, Department, Assignment, Assignment.members.through}
    touched.update(table.model for table in tables)
    written = sorted(touched, key=lambda model: model._meta.label)
    reset_sequences(written)
    return written
