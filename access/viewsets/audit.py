"""The audit log: read-only, filterable, exportable; owners see their accounts, staff all."""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import IndexView, InspectView

from access.models import AuditAction, AuditEntry, RoleName
from access.viewsets.base import accounts_for
from lms.admin_views import ServiceMadeViewSet


class AuditEntryFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=gettext_lazy("Action"))
    account = django_filters.ModelChoiceFilter(queryset=accounts_for, label=gettext_lazy("Account"))
    role = django_filters.ChoiceFilter(choices=RoleName.choices, label=gettext_lazy("Role"))
    at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Date"), widget=DateRangePickerWidget
    )
    person = django_filters.CharFilter(
        method="filter_person", label=gettext_lazy("Person's e-mail")
    )

    class Meta:
        model = AuditEntry
        fields = ["action", "account", "role", "at"]

    def filter_person(self, queryset, name, value):
        return queryset.filter(subject__email__iexact=value.strip())


class AuditEntryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().visible_to(self.request.user).distinct()


class AuditEntryInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            AuditEntry.objects.visible_to(self.request.user).distinct(), pk=self.pk
        )

    @cached_property
    def header_more_buttons(self):
        return []


class AuditEntryViewSet(ServiceMadeViewSet):
    """Read-only: an index with filters and CSV/XLSX export, and an inspect page."""

    model = AuditEntry
    icon = "history"
    menu_label = gettext_lazy("Audit log")
    add_to_admin_menu = False
    index_view_class = AuditEntryIndexView
    inspect_view_class = AuditEntryInspectView
    add_to_reference_index = False
    filterset_class = AuditEntryFilterSet
    list_per_page = 50
    ordering = ["-at"]
    list_display = [
        DateColumn("at", label=gettext_lazy("When"), sort_key="at"),
        Column("action", label=gettext_lazy("Action"), accessor="get_action_display"),
        Column("actor_label", label=gettext_lazy("By")),
        Column("subject_label", label=gettext_lazy("Person")),
        Column("account_label", label=gettext_lazy("Account")),
        Column("role", label=gettext_lazy("Role")),
        Column("reason", label=gettext_lazy("Reason")),
    ]
    list_export = [
        "at",
        "action",
        "actor_label",
        "subject_label",
        "subject_email",
        "account_label",
        "role",
        "certificate_serial",
        "reason",
        "details",
    ]
    export_headings = {
        "at": "At",
        "action": "Action",
        "actor_label": "By",
        "subject_label": "Person",
        "subject_email": "E-mail",
        "account_label": "Account",
        "role": "Role",
        "certificate_serial": "Certificate",
        "reason": "Reason",
        "details": "Details",
    }
    export_filename = "access-audit-log"
    inspect_view_fields = [
        "at",
        "action",
        "actor",
        "subject",
        "account",
        "role",
        "certificate",
        "reason",
        "details",
    ]

    def get_queryset(self, request):
        return AuditEntry.objects.select_related("actor", "subject", "account")
