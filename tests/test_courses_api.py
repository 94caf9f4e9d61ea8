"""The courses API: endpoints, refusals with clear 4xx, no answers before submitting."""

import json
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courses.models import (
    CourseCompletion,
    Enrollment,
    LessonCompletion,
    PolicyAcceptance,
    QuizAttempt,
    QuizPage,
)
from courses.services import load_questions
from tests.factories import (
    UserFactory,
    make_course,
    make_lesson,
    make_policy,
    make_quiz,
    publish_policy_change,
    question,
)

API = "/api/v1"


def post(client, path, body=None):
    return client.post(f"{API}{path}", json.dumps(body or {}), content_type="application/json")


def right(quiz):
    return {
        str(q.pk): [c.pk for c in q.choices.all() if c.is_correct] for q in load_questions(quiz)
    }


def wrong(quiz):
    return {
        str(q.pk): [next(c.pk for c in q.choices.all() if not c.is_correct)]
        for q in load_questions(quiz)
    }


@pytest.fixture
def course(db):
    return make_course("Engaging", lessons=2, questions=3, tags=["engagement"])


@pytest.fixture
def quiz(course):
    return QuizPage.objects.get()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def api(client_for, user):
    return client_for(user)


def test_everything_needs_a_session(client, course, quiz):
    for path in ("/courses", f"/courses/{course.pk}", "/me/progress", f"/quizzes/{quiz.pk}"):
        response = client.get(f"{API}{path}")
        assert response.status_code == 401 and "message" in response.json()


def test_writes_need_the_csrf_token(user, course):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert post(browser, f"/courses/{course.pk}/enroll").status_code == 403
    assert not Enrollment.objects.exists()


def test_course_list_filters_and_paginates(api, course):
    make_course("Listening", lessons=1, questions=0, tags=["listening"])
    make_course("Draft", live=False)
    body = api.get(f"{API}/courses").json()
    assert body["count"] == 2 and body["pages"] == 1
    assert [c["title"] for c in body["items"]] == ["Engaging", "Listening"]
    first = body["items"][0]
    assert first["tags"] == ["engagement"] and first["lesson_count"] == 2 and first["has_quiz"]
    assert first["progress"]["status"] == "not_started"
    assert [c["title"] for c in api.get(f"{API}/courses?tag=listening").json()["items"]] == [
        "Listening"
    ]
    assert api.get(f"{API}/courses?search=engag").json()["count"] == 1
    assert api.get(f"{API}/courses?page=9").json()["page"] == 1
    assert api.get(f"{API}/courses?page=abc").status_code == 422


def test_course_detail_enrol_and_progress(api, user, course, quiz):
    detail = api.get(f"{API}/courses/{course.pk}").json()
    assert [lesson["done"] for lesson in detail["lessons"]] == [False, False]
    assert detail["quiz"]["id"] == quiz.pk and detail["quiz"]["pass_mark"] == 80
    response = post(api, f"/courses/{course.pk}/enroll")
    assert response.status_code == 201 and response.json()["created"]
    again = post(api, f"/courses/{course.pk}/enroll")
    assert again.status_code == 200 and not again.json()["created"]
    assert Enrollment.objects.filter(user=user).count() == 1
    progress = api.get(f"{API}/me/progress").json()
    assert progress["courses"][0]["status"] == "in_progress"
    assert progress["due"] == [] and progress["policy"] is None


def test_a_course_says_whether_its_quiz_waits_for_the_lessons(api, course):
    later = make_course("Lessons first", lessons=1, questions=1, quiz_requires_lessons=True)
    listed = {c["title"]: c for c in api.get(f"{API}/courses").json()["items"]}
    assert listed["Engaging"]["quiz_requires_lessons"] is False
    assert listed["Lessons first"]["quiz_requires_lessons"] is True
    assert api.get(f"{API}/courses/{later.pk}").json()["quiz_requires_lessons"] is True
    assert api.get(f"{API}/courses/{course.pk}").json()["quiz_requires_lessons"] is False
    schema = api.get(f"{API}/openapi.json").json()["components"]["schemas"]
    assert "quiz_requires_lessons" in schema["CourseOut"]["required"]


def test_unknown_or_unpublished_courses_are_not_found(api, course):
    assert api.get(f"{API}/courses/999999").status_code == 404
    course.unpublish()
    assert api.get(f"{API}/courses/{course.pk}").status_code == 404
    assert post(api, f"/courses/{course.pk}/enroll").status_code == 404
    assert not Enrollment.objects.exists()


def test_lessons_read_and_complete(api, user, course):
    first, second = course.lessons()
    body = api.get(f"{API}/lessons/{first.pk}").json()
    assert body["position"] == 1 and body["next_lesson_id"] == second.pk
    assert [block["type"] for block in body["body"]] == [
        "rich_text",
        "callout",
        "do_dont",
        "scenario",
    ]
    assert body["body"][1]["value"]["text"] == "<p>Read it twice.</p>"
    response = post(api, f"/lessons/{first.pk}/complete")
    assert response.status_code == 201 and not response.json()["course_completed"]
    assert post(api, f"/lessons/{first.pk}/complete").status_code == 200
    assert LessonCompletion.objects.filter(user=user).count() == 1
    assert api.get(f"{API}/lessons/{first.pk}").json()["done"]


