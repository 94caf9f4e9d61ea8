"""The foundation: settings, the department tree, the demo data, sign-in and the health check."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from lms.models import Department, Employee
from tests.factories import make_department


def counts():
    return (Department.objects.count(), Employee.objects.count(), get_user_model().objects.count())


@pytest.mark.django_db
def test_subtree_is_one_query(django_assert_num_queries):
    root = make_department("Company")
    sales = make_department("Sales", root)
    emea = make_department("EMEA", sales)
    make_department("Benelux", emea)
    make_department("Support", root)
    sales.refresh_from_db()
    with django_assert_num_queries(1):
        names = sorted(d.name for d in Department.get_tree(sales))
    assert names == ["Benelux", "EMEA", "Sales"]
    with django_assert_num_queries(1):
        assert Department.subtree_of([emea]).count() == 2


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_counts(demo):
    first = counts()
    assert 10 <= first[0] <= 16
    assert 45 <= first[1] <= 60
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first
    assert Department.objects.aggregate(m=__import__("django.db.models").db.models.Max("depth"))["m"] == 3
