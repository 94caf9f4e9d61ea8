"""Programs are edited in the Wagtail admin; the certification screens follow permissions."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certification.models import Program
from tests.factories import UserFactory, make_course, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


def test_an_admin_creates_a_program_with_its_courses(client_for, superuser):
    basics = make_course("Basics", lessons=1, questions=0)
    listening = make_course("Listening", lessons=1, questions=0)
    lower = make_program("enthusiast")
    client = client_for(superuser)
    assert client.get("/admin/certification_programs/").status_code == 200
    assert client.get("/admin/certification_programs/new/").status_code == 200
    data = nested_form_data(
        {
            "name": "Professional",
            "slug": "professional",
            "tier": 2,
            "builds_on": lower.pk,
            "description": "The full curriculum.",
            "allows": "May engage on the company's behalf.",
            "requires_policy": "on",
            "validity_days": 365,
            "recertification_window_days": 45,
            "renewal_requirement": "full",
            "reminder_days": "45, 7",
            "remind_managers": "on",
            "policy_grace_days": 21,
            "program_courses": inline_formset(
                [{"course": listening.pk}, {"course": basics.pk}], initial=0
            ),
        }
    )
    response = client.post("/admin/certification_programs/new/", data)
    assert response.status_code == 302, response.content[:2000]
    program = Program.objects.get(slug="professional")
    assert program.builds_on == lower and program.requires_policy
    assert program.recertification_window_days == 45 and program.reminder_days == [45, 7]
    assert [pc.course for pc in program.program_courses.all()] == [listening, basics]


def test_a_program_needs_a_positive_validity_and_a_unique_slug(client_for, superuser):
    make_program("enthusiast")
    data = nested_form_data(
        {
            "name": "Another",
            "slug": "enthusiast",
            "tier": 1,
            "description": "d",
            "allows": "a",
            "validity_days": 0,
            "program_courses": inline_formset([], initial=0),
        }
    )
    response = client_for(superuser).post("/admin/certification_programs/new/", data)
    assert response.status_code == 200
    assert Program.objects.filter(slug="enthusiast").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"recertification_window_days": 400}, "recertification_window_days", "shorter than"),
        ({"recertification_window_days": 365}, "recertification_window_days", "shorter than"),
        ({"renewal_requirement": "refresher"}, "refresher_course", "refresher course"),
        ({"reminder_days": "30, soon"}, "reminder_days", "not a whole number"),
        ({"reminder_days": "0"}, "reminder_days", "between 1 and 3650"),
    ],
)
def test_recertification_rules_that_cannot_work_are_refused(
    client_for, superuser, changes, field, message
):
    """A window as long as the validity would open at issue; a refresher renewal needs its
    course; reminders are whole days. The form says which field is wrong; nothing is saved."""
    values = {
        "name": "Professional",
        "slug": "professional",
        "tier": 2,
        "description": "d",
        "allows": "a",
        "requires_policy": "on",
        "validity_days": 365,
        "recertification_window_days": 30,
        "renewal_requirement": "full",
        "reminder_days": "30, 14, 1",
        "policy_grace_days": 30,
        "program_courses": inline_formset([], initial=0),
    }
    values.update(changes)
    response = client_for(superuser).post(
        "/admin/certification_programs/new/", nested_form_data(values)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Program.objects.filter(slug="professional").exists()


def test_the_menu_shows_certification_to_those_with_rights(client_for):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_certificate"),
    )
    page = client_for(viewer).get("/admin/")
    assert b"Certificates" in page.content
    assert client_for(viewer).get("/admin/certification_programs/").status_code in (302, 403)
