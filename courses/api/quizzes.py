"""Quizzes and attempts. Employees never receive the answers before they submit."""

from django.http import Http404
from ninja import Router, Status
from ninja.errors import HttpError
from wagtail.rich_text import expand_db_html

from courses.api.common import CoolingDownOut, ErrorOut, can_edit
from courses.api.schemas import AttemptIn, AttemptOut, AttemptResultOut, QuizOut
from courses.models import CoursePage, QuizAttempt, QuizPage
from courses.services import (
    LearningError,
    arrange,
    attempt_state,
    check_may_attempt,
    completed_course_ids,
    is_page_id,
    load_questions,
    parent_course,
    published_page,
    submit_attempt,
)
from lms.api.auth import request_user, session_auth

router = Router(tags=["quizzes"], auth=session_auth)


def _quiz_for(request, quiz_id, include_answers):
    """The published quiz; an editor asking for the answers gets the latest draft instead."""
    user = request_user(request)
    if include_answers:
        quiz = QuizPage.objects.filter(pk=quiz_id).first() if is_page_id(quiz_id) else None
        if quiz is None:
            raise Http404("No quiz has this id.")
        if not can_edit(quiz, user):
            raise HttpError(403, "Only editors of this quiz may see its answers.")
        return quiz.get_latest_revision_as_object()
    return published_page(QuizPage, quiz_id)


@router.get(
    "/quizzes/{quiz_id}",
    response={200: QuizOut, 403: ErrorOut, 404: ErrorOut},
    exclude_none=True,
    summary="A quiz's questions in the person's order, without the answers",
    description="Editors of the quiz may add `?include_answers=true` to see which choices are "
    "correct and the explanations, in the latest draft.",
)
def get_quiz(request, quiz_id: int, include_answers: bool = False):
    user = request_user(request)
    quiz = _quiz_for(request, quiz_id, include_answers)
    state = attempt_state(user, quiz)
    questions = list(quiz.questions.all()) if include_answers else load_questions(quiz)
    try:
        check_may_attempt(state)
        may_attempt = bool(questions)
    except LearningError:
        may_attempt = False
    arranged = arrange(quiz, questions, user.pk, state.next_number)
    return {
        "id": quiz.pk,
        "title": quiz.title,
        "course_id": quiz.get_parent().pk if include_answers else parent_course(quiz).pk,
        "intro": expand_db_html(quiz.intro),
        "pass_mark": quiz.pass_mark,
        "max_attempts": quiz.max_attempts,
        "cooldown_minutes": quiz.cooldown_minutes,
        "attempt_number": state.next_number,
        "attempts_used": state.used,
        "attempts_remaining": state.remaining,
        "passed": state.passed,
        "may_attempt": may_attempt,
        "retry_at": state.retry_at,
        "closed_reason": state.closed_reason,
        "questions": [
            {
                "id": question.pk,
                "kind": question.kind,
                "text": question.text,
                "explanation": question.explanation if include_answers else None,
                "choices": [
                    {
                        "id": choice.pk,
                        "text": choice.text,
                        "is_correct": choice.is_correct if include_answers else None,
                    }
                    for choice in choices
                ],
            }
            for question, choices in arranged
        ],
    }


def attempt_out(attempt, questions, reveal):
    by_id = {question.pk: question for question in questions}
    rows = []
    for question_id, correct in attempt.results.items():
        question = by_id.get(int(question_id))
        rows.append(
            {
                "question_id": int(question_id),
                "correct": correct,
                "explanation": question.explanation if question else "",
                "your_choice_ids": attempt.answers.get(question_id, []),
                "correct_choice_ids": (
                    [c.pk for c in question.choices.all() if c.is_correct]
                    if reveal and question
                    else None
                ),
            }
        )
    return {
        "id": attempt.pk,
        "quiz_id": attempt.quiz_id,
        "number": attempt.number,
        "score": attempt.score,
        "passed": attempt.passed,
        "pass_mark": attempt.pass_mark,
        "correct_count": attempt.correct_count,
        "question_count": attempt.question_count,
        "started_at": attempt.started_at,
        "submitted_at": attempt.submitted_at,
        "questions": rows,
    }


def _published_quiz(quiz_id):
    try:
        quiz = published_page(QuizPage, quiz_id)
        return quiz, parent_course(quiz)
    except (LearningError, CoursePage.DoesNotExist):
        raise Http404("No published quiz has this id.") from None


@router.post(
    "/quizzes/{quiz_id}/attempts",
    response={
        200: AttemptResultOut,
        201: AttemptResultOut,
        400: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        429: CoolingDownOut,
    },
    exclude_none=True,
    summary="Submit answers: graded on the server (201; 200 when the key was seen before)",
    description="Refusals: 400 for answers that do not fit the quiz, 409 when the quiz is "
    "passed already, every attempt is used, or the course opens its quiz only once every lesson "
    "is done and some are not, 429 with `retry_at` (and Retry-After) during the cool-down after "
    "a failed attempt.",
)
def submit(request, quiz_id: int, payload: AttemptIn):
    user = request_user(request)
    quiz, course = _published_quiz(quiz_id)
    questions = load_questions(quiz)
    attempt, created = submit_attempt(
        user,
        quiz,
        payload.submission_key,
        payload.answers,
        started_at=payload.started_at,
        questions=questions,
    )
    state = attempt_state(user, quiz)
    body = attempt_out(attempt, questions, state.reveal_answers)
    body.update(
        attempts_remaining=state.remaining,
        retry_at=state.retry_at,
        course_completed=course.pk in completed_course_ids(user),
    )
    return Status(201 if created else 200, body)


@router.get(
    "/quizzes/{quiz_id}/attempts",
    response={200: list[AttemptOut], 404: ErrorOut},
    exclude_none=True,
    summary="The person's own attempts at a quiz, newest first",
)
def list_attempts(request, quiz_id: int):
    user = request_user(request)
    quiz, _course = _published_quiz(quiz_id)
    questions = load_questions(quiz)
    reveal = attempt_state(user, quiz).reveal_answers
    attempts = QuizAttempt.objects.filter(user=user, quiz=quiz).order_by("-number")
    return [attempt_out(attempt, questions, reveal) for attempt in attempts]


@router.get(
    "/quizzes/{quiz_id}/attempts/{attempt_id}",
    response={200: AttemptOut, 404: ErrorOut},
    exclude_none=True,
    summary="One of the person's own attempts",
)
def get_attempt(request, quiz_id: int, attempt_id: int):
    user = request_user(request)
    quiz, _course = _published_quiz(quiz_id)
    attempt = QuizAttempt.objects.filter(pk=attempt_id, quiz=quiz, user=user).first()
    if attempt is None:
        raise Http404("No such attempt of yours.")
    reveal = attempt_state(user, quiz).reveal_answers
    return attempt_out(attempt, load_questions(quiz), reveal)
