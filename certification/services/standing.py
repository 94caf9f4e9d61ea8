"""Where a person stands on each program: what is done, what is missing, what is held.

Everything is read up front in a fixed number of queries (programs, courses, certificates,
approvals, the person's learning record), then each program is judged in memory.

A certificate is renewed by meeting its program's *current* requirements again once it has
ended: the current version of the policy (a new version asks everyone again), every course the
program requires today (courses added since count), a valid certificate of the program below,
and, for programs that need it, a fresh approval (`renewal_plan`; the renewal itself is
`issuing.renew`). Renewal happens on the next learning event, or when the holder asks for it on
the certificate's page. A revoked certificate is not renewed: the social media team must
approve a new one.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certification import learning
from certification.models import (
    Approval,
    ApprovalStatus,
    Certificate,
    CertificateStatus,
    Program,
    ProgramCourse,
)
from certification.services.recertification import open_cycle


@dataclass
class CourseStep:
    course: object  # courses.CoursePage
    done: bool


@dataclass
class ProgramStanding:
    """One program as seen by one person."""

    program: Program
    courses: list = field(default_factory=list)  # CourseStep, lineage order
    policy_required: bool = False
    policy_accepted: bool = False
    prerequisite: Program | None = None
    prerequisite_held: bool = True
    approval_required: bool = False
    approval: Approval | None = None  # the request that counts now, if any
    certificate: Certificate | None = None  # the one valid now (from its dates)
    latest: Certificate | None = None  # the most recent of any status
    renewing: bool = False  # the last certificate expired: meeting it again renews it
    #: The open recertification cycle (Recertification) of the valid certificate (its window
    #: is open) or of the last one, expired; None when there is none.
    cycle: object = None
    cycle_courses: list = field(default_factory=list)  # CourseStep: what the cycle asks to redo

    @property
    def renewal_open(self):
        """The valid certificate's recertification window is open: renewing continues it."""
        return self.held and self.cycle is not None

    @property
    def renewal_missing_courses(self):
        return [step.course for step in self.cycle_courses if not step.done]

    @property
    def renewal_learning_met(self):
        """Inside the window: the courses of the cycle redone, the current policy accepted and
        the program below still held."""
        return (
            self.renewal_open
            and not self.renewal_missing_courses
            and not self.policy_missing
            and self.prerequisite_held
        )

    @property
    def renewal_met(self):
        return self.renewal_learning_met and (not self.approval_required or self.approved)

    @property
    def renewal_steps(self):
        """What is left to renew inside the window, in words."""
        if not self.renewal_open:
            return []
        left = []
        if self.prerequisite is not None and not self.prerequisite_held:
            left.append(_("Hold a valid %(program)s certificate") % {"program": self.prerequisite})
        if self.policy_missing:
            left.append(_("Accept the current social media policy"))
        left.extend(
            _("Complete “%(course)s” again") % {"course": c.title}
            for c in self.renewal_missing_courses
        )
        if self.approval_required and not self.approved:
            if self.awaiting_approval:
                left.append(_("Wait for the social media team to approve your request"))
            else:
                left.append(_("Get approval from the social media team"))
        return [str(step) for step in left]

    @property
    def missing_courses(self):
        return [step.course for step in self.courses if not step.done]

    @property
    def courses_done(self):
        return sum(1 for step in self.courses if step.done)

    @property
    def policy_missing(self):
        return self.policy_required and not self.policy_accepted

    @property
    def learning_met(self):
        """Everything a person does themselves: policy, courses and the program below."""
        return not self.policy_missing and not self.missing_courses and self.prerequisite_held

    @property
    def approved(self):
        return self.approval is not None and self.approval.status == ApprovalStatus.APPROVED

    @property
    def met(self):
        return self.learning_met and (not self.approval_required or self.approved)

    @property
    def held(self):
        return self.certificate is not None

    @property
    def awaiting_approval(self):
        return self.approval is not None and self.approval.status == ApprovalStatus.PENDING

    @property
    def rejected(self):
        return self.approval is not None and self.approval.status == ApprovalStatus.REJECTED

    @property
    def can_request_approval(self):
        """A person may ask when all else is met and no request is waiting or already granted."""
        return (
            not self.held
            and self.approval_required
            and self.learning_met
            and not self.awaiting_approval
            and not self.approved
        )

    @property
    def percent(self):
        total = len(self.courses) + int(self.policy_required) + int(self.approval_required)
        total += int(self.prerequisite is not None)
        if self.held:
            return 100
        if not total:
            return 100 if self.met else 0
        done = self.courses_done + int(self.policy_required and self.policy_accepted)
        done += int(self.approval_required and self.approved)
        done += int(self.prerequisite is not None and self.prerequisite_held)
        return round(100 * done / total)

    @property
    def steps(self):
        """What is left, in words, for templates, e-mails and the API."""
        left = []
        if self.prerequisite is not None and not self.prerequisite_held:
            left.append(_("Hold a valid %(program)s certificate") % {"program": self.prerequisite})
        if self.policy_missing:
            left.append(_("Accept the current social media policy"))
        left.extend(_("Complete “%(course)s”") % {"course": c.title} for c in self.missing_courses)
        if self.approval_required and not self.approved:
            if self.awaiting_approval:
                left.append(_("Wait for the social media team to approve your request"))
            else:
                left.append(_("Get approval from the social media team"))
        return [str(step) for step in left]


