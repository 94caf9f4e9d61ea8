"""Which event types exist: each app names its own with the ``register_webhook_event_types``
hook (a function returning ``[(type, label), ...]``), so the webhooks app knows none of them.
Only the admin's test event, ``ping``, is its own."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

EVENT_TYPES_HOOK = "register_webhook_event_types"

#: Sent to one endpoint on demand from the admin, to check the receiver; never subscribed to.
PING = "ping"


def event_types():
    """Every event type with its label, the test event last."""
    types = [choice for hook in hooks.get_hooks(EVENT_TYPES_HOOK) for choice in hook()]
    return [*types, (PING, _("Test event"))]


def subscribable_events():
    """The event types an endpoint can subscribe to."""
    return [choice for choice in event_types() if choice[0] != PING]
