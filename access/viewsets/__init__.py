"""Admin screens of access: the account inventory, the owners' queue, grants and the audit log.

Who sees what: the social media team (model permissions) keeps the inventory; owners of an
account decide its requests and revoke its grants, and see its audit trail; staff and
superusers see and decide everything. Nobody adds, edits or deletes audit entries.
"""

from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.base import ViewSetGroup

from access.viewsets.accounts import SocialAccountViewSet
from access.viewsets.audit import AuditEntryViewSet
from access.viewsets.champions import ChampionViewSet
from access.viewsets.duty import DutySlotViewSet
from access.viewsets.grants import AccessGrantViewSet
from access.viewsets.requests import AccessRequestViewSet
from webhooks.viewsets import WebhookDeliveryViewSet, WebhookEndpointViewSet


class SocialAccountsGroup(ViewSetGroup):
    """The "Social accounts" menu: the inventory, the queue, grants, the duty rota, the audit log
    and webhooks."""

    menu_label = gettext_lazy("Social accounts")
    menu_icon = "globe"
    menu_order = 260

    items = (
        SocialAccountViewSet("access_accounts"),
        AccessRequestViewSet("access_requests"),
        AccessGrantViewSet("access_grants"),
        DutySlotViewSet("access_duty"),
        AuditEntryViewSet("access_audit"),
        ChampionViewSet("access_champions"),
        WebhookEndpointViewSet("webhook_endpoints"),
        WebhookDeliveryViewSet("webhook_deliveries"),
    )
