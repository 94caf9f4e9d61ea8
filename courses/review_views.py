"""Admin screens of a course reviewed as one unit: "Submit course for review" for its editor and
"Approve course" for its reviewer, both in the course page's action menu (see courses.review)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.action_menu import ActionMenuItem

from courses import review
from courses.models import CoursePage
from lms.admin_views import ObjectFormView
from lms.errors import ServiceError

SUBMIT_URL_NAME = "courses_submit_for_review"
APPROVE_URL_NAME = "courses_approve_course"


class CourseReviewView(ObjectFormView):
    model = CoursePage
    form_class = forms.Form
    summary_template = "courses/admin/course_review_summary.html"

    def get_page_subtitle(self):
        return self.object.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.object.pk]),
                "label": self.object.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def back_to_course(self):
        return redirect("wagtailadmin_pages:edit", self.object.pk)


class SubmitCourseView(CourseReviewView):
    page_title = gettext_lazy("Submit course for review")
    header_icon = "resubmit"
    submit_button_label = gettext_lazy("Submit course for review")

    def has_object_permission(self, request, obj):
        return review.can_submit(obj, request.user)

    def get_extra_context(self):
        return {
            "intro": _(
                "These pages go to review together; the reviewer approves them as one. Only "
                "saved changes are submitted: save a draft of any page you are still editing."
            ),
            "pages": review.pages_to_submit(self.object),
        }

    def form_valid(self, form):
        try:
            submitted = review.submit_course(self.object, self.request.user)
        except ServiceError as exc:
            messages.error(self.request, exc.message)
            return self.back_to_course()
        messages.success(
            self.request,
            _("“%(title)s” was submitted for review with %(count)d page(s): %(titles)s.")
            % {
                "title": self.object.get_admin_display_title(),
                "count": len(submitted),
                "titles": ", ".join(page.get_admin_display_title() for page in submitted),
            },
        )
        return self.back_to_course()


class ApproveCourseView(CourseReviewView):
    page_title = gettext_lazy("Approve course")
    header_icon = "success"
    submit_button_label = gettext_lazy("Approve and publish the course")

    def has_object_permission(self, request, obj):
        return bool(review.reviewable(obj, request.user))

    def get_extra_context(self):
        return {
            "intro": _("Approving publishes these pages together:"),
            "pages": [
                page for page, _task_state in review.reviewable(self.object, self.request.user)
            ],
        }

    def form_valid(self, form):
        try:
            approved = review.approve_course(self.object, self.request.user)
        except PermissionDenied:
            messages.error(self.request, _("Nothing of this course waits for your approval."))
            return self.back_to_course()
        messages.success(
            self.request,
            _("“%(title)s” was approved with %(count)d page(s).")
            % {"title": self.object.get_admin_display_title(), "count": len(approved)},
        )
        return self.back_to_course()


def _course_on_edit(context):
    page = context.get("page")
    if context.get("view") != "edit" or not isinstance(page, CoursePage):
        return None
    return page


class SubmitCourseMenuItem(ActionMenuItem):
    """In a course page's action menu: the course with its lessons and quiz, to review."""

    name = "action-submit-course"
    label = gettext_lazy("Submit course for review")
    icon_name = "resubmit"

    def is_shown(self, context):
        course = _course_on_edit(context)
        return (
            course is not None
            and review.can_submit(course, context["request"].user)
            and bool(review.pages_to_submit(course))
        )

    def get_url(self, parent_context):
        return reverse(SUBMIT_URL_NAME, args=[parent_context["page"].pk])


class ApproveCourseMenuItem(ActionMenuItem):
    """In a course page's action menu, for its reviewer: approve the course with its pages."""

    name = "action-approve-course"
    label = gettext_lazy("Approve course")
    icon_name = "success"

    def is_shown(self, context):
        course = _course_on_edit(context)
        return course is not None and bool(review.reviewable(course, context["request"].user))

    def get_url(self, parent_context):
        return reverse(APPROVE_URL_NAME, args=[parent_context["page"].pk])
