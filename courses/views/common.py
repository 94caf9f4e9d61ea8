"""Helpers shared by the employee-facing views."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from courses.services import NotAvailable, ensure_published


def is_preview(request):
    return getattr(request, "is_preview", False)


def require_sign_in(request):
    """A redirect to the sign-in page for anonymous visitors (previews excepted), else None."""
    if request.user.is_authenticated or is_preview(request):
        return None
    return redirect_to_login(request.get_full_path())


def published_or_404(page, request):
    """404 unless the page and every page above it are live (previews show drafts)."""
    if is_preview(request):
        return page
    try:
        return ensure_published(page)
    except NotAvailable as exc:
        raise Http404(exc.message) from None


def url_of(page, request):
    return page.get_url(request) or page.url
