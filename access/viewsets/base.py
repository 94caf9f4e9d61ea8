"""What the access admin screens share: who may see them, and a form view about one object."""

from wagtail.permissions import register_permission_policy

from access import services as services
from access.models import AccessGrant, AccessRequest, AuditEntry, SocialAccount
from lms.admin_views import ObjectFormView
from lms.permissions import ActionsPolicy


def owns_any_account(user):
    """Cached on the user object for the request: menus and views ask several times."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_owns_social_accounts", None)
    if cached is None:
        cached = user._owns_social_accounts = SocialAccount.objects.filter(owners=user).exists()
    return cached


def staff_or_owner(user, action):
    return services.is_access_staff(user) or owns_any_account(user)


def staff_or_owner_may_view(user, action):
    return action == "view" and staff_or_owner(user, action)


# The inventory is kept by those with model permissions; owners and staff may look.
register_permission_policy(
    SocialAccount, ActionsPolicy(SocialAccount, also=staff_or_owner_may_view), exact_class=True
)
# Requests, grants and the audit log: for staff, holders of the model permission and account
# owners; what the services do is never done by hand.
register_permission_policy(
    AccessRequest,
    ActionsPolicy(AccessRequest, {"view", "change"}, also=staff_or_owner),
    exact_class=True,
)
register_permission_policy(
    AccessGrant,
    ActionsPolicy(AccessGrant, {"view", "change"}, also=staff_or_owner),
    exact_class=True,
)
register_permission_policy(
    AuditEntry, ActionsPolicy(AuditEntry, {"view"}, also=staff_or_owner), exact_class=True
)


def accounts_for(request):
    user = request.user if request else None
    if user is None or services.is_access_staff(user):
        return SocialAccount.objects.order_by("platform", "handle")
    return SocialAccount.objects.filter(owners=user).order_by("platform", "handle")


class AccessObjectFormView(ObjectFormView):
    """A form about one object of an account (decide, revoke, retire): for those who may decide
    on that account."""

    def has_object_permission(self, request, obj):
        return services.can_decide(request.user, self.get_account())

    def get_account(self):
        return self.object.account
