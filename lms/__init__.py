"""Social Academy: the site, the organisation, HR reporting and people data."""

from .celery import app as celery_app

__all__ = ("celery_app",)
