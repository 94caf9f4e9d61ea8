"""Factories for the organisation; each app's tests add their own below."""

import factory
from django.contrib.auth import get_user_model

from lms.models import Department, Employee


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("password")


def make_department(name, parent=None, code=None):
    code = code or name.lower().replace(" ", "-")
    if parent is None:
        return Department.add_root(name=name, code=code)
    parent = Department.objects.get(pk=parent.pk)
    return parent.add_child(name=name, code=code)


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    user = factory.SubFactory(UserFactory)
    employee_id = factory.Sequence(lambda n: f"E{n:06d}")
    department = factory.LazyFunction(
        lambda: Department.objects.first() or make_department("Company")
    )
    job_title = "Specialist"
    location = "Dublin"
