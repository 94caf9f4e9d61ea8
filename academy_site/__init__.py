"""The runnable site around the Social Academy plugin: settings, URLs, Celery app, WSGI, its
home page and base layout, and the demo data. Nothing in the plugin imports it."""

from academy_site.celery import app as celery_app

__all__ = ("celery_app",)
