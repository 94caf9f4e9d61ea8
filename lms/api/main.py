"""The API instance, its error format and the routers of every app."""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from certification.access_api import router as access_router
from certification.api import router as certification_router
from courses.api import router as courses_router

from .health import router as health_router
from .org import router as org_router
from .reports import router as reports_router

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Social Academy API",
    version="1",
    description=(
        "Courses, certificates, access to official social accounts and HR reports. "
        "People authenticate with their session (send the CSRF token on writes); "
        "integrations send `Authorization: Bearer <token>`."
    ),
    urls_namespace="api",
)


def _error(request, status, message, **extra):
    return api.create_response(request, {"message": message, **extra}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    problems = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body",))
        problems.append({"field": where, "message": error.get("msg", "invalid")})
    summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems) or "Invalid input."
    return _error(request, 422, f"Invalid input: {summary}", errors=problems)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return _error(request, 401, "Authentication required: sign in or send a valid bearer token.")


@api.exception_handler(AuthorizationError)
def on_authorization_error(request, exc):
    return _error(request, 403, str(exc) or "You may not do this.")


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return _error(request, 403, str(exc) or "You may not do this.")


@api.exception_handler(Http404)
def on_not_found(request, exc):
    message = str(exc) if str(exc) and "matches the given query" not in str(exc) else "Not found."
    return _error(request, 404, message)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(MultiPartParserError)
def on_malformed_body(request, exc):
    return _error(request, 400, f"The request body cannot be read: {exc}")


@api.exception_handler(RequestDataTooBig)
def on_body_too_big(request, exc):
    return _error(request, 413, "The request body is too large.")


@api.exception_handler(SuspiciousOperation)
def on_suspicious_request(request, exc):
    return _error(request, 400, "The request cannot be accepted as it is.")


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request, exc):
    return _error(request, 400, " ".join(exc.messages))


api.add_router("", health_router)
api.add_router("", org_router)
api.add_router("", courses_router)
api.add_router("", certification_router)
api.add_router("", access_router)
api.add_router("", reports_router)
