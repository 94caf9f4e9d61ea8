"""Celery beat: only real tasks live here, each with the time it runs."""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE = {}
