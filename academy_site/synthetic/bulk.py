"""Fast, signal-free bulk writes for the synthetic organisation.

On PostgreSQL rows go in through COPY (psycopg 3), elsewhere through `bulk_create` in batches.
Either way no model's `save()` runs and no signal is sent. Rows are plain tuples in the order of
the field names given to a `Table`; every other concrete field takes its default. Primary keys
are handed out here (`IdBlock`) so that later rows can point at earlier ones without reading them
back, and the sequences are moved past them at the end (`reset_sequences`).
"""

import json
import time

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

BATCH = 2000


def is_postgresql():
    return connection.vendor == "postgresql"


class IdBlock:
    """Primary keys for a model, handed out from max(pk) + 1 upwards."""

    def __init__(self, model):
        self.model = model
        self.next = (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1

    def take(self):
        value = self.next
        self.next += 1
        return value


def _column_filler(field, now):
    """How to fill a column the caller did not give: (constant, factory)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now, None
    if field.has_default() and callable(field.default):
        return None, field.default
    return field.get_default(), None


def _json(value):
    return None if value is None else json.dumps(value)


class Table:
    """Writes rows of one model. `fields` names the attributes (attnames) each row tuple holds."""

    def __init__(self, model, fields):
        self.model = model
        self.fields = list(fields)
        given = {name: index for index, name in enumerate(self.fields)}
        now = timezone.now()
        self.columns, self.plan = [], []
        for field in model._meta.concrete_fields:
            if field.attname in given:
                convert = _json if isinstance(field, models.JSONField) else None
                self.plan.append(("given", given[field.attname], convert))
            elif field.primary_key:
                continue  # the database assigns it
            else:
                constant, factory = _column_filler(field, now)
                if isinstance(field, models.JSONField) and factory is None:
                    constant = _json(constant)
                self.plan.append(("default", constant, factory))
            self.columns.append(field)
        unknown = set(given) - {f.attname for f in model._meta.concrete_fields}
        if unknown:
            raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
        self.count = 0
        self.seconds = 0.0  # spent writing
        self._pending = []

    def add(self, row):
        self._pending.append(row)
        if len(self._pending) >= BATCH * 5:
            self.flush()

    def extend(self, rows):
        for row in rows:
            self.add(row)

    def flush(self):
        if not self._pending:
            return
        rows, self._pending = self._pending, []
        self.count += len(rows)
        started = time.perf_counter()
        if is_postgresql():
            self._copy(rows)
        else:
            self._bulk_create(rows)
        self.seconds += time.perf_counter() - started

    def _full_rows(self, rows):
        plan = self.plan
        for row in rows:
            out = []
            for kind, a, b in plan:
                if kind == "given":
                    value = row[a]
                    out.append(b(value) if b and value is not None else value)
                else:
                    if b is None:
                        out.append(a)
                    else:
                        value = b()
                        out.append(_json(value) if isinstance(value, dict | list) else value)
            yield out

    def _copy(self, rows):
        table = connection.ops.quote_name(self.model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(f.column) for f in self.columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # noqa: S608
                for row in self._full_rows(rows):
                    copy.write_row(row)

    def _bulk_create(self, rows):
        attnames = [f.attname for f in self.columns]
        json_columns = {f.attname for f in self.columns if isinstance(f, models.JSONField)}
        objects = []
        for row in self._full_rows(rows):
            values = dict(zip(attnames, row, strict=True))
            for name in json_columns:
                if isinstance(values[name], str):
                    values[name] = json.loads(values[name])
            objects.append(self.model(**values))
        self.model.objects.bulk_create(objects, batch_size=BATCH)


def reset_sequences(models_list):
    """Move each model's id sequence past the ids written here (no-op where not needed)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
