"""The access panel of the home page: roles held on official accounts, and requests waiting."""

from django.utils import timezone

from access.models import AccessGrant, AccessRequest


def access_panel(user):
    now = timezone.now()
    grants = list(
        AccessGrant.objects.active(now)
        .filter(user=user)
        .select_related("account")
        .order_by("expires_at")[:5]
    )
    pending = AccessRequest.objects.pending().filter(user=user).count()
    if not grants and not pending:
        return None
    return {
        "template": "access/dashboard_panel.html",
        "grants": grants,
        "pending": pending,
    }
