"""Journey 3: an editor, signed in to the admin dashboard, writes a course with a lesson and a quiz
under the catalogue, sees them among their drafts, and submits the course for review as one unit;
the admin approves it in one step and the course appears in the catalogue, lesson and quiz
included. HR, signing in, lands on the completion report."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from courses.models import CourseIndexPage, CoursePage

from .helpers import assert_accessible, assert_admin_accessible, shot, sign_in, wagtail_sign_in

pytestmark = pytest.mark.browser

JOURNEY = "editor"
COURSE = "Live video on official accounts"
LESSON = "Before you go live"
QUIZ = "Live video quiz"


def save_draft(page, title):
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(f"Page '{title}'")


def submit_course_for_review(page, course):
    """One action for the course with its lessons and quiz: the course's action menu, a page
    that lists what goes to review, one button."""
    page.goto(f"/admin/pages/{course.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("link", name="Submit course for review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Submit course for review")
    for title in (LESSON, QUIZ):
        expect(page.locator("main")).to_contain_text(title)
    page.get_by_role("button", name="Submit course for review").click()
    expect(page.locator(".messages")).to_contain_text(
        f"“{COURSE}” was submitted for review with 3 page(s)"
    )


def drafts_panel(page):
    return page.locator("section", has=page.get_by_role("heading", name="Your course drafts"))


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


def test_editor_submits_a_course_as_one_and_admin_approves_it_in_one_step(visit):
    catalogue = CourseIndexPage.objects.get()
    editor = visit("desktop").page
    # Editors sign in where their work is: the admin dashboard.
    sign_in(editor, "editor")
    expect(editor).to_have_url(re.compile(r"/admin/$"))
    editor.goto(f"/admin/pages/{catalogue.pk}/")
    expect(editor.get_by_role("heading", level=1)).to_contain_text(catalogue.title)
    shot(editor, JOURNEY, "01-catalogue-in-admin")

    add_child(editor, "Course")
    start_page(editor, COURSE)
    editor.locator("#id_summary").fill(
        "Going live on Northwind's accounts: preparation, moderation and what to do when it "
        "goes wrong."
    )
    assert_admin_accessible(editor)
    shot(editor, JOURNEY, "02-new-course")
    save_draft(editor, COURSE)
    course = CoursePage.objects.get(title=COURSE)

    editor.goto(f"/admin/pages/{course.pk}/")
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
    save_draft(editor, LESSON)

    editor.goto(f"/admin/pages/{course.pk}/")
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
    save_draft(editor, QUIZ)

    # The dashboard lists the editor's drafts.
    editor.goto("/admin/")
    drafts = drafts_panel(editor)
    for title in (COURSE, LESSON, QUIZ):
        expect(drafts.locator("tr", has_text=title)).to_contain_text("Draft")
    assert_admin_accessible(editor)

    # One submission: the course, its lesson and its quiz go to review together.
    submit_course_for_review(editor, course)
    assert_admin_accessible(editor)  # the course's edit page, after the submission
    editor.goto("/admin/")
    for title in (COURSE, LESSON, QUIZ):
        expect(drafts_panel(editor).locator("tr", has_text=title)).to_contain_text("In review")
    shot(editor, JOURNEY, "05-editor-dashboard")

    admin = visit("desktop").page
    wagtail_sign_in(admin, "admin")
    review = admin.locator("table", has=admin.get_by_role("link", name=COURSE))
    expect(review).to_be_visible()
    review.scroll_into_view_if_needed()
    shot(admin, JOURNEY, "05-awaiting-review", full_page=False)
    # Approving the course approves the lesson and quiz waiting with it: one step.
    row = admin.locator("tr", has=admin.get_by_role("link", name=COURSE, exact=True))
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    for title in (COURSE, LESSON, QUIZ):
        expect(admin.locator("tr", has_text=title)).to_have_count(0)

    visitor = visit("desktop").page
    visitor.goto("/courses/")
    visitor.get_by_role("link", name=COURSE, exact=True).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(COURSE)
    outline = visitor.locator(".outline")
    expect(outline.get_by_role("link", name=LESSON)).to_be_visible()
    expect(outline.get_by_role("link", name=QUIZ)).to_be_visible()
    assert_accessible(visitor)
    shot(visitor, JOURNEY, "06-published")

    # HR signs in where their work is: the department completion report.
    hr = visit("desktop").page
    sign_in(hr, "hr")
    expect(hr).to_have_url(re.compile(re.escape(reverse("lms_reports:department_completion"))))
    expect(hr.get_by_role("heading", level=1)).to_contain_text("Department completion")
