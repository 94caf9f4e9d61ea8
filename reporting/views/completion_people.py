"""The people behind a figure of the completion report: name, department, manager, status,
due date and completion date, paginated; the CSV export streams in flat memory."""

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.exports import csv_response
from reporting.completion import FIGURE_LABELS, FIGURES, people_listing
from reporting.exports import PERSON_HEADER, person_rows
from reporting.filters import department_in_scope, parse_metric
from reporting.views.base import CompletionFilterSet, HRReportView


class CompletionPeopleFilterSet(CompletionFilterSet):
    """The report's filters plus the figure whose people are listed."""

    metric = django_filters.ChoiceFilter(
        choices=[(name, FIGURE_LABELS[name]) for name in FIGURES],
        label=_("Figure"),
        empty_label=None,
        method="keep",
    )


class CompletionPeopleView(HRReportView):
    page_title = _("People")
    header_icon = "user"
    template_name = "reporting/reports/completion_people.html"
    results_template_name = "reporting/reports/completion_people_results.html"
    index_url_name = "lms_reports:completion_people"
    index_results_url_name = "lms_reports:completion_people_results"
    filterset_class = CompletionPeopleFilterSet
    paginate_by = 50
    list_export = [
        "employee_id",
        "name",
        "email",
        "department",
        "manager",
        "status_label",
        "overdue",
        "due_date",
        "completed_at",
        "certified",
        "due_renewal",
        "renewed",
        "lapsed",
    ]
    export_headings = {
        "employee_id": _("Employee id"),
        "name": _("Name"),
        "email": _("Email"),
        "department": _("Department"),
        "manager": _("Manager"),
        "status_label": _("Status"),
        "overdue": _("Overdue"),
        "due_date": _("Due date"),
        "completed_at": _("Completed at"),
        "certified": _("Certified"),
        "due_renewal": _("Due for renewal"),
        "renewed": _("Renewed"),
        "lapsed": _("Lapsed"),
    }
    metric = "assigned"

    def parse_extra(self, request):
        self.metric = parse_metric(request.GET)

    def write_csv_response(self, queryset):
        """Stream the CSV in batches (Wagtail's writer goes row by row through preprocessors)."""
        rows = person_rows(queryset)
        return csv_response(f"{self.get_filename()}.csv", PERSON_HEADER, rows)

    def get_filename(self):
        return f"completion-{self.metric}-{timezone.localdate().isoformat()}"

    def get_page_title(self):
        return _("People: %(figure)s") % {"figure": FIGURE_LABELS.get(self.metric, "")}

    def get_page_subtitle(self):
        if self.filter_error is not None:
            return ""
        place = self.report_filters.department or None
        where = place.name if place else self.scope.label
        return f"{where} · {self.report_filters.describe()}"

    def get_breadcrumbs_items(self):
        report = reverse("lms_reports:department_completion")
        return [
            *self.breadcrumbs_items,
            {"url": report, "label": _("Department completion")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_queryset(self):
        if self.filter_error is not None:
            return []
        department = self.report_filters.department
        if department is not None:
            department = department_in_scope(department.pk, self.scope)
        return people_listing(self.report_filters, self.scope, department, self.metric)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["metric"] = self.metric
        context["metric_label"] = FIGURE_LABELS.get(self.metric, "")
        return context
