"""The policy page: its current version, and accepting it."""

from django.contrib import messages
from django.shortcuts import redirect

from courses.models import PolicyAcceptance
from courses.services import LearningError, accept_policy
from courses.views.common import is_preview, published_or_404, require_sign_in, url_of
from lms.errors import message_response


def policy_context(policy, request):
    version = None if is_preview(request) else policy.current_version()
    user = request.user
    accepted = []
    if user.is_authenticated and not is_preview(request):
        accepted = list(
            PolicyAcceptance.objects.filter(user=user, version__policy=policy)
            .select_related("version")
            .order_by("-version__number")
        )
    return {
        "version": version,
        "acceptances": accepted,
        "accepted_current": bool(version and accepted and accepted[0].version_id == version.pk),
    }


def accept(policy, request):
    """POST: accept the current version; the person must tick the attestation."""
    if response := require_sign_in(request):
        return response
    published_or_404(policy, request)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm that you have read and accept it.")
        return redirect(url_of(policy, request))
    try:
        number = int(request.POST.get("version", ""))
    except ValueError:
        number = None
    try:
        acceptance, created = accept_policy(request.user, policy, number=number)
    except LearningError as exc:
        return message_response(request, exc, url_of(policy, request))
    if created:
        messages.success(
            request, f"Thank you: you accepted version {acceptance.version.number} of the policy."
        )
    return redirect(url_of(policy, request))
