"""Journey 2: an Enthusiast asks to publish on the brand account, is refused for want of
Professional, earns it, asks again and is granted. The courses are completed through the JSON API
from the browser's own session; every request for access and its answer happen in the browser."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, follow_nav, shot, sign_in
from .learning_api import LearningApi

pytestmark = pytest.mark.browser

JOURNEY = "access"
BASICS = "social-media-basics"
BRAND = "@NorthwindSystems"


def ask_for_publish_on_the_brand_account(page):
    """The request form on "My access": account and role, then submit."""
    follow_nav(page, "My access")
    form = page.locator("form", has=page.get_by_role("button", name="Request access"))
    account = form.get_by_label("Account")
    label = next(
        text for text in account.locator("option").all_inner_texts() if text.startswith(BRAND)
    )
    account.select_option(label=label)
    form.get_by_label("Role").select_option(label="Publish")
    form.get_by_role("button", name="Request access").click()


def test_access_follows_certification(visit):
    v = visit()
    page = v.page
    sign_in(page, "employee")
    api = LearningApi(v.context)
    api.accept_policy()
    api.complete_courses([BASICS])

    # An Enthusiast may not publish on the brand account: Professional is missing.
    ask_for_publish_on_the_brand_account(page)
    refusal = page.locator(".messages, [role=alert]").first
    expect(refusal).to_contain_text(re.compile(r"certificate|Professional"))
    expect(page.locator(".messages")).not_to_contain_text("Granted")
    expect(page.get_by_text("You hold no access yet.")).to_be_visible()
    assert_accessible(page)
    shot(page, JOURNEY, "01-refused")
    withdraw = page.get_by_role("button", name="Withdraw")
    if withdraw.count():
        # The request waits for a certificate: take it back, and ask again once certified.
        withdraw.first.click()
        expect(page.locator(".messages")).to_contain_text("withdrawn")

    # Earn Professional: the rest of the curriculum, through the API.
    api.complete_courses(exclude=[BASICS])
    page.goto("/certificates/")
    ladder = page.locator(".ladder")
    expect(ladder.locator(".ladder-held")).to_have_count(2)
    expect(ladder.locator(".ladder-held").nth(1)).to_contain_text("Professional")
    shot(page, JOURNEY, "02-professional")

    # Ask again, this time from the public list of official accounts.
    follow_nav(page, "Official accounts")
    card = page.locator("article", has=page.get_by_role("link", name=BRAND, exact=True))
    card.get_by_text("Roles for employees").click()
    shot(page, JOURNEY, "03-official-accounts")
    card.get_by_role("button", name="Request publish").click()

    expect(page.locator(".messages")).to_contain_text(f"Granted: you may now publish on {BRAND}")
    held = page.locator("table", has=page.get_by_role("columnheader", name="Rests on"))
    expect(held.get_by_role("row", name=re.compile(BRAND))).to_contain_text("Professional")
    assert_accessible(page)
    shot(page, JOURNEY, "04-granted")
    assert v.foreign_requests() == []
