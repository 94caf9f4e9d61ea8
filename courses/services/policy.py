"""The policy: its published versions and who accepted which."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import PolicyAcceptance, PolicyVersion
from courses.services.errors import NotAvailable, PolicyOutdated
from courses.signals import policy_accepted, policy_version_published


def current_policy_version():
    """The newest version of the published policy, with its page, or None (one query)."""
    return (
        PolicyVersion.objects.filter(policy__live=True)
        .select_related("policy")
        .order_by("policy__path", "-number")
        .first()
    )


def has_accepted_current_policy(user):
    """Whether the person accepted the newest version of the published policy. False when no
    policy is published yet: there is nothing the person could have accepted."""
    if user is None or not user.is_authenticated:
        return False
    version = current_policy_version()
    if version is None:
        return False
    return PolicyAcceptance.objects.filter(user=user, version=version).exists()


def users_who_accepted_current_policy(version=None):
    """Ids of the users who accepted the current version of the published policy (`version`,
    when the caller has already read it)."""
    version = version or current_policy_version()
    if version is None:
        return PolicyAcceptance.objects.none().values_list("user_id", flat=True)
    return PolicyAcceptance.objects.filter(version=version).values_list("user_id", flat=True)


def latest_acceptance(user, policy):
    """The person's most recent acceptance of any version of this policy, or None."""
    return (
        PolicyAcceptance.objects.filter(user=user, version__policy=policy)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


def accept_policy(user, policy, number=None, at=None):
    """Record that the person accepts the policy's current version (once). `number`, when given,
    is the version the person read: accepting an outdated one is refused.
    Returns (acceptance, created)."""
    with transaction.atomic():
        version = policy.versions.order_by("-number").first()
        if version is None:
            raise NotAvailable("This policy has not been published yet.")
        if number is not None and number != version.number:
            raise PolicyOutdated(
                f"Version {number} is not the current one: read and accept version "
                f"{version.number}."
            )
        defaults = {"accepted_at": at} if at else {}
        acceptance, created = PolicyAcceptance.objects.get_or_create(
            user=user, version=version, defaults=defaults
        )
        if created:
            policy_accepted.send(sender=PolicyAcceptance, user=user, policy=policy, version=version)
    return acceptance, created


def record_published_version(policy, revision=None, user=None):
    """Called when the policy is published: the first publication is version 1, and each
    publication with "requires re-acceptance" ticked adds the next version. Returns the new
    PolicyVersion, or None when the change did not ask for one."""
    with transaction.atomic():
        latest = policy.versions.order_by("-number").first()
        if latest is not None and not policy.requires_reacceptance:
            return None
        if latest is not None and revision is not None and latest.revision_id == revision.pk:
            return None
        try:
            with transaction.atomic():
                version = PolicyVersion.objects.create(
                    policy=policy,
                    number=(latest.number + 1) if latest else 1,
                    title=policy.title,
                    body=policy.body,
                    summary=policy.summary,
                    attestation=policy.attestation,
                    published_at=timezone.now(),
                    published_by=user or (revision.user if revision else None),
                    revision=revision,
                )
        except IntegrityError:
            # A concurrent publication of the same revision already made the version.
            return None
        if latest is not None:
            policy_version_published.send(sender=PolicyVersion, version=version)
        return version
