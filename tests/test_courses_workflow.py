"""Reviewed publishing through the "Course review" workflow, and the demo curriculum."""

import json
import uuid
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from academy_site.demo import content as demo_content
from courses.models import (
    CourseCompletion,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    PolicyAcceptance,
    QuizAttempt,
    QuizPage,
)
from courses.services import load_questions
from courses.workflow import WORKFLOW_NAME
from tests.factories import UserFactory, make_course

User = get_user_model()


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("courses", model._meta.model_name, parent.pk))


def course_form(title, action="action-submit"):
    return nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "How to answer a complaint in public.",
            "duration_minutes": "20",
            "level": "practitioner",
            "tags": "engagement, customer-care",
            "description": rich_text("<p>For everyone who answers customers.</p>"),
            "comments": inline_formset([]),
            action: "1",
        }
    )


def lesson_form(title):
    return nested_form_data(
        {
            "title": title,
            "slug": "answering",
            "summary": "Acknowledge, help, hand over.",
            "duration_minutes": "5",
            "body": streamfield([("rich_text", rich_text("<p>Thank them, then help.</p>"))]),
            "comments": inline_formset([]),
            "action-submit": "1",
        }
    )


def quiz_form():
    def choices(*items):
        return inline_formset(
            [{"text": text, **({"is_correct": "on"} if ok else {})} for text, ok in items], min=2
        )

    return nested_form_data(
        {
            "title": "Answering quiz",
            "slug": "quiz",
            "intro": rich_text("<p>Two questions.</p>"),
            "pass_mark": "50",
            "max_attempts": "3",
            "cooldown_minutes": "0",
            "shuffle_questions": "on",
            "questions": inline_formset(
                [
                    {
                        "kind": "single",
                        "text": "A customer complains publicly. First step?",
                        "explanation": "Acknowledge in public, then help.",
                        "choices": choices(("Delete it", False), ("Acknowledge it", True)),
                    },
                    {
                        "kind": "multiple",
                        "text": "Which belong in a private message?",
                        "explanation": "Account details never go in public.",
                        "choices": choices(
                            ("Order number", True), ("Thanks", False), ("Address", True)
                        ),
                    },
                ]
            ),
            "comments": inline_formset([]),
            "action-submit": "1",
        }
    )


def approve(client, page):
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    assert task_state is not None, "the page is not in moderation"
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(url, {"comment": ""})


def test_the_catalogue_uses_the_course_review_workflow(catalogue):
    assignment = WorkflowPage.objects.get(page=catalogue)
    assert assignment.workflow.name == WORKFLOW_NAME
    task = assignment.workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    course = make_course("Anything", lessons=1, questions=1)
    assert course.get_workflow().name == WORKFLOW_NAME
    assert course.lessons().first().get_workflow().name == WORKFLOW_NAME


def test_an_editor_cannot_publish(client_for, catalogue, editor):
    response = client_for(editor).post(
        add_url(CoursePage, catalogue), course_form("Sneaky course", "action-publish")
    )
    assert response.status_code in (302, 403)
    assert not CoursePage.objects.filter(live=True, title="Sneaky course").exists()


def test_editor_builds_a_course_that_goes_live_only_when_approved(
    client_for, catalogue, editor, moderator
):
    author, reviewer = client_for(editor), client_for(moderator)
    assert author.post(add_url(CoursePage, catalogue), course_form("Answering")).status_code == 302
    course = CoursePage.objects.get(title="Answering")
    assert not course.live and course.current_workflow_state.status == "in_progress"
    assert sorted(course.tags.names()) == ["customer-care", "engagement"]
    assert (
        author.post(add_url(LessonPage, course), lesson_form("Answering well")).status_code == 302
    )
    response = author.post(add_url(QuizPage, course), quiz_form())
    assert response.status_code == 302, response.context["form"].errors
    quiz = QuizPage.objects.get(title="Answering quiz")
    lesson = LessonPage.objects.get(title="Answering well")
    assert not quiz.live and not lesson.live
    learner = client_for(UserFactory())
    assert learner.get(f"/api/v1/quizzes/{quiz.pk}").status_code == 404

    # One approval of the course publishes the lesson and quiz waiting with it.
    assert approve(reviewer, course).status_code == 302
    for page in (course, lesson, quiz):
        page.refresh_from_db()
        assert page.live and page.current_workflow_state is None
    questions = load_questions(quiz)
    assert [q.text for q in questions][0] == "A customer complains publicly. First step?"
    assert [len(q.choices.all()) for q in questions] == [2, 3]

    # The employee takes it through the API and passes.
    learner.post(f"/api/v1/lessons/{lesson.pk}/complete")
    answers = {str(q.pk): [c.pk for c in q.choices.all() if c.is_correct] for q in questions}
    result = learner.post(
        f"/api/v1/quizzes/{quiz.pk}/attempts",
        json.dumps({"submission_key": str(uuid.uuid4()), "answers": answers}),
        content_type="application/json",
    ).json()
    assert result["passed"] and result["course_completed"]