def programs_with_courses():
    """All programs, tier order, each with its required courses prefetched (two queries)."""
    return list(
        Program.objects.on_ladder()
        .select_related("refresher_course")
        .prefetch_related(
            Prefetch(
                "program_courses",
                queryset=ProgramCourse.objects.select_related("course").order_by("sort_order"),
            )
        )
    )


def _certificates():
    """A person's certificates with what the rules read of them, newest first."""
    return Certificate.objects.select_related("program", "recertification").order_by("-issued_at")


def _unused_approvals():
    """Approvals not yet turned into a certificate, newest first."""
    used = Certificate.objects.filter(approval=OuterRef("pk"))
    return (
        Approval.objects.annotate(used=Exists(used))
        .filter(used=False)
        .order_by("-requested_at", "-pk")
    )


class LearnerRecord:
    """Everything about one person that the program rules need, read once.

    Validity is judged at `now` from the certificates' dates, not from their status column
    (which the nightly sweep updates): a certificate past its end is not held, even before.
    """

    def __init__(self, user, programs=None, now=None):
        self._fill(
            user,
            now=now or timezone.now(),
            programs=programs if programs is not None else programs_with_courses(),
            completed=learning.completed_course_ids(user),
            policy_accepted=learning.has_accepted_current_policy(user),
            certificates=_certificates().filter(holder=user),
            approvals=_unused_approvals().filter(applicant=user),
        )

    @classmethod
    def for_users(cls, user_ids, programs=None, now=None):
        """{user id: LearnerRecord} for many people, read in a fixed number of queries (the
        programs, completions, policy acceptances, certificates and unused approvals of all of
        them at once), for sweeps that judge many people (the expiry reminders)."""
        user_ids = list(user_ids)
        now = now or timezone.now()
        programs = programs if programs is not None else programs_with_courses()
        completed = learning.completed_course_ids_by_user(user_ids)
        accepted = set(learning.users_who_accepted_current_policy().filter(user_id__in=user_ids))
        certificates, approvals = {}, {}
        for certificate in _certificates().filter(holder_id__in=user_ids):
            certificates.setdefault(certificate.holder_id, []).append(certificate)
        for approval in _unused_approvals().filter(applicant_id__in=user_ids):
            approvals.setdefault(approval.applicant_id, []).append(approval)
        records = {}
        for user_id in user_ids:
            record = records[user_id] = cls.__new__(cls)
            record._fill(
                None,
                now=now,
                programs=programs,
                completed=completed.get(user_id, set()),
                policy_accepted=user_id in accepted,
                certificates=certificates.get(user_id, ()),
                approvals=approvals.get(user_id, ()),
            )
        return records

    def _fill(self, user, *, now, programs, completed, policy_accepted, certificates, approvals):
        """Index what was read (the certificates newest first, the approvals newest first),
        the same whether it was read for one person or for many."""
        self.user = user
        self.now = now
        self.programs = programs
        self.by_id = {p.pk: p for p in programs}
        self.completed = completed
        self.policy_accepted = policy_accepted
        self.valid, self.latest = {}, {}
        for certificate in certificates:
            self.latest.setdefault(certificate.program_id, certificate)
            if certificate.is_valid_at(now):
                self.valid.setdefault(certificate.program_id, certificate)
        self.open_approvals = {}
        for approval in approvals:
            self.open_approvals.setdefault(approval.program_id, []).append(approval)

    def lineage(self, program):
        """The program and those it builds on, lowest first, resolved without queries."""
        chain, seen = [], set()
        while program is not None and program.pk not in seen:
            seen.add(program.pk)
            chain.append(program)
            program = self.by_id.get(program.builds_on_id)
        return list(reversed(chain))

    def record_issued(self, certificate):
        self.valid[certificate.program_id] = certificate
        self.latest[certificate.program_id] = certificate

    def current_approval(self, program, latest):
        """The unused request that counts: after a revocation, only one made since then."""
        since = latest.revoked_at if latest and latest.status == CertificateStatus.REVOKED else None
        for approval in self.open_approvals.get(program.pk, []):
            if since is None or approval.requested_at >= since:
                return approval
        return None

    def course_steps(self, program):
        """Every course the program and those below it require, lowest tier first."""
        steps, seen = [], set()
        for tier in self.lineage(program):
            for pc in tier.program_courses.all():
                if pc.course_id not in seen:
                    seen.add(pc.course_id)
                    steps.append(CourseStep(course=pc.course, done=pc.course_id in self.completed))
        return steps

    def cycle_steps(self, program, cycle):
        """The courses a recertification cycle asks to redo, as steps: those the program still
        names (its own courses or its refresher course); one taken off it is no longer asked."""
        named = {pc.course_id: pc.course for pc in program.program_courses.all()}
        if program.refresher_course_id:
            named[program.refresher_course_id] = program.refresher_course
        return [
            CourseStep(course=named[pk], done=pk in self.completed)
            for pk in cycle.course_ids
            if pk in named
        ]

    def standing(self, program):
        prerequisite = self.by_id.get(program.builds_on_id)
        latest = self.latest.get(program.pk)
        revoked_last = latest is not None and latest.status == CertificateStatus.REVOKED
        lineage = self.lineage(program)
        certificate = self.valid.get(program.pk)
        expired_last = (
            latest is not None and latest.status_at(self.now) == CertificateStatus.EXPIRED
        )
        courses = self.course_steps(program)
        cycle, cycle_courses = None, []
        if certificate is not None or expired_last:
            cycle = open_cycle(certificate or latest)
        if cycle is not None:
            cycle_courses = self.cycle_steps(program, cycle)
            if certificate is None:
                # After expiry, renewing asks for the program and what the cycle asks to redo
                # (a refresher course the program does not otherwise require).
                seen = {step.course.pk for step in courses}
                courses += [step for step in cycle_courses if step.course.pk not in seen]
        return ProgramStanding(
            program=program,
            courses=courses,
            policy_required=any(tier.requires_policy for tier in lineage),
            policy_accepted=self.policy_accepted,
            prerequisite=prerequisite,
            prerequisite_held=prerequisite is None or prerequisite.pk in self.valid,
            # After a revocation the social media team must agree before certifying again.
            approval_required=program.requires_approval or revoked_last,
            approval=self.current_approval(program, latest),
            certificate=certificate,
            latest=latest,
            renewing=expired_last,
            cycle=cycle,
            cycle_courses=cycle_courses,
        )

    def standings(self):
        return [self.standing(program) for program in self.programs]


