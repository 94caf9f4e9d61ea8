"""Admin URLs of the coverage report (mounted under /admin/reports/coverage/)."""

from django.urls import path

from reporting.views.coverage import CoverageView

app_name = "coverage_report"

urlpatterns = [
    path("", CoverageView.as_view(), name="index"),
    path("results/", CoverageView.as_view(results_only=True), name="results"),
]
