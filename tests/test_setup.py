"""`manage.py academy_setup`: groups, the review workflow and the starter programs, no demo."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import WorkflowPage

from certification.models import Program
from courses.workflow import WORKFLOW_NAME
from lms.models import Employee
from tests.factories import make_catalogue

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("academy_setup", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_setup_makes_what_a_new_site_needs_and_nothing_of_the_demo():
    catalogue = make_catalogue()
    output = run()

    hr = Group.objects.get(name="HR")
    team = Group.objects.get(name="Social media team")
    assert hr.permissions.filter(codename="view_completion_report").exists()
    assert team.permissions.filter(codename="decide_approval").exists()
    assert team.permissions.filter(codename="change_accessrequest").exists()
    assert WorkflowPage.objects.get(page=catalogue).workflow.name == WORKFLOW_NAME
    ladder = list(Program.objects.order_by("tier"))
    assert [p.slug for p in ladder] == ["enthusiast", "professional", "spokesperson"]
    assert [p.builds_on for p in ladder] == [None, ladder[0], ladder[1]]
    assert all(not p.program_courses.exists() for p in ladder)
    assert "Give each its courses" in output
    # Nothing of the Northwind demo.
    assert not get_user_model().objects.exists()
    assert not Employee.objects.exists()


def test_setup_is_safe_to_run_again_and_keeps_what_was_edited():
    run()
    Program.objects.filter(slug="enthusiast").update(name="Social media basics")
    workflow_pages = WorkflowPage.objects.count()
    run()
    assert Program.objects.count() == 3
    assert Program.objects.get(slug="enthusiast").name == "Social media basics"
    assert Group.objects.filter(name="HR").count() == 1
    assert WorkflowPage.objects.count() == workflow_pages
