"""The inventory of official accounts: the social media team keeps it; owners may retire."""

import django_filters
from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from access import services as services
from access.forms import RetireAccountForm
from access.models import AccountRole, AccountStatus, Platform, SocialAccount
from access.viewsets.base import AccessObjectFormView
from lms.admin_delete import KeepReferencedDeleteView
from lms.models import Department


class SocialAccountFilterSet(WagtailFilterSet):
    platform = django_filters.ChoiceFilter(choices=Platform.choices, label=gettext_lazy("Platform"))
    status = django_filters.ChoiceFilter(
        choices=AccountStatus.choices, label=gettext_lazy("Status")
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.filter(social_accounts__isnull=False).distinct(),
        label=gettext_lazy("Owning department"),
    )
    requires_approval = django_filters.BooleanFilter(label=gettext_lazy("Requires approval"))

    class Meta:
        model = SocialAccount
        fields = ["platform", "status", "department", "requires_approval"]


def roles_summary(account):
    return " · ".join(f"{r.get_role_display()}: {r.program.name}" for r in account.roles.all())


class SocialAccountIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != AccountStatus.RETIRED and services.can_decide(
            self.request.user, instance
        ):
            buttons.append(
                Button(
                    _("Retire"),
                    url=reverse("access_accounts:retire", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class SocialAccountEditView(EditView):
    def save_instance(self):
        self.form.instance._actor = self.request.user
        return super().save_instance()


class SocialAccountDeleteView(KeepReferencedDeleteView):
    """An account with requests or grants is retired, not deleted: its history stays."""

    def form_valid(self, form):
        if self.object.grants.exists() or self.object.access_requests.exists():
            messages.error(
                self.request,
                _("%(account)s has access history: retire it instead of deleting it.")
                % {"account": self.object},
            )
            return redirect("access_accounts:edit", self.object.pk)
        return super().form_valid(form)


class RetireAccountView(AccessObjectFormView):
    model = SocialAccount
    form_class = RetireAccountForm
    page_title = gettext_lazy("Retire account")
    summary_template = "access/admin/retire_summary.html"
    header_icon = "cross"
    index_url_name = "access_accounts:index"
    submit_button_label = gettext_lazy("Retire")

    def get_account(self):
        return self.object

    def get_extra_context(self):
        return {"active_grants": self.object.grants.unrevoked().count()}

    def form_valid(self, form):
        try:
            services.retire_account(self.object, by=self.request.user)
        except services.AccessError as exc:
            return self.fail(exc)
        messages.success(
            self.request,
            _("%(account)s is retired; every grant on it was revoked.") % {"account": self.object},
        )
        return redirect(self.index_url_name)


class SocialAccountViewSet(ModelViewSet):
    model = SocialAccount
    icon = "globe"
    menu_label = gettext_lazy("Accounts")
    add_to_admin_menu = False
    index_view_class = SocialAccountIndexView
    edit_view_class = SocialAccountEditView
    delete_view_class = SocialAccountDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = SocialAccountFilterSet
    search_fields = ["handle", "name", "url"]
    search_backend_name = None
    ordering = ["platform", "handle"]
    list_display = [
        Column("display_handle", label=gettext_lazy("Handle"), sort_key="handle"),
        Column(
            "platform",
            label=gettext_lazy("Platform"),
            accessor="get_platform_display",
            sort_key="platform",
        ),
        "name",
        "department",
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            primary=lambda a: a.status == AccountStatus.ACTIVE,
            sort_key="status",
        ),
        BooleanColumn("requires_approval", label=gettext_lazy("Approval")),
        Column("roles", label=gettext_lazy("Roles"), accessor=roles_summary),
    ]
    list_export = [
        "platform",
        "handle",
        "name",
        "url",
        "department",
        "status",
        "sunset_date",
        "requires_approval",
        "roles_export",
        "owners_export",
    ]
    export_headings = {"roles_export": "Roles", "owners_export": "Owners"}
    export_filename = "official-accounts"
    inspect_view_fields = [
        "name",
        "platform",
        "handle",
        "url",
        "description",
        "department",
        "owners",
        "status",
        "sunset_date",
        "requires_approval",
        "created_at",
        "retired_at",
    ]

    def get_queryset(self, request):
        roles = AccountRole.objects.select_related("program").order_by("sort_order", "pk")
        return SocialAccount.objects.select_related("department").prefetch_related(
            Prefetch("roles", queryset=roles), "owners"
        )

    @property
    def retire_view(self):
        return RetireAccountView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("retire/<int:pk>/", self.retire_view, name="retire"),
        ]
