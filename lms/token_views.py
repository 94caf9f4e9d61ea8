"""Admin screens for integration tokens (Settings → API tokens): create, list, revoke.

A new token's value is shown once, on the page that answers the creation, and never again:
only its SHA-256 digest is stored, and the list shows its prefix. Tokens are revoked, not
deleted, so the list keeps who had access and when it ended.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from lms.admin_views import ObjectFormView
from lms.models import ApiToken, TokenScope
from lms.permissions import ActionsPolicy

# Create (add), look (view) and revoke (change); tokens are never edited or deleted.
token_policy = ActionsPolicy(ApiToken, {"add", "view", "change"})
register_permission_policy(ApiToken, token_policy, exact_class=True)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. 'Publishing tool'."),
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=TokenScope.choices,
        initial=[TokenScope.ACCESS_CHECK],
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name."))
        return name


class TokenFormView(ObjectFormView):
    """Shared furniture of the create and revoke pages."""

    model = ApiToken
    index_url_name = "api_tokens:index"
    index_label = gettext_lazy("API tokens")
    header_icon = "key"
    permission = None

    def has_permission(self, request):
        return token_policy.user_has_permission(request.user, self.permission)


class TokenCreateView(TokenFormView):
    form_class = TokenForm
    permission = "add"
    page_title = gettext_lazy("New API token")
    summary_template = "lms/admin/token_create_summary.html"
    submit_button_label = gettext_lazy("Create token")

    def form_valid(self, form):
        token, raw = ApiToken.issue(
            form.cleaned_data["name"], form.cleaned_data["scopes"], created_by=self.request.user
        )
        response = TemplateResponse(
            self.request,
            "lms/admin/token_created.html",
            {
                "token": token,
                "raw": raw,
                "header_title": _("Token created"),
                "page_title": _("Token created"),
                "header_icon": "key",
                "breadcrumbs_items": [
                    *self.breadcrumbs_items,
                    {"url": reverse("api_tokens:index"), "label": _("API tokens")},
                    {"url": "", "label": token.name},
                ],
            },
        )
        # The only time the value exists outside the caller's hands: keep it out of caches.
        response["Cache-Control"] = "no-store"
        return response


class RevokeTokenForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Revoke this token"),
        help_text=gettext_lazy("Integrations using it get 401 from the next request on."),
    )


class TokenRevokeView(TokenFormView):
    form_class = RevokeTokenForm
    permission = "change"
    page_title = gettext_lazy("Revoke API token")
    summary_template = "lms/admin/token_revoke_summary.html"
    summary_class = "help-warning"
    submit_button_label = gettext_lazy("Revoke")

    def form_valid(self, form):
        if self.object.revoked_at is not None:
            messages.error(self.request, _("This token was already revoked."))
        else:
            self.object.revoke()
            messages.success(self.request, _("Token %(token)s revoked.") % {"token": self.object})
        return redirect("api_tokens:index")


class TokenFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        choices=[("active", gettext_lazy("Active")), ("revoked", gettext_lazy("Revoked"))],
        method="filter_state",
        label=gettext_lazy("State"),
    )

    class Meta:
        model = ApiToken
        fields = []

    def filter_state(self, queryset, name, value):
        return queryset.filter(revoked_at__isnull=value == "active")


class TokenIndexView(IndexView):
    def get_add_url(self):
        if token_policy.user_has_permission(self.request.user, "add"):
            return reverse("api_tokens:add")
        return None

    def get_edit_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.revoked_at is None and self.user_has_permission("change"):
            buttons.append(
                Button(
                    _("Revoke"),
                    url=reverse("api_tokens:revoke", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class TokenInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        return []


def token_state(token):
    return _("Active") if token.revoked_at is None else _("Revoked")


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = gettext_lazy("API tokens")
    add_to_settings_menu = True
    form_fields = []
    index_view_class = TokenIndexView
    inspect_view_class = TokenInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = TokenFilterSet
    ordering = ["-created_at"]
    list_display = [
        "name",
        Column("prefix", label=gettext_lazy("Starts with"), accessor=lambda t: f"{t.prefix}…"),
        Column("scopes", label=gettext_lazy("Scopes"), accessor=lambda t: ", ".join(t.scopes)),
        Column("created_by", label=gettext_lazy("Created by")),
        DateColumn("created_at", label=gettext_lazy("Created")),
        DateColumn("last_used_at", label=gettext_lazy("Last used")),
        StatusTagColumn(
            "state",
            label=gettext_lazy("State"),
            accessor=token_state,
            primary=lambda t: t.revoked_at is None,
        ),
    ]
    inspect_view_fields = [
        "name",
        "prefix",
        "scopes",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]

    def get_queryset(self, request):
        return ApiToken.objects.select_related("created_by")

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", TokenCreateView.as_view(), name="add"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("revoke/<int:pk>/", TokenRevokeView.as_view(), name="revoke"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )
