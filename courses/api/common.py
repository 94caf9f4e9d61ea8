"""Helpers of the courses API: error schemas, page URLs, editors' rights (refusals are answered
by the API's `ServiceError` handler, `lms.api.main`)."""

from ninja import Schema


class ErrorOut(Schema):
    message: str


class CoolingDownOut(Schema):
    message: str
    retry_at: str


def page_url(page, request):
    return page.get_url(request) or ""


def can_edit(page, user):
    """Whether the person may edit this page in the Wagtail admin."""
    return bool(user and user.is_authenticated) and page.permissions_for_user(user).can_edit()
