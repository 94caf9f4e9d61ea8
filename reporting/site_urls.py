"""Site pages of HR reporting (the HR pages themselves live in the Wagtail admin)."""

from django.urls import path

from reporting.views.my_team import my_team

app_name = "reporting"

urlpatterns = [
    path("my-team/", my_team, name="my_team"),
]