def standings_for(user):
    """Every program, lowest tier first, as this person stands on it."""
    return LearnerRecord(user).standings()


def standing_for(user, program):
    record = LearnerRecord(user)
    return record.standing(record.by_id[program.pk])


@dataclass
class RenewalPlan:
    certificate: object
    standing: ProgramStanding
    superseded: bool  # a newer certificate of the program exists

    @property
    def revoked(self):
        return self.certificate.status == CertificateStatus.REVOKED

    @property
    def renewed(self):
        """Continued by a newer certificate (renewed inside its window)."""
        return self.certificate.status == CertificateStatus.RENEWED

    @property
    def window_open(self):
        """This valid certificate's recertification window is open: renewing now continues it
        from its end, with no gap."""
        held = self.standing.certificate
        return self.standing.renewal_open and held is not None and held.pk == self.certificate.pk

    @property
    def to_do(self):
        """What is outstanding now, in words (empty when nothing is)."""
        return self.standing.renewal_steps if self.window_open else self.standing.steps

    @property
    def missing_courses(self):
        if self.window_open:
            return self.standing.renewal_missing_courses
        return self.standing.missing_courses

    @property
    def policy_missing(self):
        return self.standing.policy_missing

    @property
    def approval_required(self):
        return self.standing.approval_required

    @property
    def can_renew_now(self):
        """Every requirement but approval met, and either ended by expiry and not replaced yet,
        or still valid with its recertification window open (renewing continues it)."""
        if self.window_open:
            return self.standing.renewal_learning_met
        return (
            self.certificate.current_status == CertificateStatus.EXPIRED
            and not self.superseded
            and not self.standing.held
            and self.standing.learning_met
        )


def renewal_plan(certificate, record=None):
    """The renewal steps of one certificate, read in a fixed number of queries."""
    record = record or LearnerRecord(certificate.holder)
    program = record.by_id.get(certificate.program_id, certificate.program)
    standing = record.standing(program)
    latest = standing.latest
    return RenewalPlan(
        certificate=certificate,
        standing=standing,
        superseded=latest is not None and latest.pk != certificate.pk,
    )