def test_an_edit_stays_unpublished_until_approved(client_for, catalogue, editor, admin_user):
    course = make_course("Live course", lessons=1, questions=0)
    lesson = course.lessons().first()
    edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    author = client_for(editor)
    html = author.get(edit)
    assert html.status_code == 200
    data = nested_form_data(
        {
            "title": "Live course: rewritten",
            "slug": lesson.slug,
            "summary": "New summary.",
            "duration_minutes": "7",
            "body": streamfield([("rich_text", rich_text("<p>Rewritten text.</p>"))]),
            "comments": inline_formset([]),
            "action-submit": "1",
        }
    )
    assert author.post(edit, data).status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == "Live course: lesson 1" and lesson.has_unpublished_changes
    reader = client_for(UserFactory())
    assert "Rewritten text." not in reader.get(lesson.url).content.decode()
    assert approve(client_for(admin_user), lesson).status_code == 302  # superuser approves too
    lesson.refresh_from_db()
    assert lesson.title == "Live course: rewritten"
    assert "Rewritten text." in reader.get(lesson.url).content.decode()


def test_a_course_form_with_an_unanswerable_question_is_refused(client_for, catalogue, editor):
    course = make_course("Course", lessons=0, questions=0)
    data = quiz_form()
    data.pop("questions-0-choices-1-is_correct")
    response = client_for(editor).post(add_url(QuizPage, course), data)
    assert response.status_code == 200
    assert "Question 1: Mark exactly one choice as correct." in response.content.decode()
    assert not QuizPage.objects.exists()


def record_counts():
    return tuple(
        model.objects.count()
        for model in (
            CoursePage,
            LessonPage,
            QuizPage,
            Enrollment,
            LessonCompletion,
            QuizAttempt,
            CourseCompletion,
            PolicyAcceptance,
        )
    )


@pytest.mark.django_db
def test_seed_demo_builds_the_curriculum_once(demo):
    catalogue = CourseIndexPage.objects.get(slug="courses")
    assert (
        catalogue.live and WorkflowPage.objects.get(page=catalogue).workflow.name == WORKFLOW_NAME
    )
    courses = list(CoursePage.objects.live().child_of(catalogue))
    assert len(courses) == len(demo_content.COURSES) >= 7
    for course in courses:
        assert course.lessons().count() >= 2
        quiz = course.quiz()
        assert quiz.live and len(load_questions(quiz)) >= 5
        assert course.live_revision_id is not None
    employee = User.objects.get(username="employee")
    for model in (Enrollment, LessonCompletion, QuizAttempt, CourseCompletion, PolicyAcceptance):
        assert not model.objects.filter(user=employee).exists()
    per_person = [
        CourseCompletion.objects.filter(user=user).count()
        for user in User.objects.exclude(username__in=["admin", "editor", "hr", "employee"])
    ]
    assert 0 in per_person and len(courses) in per_person
    assert any(0 < count < len(courses) for count in per_person)
    assert PolicyAcceptance.objects.exists() and QuizAttempt.objects.filter(passed=False).exists()
    before = record_counts()
    call_command("seed_demo", stdout=StringIO())
    assert record_counts() == before
