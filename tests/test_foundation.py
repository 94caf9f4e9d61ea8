"""The foundation: settings, the department tree, the demo data, sign-in and the health check."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Max

from lms.models import Department, Employee
from tests.factories import make_department

ROOT = Path(__file__).resolve().parent.parent
SETUP = "import django; django.setup(); from django.conf import settings"


def run_settings(module, env_extra, code):
    """Import the settings module in a fresh interpreter with a controlled environment."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    env.pop("SECRET_KEY", None)
    env.pop("ALLOWED_HOSTS", None)
    env.update({"DJANGO_SETTINGS_MODULE": module, **env_extra})
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; {code}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def counts():
    return (Department.objects.count(), Employee.objects.count(), get_user_model().objects.count())


def test_default_settings_use_sqlite_and_eager_celery():
    result = run_settings(
        "academy_site.settings.dev",
        {},
        "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_database_url_switches_to_postgresql_and_broker_to_a_worker():
    result = run_settings(
        "academy_site.settings.dev",
        {
            "DATABASE_URL": "postgres://u:p@db.example:5432/academy",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        },
        "d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['HOST'], settings.CELERY_TASK_ALWAYS_EAGER)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "academy",
        "db.example",
        "False",
    ]


@pytest.mark.parametrize(
    ("env_extra", "missing"),
    [({}, "SECRET_KEY"), ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS")],
)
def test_production_settings_refuse_to_start_without_their_secrets(env_extra, missing):
    result = run_settings("academy_site.settings.production", env_extra, "print('started')")
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert f"{missing} must be set" in result.stderr


def test_production_settings_start_with_their_secrets():
    result = run_settings(
        "academy_site.settings.production",
        {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "academy.example.com"},
        "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.SESSION_COOKIE_SECURE)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "['academy.example.com']", "True"]


@pytest.mark.django_db
def test_a_subtree_of_a_three_level_tree_is_one_query(django_assert_num_queries):
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
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first
    assert Department.objects.aggregate(deepest=Max("depth"))["deepest"] == 3


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin", "editor", "hr", "employee"])
def test_demo_users_sign_in_with_their_username_as_password(demo, client, username):
    response = client.post("/accounts/login/", {"username": username, "password": username})
    assert response.status_code == 302
    assert client.get("/api/v1/me").json()["username"] == username


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_message(demo, client):
    response = client.post("/accounts/login/", {"username": "employee", "password": "nope"})
    assert response.status_code == 200
    assert b"did not match" in response.content
    assert client.get("/api/v1/me").status_code == 401


ALLOWED, DENIED = 200, 302  # Wagtail redirects a denied admin request with a message


def sign_in(client, username, password):
    """Through the login form: the test client's login() authenticates without a request, which
    the sign-in throttle (django-axes) refuses."""
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, f"Signing in as {username} failed."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("employee", {"/admin/": DENIED, "/admin/departments/": DENIED, "/admin/pages/": DENIED}),
        ("editor", {"/admin/": ALLOWED, "/admin/departments/": DENIED, "/admin/pages/": ALLOWED}),
        ("hr", {"/admin/": ALLOWED, "/admin/departments/": ALLOWED, "/admin/pages/": DENIED}),
        ("admin", {"/admin/": ALLOWED, "/admin/departments/": ALLOWED, "/admin/pages/": ALLOWED}),
    ],
)
def test_demo_users_reach_what_their_group_allows_and_no_more(demo, client, username, expected):
    sign_in(client, username, username)
    seen = {path: client.get(path).status_code for path in expected}
    assert seen == expected


@pytest.mark.django_db
def test_hr_sees_departments_but_cannot_add_one(demo, client):
    sign_in(client, "hr", "hr")
    assert b"Brand &amp; Social" in client.get("/admin/departments/").content
    response = client.post("/admin/departments/new/", {"name": "Rogue", "code": "rogue"})
    assert response.status_code == DENIED
    assert not Department.objects.filter(code="rogue").exists()


@pytest.mark.django_db
def test_admin_adds_and_moves_a_department_in_the_tree(demo, client):
    sign_in(client, "admin", "admin")
    sales = Department.objects.get(code="sales")
    response = client.post(
        "/admin/departments/new/", {"name": "Sales APAC", "code": "sales-apac", "parent": sales.pk}
    )
    assert response.status_code == 302
    apac = Department.objects.get(code="sales-apac")
    assert apac.get_parent() == sales and apac.depth == 3
    marketing = Department.objects.get(code="marketing")
    response = client.post(
        f"/admin/departments/edit/{apac.pk}/",
        {"name": "Marketing APAC", "code": "sales-apac", "parent": marketing.pk},
    )
    assert response.status_code == 302
    apac.refresh_from_db()
    assert apac.name == "Marketing APAC" and apac.get_parent() == marketing


@pytest.mark.django_db
def test_the_admin_lists_and_edits_employees(demo, client):
    sign_in(client, "admin", "admin")
    response = client.get("/admin/employees/?q=Morgan")
    assert response.status_code == 200
    assert b"Alex Morgan" in response.content


@pytest.mark.django_db
def test_the_health_endpoint_reports_database_and_broker(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["mode"] in {"eager", "broker"}


def test_the_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Social Academy API"


@pytest.mark.django_db
def test_api_errors_are_json_with_a_message(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert client.get("/api/v1/me").json() == {
        "message": "Authentication required: sign in or send a valid bearer token."
    }


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_task_round_trips_through_the_real_worker():
    from django.conf import settings

    from academy_site.celery import app
    from lms.tasks import ping

    if not settings.CELERY_BROKER_URL:
        pytest.skip("No CELERY_BROKER_URL: the worker round-trip runs in CI's PostgreSQL pass.")
    root = make_department("Company")
    make_department("Sales", root)
    app.conf.task_always_eager = False
    try:
        result = ping.delay().get(timeout=60)
    finally:
        app.conf.task_always_eager = True
    assert result == {"vendor": "postgresql", "departments": 2}


@pytest.mark.django_db
def test_documents_in_a_private_collection_are_served_only_to_people_signed_in(client, client_for):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    from tests.factories import UserFactory

    private = Collection.get_first_root_node().add_child(name="HR only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Salary bands", collection=private)
    document.file.save("salary-bands.txt", ContentFile(b"confidential"), save=True)
    try:
        assert document.url.startswith("/documents/")  # never the file's /media/ address
        refused = client.get(document.url)
        assert refused.status_code == 302 and "/login/" in refused["Location"]
        served = client_for(UserFactory()).get(document.url)
        assert served.status_code == 200
        assert b"".join(served.streaming_content) == b"confidential"
    finally:
        document.file.delete(save=False)
