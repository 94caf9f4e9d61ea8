"""What a fuzzer of the OpenAPI document found: each of these was a 500 or a wrong refusal."""

import json

import pytest
from django.test import Client

from certification.models import CertificateStatus
from certification.services import issue_certificate
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    account_with_roles,
    api_token,
    make_course,
    make_department,
    make_hr_user,
    make_program,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"
HUGE = "100000000000000000000"  # past 64 bits


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_a_token_revokes_through_a_client_that_enforces_csrf(client_for):
    holder = EmployeeFactory().user
    certificate = issue_certificate(holder, make_program("enthusiast"))
    _token, raw = api_token("certificates:revoke")
    strict = Client(enforce_csrf_checks=True)
    url = f"{API}/certificates/{certificate.serial}/revoke"

    response = post_json(strict, url, {"reason": "Left."}, HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200, response.content
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    # A session still needs its CSRF token.
    officer = UserFactory(is_superuser=True, is_staff=True)
    strict.force_login(officer)
    refused = post_json(strict, url, {"reason": "Again."})
    assert refused.status_code == 403


def test_a_multipart_body_without_a_boundary_is_a_json_400(client_for):
    course = make_course(lessons=1, questions=0)
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    client.cookies["csrftoken"] = "a" * 32
    response = client.generic(
        "POST", f"{API}/courses/{course.pk}/enroll", b"x", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "cannot be read" in response.json()["message"]


def test_page_ids_past_32_bits_are_not_found(client_for):
    client = client_for(UserFactory())
    for url in (
        f"{API}/courses/{HUGE}",
        f"{API}/lessons/{HUGE}",
        f"{API}/quizzes/{HUGE}",
        f"{API}/quizzes/{HUGE}?include_answers=true",
        f"{API}/quizzes/{HUGE}/attempts",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"{API}/courses/{HUGE}/enroll",
        f"{API}/lessons/{HUGE}/complete",
        f"{API}/policies/{HUGE}/accept",
    ):
        assert post_json(client, url, {}).status_code == 404, url


def test_limit_and_offset_past_their_bounds_are_a_422(client_for):
    _token, raw = api_token("accounts:read")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get(f"{API}/accounts?limit=500").status_code == 200
    for query in ("limit=501", "limit=0", f"limit={HUGE}", f"offset={HUGE}", "offset=-1"):
        response = client.get(f"{API}/accounts?{query}")
        assert response.status_code == 422, query
        assert response.json()["message"].startswith("Invalid input")
    staff = client_for(UserFactory(is_superuser=True, is_staff=True))
    assert staff.get(f"{API}/access-requests?limit={HUGE}").status_code == 422


def test_a_report_page_past_a_million_is_a_400(client_for):
    client = client_for(make_hr_user())
    url = f"{API}/reports/department-completion/people?metric=headcount"
    assert client.get(f"{url}&page=1000000").status_code == 200
    response = client.get(f"{url}&page={HUGE}")
    assert response.status_code == 400 and "page must be 1 to" in response.json()["message"]


def test_accounts_named_by_odd_digits_or_huge_numbers_are_not_found(client_for):
    account_with_roles()
    person = EmployeeFactory()
    _token, raw = api_token("access:check")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    for reference in ("²", "١٢", HUGE):
        response = client.get(
            f"{API}/access/check",
            {"user": person.user.email, "account": reference, "role": "publish"},
        )
        assert response.status_code == 404, reference
        assert "No official account" in response.json()["message"]
    asking = client_for(person.user)
    response = post_json(asking, f"{API}/access-requests", {"account": "²", "role": "publish"})
    assert response.status_code == 404


def test_a_start_time_out_of_range_or_long_ago_is_a_422(client_for):
    course = make_course(lessons=0, questions=1)
    quiz = course.quiz()
    user = UserFactory()
    client = client_for(user)
    question = client.get(f"{API}/quizzes/{quiz.pk}").json()["questions"][0]
    answers = {str(question["id"]): [question["choices"][0]["id"]]}
    for started_at, message in (
        ("0001-01-01T00:00:00+14:00", "could have started"),
        ("2001-01-01T00:00:00Z", "within the last 7 days"),
        ("0001-01-01T00:00:00", "within the last 7 days"),
    ):
        body = {
            "submission_key": "7b0c8a4e-3f59-4d8e-9b7e-0d5f8c2a1e01",
            "answers": answers,
            "started_at": started_at,
        }
        response = post_json(client, f"{API}/quizzes/{quiz.pk}/attempts", body)
        assert response.status_code == 422, started_at
        assert message in response.json()["message"]
    assert not quiz.attempts.exists()


def test_a_scoped_hr_user_sees_only_their_departments_in_the_tree(client_for):
    root = make_department("Acme")
    sales = make_department("Sales", parent=root)
    emea = make_department("Sales EMEA", parent=sales)
    make_department("Support", parent=root)
    EmployeeFactory(department=emea)

    scoped = client_for(make_hr_user(scope=[sales])).get(f"{API}/departments").json()
    assert [(d["name"], d["parent_id"], d["headcount"]) for d in scoped] == [
        ("Sales", None, 0),
        ("Sales EMEA", sales.pk, 1),
    ]
    everyone = client_for(make_hr_user(username="hr-all")).get(f"{API}/departments").json()
    assert {d["name"] for d in everyone} >= {"Acme", "Sales", "Sales EMEA", "Support"}


def declared(schema, method, url):
    """The status codes the OpenAPI document declares for the operation serving this URL."""
    import re

    path = url.split("?")[0]
    for template, operations in schema["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in operations:
            return set(operations[method.lower()]["responses"])
    raise AssertionError(f"no operation for {method} {url}")


def test_the_openapi_document_declares_the_errors_operations_give(client, client_for):
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["message"]
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert all(isinstance(code, str) for code in operation["responses"])
            assert "400" in operation["responses"]
            if operation.get("security"):
                assert {"401", "403"} <= set(operation["responses"])
    report = schema["paths"][f"{API}/reports/department-completion"]["get"]
    assert "text/csv" in report["responses"]["200"]["content"]

    # Errors really given, each declared for its operation.
    account_with_roles()
    _token, raw = api_token("access:check")
    token = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    employee = client_for(EmployeeFactory().user)
    seen = [
        ("GET", f"{API}/me", client),
        ("GET", f"{API}/departments", employee),
        ("GET", f"{API}/accounts?limit=9999", token),
        ("GET", f"{API}/access/check?user=nobody@example.com&account=1&role=publish", token),
        ("GET", f"{API}/access/check?user=a@b.c&account=1&role=owner", token),
        ("GET", f"{API}/reports/department-completion", token),
        ("GET", f"{API}/courses/{HUGE}", employee),
    ]
    for method, url, caller in seen:
        status = caller.generic(method, url).status_code
        assert 400 <= status < 500, url
        assert str(status) in declared(schema, method, url), (url, status)


def test_an_error_with_a_translated_message_answers_its_status_not_a_500(rf):
    """Views raise HttpError with gettext_lazy messages; the handler turns them into text."""
    from django.utils.translation import gettext_lazy
    from ninja.errors import HttpError

    from lms.api.main import on_http_error

    request = rf.get("/api/v1/accounts/1/duty")
    response = on_http_error(request, HttpError(404, gettext_lazy("No such account.")))
    assert response.status_code == 404
    assert json.loads(response.content)["message"] == "No such account."
