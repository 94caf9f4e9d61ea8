"""Wagtail events the courses app reacts to."""

from django.dispatch import receiver
from wagtail.signals import page_published, task_approved

from courses import review
from courses.models import PolicyPage
from courses.services import record_published_version


@receiver(page_published, sender=PolicyPage, dispatch_uid="courses_policy_version")
def policy_published(sender, instance, revision=None, **kwargs):
    """Each publication of the policy may start a new version to accept."""
    record_published_version(instance, revision=revision)


@receiver(task_approved, dispatch_uid="courses_approve_with_course")
def course_task_approved(sender, instance, user=None, **kwargs):
    """Approving a course approves its lessons and quiz waiting on the same task."""
    review.approve_with_course(instance, user)
