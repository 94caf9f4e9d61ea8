"""The API instance and its error format; each app adds its router with the
``register_academy_api_router`` hook (see ``lms.urls``)."""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from wagtail import hooks

from lms import hooks as academy_hooks
from lms.api.health import router as health_router
from lms.api.org import router as org_router
from lms.errors import ServiceError

logger = logging.getLogger(__name__)

#: The error answers every operation may give, added to the OpenAPI document where an operation
#: does not describe them itself. Each is {"message": ...}; 422 also lists the fields.
COMMON_ERRORS = {
    400: "The request cannot be read (a malformed body) or a value is out of range.",
    401: "No session and no valid bearer token.",
    403: "Signed in, but not allowed (or a token without the scope, or no CSRF token).",
    404: "Nothing with this id, or not published, or not yours.",
    409: "The change conflicts with what is already recorded (asked twice, already decided).",
    422: "A parameter or a field of the body is missing or invalid.",
}


class SocialAcademyAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The document django-ninja makes, with the error answers each operation may give."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault(
            "Error",
            {
                "title": "Error",
                "type": "object",
                "properties": {"message": {"type": "string"}},
                "required": ["message"],
            },
        )
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                responses = _merged_responses(operation.get("responses", {}))
                operation["responses"] = responses
                if _offers_csv(operation) and "200" in responses:
                    content = responses["200"].setdefault("content", {})
                    content["text/csv"] = {"schema": {"type": "string"}}
                for code in _error_codes(operation, method):
                    if str(code) not in responses:
                        responses[str(code)] = {
                            "description": COMMON_ERRORS[code],
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        }
        return schema


def _merged_responses(responses):
    """Status codes as strings, as JSON has them: an answer declared both by the response schema
    (200) and by openapi_extra ("200") becomes one, with both descriptions' content."""
    merged = {}
    for code, answer in sorted(responses.items(), key=lambda item: isinstance(item[0], str)):
        key = str(code)
        if key in merged:
            content = {**merged[key].get("content", {}), **answer.get("content", {})}
            merged[key] = {**merged[key], **answer, "content": content}
        else:
            merged[key] = answer
    return merged


def _offers_csv(operation):
    """An operation with ?format=csv answers text/csv as well as JSON."""
    for parameter in operation.get("parameters", []):
        if parameter.get("name") == "format" and "csv" in str(parameter.get("schema", {})):
            return True
    return False


def _error_codes(operation, method):
    parameters = operation.get("parameters", [])
    codes = [400]
    if operation.get("security"):
        codes += [401, 403]
    if parameters or "requestBody" in operation:
        codes += [404, 422]
    if method == "post":
        codes.append(409)
    return codes


api = SocialAcademyAPI(
    title="Social Academy API",
    version="1",
    description=(
        "Courses, certificates, access to official social accounts and HR reports. "
        "People authenticate with their session (send the CSRF token on writes); "
        "integrations send `Authorization: Bearer <token>`. A token may do only what its "
        "scopes name: `access:check` (the access check), `accounts:read` (list official "
        "accounts), `certificates:revoke`, `reports:read`; anything else answers 403."
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
    # str() of the message, not of the error: a lazily translated message is not a str, and
    # HttpError.__str__ would hand it back as is (a TypeError, so a 500).
    return _error(request, exc.status_code, str(exc.message))


@api.exception_handler(ServiceError)
def on_service_error(request, exc):
    """A service refused (an app's `ServiceError`): its message and status."""
    response = _error(request, exc.status, exc.message, **exc.extra_body())
    for header, value in exc.headers().items():
        response[header] = value
    return response


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

_mounted = []


def mount_app_routers():
    """Add each app's router (a ``register_academy_api_router`` hook returns it), once."""
    if _mounted:
        return api
    for hook in hooks.get_hooks(academy_hooks.API_ROUTER):
        api.add_router("", hook())
    _mounted.append(True)
    return api
