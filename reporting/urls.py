"""Admin URLs of the completion report (mounted under /admin/reports/department-completion/)."""

from django.urls import path

from reporting.views.completion_people import CompletionPeopleView
from reporting.views.department_completion import DepartmentCompletionView

app_name = "lms_reports"

urlpatterns = [
    path("", DepartmentCompletionView.as_view(), name="department_completion"),
    path(
        "results/",
        DepartmentCompletionView.as_view(results_only=True),
        name="department_completion_results",
    ),
    path("people/", CompletionPeopleView.as_view(), name="completion_people"),
    path(
        "people/results/",
        CompletionPeopleView.as_view(results_only=True),
        name="completion_people_results",
    ),
]
