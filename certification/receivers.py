"""Listens to the courses app (a completed course or an accepted policy may earn a certificate)
and to its own certificates' events, which it hands to the webhook outbox in the same
transaction. Connected before the access app's receivers, so a certificate's event comes before
the access events it causes."""

from django.dispatch import receiver

from certification import events, notifications
from certification.services import suspension
from certification.signals import (
    certificate_issued,
    certificate_lifecycle,
    certificate_renewed,
    certificate_revoked,
    certificates_expired,
    certificates_suspended,
    certificates_unsuspended,
)
from courses.signals import course_completed, policy_accepted, policy_version_published
from lms.outbox import enqueue
from webhooks.events import emit, emit_one


def queue_evaluation(user):
    enqueue("certification.tasks.evaluate_certifications", user.pk)


@receiver(course_completed, dispatch_uid="certification.course_completed")
def on_course_completed(sender, user, course, **kwargs):
    queue_evaluation(user)


@receiver(policy_accepted, dispatch_uid="certification.policy_accepted")
def on_policy_accepted(sender, user, policy, version=None, **kwargs):
    # Certificates suspended for this policy count again at once, in the acceptance's
    # transaction; then whatever else the acceptance earns is evaluated.
    suspension.lift_policy_suspension(user, version)
    queue_evaluation(user)


@receiver(policy_version_published, dispatch_uid="certification.policy_version_published")
def on_policy_version_published(sender, version, **kwargs):
    # The holders who must accept it again are told by e-mail, one mail each, after the commit.
    if not notifications.muted():
        enqueue(suspension.GRACE_NOTICES_TASK, version.pk)


@receiver(certificate_issued, dispatch_uid="certification.webhook_issued")
def on_certificate_issued(sender, certificate, **kwargs):
    emit_one(events.CERTIFICATE_ISSUED, events.certificate_data(certificate))


@receiver(certificate_renewed, dispatch_uid="certification.webhook_renewed")
def on_certificate_renewed(sender, old, new, **kwargs):
    emit_one(events.CERTIFICATE_RENEWED, events.renewed_data(old, new))


@receiver(certificate_revoked, dispatch_uid="certification.webhook_revoked")
def on_certificate_revoked(sender, certificate, reason="", **kwargs):
    emit_one(events.CERTIFICATE_REVOKED, events.certificate_data(certificate, reason=reason))


@receiver(certificates_expired, dispatch_uid="certification.webhook_expired")
def on_certificates_expired(sender, certificate_ids, **kwargs):
    # A generator: payloads are read and written a batch at a time (the sweep may expire
    # a hundred thousand certificates), and not at all when nobody subscribes.
    emit(events.CERTIFICATE_EXPIRED, events.expired_certificates_data(certificate_ids))


@receiver(certificate_lifecycle, dispatch_uid="certification.webhook_lifecycle")
def on_certificate_lifecycle(sender, event, **kwargs):
    # Staff's manual actions are webhook events; the sweeps' (window opened…) are not.
    if event.action in events.LIFECYCLE_EVENTS:
        # A generator: the payload is built only when an endpoint subscribes.
        emit(event.action, (events.lifecycle_data(e) for e in [event]))


@receiver(certificates_suspended, dispatch_uid="certification.webhook_suspended")
def on_certificates_suspended(sender, certificate_ids, reason="", **kwargs):
    emit(events.CERTIFICATE_SUSPENDED, events.certificates_data(certificate_ids, reason=reason))


@receiver(certificates_unsuspended, dispatch_uid="certification.webhook_unsuspended")
def on_certificates_unsuspended(sender, certificate_ids, **kwargs):
    emit(events.CERTIFICATE_UNSUSPENDED, events.certificates_data(certificate_ids))
