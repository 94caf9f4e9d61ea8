"""What the access admin screens share: who may see them, and a form view about one object."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from access import services as services
from access.models import AccessGrant, AccessRequest, AuditEntry, SocialAccount
from lms.admin_views import ObjectFormView


def owns_any_account(user):
    """Cached on the user object for the request: menus and views ask several times."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_owns_social_accounts", None)
    if cached is None:
        cached = user._owns_social_accounts = SocialAccount.objects.filter(owners=user).exists()
    return cached


class OwnersAndStaffPolicy(ModelPermissionPolicy):
    """`actions` for staff, superusers, holders of the model permission and account owners;
    every other action for nobody."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        if action not in self.actions or not user.is_active:
            return False
        return (
            services.is_access_staff(user)
            or super().user_has_permission(user, action)
            or owns_any_account(user)
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AccountPolicy(ModelPermissionPolicy):
    """The inventory is kept by those with model permissions; owners and staff may look."""

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return (
            action == "view"
            and user.is_active
            and (services.is_access_staff(user) or owns_any_account(user))
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(SocialAccount, AccountPolicy(SocialAccount), exact_class=True)
register_permission_policy(
    AccessRequest, OwnersAndStaffPolicy(AccessRequest, {"view", "change"}), exact_class=True
)
register_permission_policy(
    AccessGrant, OwnersAndStaffPolicy(AccessGrant, {"view", "change"}), exact_class=True
)
register_permission_policy(AuditEntry, OwnersAndStaffPolicy(AuditEntry, {"view"}), exact_class=True)


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
