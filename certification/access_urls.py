"""Site pages of access, included in certification/urls.py (namespace "certification")."""

from django.urls import path

from . import access_views

urlpatterns = [
    path("official-accounts/", access_views.official_accounts, name="official_accounts"),
    path("my-access/", access_views.my_access, name="my_access"),
    path(
        "my-access/requests/<int:pk>/withdraw/",
        access_views.withdraw,
        name="withdraw_access_request",
    ),
]
