"""Site pages of this app that are not Wagtail pages."""

from django.urls import path

from courses.views.learning import my_learning

app_name = "courses"

urlpatterns = [
    path("my-learning/", my_learning, name="my_learning"),
]
