"""Registers the certification admin screens."""

from wagtail import hooks

from certification import api as certification_api
from certification import dashboard as certification_dashboard
from certification import events as certification_events
from certification import learning
from certification import outcome as certification_outcome
from certification import urls as certification_urls
from certification.services import recertification, suspension
from certification.setup import (
    HR_LIFECYCLE_PERMISSIONS,
    TEAM,
    TEAM_PERMISSIONS,
    setup_programs,
    setup_team,
)
from certification.viewsets import CertificationGroup
from lms import hooks as academy_hooks
from lms.setup import HR_GROUP, report_group
from webhooks.registry import EVENT_TYPES_HOOK


@hooks.register("register_admin_viewset")
def register_certification():
    return CertificationGroup()


@hooks.register("register_icons")
def register_trophy_icon(icons):
    """The "trophy" of the Certification menu and its programs (Wagtail has none)."""
    return [*icons, "certification/icons/trophy.svg"]


hooks.register(academy_hooks.DASHBOARD_PANEL, certification_dashboard.certificates_panel, order=30)
hooks.register(academy_hooks.COURSE_OUTCOME, certification_outcome.course_outcome)
# "My learning": a new policy version to accept by the end of its grace period.
hooks.register(learning.DUE_ITEMS_HOOK, suspension.policy_due_items)
hooks.register(learning.DUE_ITEMS_HOOK, recertification.renewal_due_items)


@hooks.register(academy_hooks.SITE_URLS)
def register_site_urls():
    return certification_urls


@hooks.register(academy_hooks.API_ROUTER)
def register_api_router():
    return certification_api.router


@hooks.register(academy_hooks.GROUP_PERMISSIONS)
def certification_permissions():
    return {TEAM: TEAM_PERMISSIONS, HR_GROUP: HR_LIFECYCLE_PERMISSIONS}


@hooks.register(academy_hooks.SETUP, order=30)
def setup_team_and_programs(stdout):
    report_group(stdout, *setup_team())
    programs = setup_programs()
    stdout.write(
        "Programs: "
        + " < ".join(f"{p.name} ({p.program_courses.count()} courses)" for p in programs.values())
        + ". Give each its courses under Certification > Programs."
    )


@hooks.register(EVENT_TYPES_HOOK)
def register_webhook_event_types():
    return certification_events.EVENT_TYPES
