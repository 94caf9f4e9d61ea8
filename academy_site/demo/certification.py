"""Demo certification: Dell's ladder (Enthusiast, Professional, Spokesperson), the social media
team's rights, and certificates for the seeded people who meet a program (some since expired,
one revoked). Safe to run again.

The demo accounts (`admin`, `editor`, `hr`, `employee`) get nothing: the browser journeys start
from zero.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from academy_site.demo.content import COURSES
from certification import notifications
from certification.models import Approval, ApprovalStatus, Certificate, IssuerSettings
from certification.services import decide, evaluate_user, expire_certificates, revoke_certificate
from certification.setup import PROGRAMS, setup_programs, setup_team
from courses.models import CoursePage

DEMO_USERNAMES = {"admin", "editor", "hr", "employee"}
REVOCATION_REASON = (
    "Shared details of a customer's support case on a personal account, against the policy."
)


def course_slugs():
    return [course["slug"] for course in COURSES]


def seed_programs():
    """The three tiers with the demo's courses (in catalogue order); existing ones are left as
    edited."""
    courses = {c.slug: c for c in CoursePage.objects.filter(slug__in=course_slugs())}
    wanted = {
        program["slug"]: [
            courses[slug]
            for slug in (course_slugs() if program["courses"] == "all" else program["courses"])
            if slug in courses
        ]
        for program in PROGRAMS
    }
    return setup_programs(courses_for=wanted)


def seed_team():
    team, _missing = setup_team()
    return team


def learners():
    return list(
        get_user_model()
        .objects.filter(employee__active=True)
        .exclude(username__in=DEMO_USERNAMES)
        .order_by("employee__employee_id")
    )


def spread_issue_dates(certificates, rng, now):
    """Each person certified some months ago, a tier every few days; a few end soon (within
    the reminder window)."""
    by_holder = {}
    for certificate in certificates:
        by_holder.setdefault(certificate.holder_id, []).append(certificate)
    for index, (_holder, held) in enumerate(sorted(by_holder.items())):
        days_ago = 170 if index % 6 == 2 else rng.randint(20, 160)
        for step, certificate in enumerate(sorted(held, key=lambda c: c.program.tier)):
            if certificate.program.slug != "spokesperson" and index % 6 == 5:
                days_ago = 350  # ends within the month: the holder is reminded
            issued = now - datetime.timedelta(days=max(days_ago - 4 * step, 1))
            Certificate.objects.filter(pk=certificate.pk).update(
                issued_at=issued,
                expires_at=issued + datetime.timedelta(days=certificate.program.validity_days),
            )


def expire_some(certificates, now, count):
    """Some Enthusiasts who went no further let their certificate lapse: the daily sweep
    expires them."""
    holders_of_more = {c.holder_id for c in certificates if c.program.slug != "enthusiast"}
    chosen = [
        c
        for c in certificates
        if c.program.slug == "enthusiast" and c.holder_id not in holders_of_more
    ][:count]
    for certificate in chosen:
        issued = now - datetime.timedelta(days=certificate.program.validity_days + 40)
        Certificate.objects.filter(pk=certificate.pk).update(
            issued_at=issued,
            expires_at=issued + datetime.timedelta(days=certificate.program.validity_days),
        )
    expire_certificates(now=now)
    return chosen


def decide_some_approvals(decider):
    pending = list(Approval.objects.filter(status=ApprovalStatus.PENDING).order_by("pk"))
    for index, approval in enumerate(pending[:3]):
        if index < 2:
            decide(approval, by=decider, approve=True, note="Strong judgement in the review.")
        else:
            decide(
                approval,
                by=decider,
                approve=False,
                note="Let's pair on two launch threads first, then ask again.",
            )
    for approval in pending[:2]:
        evaluate_user(approval.applicant)


def seed_certificates(log):
    """Judge every seeded person once; later runs find certificates and change nothing."""
    people = learners()
    if Certificate.objects.filter(holder__in=people).exists():
        return
    rng = random.Random(2011)  # noqa: S311 - demo data, not security
    now = timezone.now()
    issued = []
    for person in people:
        issued.extend(evaluate_user(person))
    decider = get_user_model().objects.filter(username="admin").first()
    if decider is not None:
        decide_some_approvals(decider)
    certificates = list(
        Certificate.objects.valid(now)
        .filter(holder__in=people)
        .select_related("program", "holder")
        .order_by("holder__employee__employee_id", "program__tier")
    )
    spread_issue_dates(certificates, rng, now)
    expired = expire_some(certificates, now, count=3)
    valid = list(
        Certificate.objects.valid(now)
        .filter(holder__in=people)
        .exclude(holder__in=[c.holder_id for c in expired])
        .select_related("program", "holder")
        .order_by("issued_at")
    )
    spokespeople = {c.holder_id for c in valid if c.program.slug == "spokesperson"}
    target = next(
        (c for c in valid if c.program.slug == "professional" and c.holder_id not in spokespeople),
        None,
    )
    if target is not None and decider is not None:
        revoke_certificate(target, reason=REVOCATION_REASON, by=decider, now=now)
    log(
        f"Certification: {Certificate.objects.valid().count()} valid, "
        f"{Certificate.objects.expired().count()} expired, "
        f"{Certificate.objects.revoked().count()} revoked certificates; "
        f"{Approval.objects.filter(status='pending').count()} approvals waiting."
    )


@transaction.atomic
def seed_issuer():
    """The demo company signs its certificates; what an admin changed is kept."""
    issuer = IssuerSettings.load()
    if not issuer.organisation_name:
        issuer.organisation_name = "Northwind Systems"
        issuer.contact_email = "social-academy@northwind.example"
        issuer.signatory_name = "Ada Admin"
        issuer.signatory_title = "Head of Social Media, Northwind Systems"
        issuer.save()


def seed(log):
    with notifications.suppressed():
        seed_issuer()
        programs = seed_programs()
        seed_team()
        seed_certificates(log)
    log(f"Certification: ladder {' < '.join(p.name for p in programs.values())}.")
