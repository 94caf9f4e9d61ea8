"""The coverage report in the admin: the hub-and-spoke network per department, the official
accounts' single points of failure and duty, and the readiness scorecard with its evidence.

A scoped HR user sees their departments only; `?department=` narrows to one of them (a
department outside the scope is refused with 400, without saying anything about it).
"""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from lms.scope import scope_for
from reporting.coverage import (
    MIN_MANAGERS,
    MIN_PUBLISHERS,
    POLICY_TARGET_PCT,
    RECENT,
    coverage_report,
)
from reporting.filters import ReportFilterError
from reporting.scope import can_view_reports
from reporting.views.base import HRReportView


def narrowed_scope(scope, raw):
    """The scope, or one department of it from `?department=`; a ReportFilterError (400) for
    anything else, with a message that names no department."""
    raw = (raw or "").strip()
    if not raw:
        return scope
    department = None
    if raw.isdigit() and len(raw) < 12:
        department = scope.departments_queryset().filter(pk=int(raw)).first()
    if department is None:
        raise ReportFilterError(
            _("Choose one of the departments of your scope."), field="department"
        )
    return scope.narrowed_to(department)


class CoverageView(HRReportView):
    page_title = _("Coverage")
    header_icon = "group"
    template_name = "reporting/reports/coverage.html"
    results_template_name = "reporting/reports/coverage_results.html"
    index_url_name = "coverage_report:index"
    index_results_url_name = "coverage_report:results"
    paginate_by = 200
    coverage = None

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        self.scope = scope_for(request.user)
        try:
            self.report_scope = narrowed_scope(self.scope, request.GET.get("department"))
        except ReportFilterError as exc:
            self.filter_error = exc
            self.report_scope = self.scope
        return ReportView.dispatch(self, request, *args, **kwargs)

    @cached_property
    def filters(self):
        return None

    def get_filename(self):
        return "coverage"

    def get_page_subtitle(self):
        return str(self.report_scope.label)

    @cached_property
    def report(self):
        return coverage_report(self.report_scope)

    @property
    def list_export(self):
        fields = ["name", "level", "champion_names"]
        fields += [f"certified_{program.slug}" for program in self.report.programs]
        return [*fields, "accounts", "single_points"]

    @property
    def export_headings(self):
        headings = {
            "name": _("Department"),
            "level": _("Level"),
            "champion_names": _("Champion"),
            "accounts": _("Official accounts"),
            "single_points": _("Single points of failure"),
        }
        for program in self.report.programs:
            headings[f"certified_{program.slug}"] = _("Certified: %(program)s") % {
                "program": program.name
            }
        return headings

    def get_queryset(self):
        if self.filter_error is not None:
            return []
        rows = self.report.rows
        for row in rows:
            row.champion_names = "; ".join(row.champions)
            row.cells = [row.certified.get(program.slug, 0) for program in self.report.programs]
            for program in self.report.programs:
                setattr(row, f"certified_{program.slug}", row.certified.get(program.slug, 0))
        return rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["scope"] = self.scope
        context["report_scope"] = self.report_scope
        if self.filter_error is not None:
            return context
        report = self.report
        context.update(
            programs=report.programs,
            accounts=report.accounts,
            scorecard=report.scorecard,
            totals=report.totals(),
            min_publishers=MIN_PUBLISHERS,
            min_managers=MIN_MANAGERS,
            policy_target=POLICY_TARGET_PCT,
            recent_days=RECENT.days,
            departments=self.scope.departments_queryset().order_by("path"),
            chosen_department=self.request.GET.get("department", ""),
        )
        return context
