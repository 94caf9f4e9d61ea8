"""Registers the organisation's admin screens."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms import hooks as academy_hooks
from lms import landing, login_throttle, setup
from lms.setup import report_group
from lms.token_views import ApiTokenViewSet
from lms.viewsets import OrganisationGroup


@hooks.register("register_admin_viewset")
def register_organisation():
    return OrganisationGroup()


@hooks.register(academy_hooks.SITE_URLS)
def register_landing_urls():
    """After sign-in, each person where their work is (lms.landing)."""
    return landing


@hooks.register("register_admin_viewset")
def register_api_tokens():
    return ApiTokenViewSet("api_tokens")


# --- Sign-in lockouts (django-axes): Settings > Sign-in lockouts ------------------------------


@hooks.register("register_admin_urls")
def register_login_lockout_urls():
    return [
        path(
            "sign-in-lockouts/",
            include((login_throttle.urlpatterns, "login_lockouts"), namespace="login_lockouts"),
        )
    ]


@hooks.register("register_settings_menu_item")
def register_login_lockout_menu_item():
    class LoginLockoutMenuItem(MenuItem):
        def is_shown(self, request):
            return login_throttle.may_view(request.user)

    return LoginLockoutMenuItem(
        _("Sign-in lockouts"),
        reverse("login_lockouts:index"),
        name="sign-in-lockouts",
        icon_name="lock",
        order=900,
    )


@hooks.register("register_permissions")
def register_login_lockout_permissions():
    """Seeing lockouts and unlocking them, given to groups in Settings > Groups."""
    return Permission.objects.filter(
        content_type__app_label="axes",
        codename__in=["view_accessattempt", "delete_accessattempt"],
    )


@hooks.register(academy_hooks.GROUP_PERMISSIONS)
def people_permissions():
    return {setup.HR_GROUP: setup.HR_PERMISSIONS}


@hooks.register(academy_hooks.SETUP, order=10)
def setup_groups(stdout):
    report_group(stdout, *setup.setup_hr_group())
