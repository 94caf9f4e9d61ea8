"""The courses app in the Wagtail admin: learning records, and pages that keep their history."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses import api as courses_api
from courses import dashboard as courses_dashboard
from courses import urls as courses_urls
from courses.admin_panels import CourseDraftsPanel
from courses.models import CourseIndexPage, CoursePage, LessonPage, PolicyPage, QuizPage
from courses.models.serving import PAGE_VIEWS_HOOK
from courses.protection import pages_with_records
from courses.review_views import (
    APPROVE_URL_NAME,
    SUBMIT_URL_NAME,
    ApproveCourseMenuItem,
    ApproveCourseView,
    SubmitCourseMenuItem,
    SubmitCourseView,
)
from courses.views import catalogue, course, lesson, policy, quiz
from courses.viewsets import LearningRecordsGroup
from courses.workflow import WORKFLOW_NAME, setup_review_workflow
from lms import hooks as academy_hooks


@hooks.register(PAGE_VIEWS_HOOK)
def page_views():
    """What each page type shows and what its forms do (see courses.models.serving)."""
    return {
        CourseIndexPage: catalogue,
        CoursePage: course,
        LessonPage: lesson,
        PolicyPage: policy,
        QuizPage: quiz,
    }


@hooks.register("register_admin_viewset")
def register_learning_records():
    return LearningRecordsGroup()


@hooks.register("register_admin_urls")
def register_course_review_urls():
    return [
        path(
            "courses/<int:pk>/submit-for-review/", SubmitCourseView.as_view(), name=SUBMIT_URL_NAME
        ),
        path("courses/<int:pk>/approve/", ApproveCourseView.as_view(), name=APPROVE_URL_NAME),
    ]


@hooks.register("register_page_action_menu_item")
def submit_course_menu_item():
    return SubmitCourseMenuItem(order=55)


@hooks.register("register_page_action_menu_item")
def approve_course_menu_item():
    return ApproveCourseMenuItem(order=5)


@hooks.register("construct_homepage_panels")
def add_course_drafts_panel(request, panels):
    """An editor finds the course pages they have not yet submitted or seen published."""
    panels.append(CourseDraftsPanel(request))


@hooks.register("before_delete_page")
def keep_pages_with_records(request, page):
    """A course, lesson, quiz or policy that people have learned from is not deleted (their
    records and certificates point at it): unpublish it instead."""
    if pages_with_records(page):
        messages.error(
            request,
            _(
                "“%(title)s” cannot be deleted: people have learning records for it (or for a "
                "page below it). Unpublish it instead."
            )
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def keep_pages_with_records_in_bulk(request, action_type, objects, action):
    """The same rule for the page listing's bulk delete: nothing is deleted if any page chosen
    (or a page below it) has learning records; the others are left for a second try."""
    if action_type != "delete" or getattr(action, "model", None) is None:
        return None
    if not issubclass(action.model, Page):
        return None
    kept = [page for page in objects if pages_with_records(page)]
    if not kept:
        return None
    messages.error(
        request,
        _(
            "Nothing was deleted: people have learning records for %(titles)s (or for a page "
            "below). Unpublish those instead, or leave them out of the selection."
        )
        % {"titles": ", ".join(f"“{page.get_admin_display_title()}”" for page in kept)},
    )
    return redirect(action.next_url)


hooks.register(academy_hooks.DASHBOARD_PANEL, courses_dashboard.next_steps, order=10)


@hooks.register(academy_hooks.SITE_URLS)
def register_site_urls():
    return courses_urls


@hooks.register(academy_hooks.LANDING_PAGE, order=10)
def editors_land_on_the_dashboard(user):
    """Whoever writes or reviews pages signs in to the admin dashboard (drafts, reviews)."""
    if not user.has_perm("wagtailadmin.access_admin"):
        return None
    if PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"]):
        return reverse("wagtailadmin_home")
    return None


@hooks.register(academy_hooks.API_ROUTER)
def register_api_router():
    return courses_api.router


@hooks.register(academy_hooks.SETUP, order=20)
def setup_workflow(stdout):
    _workflow, assigned = setup_review_workflow()
    stdout.write(
        f"Workflow “{WORKFLOW_NAME}”: assigned to {assigned} more course catalogue(s); "
        "assign it to others under Settings > Workflows."
    )
