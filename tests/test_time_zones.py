"""Each person's time zone (Your settings, the middleware, their e-mails) and the one date
format of the site's pages."""

import datetime
import re
import uuid
import zoneinfo

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from access.models import Platform
from access.models.accounts import platform_label
from certification.notifications import send_certificate_email
from courses.models import QuizAttempt, QuizPage
from courses.services import load_questions, submit_attempt
from lms.formats import format_date, format_datetime, format_time
from lms.models import Preferences
from lms.time_zones import SESSION_KEY, PersonTimeZoneMiddleware, set_time_zone, time_zone_for
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    accept_current_policy,
    account_with_roles,
    certify,
    make_course,
    make_quiz,
    question,
    record_completions,
)

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MIDDLEWARE = "lms.time_zones.PersonTimeZoneMiddleware"
#: "3 Dec 2026", "2026-12-03", "03/12/2026": the formats the pages must no longer use.
OTHER_DATE_FORMATS = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b"
)


def in_paris(user):
    set_time_zone(user, "Europe/Paris")
    return user


def visible_text(html):
    """The page without its attributes, scripts and styles (ISO dates may sit in attributes)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]*>", " ", html)


# --- The cool-down, in the person's zone ---------------------------------------------------


@pytest.fixture
def cooling_quiz(db):
    course = make_course(lessons=1, questions=0)
    return make_quiz(
        course,
        questions=[question("single", "Which post discloses?", correct=(1,))],
        max_attempts=3,
        cooldown_minutes=30,
        pass_mark=60,
    )


def fail_once(user, quiz):
    questions = load_questions(quiz)
    answers = {q.pk: [next(c.pk for c in q.choices.all() if not c.is_correct)] for q in questions}
    attempt, _ = submit_attempt(user, quiz, uuid.uuid4(), answers)
    return attempt.submitted_at + datetime.timedelta(minutes=quiz.cooldown_minutes)


def test_a_person_in_paris_sees_the_cool_down_in_paris_time(client_for, cooling_quiz):
    user = in_paris(UserFactory())
    retry_at = fail_once(user, cooling_quiz)
    html = client_for(user).get(cooling_quiz.url).content.decode()
    local = retry_at.astimezone(PARIS)
    assert local.tzname() in {"CET", "CEST"}
    assert f"the next attempt opens at {local:%H:%M} {local.tzname()}" in html
    assert "(UTC)" not in html


def test_without_a_choice_the_cool_down_is_in_the_site_zone(client_for, cooling_quiz):
    user = UserFactory()
    retry_at = fail_once(user, cooling_quiz)
    html = client_for(user).get(cooling_quiz.url).content.decode()
    local = retry_at.astimezone(timezone.get_default_timezone())
    assert f"the next attempt opens at {local:%H:%M} {local.tzname()}" in html


def test_a_cool_down_ending_another_day_names_the_day(client_for, cooling_quiz):
    QuizPage.objects.filter(pk=cooling_quiz.pk).update(cooldown_minutes=3 * 24 * 60)
    cooling_quiz.refresh_from_db()
    user = in_paris(UserFactory())
    retry_at = fail_once(user, cooling_quiz)
    html = client_for(user).get(cooling_quiz.url).content.decode()
    with timezone.override(PARIS):
        assert f"opens at {format_time(retry_at)} on {format_date(retry_at)}." in html
    assert QuizAttempt.objects.count() == 1


# --- Your settings -------------------------------------------------------------------------


def test_your_settings_page_saves_a_zone(client_for):
    user = UserFactory()
    client = client_for(user)
    page = client.get("/my-settings/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<option value="Europe/Paris">' in html
    assert f'<option value="{settings.TIME_ZONE}" selected>' in html
    saved = client.post("/my-settings/", {"time_zone": "Europe/Paris"})
    assert saved.status_code == 302
    assert Preferences.objects.get(user=user).time_zone == "Europe/Paris"
    again = client.get("/my-settings/").content.decode()
    assert '<option value="Europe/Paris" selected>' in again
    assert "Your time zone is <strong>Europe/Paris</strong>" in again


@pytest.mark.parametrize("bad", ["Mars/Olympus_Mons", "", "europe/paris", "../../etc/passwd"])
def test_an_unknown_zone_is_a_400_and_keeps_the_old_one(client_for, bad):
    user = UserFactory()
    set_time_zone(user, "Asia/Tokyo")
    response = client_for(user).post("/my-settings/", {"time_zone": bad})
    assert response.status_code == 400
    html = response.content.decode()
    if bad:
        assert "is not a time zone we know: choose one from the list." in html
    else:
        assert "Choose a time zone." in html
    assert '<option value="Asia/Tokyo" selected>' in html
    assert Preferences.objects.get(user=user).time_zone == "Asia/Tokyo"


def test_your_settings_needs_a_sign_in_and_the_header_links_to_it(client, client_for):
    response = client.get("/my-settings/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "Your settings" not in client.get("/official-accounts/").content.decode()
    html = client_for(UserFactory()).get("/official-accounts/").content.decode()
    assert '<a class="link-button" href="/my-settings/">Your settings</a>' in html


# --- The middleware ------------------------------------------------------------------------


def zone_seen_by(user):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    seen = []
    PersonTimeZoneMiddleware(lambda r: seen.append(timezone.get_current_timezone_name()))(request)
    return seen[0]


def test_the_middleware_activates_the_person_s_zone_and_anonymous_get_the_site_s():
    timezone.activate(zoneinfo.ZoneInfo("Asia/Tokyo"))  # left over from elsewhere: not kept
    assert zone_seen_by(None) == settings.TIME_ZONE
    assert zone_seen_by(in_paris(UserFactory())) == "Europe/Paris"
    assert zone_seen_by(UserFactory()) == settings.TIME_ZONE
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE  # deactivated after


def test_a_zone_no_longer_known_falls_back_to_the_site_s():
    user = UserFactory()
    Preferences.objects.create(user=user, time_zone="Atlantis/Capital")
    assert zone_seen_by(user) == settings.TIME_ZONE
    assert time_zone_for(user).key == settings.TIME_ZONE


@override_settings(TIME_ZONE="America/New_York")
def test_anonymous_visitors_see_dates_in_the_site_zone(client, client_for, ladder):
    holder = in_paris(UserFactory())
    certificate = certify(holder, ladder["professional"])
    late = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=datetime.UTC)  # 19:30 in New York
    type(certificate).objects.filter(pk=certificate.pk).update(issued_at=late)
    anonymous = client.get(f"/verify/{certificate.serial}/").content.decode()
    assert "<dt>Issued</dt><dd>10 March 2026</dd>" in anonymous
    paris = client_for(holder).get(f"/verify/{certificate.serial}/").content.decode()
    assert "<dt>Issued</dt><dd>11 March 2026</dd>" in paris


def _page_queries(client, path):
    client.get(path)  # warm the caches (site root paths and the like)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def _without_the_middleware(make_client, path):
    """Queries of the page on a client whose handler was built without the middleware (a
    client loads its middleware at its first request)."""
    without = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE]
    with override_settings(MIDDLEWARE=without):
        return _page_queries(make_client(), path)


def _forget_the_zone(client):
    session = client.session
    del session[SESSION_KEY]
    session.save()
    return client


@pytest.mark.parametrize("path", ["/my-learning/", "/official-accounts/"])
def test_the_middleware_adds_no_query_to_a_signed_in_page(
    client_for, django_assert_num_queries, path
):
    """Sign-in put the zone in the session: pages cost what they cost without the middleware."""
    user = in_paris(EmployeeFactory().user)
    baseline = _without_the_middleware(lambda: client_for(user), path)
    client = client_for(user)
    assert client.session[SESSION_KEY] == "Europe/Paris"
    client.get(path)
    with django_assert_num_queries(baseline):
        html = client.get(path).content.decode()
    assert "Your settings" in html


def test_a_session_from_before_sign_in_kept_the_zone_costs_one_query(
    client_for, django_assert_num_queries
):
    user = in_paris(EmployeeFactory().user)
    baseline = _without_the_middleware(lambda: _forget_the_zone(client_for(user)), "/my-learning/")
    client = _forget_the_zone(client_for(user))
    client.get("/my-learning/")
    with django_assert_num_queries(baseline + 1) as captured:
        client.get("/my-learning/")
    assert any('"lms_preferences"' in query["sql"] for query in captured.captured_queries)
    assert SESSION_KEY not in client.session  # nothing written on the way


def test_the_middleware_adds_no_query_for_anonymous_visitors(client, django_assert_num_queries):
    baseline = _without_the_middleware(Client, "/official-accounts/")
    client.get("/official-accounts/")
    with django_assert_num_queries(baseline):
        client.get("/official-accounts/")


def test_changing_the_zone_applies_to_the_session_at_once(client_for):
    user = UserFactory()
    client = client_for(user)
    assert client.session[SESSION_KEY] == ""
    client.post("/my-settings/", {"time_zone": "Europe/Paris"})
    assert client.session[SESSION_KEY] == "Europe/Paris"


# --- E-mails -------------------------------------------------------------------------------


def test_a_person_s_e_mail_is_written_in_their_zone(ladder, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    holder = in_paris(UserFactory(email="paris@example.com"))
    certificate = certify(holder, ladder["professional"])
    ends = datetime.datetime(2027, 6, 30, 23, 15, tzinfo=datetime.UTC)  # 1 July in Paris
    type(certificate).objects.filter(pk=certificate.pk).update(expires_at=ends)
    mail.outbox.clear()
    assert send_certificate_email(certificate.pk, "issued") == 1
    assert "Valid until: 1 July 2027" in mail.outbox[0].body
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE  # restored


# --- One date format -----------------------------------------------------------------------


def test_the_formats():
    moment = datetime.datetime(2026, 12, 3, 7, 9, tzinfo=datetime.UTC)
    with timezone.override(PARIS):
        assert format_date(moment) == "3 December 2026"
        assert format_time(moment) == "08:09 CET"
        assert format_datetime(moment) == "3 December 2026, 08:09 CET"
    assert format_date(datetime.date(2026, 7, 1)) == "1 July 2026"
    assert format_datetime(datetime.date(2026, 7, 1)) == "1 July 2026"
    assert format_date(None) == format_time(None) == format_datetime(None) == ""
    with override_settings(ACADEMY_DATE_FORMAT="Y-m-d"):
        assert format_date(moment) == "2026-12-03"


def test_my_pages_write_dates_in_the_one_format(client_for, ladder):
    user = EmployeeFactory().user
    record_completions(user, ladder["basics"])
    accept_current_policy(user, ladder["policy"])
    certificate = certify(user, ladder["professional"])
    account = account_with_roles(handle="NorthwindSystems")
    client = client_for(user)
    granted = client.post("/my-access/", {"account": account.pk, "role": "publish"}, follow=True)
    assert "Granted" in granted.content.decode()
    expected = format_date(certificate.expires_at)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", expected)
    for path in ["/certificates/", "/my-learning/", "/my-access/"]:
        html = client.get(path).content.decode()
        text = visible_text(html)
        assert not OTHER_DATE_FORMATS.findall(text), (path, OTHER_DATE_FORMATS.findall(text))
        assert re.search(r"\b\d{1,2} [A-Z][a-z]{2,8} \d{4}\b", text), path
    assert expected in client.get("/certificates/").content.decode()
    assert expected in client.get("/my-access/").content.decode()


# --- The platform beside a handle -------------------------------------------------------------


def test_x_is_named_x_twitter_beside_handles(client, client_for, ladder):
    assert platform_label(Platform.X) == "X (Twitter)"
    assert platform_label(Platform.LINKEDIN) == "LinkedIn"
    account_with_roles(handle="NorthwindSystems")
    html = client.get("/official-accounts/").content.decode()
    assert '<span class="badge">X (Twitter)</span>' in html
    assert '<span class="badge">X</span>' not in html
    assert ">X (Twitter)</a>" in html  # the platform filter
