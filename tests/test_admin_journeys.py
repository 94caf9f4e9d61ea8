"""Where each role lands after signing in, and the admin's wording: quiz and course panels, the
menu's labels and icons, the dashboard's completion panel."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.models import CoursePage
from lms.landing import landing_url
from tests.factories import UserFactory, hr_group, make_catalogue, make_course

PASSWORD = "a long enough password 42"


@pytest.fixture
def people(db):
    make_catalogue()
    editor = UserFactory(username="ed", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = UserFactory(username="mo", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    hr = UserFactory(username="harriet")
    hr.groups.add(hr_group())
    employee = UserFactory(username="alex")
    for user in (editor, moderator, hr, employee):
        user.set_password(PASSWORD)
        user.save()
    return {"editor": editor, "moderator": moderator, "hr": hr, "employee": employee}


def sign_in(client, username, next_url=None):
    data = {"username": username, "password": PASSWORD}
    url = reverse("login")
    if next_url is not None:
        data["next"] = next_url
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    if response.url == reverse("academy_after_sign_in"):
        response = client.get(response.url)
        assert response.status_code == 302
    return response.url


def test_each_role_lands_where_its_work_is(client, people):
    assert sign_in(client, "ed") == reverse("wagtailadmin_home")
    client.logout()
    assert sign_in(client, "mo") == reverse("wagtailadmin_home")
    client.logout()
    assert sign_in(client, "harriet") == reverse("lms_reports:department_completion")
    client.logout()
    assert sign_in(client, "alex") == "/"


def test_an_explicit_next_is_respected(client, people):
    assert sign_in(client, "harriet", next_url="/my-learning/") == "/my-learning/"
    client.logout()
    assert sign_in(client, "ed", next_url="https://elsewhere.example/") == (
        reverse("wagtailadmin_home")
    )
    client.force_login(people["hr"])
    landing = client.get(reverse("academy_after_sign_in") + "?next=/certificates/")
    assert landing.url == "/certificates/"


def test_the_landing_needs_a_signed_in_person(client, db):
    response = client.get(reverse("academy_after_sign_in"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_sign_in_link_on_the_home_page_asks_for_no_page(client, people):
    html = client.get("/").content.decode()
    assert f'href="{reverse("login")}"' in html
    assert "?next=/&quot;" not in html and f'{reverse("login")}?next=/"' not in html


def test_a_host_can_override_the_landing(people):
    from wagtail import hooks

    with hooks.register_temporarily("academy_landing_page", lambda user: "/elsewhere/", order=-1):
        assert landing_url(people["editor"]) == "/elsewhere/"
    assert landing_url(people["employee"]) == "/"


def test_course_and_quiz_forms_say_what_they_add(admin_client, db):
    course = make_course("Wording", lessons=0, questions=0)
    add_quiz = reverse("wagtailadmin_pages:add", args=("courses", "quizpage", course.pk))
    html = admin_client.get(add_quiz).content.decode()
    assert "Add a question" in html and "Add a choice" in html
    assert "Add Choices" not in html and "Add Questions" not in html
    edit_course = admin_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    html = edit_course.content.decode()
    assert "Topics." not in html
    assert "separated by commas" in html
    tags = CoursePage._meta.get_field("tags")
    assert str(tags.help_text).lower() != f"{tags.verbose_name}."


def test_the_admin_menu_labels_and_icons(admin_client, db):
    from certification.viewsets import CertificationGroup
    from courses.viewsets import LearningRecordsGroup

    icons = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert CertificationGroup.menu_icon == "trophy"
    assert 'id="icon-trophy"' in admin_client.get(reverse("wagtailadmin_sprite")).content.decode()
    assert len(str(LearningRecordsGroup.menu_label)) <= 16
    assert "Learning records" not in icons


def test_the_completion_panel_uses_wagtails_panel_heading(admin_client, db):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="hr-completion-heading"' in html
    assert "w-panel__heading--label" not in html.split('id="hr-completion-section"')[1][:1500]
