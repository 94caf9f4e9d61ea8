"""Reviewed publishing: every change under the catalogue goes through the "Course review"
workflow, approved by the Moderators group (superusers may approve any task)."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from courses.models import CourseIndexPage

WORKFLOW_NAME = "Course review"
TASK_NAME = "Moderator approval of course content"
REVIEWERS_GROUP = "Moderators"


@transaction.atomic
def ensure_review_workflow(page=None):
    """Create (once) the workflow and its group-approval task, and assign it to `page` (if
    given) and so to every page below it. Returns the workflow."""
    reviewers, _created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(reviewers)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if page is not None:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def setup_review_workflow():
    """The review workflow, assigned to every course catalogue that has no workflow of its
    own yet (an editor's choice is left alone). Returns (workflow, catalogues assigned)."""
    workflow = ensure_review_workflow()
    assigned = 0
    for catalogue in CourseIndexPage.objects.all():
        if not WorkflowPage.objects.filter(page=catalogue).exists():
            ensure_review_workflow(catalogue)
            assigned += 1
    return workflow, assigned
