"""What the access admin screens share: who may see them, and a form view about one object."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from access import services as services
from access.models import AccessGrant, AccessRequest, AuditEntry, SocialAccount


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


class AccessObjectFormView(WagtailAdminTemplateMixin, FormView):
    """A small admin form about one object (decide, revoke, retire), with Wagtail's furniture."""

    model = None
    index_url_name = None
    template_name = "access/admin/object_form.html"
    summary_template = None
    submit_button_label = gettext_lazy("Save")

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        if not services.can_decide(request.user, self.get_account()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.all()

    def get_account(self):
        return self.object.account

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.model._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            action_url=self.request.path,
            submit_button_label=self.submit_button_label,
            breadcrumbs_items=self.get_breadcrumbs_items(),
            header_title=self.get_header_title(),
            summary_template=self.summary_template,
            **self.get_extra_context(),
        )
        return context

    def get_extra_context(self):
        return {}

    def fail(self, exc):
        messages.error(self.request, exc.message)
        return redirect(self.index_url_name)
