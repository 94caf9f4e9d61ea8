"""HR reporting in the admin and on the site: assignments, imports, snapshots, scopes, the
completion report with its menu item and dashboard panel, audit packs, the manager's home-page
panel and the due dates of assignments."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.services.due import DUE_ITEMS_HOOK
from lms import hooks as academy_hooks
from lms.setup import HR_GROUP
from reporting import api as reporting_api
from reporting import audit_pack_urls, coverage_urls
from reporting import coverage_api as reporting_coverage_api
from reporting import site_urls as reporting_site_urls
from reporting import urls as report_urls
from reporting.admin_panel import CompletionPanel
from reporting.dashboard import my_team_panel
from reporting.personal import assignments_due
from reporting.scope import can_view_reports
from reporting.setup import HR_REPORTING_PERMISSIONS
from reporting.viewsets import HRGroup


@hooks.register("register_admin_viewset")
def register_hr():
    return HRGroup()


@hooks.register("register_admin_urls")
def register_hr_report_urls():
    return [
        path("reports/department-completion/", include(report_urls)),
        path("reports/audit-packs/", include(audit_pack_urls)),
        path("reports/coverage/", include(coverage_urls)),
    ]


class CompletionReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_completion_report_menu_item():
    return CompletionReportMenuItem(
        _("Department completion"),
        reverse("lms_reports:department_completion"),
        name="department-completion",
        icon_name="group",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return CompletionReportMenuItem(
        _("Coverage"),
        reverse("coverage_report:index"),
        name="coverage",
        icon_name="group",
        order=105,
    )


@hooks.register("register_reports_menu_item")
def register_audit_pack_menu_item():
    return CompletionReportMenuItem(
        _("Audit packs"),
        reverse("audit_packs:index"),
        name="audit-packs",
        icon_name="download",
        order=110,
    )


@hooks.register("construct_homepage_panels")
def add_hr_completion_panel(request, panels):
    if can_view_reports(request.user):
        panels.append(CompletionPanel(request))


hooks.register(academy_hooks.DASHBOARD_PANEL, my_team_panel, order=39)
hooks.register(DUE_ITEMS_HOOK, assignments_due)


@hooks.register(academy_hooks.SITE_URLS)
def register_site_urls():
    return reporting_site_urls


@hooks.register(academy_hooks.LANDING_PAGE, order=20)
def hr_lands_on_the_report(user):
    """HR signs in to the department completion report."""
    if can_view_reports(user):
        return reverse("lms_reports:department_completion")
    return None


@hooks.register(academy_hooks.API_ROUTER)
def register_api_router():
    return reporting_api.router


@hooks.register(academy_hooks.API_ROUTER)
def register_coverage_api_router():
    return reporting_coverage_api.router


@hooks.register(academy_hooks.GROUP_PERMISSIONS)
def reporting_permissions():
    return {HR_GROUP: HR_REPORTING_PERMISSIONS}
