"""Quizzes: grading on the server, shuffling, attempts, limits, and the editor's side."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import signals
from courses.models import CourseCompletion, QuizAttempt, QuizPage
from courses.services import (
    CoolingDown,
    InvalidSubmission,
    QuizClosed,
    SubmissionConflict,
    arrange,
    complete_lesson,
    load_questions,
    submit_attempt,
)
from tests.factories import (
    UserFactory,
    admin_form_data,
    make_course,
    make_quiz,
    publish,
    question,
)


def right(questions):
    return {q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in questions}


def wrong(questions):
    return {q.pk: [next(c.pk for c in q.choices.all() if not c.is_correct)] for q in questions}


@pytest.fixture
def quiz(db):
    course = make_course(lessons=1, questions=0)
    return make_quiz(
        course,
        questions=[
            question("single", "Which post discloses?", correct=(1,)),
            question("multiple", "Which are confidential?", correct=(0, 2), choices=4),
            question("true_false", "Deleting complaints is fine.", correct=(1,)),
        ],
        max_attempts=3,
        cooldown_minutes=0,
        pass_mark=60,
    )


@pytest.fixture
def capture():
    """Records the courses signals sent during a test."""
    sent = []

    def receiver(signal_name):
        def record(sender, **kwargs):
            sent.append((signal_name, kwargs))

        return record

    receivers = {name: receiver(name) for name in ("course_completed", "quiz_attempted")}
    for name, func in receivers.items():
        getattr(signals, name).connect(func)
    yield sent
    for name, func in receivers.items():
        getattr(signals, name).disconnect(func)


def form_token(html):
    return re.search(r'name="attempt" value="([^"]+)"', html).group(1)


def test_quiz_page_carries_no_answers(client_for, quiz):
    html = client_for(UserFactory()).get(quiz.url).content.decode()
    assert "<fieldset" in html and "<legend>" in html and "Choose all that apply." in html
    assert "Correct answer" not in html and "choice-correct" not in html
    for q in load_questions(quiz):
        assert q.explanation not in html
        for choice in q.choices.all():
            assert f'value="{choice.pk}"' in html and f'for="q{q.pk}-c{choice.pk}"' in html


def test_shuffle_is_stable_on_reload_and_differs_per_attempt(client_for, db):
    course = make_course(lessons=0, questions=0)
    quiz = make_quiz(course, questions=10, shuffle_questions=True, shuffle_choices=True)
    user = UserFactory()
    browser = client_for(user)
    order = re.compile(r'name="q-(\d+)" id="q\d+-c(\d+)"')
    first = order.findall(browser.get(quiz.url).content.decode())
    assert first == order.findall(browser.get(quiz.url).content.decode())
    questions = load_questions(quiz)
    as_ids = [(q.pk, [c.pk for c in cs]) for q, cs in arrange(quiz, questions, user.pk, 1)]
    again = [(q.pk, [c.pk for c in cs]) for q, cs in arrange(quiz, questions, user.pk, 2)]
    assert as_ids != again
    assert sorted(as_ids) != as_ids or sorted(again) != again  # the order really is shuffled


def test_passing_through_the_form_completes_the_course(client_for, quiz, capture):
    user = UserFactory()
    course = quiz.get_parent().specific
    complete_lesson(user, course.lessons().first())
    browser = client_for(user)
    token = form_token(browser.get(quiz.url).content.decode())
    data = {"attempt": token}
    for question_id, choices in right(load_questions(quiz)).items():
        data[f"q-{question_id}"] = [str(pk) for pk in choices]
    response = browser.post(quiz.url, data)
    assert response["Location"].endswith("/attempts/1/")
    assert browser.post(quiz.url, data)["Location"] == response["Location"]  # double submit
    assert QuizAttempt.objects.filter(user=user).count() == 1
    result = browser.get(response["Location"]).content.decode()
    assert "You passed" in result and "100%" in result and "3 of 3 correct" in result
    for q in load_questions(quiz):
        assert q.explanation in result
    assert CourseCompletion.objects.filter(user=user, course=course).exists()
    assert [name for name, _kwargs in capture] == ["quiz_attempted", "course_completed"]
    assert capture[1][1]["course"].pk == course.pk and capture[1][1]["user"] == user


def test_failed_attempt_shows_explanations_but_not_the_answers(client_for, quiz):
    user = UserFactory()
    attempt, _ = submit_attempt(user, quiz, uuid.uuid4(), wrong(load_questions(quiz)))
    assert not attempt.passed and attempt.score == 0
    browser = client_for(user)
    page = browser.get(f"{quiz.url}attempts/1/").content.decode()
    assert "Not passed this time" in page and "Incorrect" in page and "Try again" in page
    assert "Correct answer" not in page
    assert load_questions(quiz)[0].explanation in page
    assert client_for(UserFactory()).get(f"{quiz.url}attempts/1/").status_code == 404


def test_partial_credit_is_rounded_down_against_the_pass_mark(quiz):
    questions = load_questions(quiz)
    answers = right(questions)
    answers[questions[1].pk] = answers[questions[1].pk][:1]  # half of a multiple choice: wrong
    attempt, _ = submit_attempt(UserFactory(), quiz, uuid.uuid4(), answers)
    assert (attempt.correct_count, attempt.score, attempt.passed) == (2, 66, True)
    assert attempt.results == {
        str(questions[0].pk): True,
        str(questions[1].pk): False,
        str(questions[2].pk): True,
    }


def test_the_same_submission_key_records_once(quiz):
    user, key = UserFactory(), uuid.uuid4()
    answers = right(load_questions(quiz))
    first, created = submit_attempt(user, quiz, key, answers)
    again, created_again = submit_attempt(user, quiz, key, answers)
    assert created and not created_again and first.pk == again.pk
    with pytest.raises(SubmissionConflict):
        submit_attempt(user, quiz, key, wrong(load_questions(quiz)))
    assert QuizAttempt.objects.count() == 1


def test_attempts_are_unique_in_the_database(quiz):
    attempt, _ = submit_attempt(UserFactory(), quiz, uuid.uuid4(), wrong(load_questions(quiz)))
    fields = {
        f.name: getattr(attempt, f.name)
        for f in QuizAttempt._meta.concrete_fields
        if f.name not in ("id", "user", "quiz")
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizAttempt.objects.create(
            user=attempt.user, quiz=attempt.quiz, **{**fields, "number": 2}
        )  # same submission key
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizAttempt.objects.create(
            user=attempt.user, quiz=attempt.quiz, **{**fields, "submission_key": uuid.uuid4()}
        )  # same attempt number


@pytest.mark.parametrize(
    "make_answers, message",
    [
        (lambda qs, other: {other[0].pk: [other[0].choices.all()[0].pk]}, "not part of this quiz"),
        (lambda qs, other: {**right(qs), qs[0].pk: [999999]}, "not one of the choices"),
        (
            lambda qs, other: {**right(qs), qs[0].pk: [c.pk for c in qs[0].choices.all()]},
            "takes a single answer",
        ),
        (
            lambda qs, other: {**right(qs), qs[2].pk: [c.pk for c in qs[2].choices.all()]},
            "takes a single answer",
        ),
        (lambda qs, other: {**right(qs), qs[0].pk: [qs[1].choices.all()[0].pk]}, "not one of"),
        (lambda qs, other: {}, "empty"),
        (lambda qs, other: {qs[0].pk: []}, "empty"),
        (lambda qs, other: {qs[0].pk: right(qs)[qs[0].pk]}, "2 are still unanswered"),
    ],
    ids=[
        "question-of-another-quiz",
        "unknown-choice",
        "several-choices-for-single",
        "both-true-and-false",
        "choice-of-another-question",
        "empty",
        "empty-lists",
        "unanswered",
    ],
)
def test_bad_answers_are_refused_and_nothing_is_recorded(quiz, make_answers, message):
    other = load_questions(make_quiz(make_course("Other", lessons=0, questions=0), questions=1))
    with pytest.raises(InvalidSubmission, match=message):
        submit_attempt(UserFactory(), quiz, uuid.uuid4(), make_answers(load_questions(quiz), other))
    assert not QuizAttempt.objects.exists()


def test_the_attempt_limit_closes_the_quiz(client_for, quiz):
    user = UserFactory()
    questions = load_questions(quiz)
    for _ in range(3):
        submit_attempt(user, quiz, uuid.uuid4(), wrong(questions))
    with pytest.raises(QuizClosed, match="all 3 attempts"):
        submit_attempt(user, quiz, uuid.uuid4(), right(questions))
    assert QuizAttempt.objects.filter(user=user).count() == 3
    page = client_for(user).get(quiz.url).content.decode()
    assert "You have used all 3 attempts" in page and "Submit answers" not in page
    # Once the quiz is closed the answers may be shown.
    assert "Correct answer" in client_for(user).get(f"{quiz.url}attempts/3/").content.decode()


def test_a_passed_quiz_takes_no_more_attempts(quiz):
    user = UserFactory()
    submit_attempt(user, quiz, uuid.uuid4(), right(load_questions(quiz)))
    with pytest.raises(QuizClosed, match="already passed"):
        submit_attempt(user, quiz, uuid.uuid4(), right(load_questions(quiz)))


def test_cool_down_after_a_failed_attempt(client_for, quiz):
    QuizPage.objects.filter(pk=quiz.pk).update(cooldown_minutes=30)
    quiz.refresh_from_db()
    user = UserFactory()
    questions = load_questions(quiz)
    first, _ = submit_attempt(user, quiz, uuid.uuid4(), wrong(questions))
    with pytest.raises(CoolingDown) as refused:
        submit_attempt(user, quiz, uuid.uuid4(), right(questions))
    assert refused.value.retry_at == first.submitted_at + timedelta(minutes=30)
    assert QuizAttempt.objects.count() == 1
    assert "Take a break before trying again" in client_for(user).get(quiz.url).content.decode()
    QuizAttempt.objects.filter(pk=first.pk).update(
        submitted_at=first.submitted_at - timedelta(minutes=31)
    )
    attempt, created = submit_attempt(user, quiz, uuid.uuid4(), right(questions))
    assert created and attempt.number == 2 and attempt.passed


def test_form_errors_keep_the_answers_and_record_nothing(client_for, quiz):
    user = UserFactory()
    browser = client_for(user)
    token = form_token(browser.get(quiz.url).content.decode())
    first = load_questions(quiz)[0]
    choice = first.choices.all()[1].pk
    response = browser.post(quiz.url, {"attempt": token, f"q-{first.pk}": str(choice)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "2 are still unanswered" in html and f'value="{choice}" aria-describedby' in html
    assert re.search(rf'value="{choice}"[^>]*checked', html)
    forged = browser.post(quiz.url, {"attempt": "forged", f"q-{first.pk}": str(choice)})
    assert forged.status_code == 400 and "expired" in forged.content.decode()
    assert not QuizAttempt.objects.exists()


def test_a_quiz_of_an_unpublished_course_is_not_found(client_for, quiz):
    quiz.get_parent().specific.unpublish()
    assert client_for(UserFactory()).get(quiz.url).status_code == 404


def _submission_queries(user, quiz):
    questions_and_answers = right(load_questions(quiz))
    with CaptureQueriesContext(connection) as queries:
        submit_attempt(user, quiz, uuid.uuid4(), questions_and_answers)
    return len(queries)


def test_submission_queries_do_not_grow_with_the_questions(db):
    small = make_quiz(make_course("Small", lessons=1, questions=0), questions=2)
    large = make_quiz(make_course("Large", lessons=1, questions=0), questions=12)
    user = UserFactory()
    assert _submission_queries(user, small) == _submission_queries(user, large)


def test_html_submission_queries_do_not_grow_with_the_questions(client_for, db):
    user = UserFactory()
    browser = client_for(user)

    def count(quiz):
        token = form_token(browser.get(quiz.url).content.decode())
        data = {"attempt": token}
        for question_id, choices in right(load_questions(quiz)).items():
            data[f"q-{question_id}"] = [str(pk) for pk in choices]
        with CaptureQueriesContext(connection) as queries:
            assert browser.post(quiz.url, data).status_code == 302
        return len(queries)

    small = make_quiz(make_course("Small", lessons=1, questions=0), questions=2)
    large = make_quiz(make_course("Large", lessons=1, questions=0), questions=12)
    assert count(small) == count(large)


def test_editor_previews_the_quiz_with_its_answers(client, admin_user, quiz):
    client.force_login(admin_user)
    data = admin_form_data(client, quiz)
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[quiz.pk])
    assert client.post(preview, data).json() == {"is_valid": True, "is_available": True}
    with_answers = client.get(preview, {"mode": "answers"}).content.decode()
    assert "Correct answer" in with_answers and load_questions(quiz)[0].explanation in with_answers
    employee_view = client.get(preview, {"mode": ""}).content.decode()
    assert "Correct answer" not in employee_view


def test_admin_form_requires_answerable_questions(client, admin_user, quiz):
    client.force_login(admin_user)
    edit = reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    data = admin_form_data(client, quiz)

    def errors_for(changes, drop=()):
        changed = data.copy()
        for key, value in changes.items():
            changed.setlist(key, [value])
        for key in drop:
            changed.pop(key, None)
        response = client.post(edit, changed)
        if response.status_code == 302:
            return []
        return response.context["form"].non_field_errors()

    assert errors_for({"questions-0-choices-0-is_correct": "on"}) == [
        "Question 1: Mark exactly one choice as correct."
    ]
    assert errors_for(
        {}, drop=["questions-1-choices-0-is_correct", "questions-1-choices-2-is_correct"]
    ) == ["Question 2: Mark at least one choice as correct."]
    assert errors_for({"questions-0-kind": "true_false"}) == [
        "Question 1: A true/false question has exactly two choices: true and false."
    ]
    assert errors_for({"questions-0-text": "Which post discloses the author's employer?"}) == []
    quiz.refresh_from_db()
    latest = quiz.get_latest_revision_as_object()
    assert latest.questions.all()[0].text == "Which post discloses the author's employer?"
    publish(latest)
    assert load_questions(QuizPage.objects.get(pk=quiz.pk))[0].text.startswith("Which post")
