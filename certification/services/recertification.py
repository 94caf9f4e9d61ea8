"""Recertification: the renewal window opens, what renewal asks for is redone, and the
certificate is continued without a gap.

- `open_recertification_windows` (the daily sweep): a valid earned certificate whose program's
  window has come (``expires_at - recertification_window_days <= now``) gets a Recertification
  cycle; so does an expired one that was never renewed (a program with a window of 0 days
  renews only after expiry, and that renewal redoes the training too). The holder's records of
  what renewal asks for are archived (courses.services.archive through certification.learning),
  so only new work counts, a LifecycleEvent is written and the holder is e-mailed.
- `renew_in_window`: the holder met the cycle while the certificate is still valid: a new
  certificate continues it from its old end (no gap, no lost days), the old one becomes RENEWED,
  and whatever rested on it moves (`certificate_renewed`).
- `close_cycle`: a certificate issued after the old one expired closes the old one's cycle.
"""

import datetime
import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from certification import learning, notifications
from certification.models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    LifecycleAction,
    LifecycleEvent,
    Program,
    Recertification,
    RenewalRequirement,
)
from certification.models.certificates import expired_q, valid_q
from certification.signals import certificate_renewed

logger = logging.getLogger(__name__)

#: Certificates handled per transaction by the sweep (SQLite, the small embedded default);
#: PostgreSQL takes BATCH_POSTGRESQL at a time, each kind of record archived in one statement.
BATCH = 1000
BATCH_POSTGRESQL = 20000


def _batch_size():
    return BATCH_POSTGRESQL if connection.vendor == "postgresql" else BATCH


ARCHIVE_REASON = "recertification"


def cycle_reference(recertification_id):
    return f"recertification:{recertification_id}"


def renewal_courses(program):
    """(course ids to redo, archive scope) for the program's renewal requirement."""
    if program.renewal_requirement == RenewalRequirement.REFRESHER and program.refresher_course_id:
        return [program.refresher_course_id], learning.SCOPE_COURSE
    own = program.own_course_ids()
    if program.renewal_requirement == RenewalRequirement.QUIZ:
        return own, learning.SCOPE_QUIZ
    return own, learning.SCOPE_COURSE


def open_cycle(certificate):
    """The certificate's recertification cycle if one is open (not renewed yet), else None."""
    try:
        cycle = certificate.recertification
    except ObjectDoesNotExist:
        return None
    return cycle if cycle is not None and cycle.renewed_at is None else None


def window_candidates(programs, now):
    """Certificates whose cycle opens now: earned, held by an active person, no cycle yet, the
    latest of their program for that person; valid with the window reached, or expired."""
    window = Q(pk__in=[])
    for program in programs:
        if program.recertification_window_days > 0:
            opens_before = now + datetime.timedelta(days=program.recertification_window_days)
            window |= Q(program_id=program.pk, expires_at__lte=opens_before)
    newer = Certificate.objects.filter(
        holder_id=OuterRef("holder_id"),
        program_id=OuterRef("program_id"),
        issued_at__gt=OuterRef("issued_at"),
    )
    cycle = Recertification.objects.filter(certificate_id=OuterRef("pk"))
    return (
        Certificate.objects.filter(kind=CertificateKind.EARNED, holder__is_active=True)
        .filter((valid_q(now) & window) | expired_q(now))
        .exclude(holder__employee__active=False)
        .filter(~Exists(cycle), ~Exists(newer))
    )


def open_recertification_windows(now=None):
    """The daily sweep: open the recertification cycle of every certificate whose window has
    come. Set-based: a fixed number of queries per batch of certificates (`_batch_size()`; one
    more set per program whose holders are in the batch, for archiving), whatever the count.
    Returns the ids of the Recertification rows opened."""
    now = now or timezone.now()
    programs = {
        program.pk: program
        for program in Program.objects.select_related("refresher_course").prefetch_related(
            "program_courses"
        )
    }
    if not programs:
        return []
    opened = []
    while True:
        batch = _open_batch(programs, now)
        if not batch:
            break
        opened.extend(batch)
    if opened:
        logger.info("Recertification opened for %d certificates.", len(opened))
    return opened


