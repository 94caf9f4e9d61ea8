"""A lesson page and a quiz submission, as a synthetic employee, in-process through the stack."""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.test import Client
from django.utils import timezone

from .stats import figure
from .timing import each

PEOPLE = 20


def _course_with_quiz():
    from courses.models import CoursePage, QuizPage

    quizzes = QuizPage.objects.live()
    for course in CoursePage.objects.live().order_by("path"):
        quiz = quizzes.child_of(course).first()
        lessons = list(course.lessons())
        if quiz and lessons and quiz.questions.exists():
            return course, lessons, quiz
    raise RuntimeError("No live course with lessons and a quiz: is the demo loaded?")


def _learners(course, quiz, lessons):
    """Synthetic people enrolled in the course, with lessons left and no attempt yet: their
    passing attempt does not complete the course, so every submission does the same work."""
    from courses.models import Enrollment, QuizAttempt

    enrolled = Enrollment.objects.filter(user=OuterRef("pk"), course=course)
    attempted = QuizAttempt.objects.filter(user=OuterRef("pk"), quiz=quiz)
    return list(
        get_user_model()
        .objects.filter(username__startswith="synth-", is_active=True, employee__active=True)
        .filter(Exists(enrolled), ~Exists(attempted))
        .annotate(
            done=Count(
                "lesson_completions",
                filter=Q(lesson_completions__lesson__in=[lesson.pk for lesson in lessons]),
            )
        )
        .filter(done__lt=len(lessons))
        .order_by("pk")[:PEOPLE]
    )


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def _lesson_call(client, url):
    def run():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"lesson page {url}: {response.status_code}")

    return run


def _answers(quiz):
    answers = {}
    for question in quiz.questions.prefetch_related("choices"):
        answers[str(question.pk)] = [c.pk for c in question.choices.all() if c.is_correct]
    return answers


def _submit_call(client, quiz, answers):
    def run():
        response = client.post(
            f"/api/v1/quizzes/{quiz.pk}/attempts",
            {
                "submission_key": str(uuid.uuid4()),
                "answers": answers,
                "started_at": (timezone.now() - datetime.timedelta(minutes=5)).isoformat(),
            },
            content_type="application/json",
        )
        if response.status_code not in (200, 201):
            raise RuntimeError(f"quiz submission: {response.status_code} {response.content[:300]}")

    return run


def run(size):
    course, lessons, quiz = _course_with_quiz()
    learners = _learners(course, quiz, lessons)
    if not learners:
        raise RuntimeError("No synthetic learner is enrolled in the course.")
    clients = [_signed_in(user) for user in learners]
    lesson_url = lessons[-1].get_url()
    _lesson_call(clients[0], lesson_url)()  # warm the URL and template caches
    pages = each([_lesson_call(client, lesson_url) for client in clients])
    figure("lesson_page.median_ms", pages.median_ms, "ms", size)
    figure("lesson_page.queries", pages.max_queries, "queries", size)
    answers = _answers(quiz)
    submissions = each([_submit_call(client, quiz, answers) for client in clients])
    figure("quiz_submission.median_ms", submissions.median_ms, "ms", size)
    figure("quiz_submission.queries", submissions.max_queries, "queries", size)
