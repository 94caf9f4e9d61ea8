"""The site's URLs plus the bare view the access check is compared with (benchmarks only)."""

from django.urls import include, path

from .views import bare

urlpatterns = [
    path("bench/bare", bare, name="bench-bare"),
    path("", include("academy_site.urls")),
]
