"""The site as people see it, on a laptop and a phone: every main page is accessible (landmarks,
one h1, labels, alt text, contrast, a skip link), styled by the project's own stylesheet, and
loads nothing from anywhere but the site itself. Forms work without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, assert_css_loaded, shot, sign_in

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    ("home", "/"),
    ("catalogue", "/courses/"),
    ("course", "/courses/social-media-basics/"),
    ("policy", "/courses/policy/"),
    ("official-accounts", "/official-accounts/"),
    ("verify", "/verify/"),
    ("sign-in", "/accounts/login/"),
]
EMPLOYEE_PAGES = [
    ("home", "/"),
    ("catalogue", "/courses/"),
    ("course", "/courses/social-media-basics/"),
    ("my-learning", "/my-learning/"),
    ("my-access", "/my-access/"),
    ("certificates", "/certificates/"),
    ("my-team", "/my-team/"),
]


def check_pages(v, who, viewport, pages):
    for name, path in pages:
        response = v.page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        assert_css_loaded(v.page)
        assert_accessible(v.page)
        shot(v.page, "site", f"{who}-{name}-{viewport}")
    assert v.foreign_requests() == [], "The site asked another origin for something."


@pytest.mark.parametrize("viewport", ["laptop", "phone"])
def test_main_pages_are_accessible_and_self_contained(visit, viewport):
    v = visit(viewport)
    check_pages(v, "visitor", viewport, PUBLIC_PAGES)
    sign_in(v.page, "employee")
    check_pages(v, "employee", viewport, EMPLOYEE_PAGES)
    # The lesson and the quiz, reached as an employee would: enrol, then follow the outline.
    v.page.goto("/courses/social-media-basics/")
    v.page.get_by_role("button", name="Enrol and start").click()
    expect(v.page.locator("body.lesson")).to_be_visible()
    assert_accessible(v.page)
    shot(v.page, "site", f"employee-lesson-{viewport}")
    v.page.goto("/courses/social-media-basics/")
    v.page.locator(".outline").get_by_role("link", name=re.compile("quiz")).click()
    expect(v.page.locator("form.quiz-form")).to_be_visible()
    assert_accessible(v.page)
    shot(v.page, "site", f"employee-quiz-{viewport}")
    assert v.foreign_requests() == []


def test_nothing_is_wider_than_a_phone(visit):
    v = visit("phone")
    sign_in(v.page, "employee")
    for _name, path in PUBLIC_PAGES + EMPLOYEE_PAGES:
        v.page.goto(path)
        overflow = v.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone."


def test_a_missing_page_says_so_in_a_sentence(page):
    response = page.goto("/courses/no-such-course/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Browse the courses")).to_be_visible()
    assert_css_loaded(page)
    assert_accessible(page)


def test_keyboard_reaches_the_content_first_and_shows_focus(page):
    page.goto("/courses/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    assert page.evaluate("getComputedStyle(document.activeElement).left") != "-999px"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "The focused element shows no focus ring."


def test_forms_work_without_javascript(visit):
    page = visit(javascript=False).page
    sign_in(page, "employee")
    page.get_by_role("link", name=re.compile(r"^Accept version")).click()
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Accept the policy").click()
    expect(page.locator(".messages")).to_be_visible()
    page.goto("/courses/social-media-basics/")
    page.get_by_role("button", name="Enrol and start").click()
    page.get_by_role("button", name=re.compile(r"^Mark as done")).click()
    expect(page.locator(".messages")).to_contain_text("marked as done")
    page.goto("/verify/")
    page.get_by_label("Certificate serial").fill("not a serial")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("alert")).to_contain_text("That is not a certificate serial")
    assert_accessible(page)


def test_the_server_error_page_needs_nothing_but_the_stylesheet():
    """500.html is rendered with no context at all: it must not need the request or the user."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "<h1>Something went wrong</h1>" in html
    assert "/static/lms/css/site.css" in html


def test_tables_become_cards_on_a_phone(visit):
    """/my-team/ on a phone: every column of a report is on screen, named, one card per person."""
    from lms.models import Employee

    manager = (
        Employee.objects.filter(reports__isnull=False).select_related("user").distinct().first()
    )
    manager.user.set_password("team-lead-demo-1")
    manager.user.save(update_fields=["password"])
    v = visit("phone")
    sign_in(v.page, manager.user.username, "team-lead-demo-1")
    v.page.goto("/my-team/")
    overflow = v.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"/my-team/ scrolls sideways by {overflow}px on a phone."
    row = v.page.locator("table.data tbody tr").first
    cells = row.locator("td")
    assert cells.count() == 5
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, index
        label = cells.nth(index).evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label.strip('"') == cells.nth(index).get_attribute("data-label")
    assert_accessible(v.page)
    shot(v.page, "site", "manager-my-team-phone")


def test_focus_ring_stands_out_on_white(page):
    """WCAG 2.2 focus appearance: the ring's colour is at least 3:1 against the white card."""
    page.goto("/courses/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    colour = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    channels = [int(c) for c in re.findall(r"\d+", colour)[:3]]

    def luminance(rgb):
        def linear(c):
            c = c / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (linear(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    ratio = (1.05) / (luminance(channels) + 0.05)
    assert ratio >= 3, f"The focus ring {colour} is {ratio:.1f}:1 on white."
