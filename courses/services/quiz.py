"""Quizzes: the order a person sees, whether they may try, and grading on the server."""

import hashlib
import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from courses.choices import QuestionKind
from courses.models import Choice, QuizAttempt
from courses.services.errors import CoolingDown, InvalidSubmission, QuizClosed, SubmissionConflict
from courses.services.pages import parent_course
from courses.services.progress import check_quiz_unlocked, complete_course_if_done
from courses.signals import quiz_attempted
from lms.formats import format_date, format_time


@dataclass
class AttemptState:
    """How a person stands with a quiz before their next attempt."""

    used: int
    passed: bool
    last_submitted_at: object
    max_attempts: int
    cooldown_minutes: int

    @property
    def next_number(self):
        return self.used + 1

    @property
    def remaining(self):
        """Attempts left, or None when there is no limit."""
        if not self.max_attempts:
            return None
        return max(self.max_attempts - self.used, 0)

    @property
    def retry_at(self):
        """When the cool-down after a failed attempt ends, or None if there is none to wait."""
        if self.passed or not self.cooldown_minutes or self.last_submitted_at is None:
            return None
        ends = self.last_submitted_at + timedelta(minutes=self.cooldown_minutes)
        return ends if ends > timezone.now() else None

    @property
    def closed_reason(self):
        """Why no further attempt is possible, or None."""
        if self.passed:
            return "You have already passed this quiz."
        if self.remaining == 0:
            return f"You have used all {self.max_attempts} attempts at this quiz."
        return None

    @property
    def reveal_answers(self):
        """Correct answers are shown only once no further attempt is possible."""
        return self.closed_reason is not None


def attempt_state(user, quiz):
    """One query: the person's attempts so far at this quiz."""
    row = QuizAttempt.objects.filter(user=user, quiz=quiz).aggregate(
        used=Count("pk"), passes=Count("pk", filter=Q(passed=True)), last=Max("submitted_at")
    )
    return AttemptState(
        used=row["used"],
        passed=row["passes"] > 0,
        last_submitted_at=row["last"],
        max_attempts=quiz.max_attempts,
        cooldown_minutes=quiz.cooldown_minutes,
    )


def check_may_attempt(state):
    """Raise QuizClosed or CoolingDown when the next attempt is not allowed now."""
    if reason := state.closed_reason:
        raise QuizClosed(reason)
    if retry_at := state.retry_at:
        # In the person's zone (lms.time_zones), with its abbreviation: "opens at 08:09 CET".
        when = format_time(retry_at)
        if timezone.localdate(retry_at) != timezone.localdate():
            when = f"{when} on {format_date(retry_at)}"
        raise CoolingDown(
            f"Take a break before trying again: the next attempt opens at {when}.",
            retry_at,
        )


def load_questions(quiz):
    """The quiz's questions with their choices, in the editor's order (two queries)."""
    choices = Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk"))
    return list(quiz.questions.order_by("sort_order", "pk").prefetch_related(choices))


def _rng(user_id, quiz_id, number):
    seed = hashlib.sha256(f"{user_id}:{quiz_id}:{number}".encode()).hexdigest()
    return random.Random(int(seed, 16))  # noqa: S311 - an ordering, not a secret


def arrange(quiz, questions, user_id, number):
    """[(question, [choices])] in the order this person sees attempt `number`: the same on every
    reload, different from one attempt to the next when the quiz shuffles."""
    rng = _rng(user_id, quiz.pk, number)
    arranged = [(question, list(question.choices.all())) for question in questions]
    if quiz.shuffle_questions:
        rng.shuffle(arranged)
    if quiz.shuffle_choices:
        for _question, choices in arranged:
            rng.shuffle(choices)
    return arranged


