"""Tasks of the lms app."""

from celery import shared_task


@shared_task
def ping():
    """Round-trip check: proves a worker can reach the database the site uses."""
    from django.db import connection

    from lms.models import Department

    return {"vendor": connection.vendor, "departments": Department.objects.count()}


# HR tasks live beside their services; importing them here lets the worker find them.
from lms.reports.tasks import (  # noqa: E402, F401
    purge_people_import_files,
    run_people_import,
    send_assignment_reminders,
    send_manager_digests,
    send_monthly_summaries,
)
