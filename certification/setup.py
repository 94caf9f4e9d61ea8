"""What a new installation needs before anyone uses it, demo or not: the social media team's
group and a starter ladder of programs (Enthusiast < Professional < Spokesperson, the tiers of
Dell's Social Media and Community University). `manage.py academy_setup` calls this; editors
then give each program its courses in the admin (Certification > Programs).
"""

from django.db import transaction

from certification.models import Program, ProgramCourse
from lms.setup import setup_group

TEAM = "Social media team"
TEAM_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    # Certification: programs, certificates, approvals.
    ("certification", "view_program"),
    ("certification", "view_certificate"),
    ("certification", "revoke_certificate"),
    ("certification", "manage_certificate_lifecycle"),
    ("certification", "view_approval"),
    ("certification", "decide_approval"),
]

#: HR may act on the lifecycle of people in its scope (exemptions, attempts reset, the log).
HR_LIFECYCLE_PERMISSIONS = [("certification", "manage_certificate_lifecycle")]

BASICS = "social-media-basics"
PROGRAMS = [
    {
        "slug": "enthusiast",
        "name": "Enthusiast",
        "tier": 1,
        "description": (
            "The first step: the employee has read and accepted the social media policy and "
            "completed Social media basics."
        ),
        "allows": "May share company news on personal networks, with disclosure.",
        "requires_policy": True,
        "requires_approval": False,
        "validity_days": 365,
        "builds_on": None,
        "courses": [BASICS],
    },
    {
        "slug": "professional",
        "name": "Professional",
        "tier": 2,
        "description": (
            "The full curriculum: every Social Academy course completed and its quiz passed, on "
            "top of the Enthusiast certification."
        ),
        "allows": "May engage on the company's behalf and request roles on official accounts.",
        "requires_policy": True,
        "requires_approval": False,
        "validity_days": 365,
        "builds_on": "enthusiast",
        "courses": "all",
    },
    {
        "slug": "spokesperson",
        "name": "Spokesperson",
        "tier": 3,
        "description": (
            "A Professional whose approach the social media team has reviewed and approved."
        ),
        "allows": "May represent the company in its most visible and sensitive conversations.",
        "requires_policy": True,
        "requires_approval": True,
        "validity_days": 180,
        "builds_on": "professional",
        "courses": [],
    },
]


def setup_team():
    """The social media team's group with its rights; returns (group, missing permissions)."""
    return setup_group(TEAM)


@transaction.atomic
def setup_programs(courses_for=None):
    """Create the starter programs that do not exist yet (existing ones are left as edited);
    `courses_for` maps a program's slug to the courses a new program requires, in order.
    Returns {slug: Program}."""
    courses_for = courses_for or {}
    programs = {}
    for data in PROGRAMS:
        program = Program.objects.filter(slug=data["slug"]).first()
        if program is None:
            program = Program.objects.create(
                slug=data["slug"],
                name=data["name"],
                tier=data["tier"],
                description=data["description"],
                allows=data["allows"],
                requires_policy=data["requires_policy"],
                requires_approval=data["requires_approval"],
                validity_days=data["validity_days"],
                builds_on=programs.get(data["builds_on"]),
            )
            ProgramCourse.objects.bulk_create(
                ProgramCourse(program=program, course=course, sort_order=order)
                for order, course in enumerate(courses_for.get(data["slug"], ()))
            )
        programs[data["slug"]] = program
    return programs