def normalise_answers(questions, answers):
    """{question id: sorted choice ids} checked against the quiz; raise InvalidSubmission."""
    if not answers:
        raise InvalidSubmission("The submission is empty: answer the questions, then submit.")
    by_id = {question.pk: question for question in questions}
    clean = {}
    for raw_id, raw_choices in answers.items():
        try:
            question_id = int(raw_id)
        except (TypeError, ValueError):
            raise InvalidSubmission(f"{raw_id!r} is not a question id.") from None
        question = by_id.get(question_id)
        if question is None:
            raise InvalidSubmission(f"Question {question_id} is not part of this quiz.")
        chosen = set(raw_choices or [])
        valid = {choice.pk for choice in question.choices.all()}
        unknown = sorted(chosen - valid, key=str)
        if unknown:
            raise InvalidSubmission(
                f"Choice {unknown[0]} is not one of the choices of question {question_id}."
            )
        if len(chosen) > 1 and question.kind != QuestionKind.MULTIPLE:
            raise InvalidSubmission(f"Question {question_id} takes a single answer.")
        if chosen:
            clean[question_id] = sorted(chosen)
    unanswered = [question.pk for question in questions if question.pk not in clean]
    if not clean:
        raise InvalidSubmission("The submission is empty: answer the questions, then submit.")
    if unanswered:
        count = len(unanswered)
        raise InvalidSubmission(
            f"Answer every question: {count} {'is' if count == 1 else 'are'} still unanswered."
        )
    return clean


def grade(questions, answers):
    """(results {question id: right?}, correct count, score in whole percent, rounded down)."""
    results = {}
    for question in questions:
        correct = {choice.pk for choice in question.choices.all() if choice.is_correct}
        results[question.pk] = set(answers.get(question.pk, ())) == correct
    right = sum(results.values())
    return results, right, right * 100 // len(questions)


def _stored(answers):
    return {str(question_id): choices for question_id, choices in answers.items()}


def _replay(user, quiz, submission_key, questions, answers):
    """The attempt already recorded under this key, or None; other answers are a conflict."""
    mine = QuizAttempt.objects.filter(user=user, quiz=quiz)
    attempt = mine.filter(submission_key=submission_key).first()
    if attempt is None:
        return None
    try:
        same = _stored(normalise_answers(questions, answers)) == attempt.answers
    except InvalidSubmission:
        same = False
    if not same:
        raise SubmissionConflict(
            "This submission key was already used with other answers: send a new key."
        )
    return attempt


def submit_attempt(user, quiz, submission_key, answers, started_at=None, questions=None, at=None):
    """Grade and record one attempt; safe to repeat with the same key (the first result is
    returned). Returns (attempt, created). Raises a LearningError when refused (LessonsFirst
    when the course opens its quiz only after its lessons). `at` backdates the submission
    (imports and the demo)."""
    questions = load_questions(quiz) if questions is None else questions
    now = at or timezone.now()
    if started_at is not None and timezone.is_naive(started_at):
        started_at = timezone.make_aware(started_at)
    with transaction.atomic():
        if replayed := _replay(user, quiz, submission_key, questions, answers):
            if replayed.passed:  # a repeated pass checks the course again
                complete_course_if_done(user, parent_course(quiz), at=at)
            return replayed, False
        course = parent_course(quiz)
        check_quiz_unlocked(user, course)
        state = attempt_state(user, quiz)
        check_may_attempt(state)
        if not questions:
            raise QuizClosed("This quiz has no questions yet.")
        clean = normalise_answers(questions, answers)
        results, right, score = grade(questions, clean)
        try:
            with transaction.atomic():
                attempt = QuizAttempt.objects.create(
                    user=user,
                    quiz=quiz,
                    number=state.next_number,
                    submission_key=submission_key,
                    answers=_stored(clean),
                    correct_count=right,
                    question_count=len(questions),
                    score=score,
                    pass_mark=quiz.pass_mark,
                    passed=score >= quiz.pass_mark,
                    results={str(pk): ok for pk, ok in results.items()},
                    started_at=min(started_at or now, now),
                    submitted_at=now,
                )
        except IntegrityError:
            if replayed := _replay(user, quiz, submission_key, questions, clean):
                return replayed, False
            raise SubmissionConflict(
                "Another attempt at this quiz was recorded at the same moment: reload the quiz."
            ) from None
        quiz_attempted.send(sender=QuizAttempt, attempt=attempt)
        if attempt.passed:
            complete_course_if_done(user, course, at=at)
    return attempt, True
