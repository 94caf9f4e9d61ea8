"""Why a service refused: one base for every app's refusals, carrying the HTTP status it answers
with, and the one way each kind of caller answers it.

The API answers a `ServiceError` through the exception handler registered in `lms.api.main`
(`{"message": ...}` with `exc.status`, plus what `exc.extra_body()` and `exc.headers()` add); a
site or admin view that sends the person back with the message uses `message_response`.
"""

from django.contrib import messages
from django.shortcuts import redirect


class ServiceError(Exception):
    """A refused action; `message` is a sentence meant for the person who tried, `status` the
    HTTP status it answers with (400 bad input, 403 not allowed, 404 not there, 409 conflict)."""

    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def extra_body(self):
        """More fields of the API's answer than the message."""
        return {}

    def headers(self):
        """Headers of the API's answer."""
        return {}


def message_response(request, exc, to, *args, **kwargs):
    """A site or admin view's answer to a refusal: the message, and back to `to` (a URL name,
    a URL or an object, as `redirect` takes them)."""
    messages.error(request, getattr(exc, "message", None) or str(exc))
    return redirect(to, *args, **kwargs)
