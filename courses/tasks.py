"""Celery tasks of the courses app: thin, call a service."""

import logging

from celery import shared_task

from courses.services import reconcile_completions as reconcile

logger = logging.getLogger(__name__)


@shared_task(name="courses.reconcile_completions")
def reconcile_completions():
    """Nightly: write the course completions that people meet but lack; logs what it repaired."""
    repaired = reconcile()
    total = sum(repaired.values())
    log = logger.warning if total else logger.info
    log("Course completions reconciled: %d repaired %s", total, repaired or "")
    return total
