"""Site pages of the lms app (HR pages live in the Wagtail admin)."""

from django.urls import path

from lms.reports.views.my_team import my_team

app_name = "lms"

urlpatterns = [
    path("my-team/", my_team, name="my_team"),
]
