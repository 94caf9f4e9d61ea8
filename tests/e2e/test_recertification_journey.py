"""Journey: renewal without a gap. An Enthusiast certified about a year ago, with the "monitor"
role on the brand account, is inside the recertification window: signed in, they see that
renewal is open and what to redo, redo the course and its quiz in the browser, and are renewed on
the spot. The access check for their role answers "allowed" at every step, and HR's department
report lists them as renewed."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from access import services as access_services
from access.check import check_access
from access.models import SocialAccount
from certification.models import Certificate, CertificateStatus, Program
from certification.services.recertification import open_recertification_windows
from lms.people import display_name

from .helpers import assert_accessible, shot, sign_in, wagtail_sign_in
from .learning_api import LearningApi
from .quiz import answer

pytestmark = pytest.mark.browser

JOURNEY = "recertification"
BASICS = "social-media-basics"
BRAND = "NorthwindSystems"
REPORT = "/admin/reports/department-completion/"


def certified_a_year_ago(context):
    """The demo employee accepts the policy and does the basics course (through the API, from
    the browser's session), then their Enthusiast certificate is moved back: issued 350 days ago,
    ending in 15 days, inside the 30-day window. They take "monitor" on the brand account."""
    api = LearningApi(context)
    api.accept_policy()
    api.complete_courses([BASICS])
    user = get_user_model().objects.get(username="employee")
    program = Program.objects.get(slug="enthusiast")
    certificate = Certificate.objects.valid().get(holder=user, program=program)
    now = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=now - datetime.timedelta(days=350), expires_at=now + datetime.timedelta(days=15)
    )
    account = SocialAccount.objects.get(handle=BRAND)
    access_services.request_access(user, account, "monitor")
    certificate.refresh_from_db()
    return user, account, certificate


def allowed(user, account):
    return check_access(user.email, account.handle, "monitor").allowed


def redo_the_course(page):
    """From the renewal notice: open the course, each lesson marked done, then the quiz."""
    page.get_by_role("link", name=re.compile(r"Social media basics")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Social media basics"))
    start = page.get_by_role("link", name=re.compile(r"^(Start|Continue)"))
    start.first.click()
    for _lesson in range(20):
        if page.locator("form.quiz-form").count():
            return
        take_quiz = page.get_by_role("link", name=re.compile(r"take the quiz", re.I))
        if not page.get_by_role("button", name=re.compile(r"^Mark as done")).count():
            take_quiz.first.click()
            continue
        before = page.url
        page.get_by_role("button", name=re.compile(r"^Mark as done")).click()
        page.wait_for_url(lambda url, before=before: url != before)
    if not page.locator("form.quiz-form").count():
        raise AssertionError("Redoing the lessons never led to the quiz.")


def test_a_holder_renews_inside_the_window_without_a_gap(visit):
    v = visit()
    page = v.page
    sign_in(page, "employee")
    user, account, old = certified_a_year_ago(v.context)
    assert allowed(user, account)

    # The nightly sweep opens the window: the course is to be redone; access stays.
    open_recertification_windows()
    assert allowed(user, account)

    page.goto("/certificates/")
    expect(page.locator(".ladder")).to_contain_text("Renewal open")
    page.goto(old.get_absolute_url())
    notice = page.locator(".renewal-open")
    expect(notice).to_contain_text("Renewal open until")
    expect(notice).to_contain_text("Social media basics")
    assert_accessible(page)
    shot(page, JOURNEY, "01-renewal-open")

    redo_the_course(page)
    assert allowed(user, account)
    answer(page, right=True)
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", name="You passed")).to_be_visible()
    shot(page, JOURNEY, "02-quiz-passed")

    # Passing completed the course, and that renewed the certificate: no gap, same access.
    old.refresh_from_db()
    assert old.status == CertificateStatus.RENEWED
    new = Certificate.objects.get(renews=old)
    assert new.expires_at == old.expires_at + datetime.timedelta(days=old.program.validity_days)
    assert allowed(user, account)
    assert check_access(user.email, account.handle, "monitor").until == new.expires_at

    page.goto(old.get_absolute_url())
    expect(page.locator(".renewal-done")).to_contain_text("Renewed: valid until")
    expect(page.locator(".renewal-done")).to_contain_text(new.serial)
    assert_accessible(page)
    shot(page, JOURNEY, "03-renewed")
    page.goto("/certificates/")
    expect(page.locator(".ladder")).to_contain_text("Renewed: valid until")

    # The public verification of the old serial points to the one that continues it.
    page.goto(old.verification_path())
    expect(page.locator(".verdict")).to_contain_text("Renewed — continued by")
    expect(page.locator(".verdict")).to_contain_text(new.serial)

    # HR's department report counts them as renewed, and its "renewed" card lists them.
    hr = visit().page
    wagtail_sign_in(hr, "hr")
    hr.goto(REPORT)
    renewed = hr.locator(".sa-totals .sa-total-renewed a.sa-total-link")
    expect(renewed).to_be_visible()
    renewed.click()
    row = hr.locator("tr", has_text=display_name(user))
    expect(row).to_contain_text("renewed")
    assert_accessible(hr)
    shot(hr, JOURNEY, "04-hr-report-renewed")
