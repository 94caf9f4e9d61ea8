"""The JSON API under /api/v1/: one NinjaAPI that mounts every app's router."""

from lms.api.main import api

__all__ = ["api"]
