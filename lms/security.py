"""Response headers that protect people: the Content-Security-Policy, and no caching of anything
built for one signed-in person or one integration token."""

from csp.middleware import CSPMiddleware
from django.urls import reverse
from django.utils.cache import patch_cache_control

from lms.conf import academy_settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ACADEMY_ADMIN_CSP_REPLACE under the Wagtail admin's URLs.

    The admin's widgets and panels write inline scripts that carry no nonce; a nonce in the
    policy would make browsers ignore 'unsafe-inline', so the admin's script-src has none."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.replace is None and _is_admin(request):
            parts.replace = academy_settings.ADMIN_CSP_REPLACE
        return parts


def _is_admin(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


class PrivateResponsesMiddleware:
    """`Cache-Control: private, no-store` on what was built for one person or one token.

    A response is personal when the view looked at the session of a signed-in person (the page
    greets them, shows their progress, their certificates, their team) or answered an API
    bearer token. Responses that set their own Cache-Control keep it; anonymous pages that never
    touched the session (the verification page, the catalogue to a visitor) stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and _is_personal(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _is_personal(request):
    if getattr(request, "api_token", None) is not None:
        return True
    session = getattr(request, "session", None)
    # An untouched session means the view never looked at who is signed in: asking now would
    # load it and make the response vary on the cookie for nothing.
    if session is None or not session.accessed:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
