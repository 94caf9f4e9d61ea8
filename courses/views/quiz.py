"""The quiz page: the form (without answers), submission, results and the editor's preview."""

import uuid
from datetime import UTC, datetime

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from courses.models import CoursePage, QuizAttempt
from courses.services import (
    CoolingDown,
    LearningError,
    arrange,
    attach_resume_pages,
    attempt_state,
    check_may_attempt,
    course_progress,
    load_questions,
    parent_course,
    submit_attempt,
)
from courses.views.common import course_outcomes, published_or_404, require_sign_in, url_of

ATTEMPT_SIGNING_SALT = "courses.quiz-attempt"  # noqa: S105 - a namespace, not a secret
TOKEN_MAX_AGE = 60 * 60 * 24


def attempt_token(quiz, user):
    """A signed value for the form: a fresh submission key and when the attempt started."""
    return signing.dumps(
        {"q": quiz.pk, "u": user.pk, "k": str(uuid.uuid4()), "s": timezone.now().timestamp()},
        salt=ATTEMPT_SIGNING_SALT,
    )


def read_token(token, quiz, user):
    """(submission key, started at) from a form token, or None when it is not this quiz's."""
    try:
        data = signing.loads(token or "", salt=ATTEMPT_SIGNING_SALT, max_age=TOKEN_MAX_AGE)
        if data["q"] != quiz.pk or data["u"] != user.pk:
            return None
        return uuid.UUID(data["k"]), datetime.fromtimestamp(data["s"], tz=UTC)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def display_questions(arranged, with_answers=False, selected=None):
    """Plain data for the template. Whether a choice is right is copied only `with_answers`."""
    selected = selected or {}
    return [
        {
            "id": question.pk,
            "kind": question.kind,
            "text": question.text,
            "explanation": question.explanation if with_answers else "",
            "choices": [
                {
                    "id": choice.pk,
                    "text": choice.text,
                    "checked": choice.pk in selected.get(question.pk, ()),
                    "is_correct": choice.is_correct if with_answers else None,
                }
                for choice in choices
            ],
        }
        for question, choices in arranged
    ]


def answers_from_post(post, questions):
    """{question id: [choice ids]} from the form's fields named q-<question id>."""
    answers = {}
    for question in questions:
        values = post.getlist(f"q-{question.pk}")
        chosen = []
        for value in values:
            try:
                chosen.append(int(value))
            except ValueError:
                chosen.append(value)
        if chosen:
            answers[question.pk] = chosen
    return answers


def _course(quiz, request):
    try:
        course = parent_course(quiz)
    except CoursePage.DoesNotExist:
        raise Http404("This quiz belongs to no course.") from None
    return published_or_404(course, request)


def _render(quiz, request, course, questions, state, **extra):
    status = extra.pop("status", None)
    arranged = arrange(quiz, questions, request.user.pk, state.next_number)
    progress = extra.pop("progress", None) or course_progress(request.user, course)
    context = quiz.get_context(request)
    context.update(
        course=course,
        progress=progress,
        state=state,
        attempts=QuizAttempt.objects.filter(user=request.user, quiz=quiz).order_by("number"),
        questions=display_questions(arranged, selected=extra.pop("selected", None)),
        token=extra.pop("token", None) or attempt_token(quiz, request.user),
        **extra,
    )
    if state.closed_reason is None:
        try:
            check_may_attempt(state)
        except CoolingDown as exc:
            context.setdefault("cooling_down", exc)
    return TemplateResponse(request, quiz.get_template(request), context, status=status)


def take_quiz(quiz, request):
    """GET shows the quiz (or why it is closed); POST grades an attempt and shows its result."""
    if response := require_sign_in(request):
        return response
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    course = _course(quiz, request)
    progress = course_progress(request.user, course)
    if progress.quiz_locked:
        left = progress.lessons_left
        messages.warning(
            request,
            f"The quiz of “{course.title}” opens once every lesson is done: "
            f"{left} lesson{'s' if left != 1 else ''} still to do. Nothing was recorded.",
        )
        return redirect(url_of(course, request))
    questions = load_questions(quiz)
    if request.method != "POST":
        state = attempt_state(request.user, quiz)
        return _render(quiz, request, course, questions, state, progress=progress)
    token = request.POST.get("attempt")
    key = read_token(token, quiz, request.user)
    if key is None:
        state = attempt_state(request.user, quiz)
        error = "This form has expired. Your answers were not recorded: please answer again."
        return _render(
            quiz, request, course, questions, state, error=error, status=400, progress=progress
        )
    answers = answers_from_post(request.POST, questions)
    try:
        attempt, _created = submit_attempt(
            request.user, quiz, key[0], answers, started_at=key[1], questions=questions
        )
    except LearningError as exc:
        state = attempt_state(request.user, quiz)
        selected = {qid: set(choices) for qid, choices in answers.items()}
        return _render(
            quiz,
            request,
            course,
            questions,
            state,
            error=exc.message,
            status=exc.status if exc.status != 404 else 400,
            selected=selected,
            token=token,
            progress=progress,
        )
    return redirect(url_of(quiz, request) + quiz.reverse_subpage("result", args=[attempt.number]))


def result_rows(quiz, questions, attempt, reveal):
    """Each question in the order it was shown, with the person's choices and the verdict."""
    arranged = arrange(quiz, questions, attempt.user_id, attempt.number)
    rows = []
    for question, choices in arranged:
        chosen = set(attempt.answers.get(str(question.pk), []))
        rows.append(
            {
                "question": question,
                "correct": attempt.results.get(str(question.pk), False),
                "choices": [
                    {
                        "text": choice.text,
                        "chosen": choice.pk in chosen,
                        "is_correct": choice.is_correct if reveal else None,
                    }
                    for choice in choices
                ],
            }
        )
    return rows


def attempt_result(quiz, request, number):
    """The result of one of the person's own attempts; anyone else's is not found."""
    if response := require_sign_in(request):
        return response
    course = _course(quiz, request)
    attempt = QuizAttempt.objects.filter(user=request.user, quiz=quiz, number=number).first()
    if attempt is None:
        raise Http404("No such attempt.")
    state = attempt_state(request.user, quiz)
    questions = load_questions(quiz)
    progress = course_progress(request.user, course)
    if attempt.passed:
        attach_resume_pages([progress])  # the lessons left, if any
    context = quiz.get_context(request)
    context.update(
        course=course,
        attempt=attempt,
        state=state,
        rows=result_rows(quiz, questions, attempt, state.reveal_answers),
        progress=progress,
        outcomes=course_outcomes(request, course, progress) if attempt.passed else [],
    )
    try:
        check_may_attempt(state)
    except LearningError as exc:
        context["next_attempt_blocked"] = exc
    return TemplateResponse(request, "courses/quiz_result.html", context)


def preview_quiz(quiz, request, with_answers):
    """The editor's preview of a (possibly unsaved) quiz, optionally with its answers."""
    if request.method == "POST":
        return HttpResponseNotAllowed(["GET"])
    questions = list(quiz.questions.all())
    arranged = arrange(quiz, questions, getattr(request.user, "pk", 0), 1)
    context = quiz.get_context(request)
    context.update(
        preview=True,
        with_answers=with_answers,
        questions=display_questions(arranged, with_answers=with_answers),
    )
    return TemplateResponse(request, quiz.get_template(request), context)
