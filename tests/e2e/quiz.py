"""Answering a quiz in the browser: the test reads the answers from the database, the page
never holds them."""

import re

from courses.models import Choice


def questions_on(page):
    """The ids of the questions the quiz form shows (its inputs are named q-<question id>)."""
    names = page.locator("form.quiz-form input[name^='q-']").evaluate_all(
        "inputs => inputs.map(input => input.name)"
    )
    return sorted({int(re.fullmatch(r"q-(\d+)", name).group(1)) for name in names})


def answer(page, right):
    """Tick the right answers (right=True) or one wrong answer for every question, clicking the
    labels as a person would."""
    question_ids = questions_on(page)
    assert question_ids, "The quiz shows no questions."
    key = {}
    for choice in Choice.objects.filter(question_id__in=question_ids):
        correct, wrong = key.setdefault(choice.question_id, ([], []))
        (correct if choice.is_correct else wrong).append(choice.pk)
    for question_id in question_ids:
        correct, wrong = key[question_id]
        for choice_id in correct if right else wrong[:1]:
            page.locator(f"label[for='q{question_id}-c{choice_id}']").click()
