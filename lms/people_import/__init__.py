"""People import: load employees and departments from a CSV export of the HR system.

Columns: employee_id, first_name, last_name, email, department_path (e.g.
"Northwind Systems/Sales/Sales EMEA"), manager_employee_id, job_title, location, start_date
(YYYY-MM-DD), active. The file is checked whole first (every bad row is listed with its line
number); nothing is written unless the whole file is good, and then everything is written in one
transaction. Missing departments along a path are created; people missing from the file are left
as they are; people marked inactive are deactivated (and lose their access). Importing the same
file twice changes nothing the second time.

Entry points: `import_bytes` (the command and tests), `start_import` (the admin upload: small
files at once, large ones on a Celery task), `run_import` (the task body) and `purge_old_files`
(the nightly task that deletes uploads kept longer than PEOPLE_IMPORT_KEEP_DAYS).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from lms.conf import academy_settings
from lms.models import ImportStatus, PeopleImport
from lms.models.people import FINISHED_IMPORT_STATUSES
from lms.outbox import enqueue
from lms.people_import.apply import Outcome, apply_plan
from lms.people_import.validate import COLUMNS, ImportRefused, Plan, RowError, validate

logger = logging.getLogger(__name__)

#: The task that runs a large import in the background (lms.tasks), queued by name.
RUN_TASK = "lms.tasks.run_people_import"

__all__ = [
    "COLUMNS",
    "ImportRefused",
    "ImportResult",
    "RowError",
    "async_threshold",
    "import_bytes",
    "purge_old_files",
    "run_import",
    "start_import",
]

APPLY_PHASES = ("departments", "users", "employees", "managers", "leavers")


def async_threshold():
    """Files with more rows than this run on a Celery task with a progress bar."""
    return academy_settings.PEOPLE_IMPORT_ASYNC_ROWS


@dataclass
class ImportResult:
    plan: Plan
    outcome: Outcome | None

    @property
    def ok(self):
        return self.outcome is not None

    @property
    def errors(self):
        return self.plan.errors


def import_bytes(raw, *, dry_run=False, progress=None, on_phase=None):
    """Check the file and, if it is good (and not a dry run), apply it. Returns ImportResult."""
    plan = validate(raw, progress=progress)
    if not plan.is_valid or dry_run:
        return ImportResult(plan=plan, outcome=None)
    return ImportResult(plan=plan, outcome=apply_plan(plan, progress=on_phase))


def estimate_rows(raw):
    """Lines after the header: enough to choose between now and a background task."""
    return max(raw.count(b"\n") - 1 + (0 if raw.endswith(b"\n") else 1), 0)


def start_import(upload, user):
    """Store the upload and run it: at once when small, on the queue when large."""
    size = upload.size
    limit = academy_settings.PEOPLE_IMPORT_MAX_BYTES
    if size > limit:
        raise ImportRefused(f"The file is {size} bytes; the limit is {limit} bytes.")
    upload.seek(0)
    head = upload.read()
    upload.seek(0)
    record = PeopleImport.objects.create(
        file=upload,
        original_name=(upload.name or "")[:255],
        created_by=user,
        total_rows=estimate_rows(head),
    )
    if record.total_rows > async_threshold():
        enqueue(RUN_TASK, record.pk)
    else:
        run_import(record.pk)
        record.refresh_from_db()
    return record


def _write_progress(pk, **fields):
    """Record progress so the admin can poll it, even from inside the import's transaction.

    Outside a transaction an UPDATE commits at once. Inside one (while applying) it would stay
    invisible until the end, so PostgreSQL gets it through a second connection; SQLite allows
    a single writer, so there the bar moves on again when the transaction commits.
    """
    if not connection.in_atomic_block:
        PeopleImport.objects.filter(pk=pk).update(**fields)
        return
    if connection.vendor == "sqlite":
        return
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        side.set_autocommit(True)
        columns = ", ".join(f"{side.ops.quote_name(name)} = %s" for name in fields)
        table = side.ops.quote_name(PeopleImport._meta.db_table)
        with side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {columns} WHERE id = %s",  # noqa: S608 - names are ours
                [*fields.values(), pk],
            )
    finally:
        side.close()


def run_import(pk):
    """Validate and apply a stored upload, recording progress and the outcome on the row."""
    record = PeopleImport.objects.get(pk=pk)
    if record.is_finished:
        return record.status
    PeopleImport.objects.filter(pk=pk).update(
        status=ImportStatus.VALIDATING, started_at=timezone.now(), progress=1
    )
    with record.file.open("rb") as handle:
        raw = handle.read()
    total = max(estimate_rows(raw), 1)

    def validated(count):
        _write_progress(pk, processed_rows=count, progress=min(50, 1 + 49 * count // total))

    def applied(phase):
        done = APPLY_PHASES.index(phase) + 1
        _write_progress(pk, progress=50 + 49 * done // len(APPLY_PHASES))

    plan = validate(raw, progress=validated)
    if not plan.is_valid:
        errors = [error.as_dict() for error in plan.errors]
        PeopleImport.objects.filter(pk=pk).update(
            status=ImportStatus.REJECTED,
            errors=errors,
            error_count=len(errors),
            # Stopped early, the rows not read still count (as the upload estimated them).
            total_rows=max(plan.total_rows, total) if plan.stopped_early else plan.total_rows,
            processed_rows=plan.total_rows,
            progress=100,
            message=plan.stop_message()
            or "Nothing was changed: correct the rows listed and upload the file again.",
            finished_at=timezone.now(),
        )
        return ImportStatus.REJECTED
    PeopleImport.objects.filter(pk=pk).update(
        status=ImportStatus.APPLYING,
        total_rows=plan.total_rows,
        processed_rows=plan.total_rows,
        progress=50,
    )
    try:
        outcome = apply_plan(plan, progress=applied)
    except Exception as exc:  # noqa: BLE001 - recorded on the import for the person who ran it
        logger.exception("People import %s failed", pk)
        PeopleImport.objects.filter(pk=pk).update(
            status=ImportStatus.FAILED,
            message=(
                f"Nothing was changed: the import stopped on an error ({exc.__class__.__name__})."
            ),
            finished_at=timezone.now(),
        )
        return ImportStatus.FAILED
    PeopleImport.objects.filter(pk=pk).update(
        status=ImportStatus.DONE,
        progress=100,
        created_count=outcome.created,
        updated_count=outcome.updated,
        unchanged_count=outcome.unchanged,
        deactivated_count=outcome.deactivated,
        departments_created=outcome.departments_created,
        message="",
        finished_at=timezone.now(),
    )
    return ImportStatus.DONE


def keep_days():
    """How long an uploaded file (and the row problems quoting it) is kept after its import."""
    return max(int(academy_settings.PEOPLE_IMPORT_KEEP_DAYS), 0)


def purge_old_files(now=None):
    """Delete the files of imports that finished more than keep_days() ago.

    The file holds the personal data of everyone in it, and the row problems quote its emails
    and ids, so both go; the record stays with its status and counts, and says when. Imports that
    never finished (queued or running) are left alone. A file already missing from storage is not
    an error. Returns the number of imports purged.
    """
    days = keep_days()
    cutoff = (now or timezone.now()) - timedelta(days=days)
    due = PeopleImport.objects.filter(
        status__in=FINISHED_IMPORT_STATUSES, purged_at__isnull=True, finished_at__lte=cutoff
    ).only("pk", "file")
    purged = 0
    for record in due.iterator(chunk_size=200):
        name = record.file.name
        if name:
            try:
                record.file.storage.delete(name)
            except OSError:
                logger.exception(
                    "People import %s: the file %s could not be deleted", record.pk, name
                )
                continue
        PeopleImport.objects.filter(pk=record.pk).update(
            file="", errors=[], purged_at=timezone.now()
        )
        purged += 1
    if purged:
        logger.info("Deleted the files of %s people import(s) older than %s days", purged, days)
    return purged
