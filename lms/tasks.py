"""Tasks of the lms app."""

from celery import shared_task


@shared_task
def ping():
    """Round-trip check: proves a worker can reach the database the site uses."""
    from django.db import connection

    from lms.models import Department

    return {"vendor": connection.vendor, "departments": Department.objects.count()}
