"""Journey 1: an employee signs the policy, takes the basics course, fails the quiz once, passes
it, receives Enthusiast, downloads the PDF, and a visitor verifies the certificate."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, follow_nav, shot, sign_in
from .quiz import answer

pytestmark = pytest.mark.browser

JOURNEY = "employee"
COURSE = "Social media basics"


def accept_policy(page):
    page.get_by_role("link", name=re.compile(r"accept", re.I)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Policy")
    shot(page, JOURNEY, "02-policy")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Accept the policy").click()
    expect(page.locator(".messages, .policy-status").first).to_contain_text("ccepted")


def take_lessons(page):
    """Enrol, then open each lesson and mark it done until the course sends us to its quiz."""
    follow_nav(page, "Courses")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    shot(page, JOURNEY, "03-catalogue")
    page.get_by_role("link", name=COURSE, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    shot(page, JOURNEY, "04-course")
    page.get_by_role("button", name="Enrol and start").click()
    expect(page.locator("body.lesson")).to_be_attached()
    for lesson in range(1, 20):
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if lesson == 1:
            assert_accessible(page)
            shot(page, JOURNEY, "05-lesson")
        before = page.url
        page.get_by_role("button", name=re.compile(r"^Mark as done")).click()
        page.wait_for_url(lambda url, before=before: url != before)
        if page.locator("form.quiz-form").count():
            return
    raise AssertionError("Marking every lesson done never led to the quiz.")


def submit_quiz(page, right):
    answer(page, right=right)
    page.get_by_role("button", name="Submit answers").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/$"))


def test_employee_earns_enthusiast_and_a_visitor_verifies_it(visit):
    learner = visit()
    page = learner.page
    sign_in(page, "employee")
    expect(page.get_by_role("heading", name="Your next steps")).to_be_visible()
    assert_accessible(page)
    shot(page, JOURNEY, "01-home")

    accept_policy(page)
    take_lessons(page)

    assert_accessible(page)
    shot(page, JOURNEY, "06-quiz")
    submit_quiz(page, right=False)
    expect(page.get_by_role("heading", name="Not passed this time")).to_be_visible()
    shot(page, JOURNEY, "07-quiz-failed")

    page.get_by_role("link", name="Try again").click()
    submit_quiz(page, right=True)
    expect(page.get_by_role("heading", name="You passed")).to_be_visible()
    assert_accessible(page)
    shot(page, JOURNEY, "08-quiz-passed")

    page.goto("/")
    certificates = page.locator(".dashboard-certificates")
    expect(certificates).to_contain_text("Enthusiast")
    shot(page, JOURNEY, "09-home-certified")
    certificates.get_by_role("link", name="View").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Enthusiast")
    serial = page.locator("dl.facts dd code").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){4}", serial), serial
    assert_accessible(page)
    shot(page, JOURNEY, "10-certificate")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.suggested_filename.endswith(".pdf")

    assert learner.foreign_requests() == []
    visitor = visit().page
    visitor.goto("/")
    follow_nav(visitor, "Verify a certificate")
    visitor.get_by_label("Certificate serial").fill(serial)
    visitor.get_by_role("button", name="Verify").click()
    expect(visitor.locator(".verdict")).to_contain_text("This certificate is valid.")
    expect(visitor.locator("dl.facts")).to_contain_text("Alex Morgan")
    expect(visitor.locator("dl.facts")).to_contain_text("Enthusiast")
    assert_accessible(visitor)
    shot(visitor, JOURNEY, "11-verified")
