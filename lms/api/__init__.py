"""The JSON API under /api/v1/: one NinjaAPI that mounts every app's router."""

from .main import api

__all__ = ["api"]
