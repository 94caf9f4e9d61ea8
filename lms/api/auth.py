"""API authentication: the session for people, bearer tokens for integrations."""

from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from lms.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sa_…`: an active integration token."""

    def authenticate(self, request, token):
        api_token = ApiToken.authenticate(token)
        if api_token is None:
            return None
        request.api_token = api_token
        # Touch last_used_at at most once a minute so the hot path stays one query.
        now = timezone.now()
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        return api_token


session_auth = SessionAuth()
token_auth = TokenAuth()
#: Integrations with a token, or people with a session. The token is tried first: django-ninja
#: stops at the session's CSRF refusal, so a token POST would never be looked at otherwise.
session_or_token = [token_auth, session_auth]


def request_token(request):
    """The integration token behind this request, or None for a person's session."""
    return getattr(request, "api_token", None)


def request_user(request):
    """The signed-in person, or None when an integration token authenticated the request."""
    if request_token(request) is not None:
        return None
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def require_scope(request, scope):
    """A token must carry the scope; a person is checked by the caller's own permission rule."""
    token = request_token(request)
    if token is not None and not token.has_scope(scope):
        raise HttpError(403, f"This token lacks the '{scope}' scope.")
    return token
