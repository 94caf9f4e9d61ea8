"""The audit log: read-only, filterable, exportable; owners see their accounts, staff all."""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
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


def moment(entry):
    return date_format(timezone.localtime(entry.at), "DATETIME_FORMAT")


class AuditEntryIndexView(IndexView):
    def get_base_queryset(self):
        # Wagtail's ModelViewSet does not call the viewset's get_queryset(): the scope and the
        # rows' actor, person and account (columns and export) are read here.
        return (
            super()
            .get_base_queryset()
            .select_related("actor", "subject", "account")
            .visible_to(self.request.user)
            .distinct()
        )

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The first column, when it happened, is Wagtail's title column: a link to the entry,
        # and the row's buttons.
        if field_name != "at":
            return super()._get_title_column(field_name, column_class, **kwargs)
        return self._get_title_column_class(column_class)(
            "at",
            label=gettext_lazy("When"),
            accessor=moment,
            sort_key="at",
            get_url=self.get_inspect_url,
            **kwargs,
        )


class AuditEntryInspectView(InspectView):
    def get_object(self, queryset=None):
        # An entry of an account the viewer does not own answers 404, as a missing id does.
        return get_object_or_404(
            AuditEntry.objects.visible_to(self.request.user)
            .select_related("actor", "subject", "account", "certificate")
            .distinct(),
            pk=self.pk,
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
        "at",  # the title column, linking to the entry (AuditEntryIndexView)
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
