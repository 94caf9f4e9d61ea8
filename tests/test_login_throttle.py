"""Sign-in throttling (django-axes): wrong passwords lock one username from one address on the
site's and the admin's login forms, the lock says so and ends after the cool-off, staff with the
permission see and unlock it in the admin, and it is logged."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client, RequestFactory, override_settings

from lms.login_throttle import client_ip_address
from tests.factories import EmployeeFactory, UserFactory, api_token

pytestmark = pytest.mark.django_db

FORMS = ["/accounts/login/", "/admin/login/"]
HOME = "198.51.100.7"
ELSEWHERE = "203.0.113.9"
LIMIT = settings.AXES_FAILURE_LIMIT
LOCKOUTS = "/admin/sign-in-lockouts/"


@pytest.fixture
def person():
    return UserFactory(username="sam", password="right-horse-battery")


def attempt(client, form, username, password, address=HOME):
    return client.post(form, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in_as(client):
    response = client.get("/api/v1/me")
    return response.json()["username"] if response.status_code == 200 else None


def lock(person, form="/accounts/login/", address=HOME):
    client = Client()
    for _ in range(LIMIT):
        attempt(client, form, person.username, "wrong", address)
    return client


def staff(*codenames, superuser=False):
    user = UserFactory(is_superuser=superuser)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client = Client()
    client.force_login(user)
    return client


def test_the_defaults_are_five_tries_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.mark.parametrize("form", FORMS)
def test_wrong_passwords_lock_the_username_from_that_address(client, person, form):
    for number in range(1, LIMIT):
        response = attempt(client, form, "sam", f"wrong-{number}")
        assert response.status_code == 200, f"try {number}"
    response = attempt(client, form, "sam", "wrong-again")
    assert response.status_code == 429
    # Now even the right password is refused, with a page that says why and for how long.
    response = attempt(client, form, "sam", "right-horse-battery")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    html = response.content.decode()
    assert "<h1>Too many failed sign-ins</h1>" in html
    assert f"paused after {LIMIT} wrong passwords" in html
    assert "Try again in 15 minutes" in html
    assert "/static/lms/css/site.css" in html
    assert signed_in_as(client) is None


def test_the_two_forms_share_one_count(client, person):
    for number in range(LIMIT - 1):
        attempt(client, FORMS[number % 2], "sam", "wrong")
    assert attempt(client, "/admin/login/", "sam", "wrong").status_code == 429
    assert attempt(client, "/accounts/login/", "sam", "right-horse-battery").status_code == 429


def test_another_address_and_another_user_are_not_locked(person):
    UserFactory(username="kim", password="kims-own-secret")
    lock(person)
    other_address = Client()
    response = attempt(other_address, "/accounts/login/", "sam", "right-horse-battery", ELSEWHERE)
    assert response.status_code == 302
    assert signed_in_as(other_address) == "sam"
    other_user = Client()
    response = attempt(other_user, "/accounts/login/", "kim", "kims-own-secret", HOME)
    assert response.status_code == 302
    assert signed_in_as(other_user) == "kim"


def test_the_lock_ends_after_the_cool_off(client, person):
    lock(person)
    assert attempt(client, "/accounts/login/", "sam", "right-horse-battery").status_code == 429
    # Time passes: the last try is now older than the cool-off.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    response = attempt(client, "/accounts/login/", "sam", "right-horse-battery")
    assert response.status_code == 302
    assert signed_in_as(client) == "sam"


def test_a_successful_sign_in_clears_the_count(client, person):
    for _ in range(LIMIT - 1):
        attempt(client, "/accounts/login/", "sam", "wrong")
    assert attempt(client, "/accounts/login/", "sam", "right-horse-battery").status_code == 302
    client.post("/accounts/logout/")
    for _ in range(LIMIT - 1):
        assert attempt(client, "/accounts/login/", "sam", "wrong").status_code == 200
    assert attempt(client, "/accounts/login/", "sam", "right-horse-battery").status_code == 302


def test_a_lockout_is_logged_as_a_warning_with_username_and_address(person, caplog):
    with caplog.at_level(logging.INFO, logger="axes"):
        lock(person)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    locking = [message for message in warnings if "Locking out" in message]
    assert len(locking) == 1
    assert '"sam"' in locking[0] and HOME in locking[0]
    assert "wrong" not in " ".join(r.getMessage() for r in caplog.records)  # no password


# --- Staff: Settings > Sign-in lockouts --------------------------------------------------------


def test_staff_with_the_permission_see_the_lock_and_unlock_it(person, caplog):
    lock(person)
    admin = staff(superuser=True)
    response = admin.get(LOCKOUTS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "sam" in html and HOME in html and "Locked out until" in html
    assert "1 username and address locked out now." in html
    with caplog.at_level(logging.INFO, logger="lms.login_throttle"):
        response = admin.post(f"{LOCKOUTS}unlock/", {"username": "sam", "ip_address": HOME})
    assert response.status_code == 302
    assert any("Sign-in unlocked by" in r.getMessage() for r in caplog.records)
    assert not AccessAttempt.objects.exists()
    client = Client()
    assert attempt(client, "/accounts/login/", "sam", "right-horse-battery").status_code == 302
    assert "sam can sign in from" in admin.get(LOCKOUTS).content.decode()


def test_unlocking_one_address_leaves_the_others_locked(person):
    lock(person, address=HOME)
    lock(person, address=ELSEWHERE)
    admin = staff("view_accessattempt", "delete_accessattempt")
    admin.post(f"{LOCKOUTS}unlock/", {"username": "sam", "ip_address": HOME})
    client = Client()
    assert attempt(client, "/accounts/login/", "sam", "right-horse-battery").status_code == 302
    response = attempt(Client(), "/accounts/login/", "sam", "right-horse-battery", ELSEWHERE)
    assert response.status_code == 429


def test_a_group_with_the_permissions_may_unlock(person):
    lock(person)
    group = Group.objects.create(name="Service desk")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_accessattempt", "delete_accessattempt"]
        )
    )
    user = UserFactory()
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    assert b"Sign-in lockouts" in client.get("/admin/").content
    assert client.get(LOCKOUTS).status_code == 200
    client.post(f"{LOCKOUTS}unlock/", {"username": "sam", "ip_address": HOME})
    assert not AccessAttempt.objects.exists()


def test_the_permissions_are_offered_in_the_group_editor():
    admin = staff(superuser=True)
    html = admin.get("/admin/groups/new/").content.decode()
    assert "access attempt" in html.lower()


def test_people_without_the_permission_cannot_see_or_unlock(person):
    """Wagtail answers a refusal in its admin with a redirect: to the login form for people
    without admin access, to the dashboard with a message for staff without the permission."""
    lock(person)
    unlock = {"username": "sam", "ip_address": HOME}
    employee = Client()
    employee.force_login(EmployeeFactory().user)
    assert employee.get(LOCKOUTS).url.startswith("/admin/login/")
    assert employee.post(f"{LOCKOUTS}unlock/", unlock).url.startswith("/admin/login/")
    anonymous = Client()
    assert anonymous.post(f"{LOCKOUTS}unlock/", unlock).url.startswith("/admin/login/")
    editor = staff()  # the admin, but not this screen
    assert editor.get(LOCKOUTS).url == "/admin/"
    assert b"Sign-in lockouts" not in editor.get("/admin/").content
    viewer = staff("view_accessattempt")  # may look, may not unlock
    page = viewer.get(LOCKOUTS)
    assert page.status_code == 200 and b"Unlock sam" not in page.content
    assert viewer.post(f"{LOCKOUTS}unlock/", unlock).url == "/admin/"
    assert AccessAttempt.objects.count() == 1
    assert attempt(Client(), "/accounts/login/", "sam", "right-horse-battery").status_code == 429


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"username": "sam", "ip_address": "not-an-address"}, "Address: Enter a valid"),
        ({"username": "", "ip_address": HOME}, "Username: This field is required."),
        ({"username": "sam"}, "Address: This field is required."),
    ],
)
def test_an_unlock_with_bad_input_is_refused_with_a_message(person, data, problem):
    lock(person)
    response = staff(superuser=True).post(f"{LOCKOUTS}unlock/", data)
    assert response.status_code == 400
    assert "Nothing was unlocked." in response.content.decode()
    assert problem in response.content.decode()
    assert AccessAttempt.objects.count() == 1


def test_the_unlock_is_post_only(person):
    assert staff(superuser=True).get(f"{LOCKOUTS}unlock/").status_code == 405


# --- What stays as it was --------------------------------------------------------------------


def test_api_tokens_are_not_throttled_sign_ins(person):
    lock(person)
    _token, raw = api_token("accounts:read")
    response = Client().get("/api/v1/accounts", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_a_locked_person_already_signed_in_stays_signed_in(person):
    session = Client()
    session.force_login(person)
    lock(person)
    assert signed_in_as(session) == "sam"


# --- The client's address ----------------------------------------------------------------------


def test_the_address_is_remote_addr_unless_proxies_are_trusted():
    factory = RequestFactory()
    forged = factory.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert client_ip_address(forged) == "10.0.0.2"
    with override_settings(ACADEMY_TRUSTED_PROXY_COUNT=1):
        # The proxy appended what it saw; whatever the client sent before that is ignored.
        request = factory.post(
            "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9"
        )
        assert client_ip_address(request) == "203.0.113.9"
        junk = factory.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="'; drop table")
        assert client_ip_address(junk) == "10.0.0.2"
        missing = factory.post("/", REMOTE_ADDR="10.0.0.2")
        assert client_ip_address(missing) == "10.0.0.2"


@override_settings(ACADEMY_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_people_are_told_apart_by_their_own_address(person):
    client = Client()
    for _ in range(LIMIT):
        client.post(
            "/accounts/login/",
            {"username": "sam", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=HOME,
        )
    response = Client().post(
        "/accounts/login/",
        {"username": "sam", "password": "right-horse-battery"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=ELSEWHERE,
    )
    assert response.status_code == 302
    assert AccessAttempt.objects.get().ip_address == HOME
