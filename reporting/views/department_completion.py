"""The department completion report: a row per department, rolled up through the tree.

Rows open and close like a tree. Without JavaScript each toggle is a link that carries the set
of open departments in `?open=` (ids, "all", or empty for none); with JavaScript the same links
refresh only the results. Every figure links to the people behind it. CSV and XLSX exports hold
every department in the scope, whatever is open.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from reporting import charts
from reporting.completion import (
    CERTIFIED_VS_COMPLETED,
    FIGURE_HELP,
    FIGURE_LABELS,
    FIGURES,
    PERCENT_OF,
    completion_trend,
    department_completion,
    figure_definitions,
    top_rows,
    totals,
)
from reporting.views.base import CompletionFilterSet, HRReportView


class DepartmentCompletionFilterSet(CompletionFilterSet):
    """Course or program, department and due-date range."""


def _export_fields():
    fields = ["label", "depth"]
    for name in FIGURES:
        fields.append(name)
        if name in PERCENT_OF:
            fields.append(f"{name}_pct")
    return fields


def _export_headings():
    headings = {"label": _("Department"), "depth": _("Level")}
    for name in FIGURES:
        headings[name] = FIGURE_LABELS[name]
        if name in PERCENT_OF:
            headings[f"{name}_pct"] = _("%(figure)s %%") % {"figure": FIGURE_LABELS[name]}
    return headings


class DepartmentCompletionView(HRReportView):
    page_title = _("Department completion")
    header_icon = "group"
    template_name = "reporting/reports/department_completion.html"
    results_template_name = "reporting/reports/department_completion_results.html"
    index_url_name = "lms_reports:department_completion"
    index_results_url_name = "lms_reports:department_completion_results"
    filterset_class = DepartmentCompletionFilterSet
    paginate_by = 100
    list_export = _export_fields()
    export_headings = _export_headings()
    all_rows = ()

    def get_filename(self):
        return "department-completion-" + self.request_date().isoformat()

    def request_date(self):
        return timezone.localdate()

    def get_page_subtitle(self):
        if self.filter_error is not None:
            return ""
        return self.report_filters.describe()

    def parse_open(self, rows):
        raw = self.request.GET.get("open")
        parents = {row.id for row in rows if row.children}
        if raw is None:
            return {row.id for row in top_rows(rows)} & parents
        if raw.strip() == "all":
            return parents
        ids = {int(part) for part in raw.split(",") if part.strip().isdigit()}
        return ids & parents

    def get_queryset(self):
        if self.filter_error is not None:
            return []
        rows = department_completion(self.report_filters, self.scope)
        self.all_rows = rows
        if self.is_export:
            return rows
        self.open_ids = self.parse_open(rows)
        visible, shown = [], set()
        for row in rows:
            if row.parent_id is None or (row.parent_id in shown and row.parent_id in self.open_ids):
                shown.add(row.id)
                visible.append(row)
        return visible

    def _url(self, name, **params):
        query = {**self.report_filters.as_params(), **params}
        return reverse(name) + "?" + urlencode(query)

    def toggle_url(self, row):
        state = set(self.open_ids) ^ {row.id}
        params = self.request.GET.copy()
        params.pop("p", None)
        params.pop("export", None)
        params["open"] = ",".join(str(pk) for pk in sorted(state))
        return self.index_url + "?" + params.urlencode()

    def decorate_paginated_queryset(self, object_list):
        if self.filter_error is not None or self.is_export:
            return object_list
        people = "lms_reports:completion_people"
        for row in object_list:
            row.is_open = row.id in self.open_ids
            row.toggle_url = self.toggle_url(row) if row.children else ""
            row.cells = [
                {
                    "name": name,
                    "label": FIGURE_LABELS[name],
                    "value": getattr(row, name),
                    "pct": row.pct(name) if name in PERCENT_OF else None,
                    "url": self._url(people, department=row.id, metric=name),
                }
                for name in FIGURES
            ]
        return object_list

    def tree_links(self):
        params = self.request.GET.copy()
        params.pop("p", None)
        params.pop("export", None)
        expanded, collapsed = params.copy(), params.copy()
        expanded["open"] = "all"
        collapsed["open"] = ""
        return {
            "expand_all": self.index_url + "?" + expanded.urlencode(),
            "collapse_all": self.index_url + "?" + collapsed.urlencode(),
        }

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["figures"] = [(name, FIGURE_LABELS[name]) for name in FIGURES]
        context["figure_help"] = figure_definitions()
        context["figure_help_by_name"] = FIGURE_HELP
        context["certified_vs_completed"] = CERTIFIED_VS_COMPLETED
        if self.filter_error is not None or self.is_export:
            return context
        rows = self.all_rows
        tops = top_rows(rows)
        chart_rows = tops[0].children if len(tops) == 1 and tops[0].children else tops
        context["totals"] = totals(rows)
        context["tree_links"] = self.tree_links()
        people = "lms_reports:completion_people"
        # Each card drills down to exactly the people it counts: same filters, that figure.
        context["totals_links"] = {name: self._url(people, metric=name) for name in FIGURES}
        context["department_chart"] = charts.render_department_bars(
            chart_rows,
            people_url=lambda row, name: self._url(people, department=row.id, metric=name),
        )
        context["trend_chart"] = charts.render_trend(
            completion_trend(self.report_filters, self.scope)
        )
        context["people_url"] = self._url("lms_reports:completion_people", metric="assigned")
        return context
