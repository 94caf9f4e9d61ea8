"""Registers the organisation's admin screens."""

from wagtail import hooks

from .viewsets import OrganisationGroup


@hooks.register("register_admin_viewset")
def register_organisation():
    return OrganisationGroup()


# --- HR: assignments, imports, snapshots, scopes, the completion report and its panel ---------


@hooks.register("register_admin_viewset")
def register_hr():
    from lms.reports.viewsets import HRGroup

    return HRGroup()


@hooks.register("register_admin_urls")
def register_hr_report_urls():
    from django.urls import include, path

    from lms.reports import urls as report_urls

    return [path("reports/department-completion/", include(report_urls))]


@hooks.register("register_reports_menu_item")
def register_completion_report_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    from lms.reports.scope import can_view_reports

    class CompletionReportMenuItem(MenuItem):
        def is_shown(self, request):
            return can_view_reports(request.user)

    return CompletionReportMenuItem(
        _("Department completion"),
        reverse("lms_reports:department_completion"),
        name="department-completion",
        icon_name="group",
        order=100,
    )


@hooks.register("construct_homepage_panels")
def add_hr_completion_panel(request, panels):
    from lms.reports.admin_panel import CompletionPanel
    from lms.reports.scope import can_view_reports

    if can_view_reports(request.user):
        panels.append(CompletionPanel(request))


# --- Sign-in lockouts (django-axes): Settings > Sign-in lockouts ------------------------------


@hooks.register("register_admin_urls")
def register_login_lockout_urls():
    from django.urls import include, path

    from lms import login_throttle

    return [
        path(
            "sign-in-lockouts/",
            include((login_throttle.urlpatterns, "login_lockouts"), namespace="login_lockouts"),
        )
    ]


@hooks.register("register_settings_menu_item")
def register_login_lockout_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    from lms.login_throttle import may_view

    class LoginLockoutMenuItem(MenuItem):
        def is_shown(self, request):
            return may_view(request.user)

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
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="axes",
        codename__in=["view_accessattempt", "delete_accessattempt"],
    )
