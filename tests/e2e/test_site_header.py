"""The site's header: one row on a 1366 px laptop, and on a phone a "Menu" that opens and closes
from the keyboard (a <details> disclosure, no JavaScript needed), with the skip link first."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, shot, sign_in

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}
ONE_ROW = 90  # px: a row is about 70 px high (4rem and the border); two rows pass 100

HEADER = """
() => {
  const header = document.querySelector('.site-header');
  const tops = [...document.querySelectorAll('.brand, .site-nav a, .session > *')]
    .filter((el) => el.getClientRects().length)
    .map((el) => el.getBoundingClientRect())
    .map((r) => Math.round(r.top + r.height / 2));
  return { height: header.getBoundingClientRect().height, middles: tops };
}
"""


def header(page):
    return page.evaluate(HEADER)


@pytest.mark.parametrize("username", ["admin", "employee"])
def test_the_header_is_one_row_at_1366_px(visit, username):
    page = visit().page
    page.set_viewport_size(WIDE)
    sign_in(page, username)
    for path in ("/", "/courses/", "/my-learning/"):
        page.goto(path)
        nav = page.get_by_role("navigation", name="Main")
        expect(nav.get_by_role("link", name="My learning")).to_be_visible()
        expect(page.locator("summary.nav-toggle")).to_be_hidden()
        found = header(page)
        assert found["height"] < ONE_ROW, f"{path}: the header is {found['height']}px high"
        middles = found["middles"]
        assert max(middles) - min(middles) <= 12, f"{path}: items on several rows {middles}"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    shot(page, "site", f"header-1366-{username}", full_page=False)


def test_the_phone_menu_opens_and_closes_from_the_keyboard(visit):
    page = visit("phone").page
    sign_in(page, "employee")
    page.goto("/courses/")
    nav = page.get_by_role("navigation", name="Main")
    courses = nav.get_by_role("link", name="My learning")
    expect(courses).to_be_hidden()
    assert header(page)["height"] < ONE_ROW, "the phone header is more than one row"

    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Tab")  # the brand, home
    page.keyboard.press("Tab")
    toggle = page.locator("summary.nav-toggle")
    expect(toggle).to_be_focused()
    expect(toggle).to_have_text("Menu")
    page.keyboard.press("Enter")
    expect(page.locator("details.nav-menu")).to_have_attribute("open", "")
    expect(courses).to_be_visible()
    assert_accessible(page)
    shot(page, "site", "phone-menu-open", full_page=False)

    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Courses")
    page.keyboard.press("Shift+Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Space")
    expect(courses).to_be_hidden()

    # Open again and follow a link, as a person would.
    page.keyboard.press("Enter")
    courses.click()
    expect(page).to_have_url(re.compile(r"/my-learning/$"))
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses")
    ).to_be_hidden()


def test_the_phone_menu_needs_no_javascript(visit):
    page = visit("phone", javascript=False).page
    sign_in(page, "employee")
    page.goto("/courses/")
    toggle = page.locator("summary.nav-toggle")
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name="My learning")
    expect(link).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"/my-learning/$"))
