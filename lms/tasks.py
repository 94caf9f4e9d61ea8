"""Tasks of the lms app: the outbox sweep, people imports and the worker round-trip check."""

import time

from celery import shared_task
from django.db import connection

from lms import outbox, people_import
from lms.models import Department
from lms.outbox import outbox_task


@shared_task(ignore_result=False)
def ping(hold=0):
    """Round-trip check: proves a worker can reach the database the site uses. `hold` keeps
    the worker busy that many seconds first (at most 60), for drills that kill it mid-task."""
    time.sleep(max(0, min(float(hold), 60)))
    return {"vendor": connection.vendor, "departments": Department.objects.count()}


@shared_task(name="lms.sweep_task_outbox")
def sweep_task_outbox():
    """Every minute (beat): send again the queued tasks that have not reached a worker."""
    return outbox.sweep()


@outbox_task(name=people_import.RUN_TASK)
def run_people_import(import_id):
    """Validate and apply a large people import in the background."""
    return people_import.run_import(import_id)


@shared_task(name="lms.tasks.purge_people_import_files")
def purge_people_import_files():
    """Nightly: delete uploaded HR files older than ACADEMY_PEOPLE_IMPORT_KEEP_DAYS (the counts
    stay)."""
    return people_import.purge_old_files()
