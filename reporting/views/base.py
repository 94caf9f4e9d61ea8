"""What every HR report view shares: the permission, the user's scope and the filters."""

import django_filters
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import HeaderButton

from lms.models import Department
from lms.scope import scope_for
from reporting.filters import ReportFilterError, parse_filters
from reporting.scope import can_view_reports


def _courses(request):
    return apps.get_model("courses", "CoursePage").objects.order_by("title")


def _programs(request):
    return apps.get_model("certification", "Program").objects.order_by("tier", "name")


def _departments(request):
    return scope_for(request.user).departments_queryset().order_by("path")


class DepartmentChoiceFilter(django_filters.ModelChoiceFilter):
    """Departments of the user's scope, indented by level."""

    @property
    def field(self):
        field = super().field
        field.label_from_instance = lambda d: "\u00a0\u00a0" * (d.depth - 1) + d.name
        return field


class CompletionFilterSet(WagtailFilterSet):
    """The filters of the completion report; applied in SQL by reporting, not here."""

    course = django_filters.ModelChoiceFilter(
        queryset=_courses, label=_("Course"), empty_label=_("Any course"), method="keep"
    )
    program = django_filters.ModelChoiceFilter(
        queryset=_programs, label=_("Program"), empty_label=_("Any program"), method="keep"
    )
    department = DepartmentChoiceFilter(
        queryset=_departments, label=_("Department"), empty_label=_("All"), method="keep"
    )
    due_from = django_filters.DateFilter(label=_("Due from"), widget=AdminDateInput, method="keep")
    due_to = django_filters.DateFilter(label=_("Due until"), widget=AdminDateInput, method="keep")
    recertification_due = django_filters.NumberFilter(
        label=_("Recertification due within (days)"),
        help_text=_("Only people with a certificate to renew that ends within this many days."),
        min_value=1,
        max_value=3650,
        method="keep",
    )

    class Meta:
        model = Department  # required by django-filter; the rows are not a queryset of it
        fields = []

    def keep(self, queryset, name, value):
        return queryset


class HRReportView(ReportView):
    """A ReportView for people allowed to see reports, limited to their HR scope."""

    filterset_class = CompletionFilterSet
    filter_error = None

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        self.scope = scope_for(request.user)
        try:
            self.report_filters = parse_filters(request.GET, self.scope)
            self.parse_extra(request)
        except ReportFilterError as exc:
            self.filter_error = exc
        except PermissionDenied as exc:
            # Outside the HR scope: a plain 403 with the reason, not the admin's redirect.
            return TemplateResponse(
                request,
                "reporting/reports/forbidden.html",
                {"message": str(exc), "page_title": self.page_title},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def parse_extra(self, request):
        """Subclasses read their own parameters here (raising ReportFilterError)."""

    @cached_property
    def filters(self):
        filterset = self.filterset_class(**self.get_filterset_kwargs())
        return filterset if filterset.form.fields else None

    @cached_property
    def header_more_buttons(self):
        return []  # the downloads are header buttons, in plain sight beside the filters

    @cached_property
    def header_buttons(self):
        if not self.show_export_buttons or self.filter_error is not None:
            return []
        return [
            HeaderButton(
                _("Download CSV"),
                url=self.csv_export_url,
                icon_name="download",
                classname="button-secondary sa-export",
                priority=10,
            ),
            HeaderButton(
                _("Download XLSX"),
                url=self.xlsx_export_url,
                icon_name="download",
                classname="button-secondary sa-export",
                priority=20,
            ),
        ]

    def get_export_url(self, format):
        """The export of what is on screen, from the report's own URL (not the results one)."""
        params = self.request.GET.copy()
        for name in ("p", "open", "_w_filter_fragment", "export"):
            params.pop(name, None)
        params["export"] = format
        return self.index_url + "?" + params.urlencode()

    def filter_queryset(self, queryset):
        return queryset  # the filters are applied in SQL when the rows are computed

    def render_to_response(self, context, **response_kwargs):
        if self.filter_error is not None:
            response_kwargs["status"] = 400
            if self.is_export:
                self.is_export = False
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["filter_error"] = self.filter_error
        context["scope"] = self.scope
        return context
