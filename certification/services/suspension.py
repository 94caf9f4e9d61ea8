"""Policy changes: a grace period to accept the new version, then suspension until accepted.

When a publication of the policy asks everyone to accept it again (version 2 and later), the
holders of valid certificates of programs that require the policy (themselves or through a
program they build on) who have not accepted it have the program's `policy_grace_days` from
the version's publication to do so. They are told by e-mail when it starts and see a notice
until they accept. The daily sweep (`suspend_for_policy`) then suspends the certificates of
those who have not: a suspended certificate is not valid (`valid_q` reads status "valid"), so
the access check refuses at once, but the grants resting on it are kept and count again as soon
as the suspension is lifted. Accepting the policy lifts it in the same transaction
(`lift_policy_suspension`).
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from certification import learning, notifications
from certification.models import (
    Certificate,
    CertificateStatus,
    LifecycleAction,
    LifecycleEvent,
    Program,
)
from certification.models.certificates import valid_q
from certification.signals import (
    certificates_expired,
    certificates_suspended,
    certificates_unsuspended,
)
from lms.outbox import enqueue

logger = logging.getLogger(__name__)

#: The tasks that tell people a grace period started (certification.tasks), queued by name.
GRACE_NOTICES_TASK = "certification.tasks.queue_policy_grace_emails"
GRACE_EMAIL_TASK = "certification.tasks.send_policy_grace_email"

#: Lifecycle rows written per INSERT.
BATCH = 1000


def policy_programs():
    """{program id: grace days} of the programs that require the policy, themselves or through
    a program they build on (one query)."""
    rows = {
        pk: (requires, builds_on_id, grace)
        for pk, requires, builds_on_id, grace in Program.objects.values_list(
            "pk", "requires_policy", "builds_on_id", "policy_grace_days"
        )
    }
    result = {}
    for pk, (_requires, _builds_on, grace) in rows.items():
        current, seen = pk, set()
        while current is not None and current not in seen:
            seen.add(current)
            requires, builds_on_id, _grace = rows[current]
            if requires:
                result[pk] = grace
                break
            current = builds_on_id
    return result


def asks_again(version):
    """Whether this policy version started a grace period: a re-acceptance, not the first."""
    return version is not None and version.number > 1


def grace_deadline(version, grace_days):
    return version.published_at + datetime.timedelta(days=grace_days)


def suspension_reason(version):
    return _("policy version %(number)d not accepted") % {"number": version.number}


def _unaccepted(certificates, version):
    return certificates.exclude(holder_id__in=learning.users_who_accepted(version))


def suspend_for_policy(now=None):
    """Suspend the valid certificates whose holders let the grace period of the current policy
    version pass without accepting it. Set-based: the same queries for ten certificates or
    a hundred thousand (the lifecycle rows go in batches of BATCH). Returns the ids."""
    now = now or timezone.now()
    version = learning.current_policy_version()
    if not asks_again(version):
        return []
    due_programs = [
        pk for pk, grace in policy_programs().items() if grace_deadline(version, grace) <= now
    ]
    if not due_programs:
        return []
    due = _unaccepted(Certificate.objects.valid(now).filter(program_id__in=due_programs), version)
    reason = suspension_reason(version)
    with transaction.atomic():
        rows = list(due.select_for_update().order_by().values_list("pk", "holder_id", "program_id"))
        if not rows:
            return []
        # The rows are locked, so the same condition updates exactly the rows just read.
        due.update(status=CertificateStatus.SUSPENDED, suspended_at=now, suspension_reason=reason)
        details = {"policy_version": version.number}
        LifecycleEvent.objects.bulk_create(
            (
                LifecycleEvent(
                    at=now,
                    action=LifecycleAction.SUSPENDED,
                    subject_id=holder_id,
                    certificate_id=pk,
                    program_id=program_id,
                    reason=reason,
                    details=details,
                )
                for pk, holder_id, program_id in rows
            ),
            batch_size=BATCH,
        )
        ids = [row[0] for row in rows]
        certificates_suspended.send(sender=Certificate, certificate_ids=ids, reason=reason)
    logger.info("Suspended %d certificates: %s.", len(ids), reason)
    return ids


def lift_policy_suspension(user, version, now=None):
    """The person accepted `version`: if it is the current one, their suspended certificates
    come back, valid if their end is still ahead, else expired (recorded as the sweep would).
    Runs in the acceptance's transaction. Returns (ids made valid, ids expired)."""
    current = learning.current_policy_version()
    if current is None or version is None or current.pk != version.pk:
        return [], []
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(
            Certificate.objects.filter(holder=user, status=CertificateStatus.SUSPENDED)
            .select_for_update()
            .order_by("-issued_at")
            .values_list("pk", "program_id", "expires_at")
        )
        if not rows:
            return [], []
        # A program holds one valid certificate per person: if another came since, the
        # suspended one stays behind it as expired.
        taken = set(
            Certificate.objects.valid(now)
            .filter(holder=user, program_id__in={row[1] for row in rows})
            .values_list("program_id", flat=True)
        )
        valid_ids, expired_ids = [], []
        for pk, program_id, expires_at in rows:
            if expires_at > now and program_id not in taken:
                valid_ids.append(pk)
                taken.add(program_id)
            else:
                expired_ids.append(pk)
        cleared = {"suspended_at": None, "suspension_reason": ""}
        if valid_ids:
            Certificate.objects.filter(pk__in=valid_ids).update(
                status=CertificateStatus.VALID, **cleared
            )
        if expired_ids:
            Certificate.objects.filter(pk__in=expired_ids).update(
                status=CertificateStatus.EXPIRED, **cleared
            )
        reason = _("policy version %(number)d accepted") % {"number": version.number}
        LifecycleEvent.objects.bulk_create(
            LifecycleEvent(
                at=now,
                action=LifecycleAction.UNSUSPENDED,
                actor=user,
                subject=user,
                certificate_id=pk,
                program_id=program_id,
                reason=reason,
                details={
                    "policy_version": version.number,
                    "status": CertificateStatus.VALID if pk in valid_ids else "expired",
                },
            )
            for pk, program_id, _expires in rows
        )
        if valid_ids:
            certificates_unsuspended.send(sender=Certificate, certificate_ids=valid_ids)
        if expired_ids:
            certificates_expired.send(sender=Certificate, certificate_ids=expired_ids)
    return valid_ids, expired_ids


