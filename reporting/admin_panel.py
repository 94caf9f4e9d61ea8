"""The HR panel on the Wagtail dashboard: completion at a glance and the monthly trend."""

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component

from lms.scope import scope_for
from reporting import charts
from reporting.completion import (
    CERTIFIED_VS_COMPLETED,
    FIGURE_HELP,
    FIGURES,
    ReportFilters,
    completion_trend,
    department_completion,
    figure_definitions,
    top_rows,
    totals,
)


def people_url(**params):
    return reverse("lms_reports:completion_people") + "?" + urlencode(params)


class CompletionPanel(Component):
    name = "hr_completion"
    template_name = "reporting/reports/admin_panel.html"
    order = 60

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        scope = scope_for(self.request.user)
        filters = ReportFilters()
        rows = department_completion(filters, scope)
        tops = top_rows(rows)
        chart_rows = tops[0].children if len(tops) == 1 and tops[0].children else tops
        return {
            "scope": scope,
            "totals": totals(rows),
            "totals_links": {name: people_url(metric=name) for name in FIGURES},
            "figure_help": figure_definitions(),
            "figure_help_by_name": FIGURE_HELP,
            "certified_vs_completed": CERTIFIED_VS_COMPLETED,
            "department_chart": charts.render_department_bars(
                chart_rows,
                people_url=lambda row, name: people_url(department=row.id, metric=name),
            ),
            "trend_chart": charts.render_trend(completion_trend(filters, scope)),
            "report_url": reverse("lms_reports:department_completion"),
        }
