"""Learning records and certificates for each synthetic person, spread across the ladder.

Every person gets a stage: nothing yet, started, or certified up to a tier of the ladder; the
records that stage implies (enrolments, lessons done, quiz attempts, course completions, policy
acceptances, approvals, certificates) are generated from a random generator seeded with the
person's number, so the same seed always gives the same rows.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from academy_site.synthetic.bulk import IdBlock, Table
from academy_site.synthetic.org import new_rng
from certification.models import Approval, Certificate
from courses.models import (
    CourseCompletion,
    Enrollment,
    LessonCompletion,
    PolicyAcceptance,
    QuizAttempt,
)

SERIAL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
LAUNCH_DAYS_AGO = 2 * 365  # the programme started two years ago
#: (weight for people who joined long ago, weight for recent joiners) per stage:
#: nothing, started, then certified up to the first, second, third... tier.
STAGE_WEIGHTS = [(0.10, 0.45), (0.13, 0.35), (0.33, 0.15), (0.30, 0.05), (0.14, 0.0)]
REVOKED_SHARE = 0.015
RENEWED_SHARE = 0.9
PENDING_APPROVAL_SHARE = 0.15
REVOCATION_REASON = "Posted confidential roadmap details (synthetic record)."


@dataclass
class Earned:
    """A certificate generated for a person, for the access grants that rest on it."""

    pk: int
    program_index: int
    status: str
    issued_at: datetime.datetime
    expires_at: datetime.datetime
    revoked_at: datetime.datetime | None


@dataclass
class Journey:
    """One person's path through time: each step is a moment later than the last."""

    rng: object
    clock: datetime.datetime
    end: datetime.datetime
    certificates: list = field(default_factory=list)

    def step(self, hours=48):
        gap = datetime.timedelta(minutes=self.rng.randrange(5, hours * 60))
        self.clock = min(self.clock + gap, self.end)
        return self.clock


