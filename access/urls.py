"""Site pages of access: the official accounts and "my access"."""

from django.urls import path

from access import views as access_views

app_name = "access"

urlpatterns = [
    path("official-accounts/", access_views.official_accounts, name="official_accounts"),
    path("my-access/", access_views.my_access, name="my_access"),
    path(
        "my-access/requests/<int:pk>/withdraw/",
        access_views.withdraw,
        name="withdraw_access_request",
    ),
]
