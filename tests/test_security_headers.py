"""Security headers: personal pages and API answers are never cached (Cache-Control: private,
no-store), every page carries a Content-Security-Policy (a stricter one on the site than in the
Wagtail admin), the API docs load only local files, and the admin asks nobody for updates."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import RequestFactory

from courses.models import CoursePage, LessonPage, QuizPage
from lms.security import ContentSecurityPolicyMiddleware
from tests.factories import CertificateFactory, api_token

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def employee(demo, client_for):
    return client_for(user("employee"))


def directives(response):
    policy = response["Content-Security-Policy"]
    parts = (part.strip().split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


def is_private(response):
    cache_control = response.get("Cache-Control", "")
    return "private" in cache_control and "no-store" in cache_control


# --- Cache-Control ---------------------------------------------------------------------------


def test_personal_pages_are_private_and_not_stored(employee):
    certificate = CertificateFactory(holder=user("employee"))
    course = CoursePage.objects.live().get(slug="social-media-basics")
    pages = [
        "/",
        "/my-learning/",
        "/certificates/",
        f"/certificates/{certificate.serial}/",
        f"/certificates/{certificate.serial}/pdf/",
        "/my-access/",
        "/my-team/",
        course.url,
        LessonPage.objects.live().child_of(course).first().url,
        "/verify/",  # the header greets the signed-in person by name
    ]
    for path in pages:
        response = employee.get(path)
        assert response.status_code == 200, path
        assert is_private(response), f"{path}: {response.get('Cache-Control')!r}"


def test_personal_api_answers_are_private_and_not_stored(employee):
    for path in ["/api/v1/me", "/api/v1/me/progress", "/api/v1/me/certificates"]:
        response = employee.get(path)
        assert response.status_code == 200, path
        assert is_private(response), f"{path}: {response.get('Cache-Control')!r}"


def test_answers_to_an_integration_token_are_private_and_not_stored(demo, client):
    _token, raw = api_token("accounts:read")
    response = client.get("/api/v1/accounts", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert is_private(response)


def test_public_pages_seen_by_a_visitor_stay_cacheable(demo, client):
    certificate = CertificateFactory(holder=user("employee"))
    for path in ["/courses/", f"/verify/{certificate.serial}/", "/official-accounts/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" not in response.get("Cache-Control", ""), path


def test_responses_that_choose_their_own_caching_keep_it(demo, client, client_for):
    response = client.get("/api/v1/health")
    assert not is_private(response)  # it never looks at who asks
    certificate = CertificateFactory(holder=user("employee"))
    response = client_for(user("employee")).get(f"/api/v1/certificates/{certificate.serial}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"  # public verification: anyone may ask


def test_a_personal_page_that_sets_its_own_caching_keeps_it(demo, client_for):
    response = client_for(user("admin")).get("/.well-known/jwks.json")
    assert "private" not in response.get("Cache-Control", "")


# --- Content-Security-Policy -----------------------------------------------------------------


def test_site_pages_allow_scripts_from_the_site_only(employee):
    course = CoursePage.objects.live().get(slug="social-media-basics")
    quiz = QuizPage.objects.live().child_of(course).first()
    for path in ["/", "/courses/", course.url, quiz.url, "/my-learning/", "/verify/"]:
        response = employee.get(path)
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], path
        assert policy["script-src"] == ["'self'"], path  # no inline script, no eval
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]


def test_error_pages_and_the_sign_in_form_carry_the_policy(demo, client):
    for path, status in [("/courses/no-such-course/", 404), ("/accounts/login/", 200)]:
        response = client.get(path)
        assert response.status_code == status
        assert directives(response)["script-src"] == ["'self'"]


def test_the_admin_allows_its_own_inline_scripts_and_no_nonce(demo, client_for):
    admin = client_for(user("admin"))
    course = CoursePage.objects.live().get(slug="social-media-basics")
    responses = [admin.get("/admin/"), admin.get(f"/admin/pages/{course.pk}/edit/")]
    admin.logout()
    responses.append(admin.get("/admin/login/"))
    for response in responses:
        assert response.status_code == 200
        policy = directives(response)
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["default-src"] == ["'self'"]


def test_an_inline_script_runs_with_the_nonce_of_its_response():
    """A template writes nonce="{{ CSP_NONCE }}"; the header then names that nonce."""
    template = Template('<script nonce="{{ CSP_NONCE }}">start()</script>')

    def view(request):
        from csp.context_processors import nonce

        return HttpResponse(template.render(RequestContext(request, nonce(request))))

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    used = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert directives(response)["script-src"] == ["'self'", f"'nonce-{used}'"]


def test_the_api_docs_load_only_local_files_and_carry_the_policy(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(url.startswith("/static/") for url in sources), sources
    assert "cdn" not in html.lower()
    assert directives(response)["script-src"] == ["'self'"]


# --- No outside requests from the admin --------------------------------------------------------


def test_the_admin_dashboard_does_not_check_for_wagtail_updates(demo, client_for):
    from django.conf import settings

    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    html = client_for(user("admin")).get("/admin/").content.decode()
    assert 'data-controller="w-upgrade' not in html
    assert "Wagtail upgrade available" not in html