class ProgressWriter:
    """Holds the tables and writes what each person did."""

    def __init__(self, catalogue, now):
        self.catalogue, self.now = catalogue, now
        self.launch = now - datetime.timedelta(days=LAUNCH_DAYS_AGO)
        self.enrollments = Table(Enrollment, ["user_id", "course_id", "enrolled_at"])
        self.lessons = Table(LessonCompletion, ["user_id", "lesson_id", "completed_at"])
        self.attempts = Table(
            QuizAttempt,
            ["user_id", "quiz_id", "number", "submission_key", "answers", "correct_count",
             "question_count", "score", "pass_mark", "passed", "results", "started_at",
             "submitted_at"],
        )  # fmt: skip
        self.completions = Table(CourseCompletion, ["user_id", "course_id", "completed_at"])
        self.acceptances = Table(PolicyAcceptance, ["user_id", "version_id", "accepted_at"])
        self.certificate_ids, self.approval_ids = IdBlock(Certificate), IdBlock(Approval)
        self.certificates = Table(
            Certificate,
            ["id", "serial", "program_id", "holder_id", "status", "issued_at", "expires_at",
             "approval_id", "revoked_at", "revocation_reason"],
        )  # fmt: skip
        self.approvals = Table(
            Approval,
            ["id", "program_id", "applicant_id", "status", "requested_at", "decided_at", "note"],
        )
        self.tables = [
            self.enrollments, self.lessons, self.attempts, self.completions, self.acceptances,
            self.approvals, self.certificates,
        ]  # fmt: skip

    def flush(self):
        for table in self.tables:
            table.flush()

    def counts(self):
        return {str(table.model._meta.verbose_name_plural): table for table in self.tables}

    # -- one person -----------------------------------------------------------------------

    def person(self, seed, person):
        """Write one person's records; returns their certificates."""
        rng = new_rng(seed, f"p{person.number}")
        ladder = self.catalogue.ladder
        stage = _stage(rng, person, len(ladder), self.now.date())
        begin = max(
            self.launch,
            datetime.datetime.combine(person.start_date, datetime.time(9), tzinfo=datetime.UTC),
        ) + datetime.timedelta(days=rng.randrange(0, 60))
        begin = min(begin, self.now - datetime.timedelta(hours=1))
        end = begin + (self.now - begin) * rng.uniform(0.3, 1.0)
        journey = Journey(rng, begin, end)
        user = person.user_pk
        if stage == 0:
            return []
        if stage == 1:
            self._started(journey, user, ladder[0] if ladder else None)
            return []
        done = set()
        for index, program in enumerate(ladder[: stage - 1]):
            if program.requires_policy and "policy" not in done:
                self._accept_policy(journey, user)
                done.add("policy")
            for course_id in program.course_ids:
                if course_id not in done:
                    self._complete_course(journey, user, course_id)
                    done.add(course_id)
            approval = None
            if program.requires_approval:
                approval = self._approval(journey, user, program, "approved")
            self._certify(journey, user, index, program, approval)
        self._next_tier(journey, user, ladder, stage - 1, done)
        if rng.random() < 0.15 and (extra := self.catalogue.extra_course_ids()):
            self._complete_course(journey, user, rng.choice(extra))
        return journey.certificates

    def _started(self, journey, user, program):
        rng = journey.rng
        if rng.random() < 0.5:
            self._accept_policy(journey, user)
        course_ids = program.course_ids if program else list(self.catalogue.courses)
        for course_id in rng.sample(course_ids, min(len(course_ids), rng.randint(1, 3))):
            if rng.random() < 0.3:
                self._complete_course(journey, user, course_id)
            else:
                self._partial_course(journey, user, course_id)

    def _next_tier(self, journey, user, ladder, reached, done):
        """Some certified people are part-way through the next tier."""
        rng = journey.rng
        if reached >= len(ladder) or rng.random() >= 0.4:
            if reached < len(ladder) and ladder[reached].requires_approval:
                if rng.random() < PENDING_APPROVAL_SHARE:
                    self._approval(journey, user, ladder[reached], "pending")
            return
        missing = [pk for pk in ladder[reached].course_ids if pk not in done]
        for course_id in rng.sample(missing, min(len(missing), rng.randint(1, 2))):
            self._partial_course(journey, user, course_id)

    # -- records --------------------------------------------------------------------------

    def _accept_policy(self, journey, user):
        versions = self.catalogue.policy_versions
        if not versions:
            return
        if len(versions) > 1 and journey.rng.random() < 0.4:
            self.acceptances.add((user, versions[-2], journey.step()))
        self.acceptances.add((user, versions[-1], journey.step()))

    def _enrol(self, journey, user, course_id):
        self.enrollments.add((user, course_id, journey.step()))

    def _complete_course(self, journey, user, course_id):
        course = self.catalogue.courses[course_id]
        self._enrol(journey, user, course_id)
        for lesson_id in course.lesson_ids:
            self.lessons.add((user, lesson_id, journey.step(hours=24)))
        if course.quiz:
            fails = _fails(journey.rng)
            for number in range(1, fails + 2):
                self._attempt(journey, user, course.quiz, number, passed=number > fails)
        self.completions.add((user, course_id, journey.clock))

    def _partial_course(self, journey, user, course_id):
        rng = journey.rng
        course = self.catalogue.courses[course_id]
        self._enrol(journey, user, course_id)
        done = rng.randrange(0, len(course.lesson_ids) + 1)
        for lesson_id in course.lesson_ids[:done]:
            self.lessons.add((user, lesson_id, journey.step(hours=24)))
        if course.quiz and done == len(course.lesson_ids) and rng.random() < 0.5:
            self._attempt(journey, user, course.quiz, 1, passed=False)

    def _attempt(self, journey, user, quiz, number, passed):
        rng = journey.rng
        answers, results = {}, {}
        questions = list(quiz.questions.items())
        wrong_needed = 0 if passed else max(1, len(questions) // 2)
        for position, (question_id, (right, wrong)) in enumerate(questions):
            ok = position >= wrong_needed or not wrong
            answers[str(question_id)] = sorted(right if ok else wrong[:1])
            results[str(question_id)] = ok
        correct = sum(results.values())
        total = len(questions)
        score = correct * 100 // total if total else 100
        started = journey.step(hours=12)
        submitted = started + datetime.timedelta(minutes=rng.randrange(3, 25))
        journey.clock = min(submitted, journey.end)
        self.attempts.add((
            user, quiz.pk, number, uuid.UUID(int=rng.getrandbits(128), version=4), answers,
            correct, total, score, quiz.pass_mark, score >= quiz.pass_mark, results, started,
            submitted,
        ))  # fmt: skip

    def _approval(self, journey, user, program, status):
        pk = self.approval_ids.take()
        requested = journey.step()
        decided = journey.step() if status != "pending" else None
        self.approvals.add((pk, program.pk, user, status, requested, decided, ""))
        return pk

    def _certify(self, journey, user, index, program, approval):
        """The certificate, and its renewals while each one ran out before today."""
        rng = journey.rng
        issued = journey.step(hours=2)
        validity = datetime.timedelta(days=program.validity_days)
        for renewal in range(4):
            expires = issued + validity
            renews = renewal < 3 and rng.random() < RENEWED_SHARE
            if expires > self.now - datetime.timedelta(days=1) or not renews:
                break
            self._certificate(journey, user, index, program, approval, issued, expires, "expired")
            approval = None
            issued = expires - datetime.timedelta(days=rng.randrange(1, 25))
        status = "valid" if expires > self.now - datetime.timedelta(days=1) else "expired"
        if status == "valid" and rng.random() < REVOKED_SHARE:
            status = "revoked"
        self._certificate(journey, user, index, program, approval, issued, expires, status)

    def _certificate(self, journey, user, index, program, approval, issued, expires, status):
        rng = journey.rng
        pk = self.certificate_ids.take()
        raw = "".join(rng.choice(SERIAL_ALPHABET) for _ in range(20))
        serial = "-".join(raw[i : i + 4] for i in range(0, 20, 4))
        revoked_at = None
        if status == "revoked":
            revoked_at = issued + (min(expires, self.now) - issued) * rng.uniform(0.2, 0.9)
        self.certificates.add((
            pk, serial, program.pk, user, status, issued, expires, approval, revoked_at,
            REVOCATION_REASON if revoked_at else "",
        ))  # fmt: skip
        journey.certificates.append(Earned(pk, index, status, issued, expires, revoked_at))


def _stage(rng, person, tiers, today):
    recent = (today - person.start_date).days < 120
    weights = [pair[1 if recent else 0] for pair in STAGE_WEIGHTS[: tiers + 2]]
    return rng.choices(range(len(weights)), weights=weights)[0]


def _fails(rng):
    roll = rng.random()
    return 0 if roll < 0.7 else 1 if roll < 0.95 else 2
