"""The access panels: on the site's home page, roles held on official accounts, requests waiting
and the requests waiting for one's decision; on the admin dashboard, those requests to decide."""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from access import services as services
from access.models import AccessGrant, AccessRequest

#: How many requests waiting for a decision a panel lists (it says how many there are in all).
WAITING_LISTED = 5


def waiting_for_decision(user):
    """(count, the oldest few with their `decide_url`) of the requests this person may decide."""
    queryset = services.awaiting_decision_by(user)
    waiting = list(queryset.select_related("user", "account")[:WAITING_LISTED])
    count = len(waiting) if len(waiting) < WAITING_LISTED else queryset.count()
    for access_request in waiting:
        access_request.decide_url = reverse("access_requests:decide", args=[access_request.pk])
    return count, waiting


def access_panel(user):
    now = timezone.now()
    grants = list(
        AccessGrant.objects.active(now)
        .filter(user=user)
        .select_related("account")
        .order_by("expires_at")[:5]
    )
    pending = AccessRequest.objects.pending().filter(user=user).count()
    to_decide_count, to_decide = waiting_for_decision(user)
    if not grants and not pending and not to_decide:
        return None
    return {
        "template": "access/dashboard_panel.html",
        "grants": grants,
        "pending": pending,
        "to_decide": to_decide,
        "to_decide_count": to_decide_count,
        "queue_url": reverse("access_requests:index"),
    }


class DecisionsPanel(Component):
    """The admin dashboard's "Requests waiting for your decision", for owners and staff."""

    name = "access_decisions"
    template_name = "access/admin/decisions_panel.html"
    order = 55

    def __init__(self, user):
        self.count, self.waiting = waiting_for_decision(user)

    def render_html(self, parent_context=None):
        if not self.waiting:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {
            "waiting": self.waiting,
            "count": self.count,
            "queue_url": reverse("access_requests:index"),
        }
