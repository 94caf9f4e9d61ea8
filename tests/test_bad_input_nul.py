"""NUL characters are refused as bad input (400) before any view sees them.

PostgreSQL cannot store or compare a text value holding U+0000, so each of these was a 500 there
(a DataError or ValueError from the driver); SQLite let some through. The refusal is made once,
in lms.bad_input.RejectNulMiddleware, for the path, the query string, form fields and JSON
bodies; uploaded files are left to whoever reads them.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from access import services as access_services
from lms.models import PeopleImport
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    account_with_roles,
    api_token,
    certify,
    make_course,
    people_csv,
    person_row,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


def post_json(client, url, body, **headers):
    """POST a JSON text as it is (json.dumps writes U+0000 as the escape \\u0000)."""
    if not isinstance(body, str | bytes):
        body = json.dumps(body)
    return client.post(url, body, content_type="application/json", **headers)


def assert_page_400(response):
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("text/plain")
    assert b"NUL" in response.content


def assert_api_400(response):
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert "NUL" in response.json()["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/courses/?q=%00",
        "/courses/?q=a%00b",
        "/courses/?tag=%00",
        "/courses/?%00=1",
        "/official-accounts/?handle=%00",
        "/official-accounts/?handle=x&platform=%00",
        "/courses/%00/",
        "/verify/a%00b/",
    ],
)
def test_anonymous_pages_refuse_a_nul_in_the_path_or_query(url):
    make_course(lessons=1, questions=0, tags=("safety",))
    account_with_roles()

    assert_page_400(Client().get(url))


def test_the_same_pages_still_answer_without_a_nul():
    make_course(lessons=1, questions=0, tags=("safety",))
    client = Client()
    assert client.get("/courses/?q=posting&tag=safety").status_code == 200
    assert client.get("/official-accounts/?handle=acme").status_code == 200


@pytest.mark.parametrize(
    "url",
    [f"{API}/courses?search=%00", f"{API}/courses?tag=%00", f"{API}/courses?%00=x"],
)
def test_api_queries_with_a_nul_are_a_json_400(client_for, url):
    make_course(lessons=1, questions=0)
    assert_api_400(client_for(UserFactory()).get(url))
    assert_api_400(Client().get(url))  # anonymous too: refused before authentication


def test_the_access_check_refuses_a_nul_in_the_user():
    account = account_with_roles()
    person = EmployeeFactory()
    _token, raw = api_token("access:check")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = f"{API}/access/check"
    params = {"account": account.handle, "role": "publish"}

    assert_api_400(client.get(url, {**params, "user": "a\x00b"}))
    assert_api_400(client.get(f"{url}?user=a%00b&account={account.handle}&role=publish"))
    assert client.get(url, {**params, "user": person.user.email}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"account": "ACCOUNT", "role": "publish", "note": "please\u0000"},
        {"account": "acme\u0000", "role": "publish"},
        {"account": "ACCOUNT", "role": "publish", "no\u0000te": "x"},
        {"account": "ACCOUNT", "role": "publish", "extra": [{"deep": ["\u0000"]}]},
        '{"account": "ACCOUNT", "role": "publish", "note": "\\u0000"}',
    ],
)
def test_an_access_request_with_a_nul_in_its_json_is_a_400(client_for, body):
    account = account_with_roles()
    if isinstance(body, dict):
        body = json.dumps(body)
    body = body.replace("ACCOUNT", str(account.pk))
    client = client_for(EmployeeFactory().user)

    assert_api_400(post_json(client, f"{API}/access-requests", body))


def test_an_access_request_without_a_nul_still_goes_through(client_for):
    account = account_with_roles()
    client = client_for(EmployeeFactory().user)
    response = post_json(
        client,
        f"{API}/access-requests",
        {"account": str(account.pk), "role": "publish", "note": "For the launch."},
    )
    assert response.status_code == 201, response.content


def test_a_revoke_note_with_a_nul_is_a_400(client_for, ladder):
    owner = UserFactory()
    account = account_with_roles(owners=[owner])
    holder = EmployeeFactory().user
    certify(holder, ladder["professional"])
    grant = access_services.request_access(holder, account, "publish").grant_result
    client = client_for(owner)
    url = f"{API}/access-grants/{grant.pk}/revoke"

    assert_api_400(post_json(client, url, {"note": "left\u0000"}))
    assert post_json(client, url, {"note": "Left the company."}).status_code == 200


def test_an_access_request_form_with_a_nul_is_a_400(client_for):
    account = account_with_roles()
    client = client_for(EmployeeFactory().user)
    url = reverse("access:my_access")

    for data in (
        {"account": account.pk, "role": "publish", "note": "please\x00"},
        {"account": f"{account.pk}\x00", "role": "publish"},
        {"account": account.pk, "role": "publish", "x\x00": "1"},
    ):
        # As a browser sends it (url-encoded), and as multipart (a form with a file field).
        assert_page_400(
            client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
        )
        assert_page_400(client.post(url, data))


def test_an_url_encoded_form_body_with_a_percent_encoded_nul_is_a_400(client_for):
    account = account_with_roles()
    client = client_for(EmployeeFactory().user)
    response = client.post(
        reverse("access:my_access"),
        f"account={account.pk}&role=publish&note=a%00b",
        content_type="application/x-www-form-urlencoded",
    )
    assert_page_400(response)


def test_an_api_body_that_is_not_json_is_left_to_the_api(client_for):
    """The middleware only refuses NULs; a body it cannot parse is the API's to answer."""
    client = client_for(EmployeeFactory().user)
    response = post_json(client, f"{API}/access-requests", b"{not json")
    assert response.status_code in (400, 422)
    assert "NUL" not in response.json()["message"]


