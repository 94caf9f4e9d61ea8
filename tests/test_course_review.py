"""A course reviewed as one unit: one submission sends the course with its lessons and quiz, one
approval publishes them; the editor's dashboard shows their drafts and what is in review."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from courses import review
from courses.admin_panels import course_drafts
from courses.models import CoursePage, LessonPage, QuizPage
from tests.factories import UserFactory, make_course, make_lesson, make_quiz


@pytest.fixture
def course(catalogue, editor):
    """A live course with one lesson unchanged, one lesson rewritten, a new lesson and a new quiz
    not yet published, all by the editor."""
    course = make_course("Answering in public", lessons=0, questions=0)
    unchanged = make_lesson(course, "Unchanged lesson")
    rewritten = make_lesson(course, "Rewritten lesson")
    rewritten = LessonPage.objects.get(pk=rewritten.pk)
    rewritten.title = "Rewritten lesson, second take"
    rewritten.save_revision(user=editor)
    make_lesson(course, "New lesson", live=False).save_revision(user=editor)
    make_quiz(course, questions=2, live=False).save_revision(user=editor)
    course.unchanged = unchanged
    return course


def titles(pages):
    return sorted(page.title for page in pages)


def in_progress(page):
    return WorkflowState.objects.active().filter(object_id=str(page.pk)).exists()


def wagtail_approve(client, page):
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(url, {"comment": ""})


def everything_live(course):
    pages = review.course_pages(CoursePage.objects.get(pk=course.pk))
    return all(
        page.live and not page.has_unpublished_changes and not in_progress(page) for page in pages
    )


def test_one_action_submits_the_course_with_its_changed_lessons_and_quiz(
    client_for, course, editor
):
    author = client_for(editor)
    edit = author.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    submit_url = reverse("courses_submit_for_review", args=[course.pk])
    assert "Submit course for review" in edit and submit_url in edit
    confirm = author.get(submit_url).content.decode()
    for title in ("Answering in public", "Rewritten lesson", "New lesson", "quiz"):
        assert title in confirm
    assert "Unchanged lesson" not in confirm

    response = author.post(submit_url)
    assert response.status_code == 302
    pages = review.course_pages(CoursePage.objects.get(pk=course.pk))
    waiting = [page for page in pages if in_progress(page)]
    assert titles(waiting) == [
        "Answering in public",
        "Answering in public quiz",
        "New lesson",
        "Rewritten lesson",  # the live title; the new one waits in the revision
    ]
    assert not in_progress(course.unchanged)
    states = WorkflowState.objects.active()
    assert {state.requested_by for state in states} == {editor}
    # Submitting again has nothing to send.
    assert (
        "Submit course for review"
        not in author.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    )


def test_approving_the_course_publishes_its_lessons_and_quiz(client_for, course, editor, moderator):
    review.submit_course(course, editor)
    reviewer = client_for(moderator)
    edit = reviewer.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert "Approve course" in edit
    assert wagtail_approve(reviewer, course).status_code == 302  # Wagtail's own Approve
    assert everything_live(course)
    assert LessonPage.objects.get(title__startswith="Rewritten").title == (
        "Rewritten lesson, second take"
    )
    assert QuizPage.objects.get().live


def test_the_approve_course_screen_approves_everything_at_once(
    client_for, course, editor, moderator
):
    review.submit_course(course, editor)
    reviewer = client_for(moderator)
    url = reverse("courses_approve_course", args=[course.pk])
    page = reviewer.get(url).content.decode()
    assert "New lesson" in page and "Approve and publish the course" in page
    assert reviewer.post(url).status_code == 302
    assert everything_live(course)


def test_an_editor_without_publish_rights_cannot_approve(client_for, course, editor):
    review.submit_course(course, editor)
    author = client_for(editor)
    url = reverse("courses_approve_course", args=[course.pk])
    refused = author.get(url, follow=True)
    assert "Approve and publish the course" not in refused.content.decode()
    assert "permission" in refused.content.decode()
    assert author.post(url).status_code in (302, 403)
    wagtail_approve(author, course)
    assert in_progress(course) and not QuizPage.objects.get().live
    with pytest.raises(Exception):  # noqa: B017, PT011 (PermissionDenied)
        review.approve_course(course, editor)
    edit = author.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert "Approve course" not in edit


def test_someone_who_may_not_edit_the_course_cannot_submit_it(client_for, course):
    stranger = UserFactory(is_staff=True)
    stranger.groups.add(Group.objects.get(name="Moderators"))
    stranger.groups.clear()
    response = client_for(stranger).post(reverse("courses_submit_for_review", args=[course.pk]))
    assert response.status_code in (302, 403)
    assert not WorkflowState.objects.exists()


def test_changes_requested_then_resubmitted_as_one(client_for, course, editor, moderator):
    review.submit_course(course, editor)
    quiz = QuizPage.objects.get()
    task_state = Page.objects.get(pk=quiz.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(quiz.pk, "reject", task_state.pk))
    assert client_for(moderator).post(url, {"comment": "A third question?"}).status_code == 302
    assert not review.in_review(QuizPage.objects.get())
    quiz = QuizPage.objects.get()
    quiz.save_revision(user=editor)
    submitted = review.submit_course(CoursePage.objects.get(pk=course.pk), editor)
    assert [page.pk for page in submitted] == [quiz.pk]
    review.approve_course(CoursePage.objects.get(pk=course.pk), moderator)
    assert everything_live(course)


def test_the_dashboard_shows_drafts_and_what_waits_for_review(
    client_for, course, editor, moderator
):
    author = client_for(editor)
    home = author.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your course drafts" in home
    for title in ("Rewritten lesson, second take", "New lesson", "Answering in public quiz"):
        assert title in home
    assert sorted(page.get_admin_display_title() for page in course_drafts(editor)) == [
        "Answering in public quiz",
        "New lesson",
        "Rewritten lesson, second take",
    ]
    review.submit_course(course, editor)
    home = author.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your pages and snippets in a workflow" in home
    assert "In review" in home
    assert "Awaiting your review" not in home

    reviewing = client_for(moderator).get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in reviewing and "Answering in public" in reviewing
    assert "Your course drafts" not in reviewing  # the moderator wrote none of them

    review.approve_course(CoursePage.objects.get(pk=course.pk), moderator)
    home = author.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your course drafts" not in home
