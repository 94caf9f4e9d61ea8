"""A course reviewed as one unit: the course page, its lessons and its quiz go to the review
workflow together, and approving the course approves the lessons and quiz waiting with it.

Only Wagtail's workflow models hold the state (WorkflowState, TaskState): an editor's "Submit
course for review" starts the page's workflow (`workflow.start(page, user)`) on the course and on
each lesson or quiz with unpublished changes; a reviewer's approval goes through the task's own
`on_action(..., "approve")`, so Wagtail publishes each page and logs each step as usual.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, WorkflowState

from courses.models import CoursePage, LessonPage, QuizPage
from lms.errors import ServiceError


def course_pages(course):
    """The course and its lessons and quiz (drafts too), in page-tree order, as their own types."""
    children = Page.objects.child_of(course).type(LessonPage, QuizPage).order_by("path").specific()
    return [course, *children]


def has_changes(page):
    """A page that is not live, or whose latest revision is not the one published."""
    return not page.live or page.has_unpublished_changes


def in_review(page):
    """The page's task state waiting for a decision, or None."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    return task_state


def pages_to_submit(course):
    """What "Submit course for review" would send: the course, and each lesson or quiz with
    unpublished changes, unless already waiting for review."""
    return [
        page
        for page in course_pages(course)
        if (page.pk == course.pk or has_changes(page)) and in_review(page) is None
    ]


def may_submit(page, user):
    """Whoever may edit the page, while it is not locked against them, and it has a workflow."""
    if page.get_workflow() is None:
        return False
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() and not permissions.page_locked()


def can_submit(course, user):
    """Whoever may edit the course (it may be waiting for review already, while a lesson or the
    quiz has more to send)."""
    if course.get_workflow() is None:
        return False
    return course.permissions_for_user(user).can_edit()


@transaction.atomic
def submit_course(course, user):
    """Start the review workflow on the course and on each lesson and quiz with unpublished
    changes; a page sent back for changes resumes its workflow. Returns the pages submitted."""
    course = CoursePage.objects.select_for_update().get(pk=course.pk)
    if not can_submit(course, user):
        raise PermissionDenied
    submitted = []
    for page in pages_to_submit(course):
        if not may_submit(page, user):
            continue
        workflow = page.get_workflow()
        if workflow is None:
            continue
        if page.get_latest_revision() is None or not has_changes(page):
            # The course itself, unchanged: a revision of what is live, so the reviewer approves
            # the course as a whole together with its lessons and quiz.
            page.save_revision(user=user, log_action=True)
        state = page.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
        else:
            workflow.start(page, user)
        submitted.append(page)
    if not submitted:
        raise ServiceError(_("Nothing to submit: the course is already waiting for review."))
    return submitted


def may_approve(task_state, page, user):
    actions = task_state.task.specific.get_actions(page, user)
    return any(name == "approve" for name, *_rest in actions)


def reviewable(course, user):
    """(page, task state) for each page of the course waiting for a task `user` may approve."""
    found = []
    for page in course_pages(course):
        task_state = in_review(page)
        if task_state is not None and may_approve(task_state, page, user):
            found.append((page, task_state))
    return found


def approve(task_state, page, user, comment=""):
    task = task_state.task.specific
    task.on_action(task_state.specific, user, "approve", comment=comment)


@transaction.atomic
def approve_course(course, user, comment=""):
    """Approve every page of the course waiting for a task `user` may approve (the course
    first, which approves the others through `approve_with_course`). Returns the pages
    approved; refused if there is none."""
    waiting = reviewable(course, user)
    if not waiting:
        raise PermissionDenied
    approved = []
    for page, _task_state in waiting:
        task_state = in_review(page)  # the course's approval may have approved it already
        if task_state is None:
            approved.append(page)
            continue
        approve(task_state, page, user, comment)
        approved.append(page)
    return approved


def approve_with_course(task_state, user):
    """After a reviewer approves a course's task: the same task on its lessons and quiz is
    approved too, where the reviewer may approve it (Wagtail's `task_approved` signal)."""
    page = task_state.workflow_state.content_object
    if user is None or getattr(page, "specific_class", None) is not CoursePage:
        return []
    course = page.specific
    approved = []
    for page in course_pages(course)[1:]:
        waiting = in_review(page)
        if waiting is None or waiting.task_id != task_state.task_id:
            continue
        if may_approve(waiting, page, user):
            approve(waiting, page, user, comment=_("Approved with the course."))
            approved.append(page)
    return approved
