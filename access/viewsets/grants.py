"""Who holds access: every grant, the certificate it rests on, and revocation by hand."""

import django_filters
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.widgets.button import Button, HeaderButton

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


def visible_grants(user):
    """The grants this person sees: those on the accounts they own (every grant for staff).
    Every grant screen (list, export, inspect, revoke) looks rows up here, so a grant of
    another account answers 404, as an id that does not exist does."""
    return AccessGrant.objects.visible_to(user).distinct()


def may_revoke(user, grant, *, account_ids=None):
    """Whether this person may revoke this grant now: it is not revoked yet, and they may decide
    on its account. `account_ids` (from `decidable_account_ids`) saves a query a row."""
    if grant.revoked_at is not None:
        return False
    if account_ids is not None and not services.is_access_staff(user):
        return bool(user.is_active) and grant.account_id in account_ids
    return services.can_decide(user, grant.account)


def revoke_url(grant):
    return reverse("access_grants:revoke", args=[grant.pk])


class RevokingMixin:
    """Who may revoke which grant, asked once per page: the accounts the viewer owns are read in
    one query, so the buttons of a page of rows cost nothing more."""

    @cached_property
    def decidable_account_ids(self):
        return services.decidable_account_ids(self.request.user)

    def may_revoke(self, grant):
        return may_revoke(self.request.user, grant, account_ids=self.decidable_account_ids)


class AccessGrantIndexView(RevokingMixin, IndexView):
    def get_base_queryset(self):
        # Wagtail's ModelViewSet does not call the viewset's get_queryset(): the scope and the
        # rows' holder, account and certificate (columns, state, export) are read here.
        return (
            super()
            .get_base_queryset()
            .select_related("user", "account", "certificate")
            .visible_to(self.request.user)
            .distinct()
        )

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The first column is Wagtail's title column: a link to the grant, and the row's buttons
        # (Inspect, Revoke). The holder as "First Last", not the username.
        if field_name == "user":
            kwargs.setdefault("accessor", "holder_name")
        return super()._get_title_column(field_name, column_class, **kwargs)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.may_revoke(instance):
            buttons.append(
                Button(
                    _("Revoke"),
                    url=revoke_url(instance),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons

    def get_edit_url(self, instance):
        return None


class AccessGrantInspectView(RevokingMixin, InspectView):
    """A grant, for those who see the list it is in; *Revoke* while it holds."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            visible_grants(self.request.user).select_related(
                "user",
                "account",
                "certificate__program",
                "certificate__holder",
                "request__user",
                "request__account",
                "granted_by",
                "revoked_by",
            ),
            pk=self.pk,
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.may_revoke(self.object):
            buttons.append(
                HeaderButton(_("Revoke"), url=revoke_url(self.object), icon_name="cross")
            )
        return buttons


class RevokeGrantView(AccessObjectFormView):
    model = AccessGrant
    form_class = RevokeGrantForm
    page_title = gettext_lazy("Revoke access")
    summary_template = "access/admin/revoke_summary.html"
    header_icon = "cross"
    index_url_name = "access_grants:index"
    submit_button_label = gettext_lazy("Revoke")

    def get_queryset(self):
        # A grant of an account the viewer does not own is not found (404), not refused (403).
        return visible_grants(self.request.user).select_related(
            "user", "account", "certificate__program"
        )

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
    inspect_view_class = AccessGrantInspectView
    filterset_class = AccessGrantFilterSet
    search_fields = ["user__first_name", "user__last_name", "user__email", "account__handle"]
    search_backend_name = None
    ordering = ["-granted_at"]
    list_display = [
        # A field name, not a Column: Wagtail makes the first one the title column, with the
        # row's buttons (AccessGrantIndexView shows the holder's name in it).
        "user",
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

    @property
    def revoke_view(self):
        return RevokeGrantView.as_view()

    def get_extra_urlpatterns(self):
        return [
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]