@dataclass
class PolicyNotice:
    """What a person must do about a new policy version, and by when."""

    version: object
    deadline: datetime.datetime | None
    at_risk: list = field(default_factory=list)  # valid certificates that will be suspended
    suspended: list = field(default_factory=list)  # certificates already suspended

    @property
    def policy_url(self):
        return self.version.policy.url or ""

    def concerns(self, certificate):
        return any(c.pk == certificate.pk for c in self.at_risk + self.suspended)


def policy_notice(user, now=None):
    """The person's notice about the current policy version, or None when nothing is asked of
    them (no new version, accepted already, or no certificate that needs it). Four queries."""
    if user is None or not user.is_authenticated:
        return None
    version = learning.current_policy_version()
    if not asks_again(version):
        return None
    if learning.users_who_accepted(version).filter(user_id=user.pk).exists():
        return None
    programs = policy_programs()
    now = now or timezone.now()
    certificates = list(
        Certificate.objects.filter(holder=user, program_id__in=list(programs))
        .filter(valid_q(now) | Q(status=CertificateStatus.SUSPENDED))
        .select_related("program")
        .order_by("program__tier")
    )
    if not certificates:
        return None
    at_risk = [c for c in certificates if c.status == CertificateStatus.VALID]
    suspended = [c for c in certificates if c.status == CertificateStatus.SUSPENDED]
    deadlines = [grace_deadline(version, programs[c.program_id]) for c in at_risk]
    return PolicyNotice(
        version=version,
        deadline=min(deadlines) if deadlines else None,
        at_risk=at_risk,
        suspended=suspended,
    )


def holders_in_grace(version, now=None):
    """Ids of the people the new version puts into a grace period (a queryset)."""
    now = now or timezone.now()
    programs = [
        pk for pk, grace in policy_programs().items() if grace_deadline(version, grace) > now
    ]
    return (
        _unaccepted(Certificate.objects.valid(now).filter(program_id__in=programs), version)
        .order_by()
        .values_list("holder_id", flat=True)
        .distinct()
    )


def queue_grace_notices(version_id=None):
    """Queue one e-mail for each person the current version puts into a grace period (once per
    person: a person holding several certificates gets one mail). Returns how many."""
    version = learning.current_policy_version()
    if not asks_again(version) or (version_id is not None and version.pk != version_id):
        return 0
    if notifications.muted():
        return 0
    count = 0
    with transaction.atomic():
        for user_id in holders_in_grace(version).iterator(chunk_size=BATCH):
            enqueue(GRACE_EMAIL_TASK, user_id, version.pk)
            count += 1
    return count


def send_grace_email(user_id, version_id):
    """Mail one person the notice, if it still applies to them; returns how many were sent."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    notice = policy_notice(user) if user else None
    if notice is None or notice.version.pk != version_id or not notice.at_risk:
        return 0
    return notifications.send_policy_grace_email(user, notice)


def policy_due_items(user):
    """ "My learning" lists accepting the new policy as due by the end of the grace period
    (the `academy_due_items` hook)."""
    notice = policy_notice(user)
    if notice is None:
        return []
    if notice.at_risk:
        title = _(
            "Accept the new policy (version %(number)d) or your certificates will be suspended"
        )
        due_on = timezone.localdate(notice.deadline)
    else:
        title = _("Accept the new policy (version %(number)d): your certificates are suspended")
        due_on = min(timezone.localdate(c.suspended_at) for c in notice.suspended)
    return [
        learning.due_item(
            title=title % {"number": notice.version.number}, due_on=due_on, url=notice.policy_url
        )
    ]
