"""Celery beat: only real tasks live here, each with the time it runs."""

CELERY_BEAT_SCHEDULE = {}
