"""Tasks of the lms app."""

import time

from celery import shared_task

from lms import outbox


@shared_task(ignore_result=False)
def ping(hold=0):
    """Round-trip check: proves a worker can reach the database the site uses. `hold` keeps
    the worker busy that many seconds first (at most 60), for drills that kill it mid-task."""
    from django.db import connection

    from lms.models import Department

    time.sleep(max(0, min(float(hold), 60)))
    return {"vendor": connection.vendor, "departments": Department.objects.count()}


@shared_task(name="lms.sweep_task_outbox")
def sweep_task_outbox():
    """Every minute (beat): send again the queued tasks that have not reached a worker."""
    return outbox.sweep()


# HR tasks live beside their services; importing them here lets the worker find them.
from lms.reports.tasks import (  # noqa: E402, F401
    purge_people_import_files,
    run_people_import,
    send_assignment_reminders,
    send_manager_digests,
    send_monthly_summaries,
)
