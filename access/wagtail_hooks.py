"""Admin screens and extension points of the access app."""

from wagtail import hooks

from access import api as access_api
from access import dashboard as access_dashboard
from access import duty_api as access_duty_api
from access import events as access_events
from access import urls as access_urls
from access.setup import TEAM_ACCESS_PERMISSIONS
from access.viewsets import SocialAccountsGroup
from certification.setup import TEAM
from lms import hooks as academy_hooks
from webhooks.registry import EVENT_TYPES_HOOK


@hooks.register("register_admin_viewset")
def register_social_accounts():
    return SocialAccountsGroup()


hooks.register(academy_hooks.DASHBOARD_PANEL, access_dashboard.access_panel, order=40)


@hooks.register("construct_homepage_panels")
def add_decisions_panel(request, panels):
    """Owners and staff find the requests waiting for their decision on the admin dashboard."""
    panels.append(access_dashboard.DecisionsPanel(request.user))


@hooks.register(academy_hooks.SITE_URLS)
def register_site_urls():
    return access_urls


@hooks.register(academy_hooks.API_ROUTER)
def register_api_router():
    return access_api.router


@hooks.register(academy_hooks.API_ROUTER)
def register_duty_api_router():
    return access_duty_api.router


@hooks.register(academy_hooks.GROUP_PERMISSIONS)
def access_permissions():
    return {TEAM: TEAM_ACCESS_PERMISSIONS}


@hooks.register(EVENT_TYPES_HOOK)
def register_webhook_event_types():
    return access_events.EVENT_TYPES
