"""seed_org: a deterministic synthetic organisation, written in bulk, that can be replaced.

Each test loads the demo once (seed_org needs its curriculum) and seeds a small organisation.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from lms.models import Department, Employee
from reporting.models import Assignment

SMALL = 600


def seed_org(*args, **options):
    out = StringIO()
    call_command("seed_org", *args, stdout=out, **options)
    return out.getvalue()


def models_seeded():
    from access.models import AccessGrant, AccessRequest, AccountRole, AuditEntry, SocialAccount
    from certification.models import Approval, Certificate
    from courses.models import (
        CourseCompletion,
        Enrollment,
        LessonCompletion,
        PolicyAcceptance,
        QuizAttempt,
    )

    return [
        get_user_model(), Employee, Department, Assignment, Enrollment, LessonCompletion,
        QuizAttempt, CourseCompletion, PolicyAcceptance, Approval, Certificate, SocialAccount,
        AccountRole, AccessGrant, AccessRequest, AuditEntry,
    ]  # fmt: skip


def snapshot():
    """Row counts of every kind, and the headcount of each synthetic department."""
    counts = {model._meta.label: model.objects.count() for model in models_seeded()}
    headcounts = dict(
        Department.objects.filter(code__startswith="synth-")
        .annotate(people=Count("employees"))
        .values_list("code", "people")
    )
    return counts, headcounts


@pytest.fixture
def before(demo):
    """The demo alone, to compare with once the synthetic organisation is gone."""
    return snapshot()


def test_seed_org_writes_every_kind_of_row_in_a_valid_tree(before):
    from access.models import AccessGrant
    from certification.models import Certificate

    seed_org(employees=SMALL, seed=3)
    counts, headcounts = snapshot()
    added = {label: counts[label] - before[0][label] for label in counts}
    assert all(added.values()), added

    root = Department.objects.get(code="synth-3")
    subtree = Department.objects.filter(path__startswith=root.path)
    assert set(subtree.values_list("depth", flat=True)) == {1, 2, 3, 4}
    assert all(not problems for problems in Department.find_problems())
    assert sum(headcounts.values()) == SMALL

    people = Employee.objects.filter(department__in=subtree)
    assert people.count() == SMALL
    assert people.filter(manager__isnull=True).count() == 1  # the head of the organisation
    assert people.filter(active=False).exists()
    assert not get_user_model().objects.get(employee=people.first()).has_usable_password()

    synthetic = Certificate.objects.filter(holder__username__startswith="synth-")
    assert {"valid", "expired", "revoked"} <= set(synthetic.values_list("status", flat=True))
    assert AccessGrant.objects.filter(revoked_at__isnull=True, account__department__in=subtree)
    assert AccessGrant.objects.filter(revoked_at__isnull=False, account__department__in=subtree)
    mine = Assignment.objects.filter(title__in=["Launch group"]) | Assignment.objects.filter(
        department__in=subtree
    )
    assert {"department", "group"} <= set(mine.values_list("target", flat=True))

    # The bulk-written tree works with treebeard's own API afterwards.
    team = subtree.filter(depth=4).first()
    child = team.add_child(name="New team", code="synth-3-new")
    assert child.get_parent() == team
    assert root.get_descendants().filter(pk=child.pk).exists()


def test_seed_org_is_deterministic_refuses_twice_and_resets(before):
    seed_org(employees=SMALL, seed=3)
    first = snapshot()

    with pytest.raises(CommandError, match="--reset"):
        seed_org(employees=SMALL, seed=3)
    assert snapshot() == first

    seed_org("--reset", employees=SMALL, seed=3)
    assert snapshot() == first

    seed_org("--reset", employees=SMALL, seed=4)
    assert snapshot()[1] != first[1]

    seed_org("--reset", employees=0)
    assert snapshot() == before


@pytest.mark.parametrize("size", [-1, 2_000_000])
def test_seed_org_refuses_a_bad_size(db, size):
    with pytest.raises(CommandError, match="between"):
        seed_org(employees=size)
