"""Site pages of access: the official accounts, "my access" and the champions directory."""

from django.urls import path

from access import views as access_views

app_name = "access"

urlpatterns = [
    path("official-accounts/", access_views.official_accounts, name="official_accounts"),
    path("my-access/", access_views.my_access, name="my_access"),
    path("champions/", access_views.champions, name="champions"),
    path(
        "my-access/requests/<int:pk>/withdraw/",
        access_views.withdraw,
        name="withdraw_access_request",
    ),
]
