"""The editor's panel on the Wagtail dashboard: course pages with changes not yet published."""

from django.db.models import Q
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from courses.models import CoursePage, LessonPage, QuizPage

DRAFTS_SHOWN = 10


def course_drafts(user, limit=DRAFTS_SHOWN):
    """Courses, lessons and quizzes with unpublished changes that `user` owns or last edited,
    newest change first (what they still have to finish or submit)."""
    pages = (
        Page.objects.type(CoursePage, LessonPage, QuizPage)
        .filter(has_unpublished_changes=True)
        .filter(Q(owner=user) | Q(latest_revision__user=user))
        .order_by("-latest_revision_created_at", "-pk")
        .specific()
    )
    return list(pages[:limit])


class CourseDraftsPanel(Component):
    name = "course_drafts"
    template_name = "courses/admin/course_drafts_panel.html"
    order = 205  # before Wagtail's "Your pages and snippets in a workflow"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        return {"pages": course_drafts(self.request.user), "request": self.request}
