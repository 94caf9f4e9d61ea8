"""The quiz with the keyboard alone: sign in, find the quiz from the course page, answer every
question and submit, never touching the mouse, with a visible focus ring on every stop."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Choice

from .helpers import assert_accessible, shot

pytestmark = pytest.mark.browser

MAX_TABS = 200


def active(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(), id: el.id, type: el.type || "",
                name: el.name || "", text: (el.innerText || el.value || "").trim(),
                ring: style.outlineStyle !== "none" || style.boxShadow !== "none",
            };
        }"""
    )


def tab_to(page, wanted, what):
    """Press Tab until the focused element is the one wanted; each stop must show focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = active(page)
        if element["tag"] != "body":
            assert element["ring"], f"No focus ring on {element} on the way to {what}."
        if wanted(element):
            return element
    raise AssertionError(f"Tab never reached {what}.")


def test_a_keyboard_user_signs_in_takes_the_quiz_and_passes(visit):
    page = visit("laptop").page
    page.goto("/accounts/login/")
    tab_to(page, lambda e: e["id"] == "id_username", "the username field")
    page.keyboard.type("employee")
    tab_to(page, lambda e: e["id"] == "id_password", "the password field")
    page.keyboard.type("employee")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto("/courses/social-media-basics/")
    tab_to(page, lambda e: e["tag"] == "a" and re.search("quiz", e["text"], re.I), "the quiz link")
    page.keyboard.press("Enter")
    expect(page.locator("form.quiz-form")).to_be_visible()
    assert_accessible(page)

    inputs = page.locator("form.quiz-form input[name^='q-']")
    ids = inputs.evaluate_all("inputs => inputs.map(i => i.id)")
    choice_ids = [int(re.fullmatch(r"q\d+-c(\d+)", i).group(1)) for i in ids]
    correct = {
        f"q{c.question_id}-c{c.pk}"
        for c in Choice.objects.filter(pk__in=choice_ids, is_correct=True)
    }
    answered = set()
    while True:
        element = tab_to(
            page,
            lambda e: (
                (e["name"].startswith("q-") and e["name"] not in answered)
                or (e["tag"] == "button" and "Submit" in e["text"])
            ),
            "the next question or the submit button",
        )
        if element["tag"] == "button":
            break
        answered.add(element["name"])
        if element["type"] == "radio":
            # Arrow keys move through a radio group and select as they go.
            for _ in range(12):
                if active(page)["id"] in correct:
                    page.keyboard.press("Space")
                    break
                page.keyboard.press("ArrowDown")
            else:
                raise AssertionError(f"No right answer reached in {element['name']}.")
        else:
            # Checkboxes: Space ticks the right ones, Tab goes to the next.
            while active(page)["name"] == element["name"]:
                if active(page)["id"] in correct:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
            page.keyboard.press("Shift+Tab")
    assert len(answered) == len({i.split("-c")[0] for i in ids})
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="You passed")).to_be_visible()
    assert_accessible(page)
    shot(page, "keyboard", "quiz-passed")
