"""Journey 3: an editor writes a course with a lesson and a quiz in the Wagtail admin, under the
catalogue, and submits each page for moderation; the admin approves them and the course appears
in the catalogue, lesson and quiz included."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import CourseIndexPage, CoursePage

from .helpers import assert_accessible, shot, wagtail_sign_in

pytestmark = pytest.mark.browser

JOURNEY = "editor"
COURSE = "Live video on official accounts"
LESSON = "Before you go live"
QUIZ = "Live video quiz"


def submit_for_moderation(page, title):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile(r"^Submit to ")).click()
    # "created and submitted", or "submitted" when the admin's autosave already made a draft.
    expect(page.locator(".messages")).to_contain_text(
        re.compile(rf"Page '{re.escape(title)}' .*submitted for moderation")
    )


def start_page(page, title):
    """Fill the title and leave the field, so the admin derives the slug from it."""
    page.locator("#id_title").fill(title)
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).not_to_have_value("")


def add_child(page, kind):
    """ "Add child page", then the kind (the admin skips that choice when only one kind fits)."""
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_load_state()
    if "/add_subpage/" in page.url:
        page.get_by_role("link", name=kind, exact=True).click()
    expect(page.get_by_role("heading", name=f"New: {kind}")).to_be_attached()


def test_editor_writes_a_course_and_admin_approves_it(visit):
    catalogue = CourseIndexPage.objects.get()
    editor = visit().page
    wagtail_sign_in(editor, "editor")
    editor.goto(f"/admin/pages/{catalogue.pk}/")
    expect(editor.get_by_role("heading", level=1)).to_contain_text(catalogue.title)
    shot(editor, JOURNEY, "01-catalogue-in-admin")

    add_child(editor, "Course")
    start_page(editor, COURSE)
    editor.locator("#id_summary").fill(
        "Going live on Northwind's accounts: preparation, moderation and what to do when it "
        "goes wrong."
    )
    shot(editor, JOURNEY, "02-new-course")
    submit_for_moderation(editor, COURSE)

    course_url = f"/admin/pages/{CoursePage.objects.get(title=COURSE).pk}/"
    editor.goto(course_url)
    add_child(editor, "Lesson")
    start_page(editor, LESSON)
    editor.locator("#id_summary").fill("The account, the plan and the people to tell.")
    body = editor.locator("#panel-child-content-body-section")
    body.get_by_role("button", name="Insert a block").first.click()
    editor.get_by_role("option", name="Text", exact=True).click()
    body.locator(".DraftEditor-root [contenteditable=true]").first.click()
    editor.keyboard.type(
        "Check that you are on the official account, that the social media team knows, "
        "and that someone will moderate the comments."
    )
    # The rich text editor copies its content into the form a moment after typing stops.
    expect(editor.locator("input[name='body-0-value']")).to_have_value(re.compile("moderate"))
    shot(editor, JOURNEY, "03-new-lesson")
    submit_for_moderation(editor, LESSON)

    editor.goto(course_url)
    add_child(editor, "Quiz")
    start_page(editor, QUIZ)
    editor.locator("#id_questions-ADD").click()
    editor.locator("#id_questions-0-text").fill(
        "May you start a live stream on an official account without telling anyone?"
    )
    editor.locator("#id_questions-0-explanation").fill(
        "Tell the social media team first: they plan moderation and answer questions."
    )
    editor.locator("#id_questions-0-choices-0-text").fill("No, the social media team must know")
    editor.locator("#id_questions-0-choices-0-is_correct").check()
    editor.locator("#id_questions-0-choices-1-text").fill("Yes, if the stream is short")
    shot(editor, JOURNEY, "04-new-quiz")
    submit_for_moderation(editor, QUIZ)

    admin = visit().page
    wagtail_sign_in(admin, "admin")
    review = admin.locator("table", has=admin.get_by_role("link", name=COURSE))
    expect(review).to_be_visible()
    review.scroll_into_view_if_needed()
    shot(admin, JOURNEY, "05-awaiting-review", full_page=False)
    # Approving the course approves the lesson and quiz waiting with it.
    row = admin.locator("tr", has=admin.get_by_role("link", name=COURSE, exact=True))
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    for title in (COURSE, LESSON, QUIZ):
        expect(admin.locator("tr", has_text=title)).to_have_count(0)

    visitor = visit().page
    visitor.goto("/courses/")
    visitor.get_by_role("link", name=COURSE, exact=True).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(COURSE)
    outline = visitor.locator(".outline")
    expect(outline.get_by_role("link", name=LESSON)).to_be_visible()
    expect(outline.get_by_role("link", name=QUIZ)).to_be_visible()
    assert_accessible(visitor)
    shot(visitor, JOURNEY, "06-published")
