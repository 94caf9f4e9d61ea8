"""Listens to the courses app: a completed course or an accepted policy may earn a certificate."""

from django.dispatch import receiver

from courses.signals import course_completed, policy_accepted
from lms.outbox import enqueue


def queue_evaluation(user):
    from certification.tasks import evaluate_certifications

    enqueue(evaluate_certifications, user.pk)


@receiver(course_completed, dispatch_uid="certification.course_completed")
def on_course_completed(sender, user, course, **kwargs):
    queue_evaluation(user)


@receiver(policy_accepted, dispatch_uid="certification.policy_accepted")
def on_policy_accepted(sender, user, policy, version=None, **kwargs):
    queue_evaluation(user)
