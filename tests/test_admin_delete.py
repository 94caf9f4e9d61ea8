"""Deleting in the admin what other records still refer to: a message, never a 500."""

import pytest
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import ReferenceIndex

from certification.models import Program
from lms.models import Department
from tests.factories import EmployeeFactory, account_with_roles, certify

pytestmark = pytest.mark.django_db


def delete_url(user, obj):
    return AdminURLFinder(user).get_edit_url(obj).replace("/edit/", "/delete/")


def test_a_program_or_department_still_referred_to_is_kept_with_a_message(
    client_for, admin_user, ladder
):
    person = EmployeeFactory()
    certify(person.user, ladder["enthusiast"])
    account = account_with_roles(department=person.department)
    # What a worker, an import or seed_org wrote is not in Wagtail's reference index.
    ReferenceIndex.objects.all().delete()
    admin = client_for(admin_user)

    response = admin.post(delete_url(admin_user, ladder["enthusiast"]), {})
    assert response.status_code == 302
    assert response["Location"] == AdminURLFinder(admin_user).get_edit_url(ladder["enthusiast"])
    page = admin.get(response["Location"]).content.decode()
    assert "cannot be deleted" in page and "1 certificate" in page and "account role" in page
    assert Program.objects.filter(pk=ladder["enthusiast"].pk).exists()

    response = admin.post(delete_url(admin_user, account.department), {})
    assert response.status_code == 302
    assert (
        "1 employee, 1 social account still refer"
        in admin.get(response["Location"]).content.decode()
    )
    assert Department.objects.filter(pk=account.department_id).exists()

    # Nothing refers to a new program: it goes.
    spare = Program.objects.create(name="Spare", slug="spare", tier=9, validity_days=365)
    assert admin.post(delete_url(admin_user, spare), {}).status_code == 302
    assert not Program.objects.filter(pk=spare.pk).exists()
