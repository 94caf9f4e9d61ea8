"""Archiving learning records moves them, whole, out of every count (a new certification cycle,
or staff resetting a person's quiz attempts)."""

import uuid

import pytest

from courses.models import (
    ArchivedRecord,
    CourseCompletion,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    QuizPage,
)
from courses.services import (
    SCOPE_COURSE,
    SCOPE_QUIZ,
    archive_attempts,
    archive_learning,
    complete_lesson,
    completed_course_ids,
    submit_attempt,
)
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


def _finish(user, course):
    for lesson in LessonPage.objects.child_of(course):
        complete_lesson(user, lesson, course=course)
    quiz = QuizPage.objects.child_of(course).first()
    answers = {
        str(q.pk): [c.pk for c in q.choices.all() if c.is_correct] for q in quiz.questions.all()
    }
    attempt, _ = submit_attempt(user, quiz, uuid.uuid4(), answers)
    assert attempt.passed
    return quiz


def test_a_course_cycle_moves_lessons_attempts_and_the_completion(django_assert_max_num_queries):
    course = make_course("Basics", lessons=2, questions=2)
    other = make_course("Other", lessons=1, questions=1)
    alice, bob = UserFactory(), UserFactory()
    for person in (alice, bob):
        _finish(person, course)
        _finish(person, other)
    with django_assert_max_num_queries(12):
        moved = archive_learning(
            [alice.pk],
            [course.pk],
            scope=SCOPE_COURSE,
            reason="recertification",
            references={alice.pk: "recertification:1"},
        )
    assert moved == 4  # two lessons, one attempt, one completion
    assert completed_course_ids(alice) == {other.pk}
    assert completed_course_ids(bob) == {course.pk, other.pk}
    assert not LessonCompletion.objects.filter(
        user=alice, lesson__in=LessonPage.objects.child_of(course)
    )
    kept = ArchivedRecord.objects.filter(user=alice).order_by("kind")
    assert {r.kind for r in kept} == {"lesson", "quiz_attempt", "course"}
    attempt = kept.get(kind="quiz_attempt")
    assert attempt.data["passed"] is True and attempt.data["number"] == 1
    assert attempt.reference == "recertification:1"


def test_a_quiz_cycle_keeps_the_lessons_and_a_new_pass_completes_again():
    course = make_course("Basics", lessons=2, questions=2)
    alice = UserFactory()
    quiz = _finish(alice, course)
    archive_learning([alice.pk], [course.pk], scope=SCOPE_QUIZ, reason="recertification")
    assert LessonCompletion.objects.filter(user=alice).count() == 2
    assert not CourseCompletion.objects.filter(user=alice).exists()
    assert not QuizAttempt.objects.filter(user=alice).exists()
    _finish(alice, course)  # attempts start again at number 1
    assert QuizAttempt.objects.get(user=alice, quiz=quiz).number == 1
    assert completed_course_ids(alice) == {course.pk}


def test_resetting_attempts_keeps_a_completion():
    course = make_course("Basics", lessons=1, questions=1)
    alice = UserFactory()
    quiz = _finish(alice, course)
    assert archive_attempts(alice, quiz, reason="attempts_reset") == 1
    assert not QuizAttempt.objects.filter(user=alice).exists()
    assert completed_course_ids(alice) == {course.pk}
    assert archive_attempts(alice, quiz, reason="attempts_reset") == 0