def test_a_json_text_spelling_a_backslash_u0000_is_not_a_nul(client_for):
    account = account_with_roles()
    client = client_for(EmployeeFactory().user)
    body = json.dumps({"account": str(account.pk), "role": "publish", "note": "see \\u0000"})
    assert "\\\\u0000" in body  # an escaped backslash, then the letters u0000
    assert post_json(client, f"{API}/access-requests", body).status_code == 201


def test_a_body_too_large_to_read_is_left_to_the_api(client_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    client = client_for(EmployeeFactory().user)
    body = json.dumps({"account": "1", "role": "publish", "note": "\u0000" + "x" * 200})
    response = post_json(client, f"{API}/access-requests", body)
    assert response.status_code == 413
    assert response.json() == {"message": "The request body is too large."}


def test_a_page_form_without_a_multipart_boundary_is_still_a_400(client_for):
    client = client_for(EmployeeFactory().user)
    response = client.generic(
        "POST", reverse("access:my_access"), b"x", content_type="multipart/form-data"
    )
    assert response.status_code == 400


def test_a_file_upload_may_hold_a_nul_and_becomes_a_row_problem(client_for, settings):
    """File contents are not inspected by the middleware; the import says what is wrong."""
    settings.ACADEMY_PEOPLE_IMPORT_ASYNC_ROWS = 1000
    client = client_for(UserFactory(username="root", is_superuser=True, is_staff=True))
    raw = people_csv([person_row("A1", "Acme", first_name="Ad\x00a")])
    upload = SimpleUploadedFile("people.csv", raw, content_type="text/csv")

    response = client.post(reverse("people_import:index"), {"file": upload})

    assert response.status_code == 302, response.content[:500]
    record = PeopleImport.objects.get()
    assert record.status == "rejected"
    assert record.errors == [
        {
            "line": 2,
            "column": "first_name",
            "message": "Holds a NUL character (U+0000): remove it and upload the file again.",
        }
    ]


def test_a_multipart_field_beside_a_file_with_a_nul_is_a_400(client_for):
    client = client_for(UserFactory(username="root", is_superuser=True, is_staff=True))
    upload = SimpleUploadedFile("people.csv", people_csv([person_row("A1", "Acme")]))
    response = client.post(reverse("people_import:index"), {"file": upload, "x": "\x00"})
    assert_page_400(response)
    assert not PeopleImport.objects.exists()


def test_a_session_cookie_spelling_a_nul_is_a_400():
    """A quoted cookie value may hold the escape \\000; the session id is looked up in SQL."""
    make_course(lessons=1, questions=0)
    client = Client(HTTP_COOKIE='sessionid="abcdefghij\\000klmnop"')
    assert_page_400(client.get("/courses/"))
    assert_api_400(client.get(f"{API}/courses"))