def test_lessons_of_unpublished_pages_cannot_be_completed(api, course):
    draft = make_lesson(course, title="Draft", live=False)
    assert post(api, f"/lessons/{draft.pk}/complete").status_code == 404
    live = course.lessons().first()
    course.unpublish()
    assert post(api, f"/lessons/{live.pk}/complete").status_code == 404
    assert api.get(f"{API}/lessons/{live.pk}").status_code == 404
    assert not LessonCompletion.objects.exists()


def test_employees_never_receive_the_answers(api, quiz):
    raw = api.get(f"{API}/quizzes/{quiz.pk}").content.decode()
    body = json.loads(raw)
    assert "is_correct" not in raw and "explanation" not in raw
    assert len(body["questions"]) == 3 and body["attempt_number"] == 1 and body["may_attempt"]
    forbidden = api.get(f"{API}/quizzes/{quiz.pk}?include_answers=true")
    assert forbidden.status_code == 403 and "editors" in forbidden.json()["message"]


def test_editors_may_ask_for_the_answers(client_for, quiz):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    body = client_for(editor).get(f"{API}/quizzes/{quiz.pk}?include_answers=true").json()
    choices = [c for q in body["questions"] for c in q["choices"]]
    assert sum(c["is_correct"] for c in choices) == 3
    assert all(q["explanation"] for q in body["questions"])


