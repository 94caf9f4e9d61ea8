"""Who holds access: every grant, the certificate it rests on, and revocation by hand."""

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.widgets.button import Button

from access import services as services
from access.forms import RevokeGrantForm
from access.models import AccessGrant, RevokeReason, RoleName
from access.viewsets.base import AccessObjectFormView, accounts_for
from lms.admin_views import MomentColumn, ServiceMadeViewSet


class GrantStateFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        if value == "active":
            return qs.active(timezone.now())
        if value == "revoked":
            return qs.filter(revoked_at__isnull=False)
        return qs


class AccessGrantFilterSet(WagtailFilterSet):
    state = GrantStateFilter(
        choices=[("active", gettext_lazy("Active")), ("revoked", gettext_lazy("Revoked"))],
        label=gettext_lazy("State"),
    )
    account = django_filters.ModelChoiceFilter(queryset=accounts_for, label=gettext_lazy("Account"))
    role = django_filters.ChoiceFilter(choices=RoleName.choices, label=gettext_lazy("Role"))
    revoke_reason = django_filters.ChoiceFilter(
        choices=RevokeReason.choices, label=gettext_lazy("Reason for revocation")
    )

    class Meta:
        model = AccessGrant
        fields = ["state", "account", "role", "revoke_reason"]


def may_revoke(user, grant):
    return grant.revoked_at is None and services.can_decide(user, grant.account)


class AccessGrantIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().visible_to(self.request.user).distinct()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if may_revoke(self.request.user, instance):
            buttons.append(
                Button(
                    _("Revoke"),
                    url=reverse("access_grants:revoke", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons

    def get_edit_url(self, instance):
        return None


class RevokeGrantView(AccessObjectFormView):
    model = AccessGrant
    form_class = RevokeGrantForm
    page_title = gettext_lazy("Revoke access")
    summary_template = "access/admin/revoke_summary.html"
    header_icon = "cross"
    index_url_name = "access_grants:index"
    submit_button_label = gettext_lazy("Revoke")

    def get_queryset(self):
        return AccessGrant.objects.select_related("user", "account", "certificate__program")

    def form_valid(self, form):
        try:
            services.revoke_grant(self.object, by=self.request.user, note=form.cleaned_data["note"])
        except services.AccessError as exc:
            return self.fail(exc)
        messages.success(self.request, _("Access revoked: %(grant)s.") % {"grant": self.object})
        return redirect(self.index_url_name)


def grant_state(grant):
    return {"active": _("Active"), "expired": _("Expired"), "revoked": _("Revoked")}[grant.state]


class AccessGrantViewSet(ServiceMadeViewSet):
    model = AccessGrant
    icon = "key"
    menu_label = gettext_lazy("Who holds access")
    add_to_admin_menu = False
    index_view_class = AccessGrantIndexView
    filterset_class = AccessGrantFilterSet
    search_fields = ["user__first_name", "user__last_name", "user__email", "account__handle"]
    search_backend_name = None
    ordering = ["-granted_at"]
    list_display = [
        Column("holder_name", label=gettext_lazy("Holder")),
        "account",
        Column("role", label=gettext_lazy("Role"), accessor="get_role_display", sort_key="role"),
        Column("certificate", label=gettext_lazy("Rests on"), accessor="certificate.serial"),
        DateColumn("granted_at", label=gettext_lazy("Granted")),
        MomentColumn("expires_at", label=gettext_lazy("Until")),
        StatusTagColumn(
            "state",
            label=gettext_lazy("State"),
            accessor=grant_state,
            primary=lambda g: g.state == "active",
        ),
        Column(
            "revoke_reason",
            label=gettext_lazy("Why it ended"),
            accessor="get_revoke_reason_display",
        ),
    ]
    list_export = [
        "holder_name",
        "user.email",
        "account",
        "role",
        "certificate.serial",
        "granted_at",
        "expires_at",
        "revoked_at",
        "revoke_reason",
        "revoke_note",
    ]
    export_headings = {
        "holder_name": "Holder",
        "user.email": "E-mail",
        "certificate.serial": "Certificate",
    }
    export_filename = "access-grants"
    inspect_view_fields = [
        "user",
        "account",
        "role",
        "certificate",
        "request",
        "granted_at",
        "granted_by",
        "expires_at",
        "revoked_at",
        "revoke_reason",
        "revoked_by",
        "revoke_note",
    ]

    def get_queryset(self, request):
        return AccessGrant.objects.select_related("user", "account", "certificate")

    @property
    def revoke_view(self):
        return RevokeGrantView.as_view()

    def get_extra_urlpatterns(self):
        return [
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]