def _open_batch(programs, now):
    with transaction.atomic():
        rows = list(
            window_candidates(programs.values(), now)
            .order_by("pk")
            .values_list("pk", "holder_id", "program_id", "expires_at")[: _batch_size()]
        )
        if not rows:
            return []
        plans = {pk: renewal_courses(programs[pk]) for pk in {row[2] for row in rows}}
        Recertification.objects.bulk_create(
            [
                Recertification(
                    certificate_id=pk,
                    opened_at=now,
                    requirement=programs[program_id].renewal_requirement,
                    course_ids=plans[program_id][0],
                )
                for pk, _holder, program_id, _expires in rows
            ],
            ignore_conflicts=True,  # a sweep running at the same time opened some first
        )
        cycles = dict(
            Recertification.objects.filter(
                certificate_id__in=[row[0] for row in rows], opened_at=now, renewed_at=None
            ).values_list("certificate_id", "pk")
        )
        mine = [row for row in rows if row[0] in cycles]
        groups = {}
        for pk, holder_id, program_id, _expires in mine:
            groups.setdefault(program_id, {})[holder_id] = cycle_reference(cycles[pk])
        for program_id, references in groups.items():
            course_ids, scope = plans[program_id]
            if course_ids:
                learning.archive_for_cycle(
                    references.keys(),
                    course_ids,
                    scope=scope,
                    reason=ARCHIVE_REASON,
                    references=references,
                    at=now,
                )
        LifecycleEvent.objects.bulk_create(
            [
                LifecycleEvent(
                    at=now,
                    action=LifecycleAction.WINDOW_OPENED,
                    subject_id=holder_id,
                    certificate_id=pk,
                    program_id=program_id,
                    details={
                        "recertification": cycles[pk],
                        "requirement": programs[program_id].renewal_requirement,
                        "course_ids": plans[program_id][0],
                        "expires_at": expires_at.isoformat(),
                    },
                )
                for pk, holder_id, program_id, expires_at in mine
            ]
        )
        opened = [cycles[row[0]] for row in mine]
        notifications.queue_window_opened_emails(opened)
    return opened


def renew_in_window(certificate, *, approval=None, now=None):
    """Continue a valid certificate whose cycle the holder met: a new certificate from now to
    the old end plus the validity, the old one RENEWED, in one transaction. The old row is
    locked first, so two renewals at once give exactly one new certificate (the other gets
    None, as does a certificate that is no longer valid or has no open cycle)."""
    now = now or timezone.now()
    with transaction.atomic():
        old = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("program", "holder")
            .filter(pk=certificate.pk)
            .first()
        )
        if old is None or not old.is_valid_at(now):
            return None
        cycle = Recertification.objects.select_for_update().filter(certificate=old).first()
        if cycle is None or cycle.renewed_at is not None:
            return None
        old.status = CertificateStatus.RENEWED
        old.save(update_fields=["status"])
        new = Certificate.objects.create(
            holder=old.holder,
            program=old.program,
            issued_at=now,
            expires_at=old.expires_at + datetime.timedelta(days=old.program.validity_days),
            approval=approval,
            renews=old,
        )
        _close(cycle, old, new, now)
        certificate_renewed.send(sender=Certificate, old=old, new=new)
    notifications.queue_certificate_email(new.pk, "issued")
    return new


def close_cycle(old, new, now=None):
    """A certificate issued after `old` expired renews it: its cycle (if open) is closed."""
    now = now or timezone.now()
    cycle = Recertification.objects.select_for_update().filter(certificate=old).first()
    if cycle is None:
        cycle = Recertification.objects.create(
            certificate=old,
            opened_at=now,
            requirement=old.program.renewal_requirement,
            course_ids=[],
        )
    if cycle.renewed_at is None:
        _close(cycle, old, new, now)


def _close(cycle, old, new, now):
    cycle.renewed_at, cycle.renewal = now, new
    cycle.save(update_fields=["renewed_at", "renewal"])
    LifecycleEvent.objects.create(
        at=now,
        action=LifecycleAction.RENEWED,
        subject_id=old.holder_id,
        certificate=new,
        program_id=old.program_id,
        details={
            "renews": old.serial,
            "serial": new.serial,
            "expires_at": new.expires_at.isoformat(),
            "gapless": old.expires_at > now,
        },
    )


def successor_of(certificate):
    """The certificate that continues a renewed one (None for any other status)."""
    if certificate.status != CertificateStatus.RENEWED:
        return None
    return Certificate.objects.filter(renews=certificate).first()


def renewal_due_items(user):
    """ "My learning" lists each course to redo for an open renewal window as due by the end of
    the certificate, or renewing itself once nothing is left (the `academy_due_items` hook).
    Three queries, whatever the number of windows."""
    now = timezone.now()
    cycles = list(
        Recertification.objects.filter(renewed_at=None, certificate__holder=user)
        .filter(valid_q(now, prefix="certificate__"))
        .select_related("certificate__program")
        .order_by("certificate__expires_at")
    )
    if not cycles:
        return []
    completed = learning.completed_course_ids(user)
    courses = learning.courses_by_id({pk for cycle in cycles for pk in cycle.course_ids})
    items = []
    for cycle in cycles:
        certificate = cycle.certificate
        due_on = timezone.localdate(certificate.expires_at)
        names = {"program": certificate.program.name}
        missing = [courses[pk] for pk in cycle.course_ids if pk in courses and pk not in completed]
        for course in missing:
            items.append(
                learning.due_item(
                    title=_("Renewal of %(program)s: redo “%(course)s”")
                    % {**names, "course": course.title},
                    due_on=due_on,
                    url=course.url,
                    course_id=course.pk,
                )
            )
        if not missing:
            items.append(
                learning.due_item(
                    title=_("Renew %(program)s") % names,
                    due_on=due_on,
                    url=certificate.get_absolute_url(),
                )
            )
    return items