def test_submit_grades_and_is_idempotent(api, user, course, quiz):
    for lesson in course.lessons():
        post(api, f"/lessons/{lesson.pk}/complete")
    key = str(uuid.uuid4())
    response = post(
        api, f"/quizzes/{quiz.pk}/attempts", {"submission_key": key, "answers": right(quiz)}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["score"] == 100 and body["passed"] and body["course_completed"]
    assert all(q["correct"] and q["explanation"] for q in body["questions"])
    assert all(q["correct_choice_ids"] for q in body["questions"])  # passed: the quiz is over
    again = post(
        api, f"/quizzes/{quiz.pk}/attempts", {"submission_key": key, "answers": right(quiz)}
    )
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert QuizAttempt.objects.count() == 1
    assert CourseCompletion.objects.filter(user=user, course=course).exists()
    listed = api.get(f"{API}/quizzes/{quiz.pk}/attempts").json()
    assert [a["id"] for a in listed] == [body["id"]]
    assert api.get(f"{API}/quizzes/{quiz.pk}/attempts/{body['id']}").json()["score"] == 100
    assert api.get(f"{API}/me/progress").json()["completed_course_ids"] == [course.pk]


def test_a_failed_attempt_hides_the_right_choices(api, quiz):
    body = post(
        api,
        f"/quizzes/{quiz.pk}/attempts",
        {"submission_key": str(uuid.uuid4()), "answers": wrong(quiz)},
    ).json()
    assert not body["passed"] and body["attempts_remaining"] == 2
    assert all("correct_choice_ids" not in q and q["explanation"] for q in body["questions"])


def _refused(api, quiz, answers, key=None):
    body = {"submission_key": key or str(uuid.uuid4()), "answers": answers}
    return post(api, f"/quizzes/{quiz.pk}/attempts", body)


def test_bad_submissions_get_a_clear_4xx_and_record_nothing(api, course, quiz):
    other = make_quiz(make_course("Other", lessons=0, questions=0), questions=1)
    other_question = load_questions(other)[0]
    questions = load_questions(quiz)
    good = right(quiz)
    cases = [
        ({str(other_question.pk): [other_question.choices.all()[0].pk]}, 400, "not part of"),
        ({**good, str(questions[0].pk): [987654]}, 400, "not one of the choices"),
        (
            {**good, str(questions[0].pk): [c.pk for c in questions[0].choices.all()]},
            400,
            "single answer",
        ),
        ({}, 400, "empty"),
        ({"abc": [1]}, 422, "Invalid input"),
        ({str(questions[0].pk): "x"}, 422, "Invalid input"),
    ]
    for answers, status, message in cases:
        response = _refused(api, quiz, answers)
        assert response.status_code == status, (answers, response.content)
        assert message in response.json()["message"]
    assert post(api, f"/quizzes/{quiz.pk}/attempts", {"answers": good}).status_code == 422
    not_a_uuid = post(api, f"/quizzes/{quiz.pk}/attempts", {"submission_key": "x", "answers": good})
    assert not_a_uuid.status_code == 422
    assert (
        post(
            api, "/quizzes/999999/attempts", {"submission_key": str(uuid.uuid4()), "answers": good}
        ).status_code
        == 404
    )
    assert not QuizAttempt.objects.exists()


def test_reusing_a_key_with_other_answers_conflicts(api, quiz):
    key = str(uuid.uuid4())
    assert _refused(api, quiz, wrong(quiz), key).status_code == 201
    response = _refused(api, quiz, right(quiz), key)
    assert response.status_code == 409 and "already used" in response.json()["message"]
    assert QuizAttempt.objects.count() == 1


def test_attempt_limit_and_cool_down(api, quiz):
    QuizPage.objects.filter(pk=quiz.pk).update(cooldown_minutes=15, max_attempts=2)
    assert _refused(api, quiz, wrong(quiz)).status_code == 201
    cooling = _refused(api, quiz, right(quiz))
    assert cooling.status_code == 429
    assert cooling.json()["retry_at"] and 0 < int(cooling["Retry-After"]) <= 15 * 60 + 1
    assert "next attempt opens at" in cooling.json()["message"]
    QuizAttempt.objects.update(
        submitted_at=QuizAttempt.objects.get().submitted_at - timedelta(hours=1)
    )
    assert _refused(api, quiz, wrong(quiz)).status_code == 201
    QuizAttempt.objects.update(
        submitted_at=QuizAttempt.objects.first().submitted_at - timedelta(hours=1)
    )
    closed = _refused(api, quiz, right(quiz))
    assert closed.status_code == 409 and "all 2 attempts" in closed.json()["message"]
    assert QuizAttempt.objects.count() == 2
    state = api.get(f"{API}/quizzes/{quiz.pk}").json()
    assert not state["may_attempt"] and state["attempts_remaining"] == 0


def test_quiz_of_an_unpublished_course_is_not_found(api, course, quiz):
    course.unpublish()
    assert api.get(f"{API}/quizzes/{quiz.pk}").status_code == 404
    assert _refused(api, quiz, right(quiz)).status_code == 404
    assert api.get(f"{API}/quizzes/{quiz.pk}/attempts").status_code == 404
    assert not QuizAttempt.objects.exists()


def test_another_persons_attempt_is_not_found(client_for, api, quiz):
    theirs = _refused(client_for(UserFactory()), quiz, wrong(quiz)).json()
    assert api.get(f"{API}/quizzes/{quiz.pk}/attempts/{theirs['id']}").status_code == 404
    assert api.get(f"{API}/quizzes/{quiz.pk}/attempts").json() == []


def test_submission_queries_do_not_grow_with_the_questions(api, db):
    small = make_quiz(make_course("Small", lessons=0, questions=0), questions=2)
    large = make_quiz(
        make_course("Large", lessons=0, questions=0),
        questions=[question("multiple", f"Q{n}", correct=(0, 1), choices=4) for n in range(12)],
    )

    def count(quiz):
        answers = right(quiz)
        with CaptureQueriesContext(connection) as queries:
            assert _refused(api, quiz, answers).status_code == 201
        return len(queries)

    assert count(small) == count(large)


def test_policy_current_and_accept(api, user):
    assert api.get(f"{API}/policies/current").status_code == 404
    policy = make_policy()
    current = api.get(f"{API}/policies/current").json()
    assert current["version"] == 1 and not current["accepted"]
    assert "version 1" in current["attestation"]
    response = post(api, f"/policies/{policy.pk}/accept", {"version": 1})
    assert response.status_code == 201 and response.json()["version"] == 1
    assert post(api, f"/policies/{policy.pk}/accept").status_code == 200
    publish_policy_change(policy, "<p>v2</p>")
    outdated = post(api, f"/policies/{policy.pk}/accept", {"version": 1})
    assert outdated.status_code == 409 and "version 2" in outdated.json()["message"]
    assert api.get(f"{API}/me/progress").json()["policy"]["accepted_version"] == 1
    assert post(api, f"/policies/{policy.pk}/accept", {"version": 2}).status_code == 201
    assert PolicyAcceptance.objects.filter(user=user).count() == 2
    assert post(api, "/policies/999999/accept").status_code == 404


def test_openapi_describes_the_courses_endpoints(api):
    schema = api.get(f"{API}/openapi.json").json()
    for path in (
        "/api/v1/courses",
        "/api/v1/courses/{course_id}",
        "/api/v1/courses/{course_id}/enroll",
        "/api/v1/me/progress",
        "/api/v1/lessons/{lesson_id}",
        "/api/v1/lessons/{lesson_id}/complete",
        "/api/v1/quizzes/{quiz_id}",
        "/api/v1/quizzes/{quiz_id}/attempts",
        "/api/v1/policies/current",
        "/api/v1/policies/{policy_id}/accept",
    ):
        assert path in schema["paths"], path
    components = schema["components"]["schemas"]
    assert {"AttemptIn", "AttemptResultOut", "QuizOut", "CoursePageOut"} <= set(components)
    assert "submission_key" in components["AttemptIn"]["properties"]
