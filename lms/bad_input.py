"""Input no part of the site accepts, refused once for every view.

A NUL character (U+0000) cannot be stored in or compared with a PostgreSQL text column: the
driver raises, and the view answers 500. No form, filter or API field has a use for one, so a
request that carries one anywhere it could reach a query is refused with a 400 before any view,
session or CSRF check runs: in the path, in the query string (names and values, once decoded), in
a cookie (the session's is looked up in the database), in the fields of a form post (url-encoded
or multipart; uploaded files are not read here, the view that reads a file checks it), and
anywhere in a JSON body (strings and keys). API paths answer in the API's error format,
{"message": ...}; pages answer a short plain-text 400.

What this middleware cannot read (a body too large, a malformed form or JSON text) it leaves to
the view, which refuses it in its own way; only a broken multipart body, which Django can parse
just once, is answered here, as the view would have answered it.
"""

import json

from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError

from lms.api import api

NUL = "\x00"
API_PREFIX = "/api/"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


class RefusedInput(Exception):
    """Where in the request the NUL was found, in words for the message."""


def _check_params(params, part):
    for key, values in params.lists():
        if NUL in key:
            raise RefusedInput(f"a {part} name")
        if any(NUL in value for value in values):
            raise RefusedInput(f"the {part} '{key}'")


def _check_json(data):
    """Walk a decoded JSON value without recursion (a deep document must not blow the stack)."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if NUL in value:
                raise RefusedInput("the JSON body")
        elif isinstance(value, dict):
            for key, item in value.items():
                if NUL in key:
                    raise RefusedInput("a key of the JSON body")
                pending.append(item)
        elif isinstance(value, list):
            pending.extend(value)


def _check_body(request):
    if request.content_type in FORM_TYPES:
        # request.POST, never request.body: a multipart upload is streamed to its handlers.
        _check_params(request.POST, "form field")
        return
    try:
        body = request.body
    except RequestDataTooBig:
        return  # refused by the view, in its own format
    # A NUL only reaches a decoded JSON string as the escape \u0000; a body in UTF-16 or
    # UTF-32 (which json.loads also reads) holds zero bytes. Anything else is not parsed here.
    if b"\\u0000" not in body and b"\x00" not in body:
        return
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return  # not JSON (or not JSON we can read): the view says what is wrong with it
    _check_json(data)


def find_nul(request):
    """Raise RefusedInput if the request carries a NUL where a view could read it."""
    if NUL in request.path or NUL in request.path_info:
        raise RefusedInput("the address")
    _check_params(request.GET, "query parameter")
    for name, value in request.COOKIES.items():
        # A quoted cookie value may spell one as the escape \000, e.g. in the session id.
        if NUL in name or NUL in value:
            raise RefusedInput("a cookie")
    if request.method in BODY_METHODS:
        _check_body(request)


def refusal(request, where):
    message = (
        f"The request was refused: {where} holds a NUL character (U+0000), "
        "which is never accepted. Remove it and try again."
    )
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"message": message}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def unreadable_body(request, exc):
    """A multipart body Django could not parse: answered as the view would have answered it."""
    if request.path_info.startswith(API_PREFIX):
        return api.on_exception(request, exc)
    raise exc  # Django's handler answers 400 to each of these


class RejectNulMiddleware:
    """Answer 400 to a request with a NUL character in its path, query, form fields or JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            find_nul(request)
        except RefusedInput as exc:
            return refusal(request, str(exc))
        except (MultiPartParserError, SuspiciousOperation, BadRequest) as exc:
            if request.method == "POST" and request.content_type == "multipart/form-data":
                # Django reads a multipart body once: after a failure the view would see an
                # empty form, not the error, so the error is answered here.
                return unreadable_body(request, exc)
            # Anything else (too many fields, a body too large) is raised again by the view.
        return self.get_response(request)
