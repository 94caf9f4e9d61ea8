"""People imports and HR scopes: an import's file and its row problems quote people of every
department, so an HR user limited to some departments sees only the imports they uploaded
themselves; anyone else's is not found (404), in the list, the page, its problems and its
status. Superusers and HR without a scope see every import."""

import pytest
from django.urls import reverse

from lms.models import ImportStatus, PeopleImport
from tests.factories import UserFactory, make_department, make_hr_user

pytestmark = pytest.mark.django_db


def an_import(by, name, problem="bob.secret@example.com is used by another person"):
    return PeopleImport.objects.create(
        original_name=name,
        status=ImportStatus.REJECTED,
        total_rows=3,
        error_count=1,
        errors=[{"line": 2, "column": "email", "message": problem}],
        created_by=by,
    )


@pytest.fixture
def setting():
    company = make_department("Acme")
    sales = make_department("Sales", company)
    make_department("Support", company)
    hr = make_hr_user("hr-all")
    scoped = make_hr_user("hr-sales", scope=[sales])
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    # The scoped user's own import (run before they were given a scope) and everyone else's.
    return {
        "hr": hr,
        "scoped": scoped,
        "root": root,
        "theirs": an_import(hr, "whole-company.csv"),
        "admins": an_import(root, "admin-fix.csv"),
        "own": an_import(scoped, "my-upload.csv", problem="line of my own file"),
    }


def names(response):
    assert response.status_code == 200
    return sorted(item.original_name for item in response.context["imports"])


def test_a_scoped_hr_user_lists_only_the_imports_they_uploaded(client_for, setting):
    page = client_for(setting["scoped"]).get(reverse("people_import:index"))
    assert names(page) == ["my-upload.csv"]
    text = page.content.decode()
    assert "whole-company.csv" not in text and "admin-fix.csv" not in text
    assert "you see only the imports you uploaded yourself" in text


@pytest.mark.parametrize("view", ["people_import:detail", "people_import:status"])
def test_anyone_else_s_import_is_not_found_for_a_scoped_hr_user(client_for, setting, view):
    client = client_for(setting["scoped"])
    for other in (setting["theirs"], setting["admins"]):
        response = client.get(reverse(view, args=[other.pk]))
        assert response.status_code == 404
        assert b"bob.secret@example.com" not in response.content
    problems = client.get(reverse(view, args=[setting["theirs"].pk]), {"p": "1"})
    assert problems.status_code == 404
    assert client.get(reverse(view, args=[999999])).status_code == 404  # the same answer


def test_a_scoped_hr_user_still_follows_their_own_import(client_for, setting):
    client = client_for(setting["scoped"])
    page = client.get(reverse("people_import:detail", args=[setting["own"].pk]))
    assert page.status_code == 200
    assert "line of my own file" in page.content.decode()
    status = client.get(reverse("people_import:status", args=[setting["own"].pk]))
    assert status.json()["status"] == "rejected"


@pytest.mark.parametrize("who", ["hr", "root"])
def test_hr_without_a_scope_and_superusers_see_every_import(client_for, setting, who):
    client = client_for(setting[who])
    assert names(client.get(reverse("people_import:index"))) == [
        "admin-fix.csv",
        "my-upload.csv",
        "whole-company.csv",
    ]
    detail = client.get(reverse("people_import:detail", args=[setting["theirs"].pk]))
    assert detail.status_code == 200
    assert "bob.secret@example.com" in detail.content.decode()


def test_the_list_costs_the_same_queries_however_many_imports(
    client_for, setting, django_assert_max_num_queries
):
    client = client_for(setting["scoped"])
    client.get(reverse("people_import:index"))
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("people_import:index"))
    for number in range(15):
        an_import(setting["scoped"], f"mine-{number}.csv")
        an_import(setting["hr"], f"theirs-{number}.csv")
    with django_assert_max_num_queries(len(few)):
        page = client.get(reverse("people_import:index"))
    assert len(page.context["imports"].object_list) == 16  # their own, 20 to a page
