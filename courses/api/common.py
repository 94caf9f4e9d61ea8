"""Helpers of the courses API: refusals as JSON, page URLs, editors' rights."""

from django.http import JsonResponse
from ninja import Schema
from ninja.errors import HttpError

from courses.services import CoolingDown, LearningError


class ErrorOut(Schema):
    message: str


class CoolingDownOut(Schema):
    message: str
    retry_at: str


def refuse(exc: LearningError):
    """The API's answer to a refused action: {"message"} with its status; a cool-down also
    says when to retry, in the body and in a Retry-After header."""
    if isinstance(exc, CoolingDown):
        seconds = max(int((exc.retry_at - _now()).total_seconds()) + 1, 1)
        response = JsonResponse(
            {"message": exc.message, "retry_at": exc.retry_at.isoformat()}, status=429
        )
        response["Retry-After"] = str(seconds)
        return response
    raise HttpError(exc.status, exc.message)


def _now():
    from django.utils import timezone

    return timezone.now()


def page_url(page, request):
    return page.get_url(request) or ""


def can_edit(page, user):
    """Whether the person may edit this page in the Wagtail admin."""
    return bool(user and user.is_authenticated) and page.permissions_for_user(user).can_edit()
