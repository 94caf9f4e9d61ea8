"""Demo assignments, run last by seed_demo (after the organisation, courses and programs).

The Enthusiast program goes to the whole company (due in 30 days) and Professional to
Marketing (60 days); a course due in the past gives Enterprise Support and Sales overdue people,
and a small group and one person show the other kinds of target. Idempotent: each assignment is
found by its title, and due dates are set only when it is first created.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lms.models import Department, Employee
from reporting.models import Assignment, AssignmentTarget

# title, program slug or None, course slug, target, department code, days until due (or
# ("start", days) for a due date relative to each person's start), assigned days ago
DEMO_ASSIGNMENTS = [
    (
        "Enthusiast for everyone",
        "enthusiast",
        "social-media-basics",
        "department",
        "northwind",
        30,
        0,
    ),
    (
        "Professional for Marketing",
        "professional",
        "engaging-and-responding",
        "department",
        "marketing",
        60,
        0,
    ),
    (
        "Crisis triage for Enterprise Support",
        None,
        "crisis-triage",
        "department",
        "support-enterprise",
        -10,
        40,
    ),
    (
        "Disclosure within 45 days of starting, Sales",
        None,
        "social-media-policy",
        "department",
        "sales",
        ("start", 45),
        75,
    ),
    ("Listening for the community team", None, "listening", "group", None, 21, 0),
    (
        "Official accounts for the head of social media",
        None,
        "official-accounts",
        "person",
        None,
        14,
        0,
    ),
]
GROUP_DEPARTMENTS = ("brand-social", "communications")
GROUP_SIZE = 4


def _program(slug):
    Program = apps.get_model("certification", "Program")
    return (
        Program.objects.filter(slug=slug).first()
        or Program.objects.filter(name__iexact=slug).first()
    )


def _course(slug):
    CoursePage = apps.get_model("courses", "CoursePage")
    return CoursePage.objects.filter(slug=slug).first()


def _what(program_slug, course_slug):
    """The program if the certification demo made it, else the course (or None)."""
    program = _program(program_slug) if program_slug else None
    if program is not None:
        return {"program": program}
    course = _course(course_slug)
    return {"course": course} if course is not None else None


def _target(kind, code):
    if kind == AssignmentTarget.DEPARTMENT:
        department = Department.objects.filter(code=code).first()
        return {"department": department} if department else None
    if kind == AssignmentTarget.PERSON:
        user = get_user_model().objects.filter(username="admin").first()
        employee = getattr(user, "employee", None) if user else None
        return {"employee": employee} if employee else None
    return {}


def _due(rule, today, assigned_on):
    if isinstance(rule, tuple):
        return {"due_days_after_start": rule[1]}
    return {"due_date": today + datetime.timedelta(days=rule)}


def _group_members():
    return list(
        Employee.objects.filter(department__code__in=GROUP_DEPARTMENTS, active=True)
        .exclude(user__username__in=["admin", "editor", "hr", "employee"])
        .order_by("employee_id")[:GROUP_SIZE]
    )


@transaction.atomic
def seed(log):
    today = timezone.localdate()
    admin = get_user_model().objects.filter(username="admin").first()
    made = 0
    for title, program, course, kind, code, due, ago in DEMO_ASSIGNMENTS:
        if Assignment.objects.filter(title=title).exists():
            continue
        what, target = _what(program, course), _target(kind, code)
        if what is None or target is None:
            continue
        assigned_on = today - datetime.timedelta(days=ago)
        assignment = Assignment.objects.create(
            title=title,
            target=kind,
            assigned_on=assigned_on,
            created_by=admin,
            **what,
            **target,
            **_due(due, today, assigned_on),
        )
        if kind == AssignmentTarget.GROUP:
            assignment.members.set(_group_members())
        made += 1
    log(f"HR: {Assignment.objects.count()} assignments ({made} new).")
