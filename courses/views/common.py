"""Helpers shared by the employee-facing views."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail import hooks

from courses.services import NotAvailable, ensure_published
from lms.hooks import COURSE_OUTCOME


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


def course_outcomes(request, course, progress):
    """What completing the course brought the signed-in person, from the apps above (the
    ``academy_course_outcome`` hook: certificates held or being issued, the next step): a list
    of dicts with a ``template`` key. Empty until the course is completed, for anonymous
    visitors and in previews."""
    user = request.user
    if is_preview(request) or not user.is_authenticated or not progress.completed_at:
        return []
    panels = (provider(user, course) for provider in hooks.get_hooks(COURSE_OUTCOME))
    return [panel for panel in panels if panel]
