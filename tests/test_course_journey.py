"""A first-time employee's journey through a course, without dead ends: what completing a course
earns (the course outcome), one notion of progress everywhere, the quiz before or after the
lessons, the lesson outline and "Resume where I left off"."""

import json
import re
import uuid

import pytest
from django.test import Client
from wagtail import hooks

from certification.services.issuing import evaluate_user
from courses.models import CoursePage, LessonCompletion, QuizAttempt, QuizPage
from courses.services import (
    LessonsFirst,
    complete_lesson,
    course_progress,
    load_questions,
    submit_attempt,
)
from lms.hooks import COURSE_OUTCOME
from tests.factories import (
    UserFactory,
    accept_current_policy,
    admin_form_data,
    make_course,
    make_program,
)

OUTCOME = 'class="card course-outcome'


def right(quiz):
    return {q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in load_questions(quiz)}


def wrong(quiz):
    return {
        q.pk: [next(c.pk for c in q.choices.all() if not c.is_correct)]
        for q in load_questions(quiz)
    }


def form_data(browser, quiz, answers):
    html = browser.get(quiz.url).content.decode()
    data = {"attempt": re.search(r'name="attempt" value="([^"]+)"', html).group(1)}
    for question_id, choices in answers.items():
        data[f"q-{question_id}"] = [str(pk) for pk in choices]
    return data


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- 4. What completing a course earned -------------------------------------------------------


@pytest.mark.django_db
def test_the_last_lesson_says_the_certificate_is_being_issued_then_held(client_for, ladder):
    user = UserFactory()
    accept_current_policy(user, ladder["policy"])
    basics = ladder["basics"]
    lesson = basics.lessons().get()
    browser = client_for(user)
    response = browser.post(lesson.url)
    assert response["Location"] == basics.url
    page = html(browser.get(basics.url))
    assert "Well done: you have completed" in page
    # The completion is written; the issuing task runs after the commit, so not yet there.
    outcome = page[page.index(OUTCOME) :]
    assert "Being issued" in outcome and "Enthusiast" in outcome
    assert "What a enthusiast may do." in outcome  # Program.allows
    assert "Next on the ladder: Professional" in outcome
    assert "Complete “Engaging and responding”" in outcome
    assert "Hold a valid Enthusiast certificate" not in outcome  # it is being issued

    [certificate] = evaluate_user(user)
    page = html(browser.get(basics.url))
    outcome = page[page.index(OUTCOME) :]
    assert "Being issued" not in outcome and "Certificate held" in outcome
    assert f'href="{certificate.get_absolute_url()}"' in outcome
    assert "What a enthusiast may do." in outcome
    assert "Next on the ladder: Professional" in outcome


@pytest.mark.django_db
def test_a_passing_quiz_that_completes_the_course_shows_what_it_earned(client_for):
    course = make_course("Posting basics", lessons=1, questions=2)
    quiz = QuizPage.objects.get()
    starter = make_program("starter", courses=[course])
    make_program("advanced", tier=2, builds_on=starter, requires_approval=True)
    user = UserFactory()
    complete_lesson(user, course.lessons().get())
    browser = client_for(user)
    response = browser.post(quiz.url, form_data(browser, quiz, right(quiz)))
    result = html(browser.get(response["Location"]))
    assert "You passed" in result and "You have completed “Posting basics”" in result
    outcome = result[result.index(OUTCOME) :]
    assert (
        "Being issued" in outcome and "Starter" in outcome and "What a starter may do." in outcome
    )
    assert "Next on the ladder: Advanced" in outcome
    assert "Get approval from the social media team" in outcome

    evaluate_user(user)
    result = html(browser.get(response["Location"]))
    assert "Certificate held" in result[result.index(OUTCOME) :]
    # The course outline marks the quiz as passed, as it does a lesson done.
    page = html(browser.get(course.url))
    assert re.search(
        r'<li class="outline-quiz is-done">\s*<a href="[^"]+">Posting basics quiz', page
    )
    assert "Passed, 100%" in page


@pytest.mark.django_db
def test_a_failed_attempt_or_an_unfinished_course_shows_no_outcome(client_for):
    course = make_course("Posting basics", lessons=2, questions=2)
    quiz = QuizPage.objects.get()
    make_program("starter", courses=[course])
    user = UserFactory()
    browser = client_for(user)
    failed = browser.post(quiz.url, form_data(browser, quiz, wrong(quiz)))
    assert OUTCOME not in html(browser.get(failed["Location"]))
    QuizAttempt.objects.all().delete()
    passed = browser.post(quiz.url, form_data(browser, quiz, right(quiz)))
    result = html(browser.get(passed["Location"]))
    assert OUTCOME not in result  # passed, but the lessons are left
    first = course.lessons().first()
    assert "0 of 2 lessons done" in result and f'href="{first.url}"' in result
    assert "Resume where I left off" in result
    assert OUTCOME not in html(browser.get(course.url))


@pytest.mark.django_db
def test_anonymous_visitors_and_other_people_see_no_outcome(client_for, ladder):
    user = UserFactory()
    basics = ladder["basics"]
    complete_lesson(user, basics.lessons().get())
    assert OUTCOME in html(client_for(user).get(basics.url))
    assert OUTCOME not in html(Client().get(basics.url))
    assert OUTCOME not in html(client_for(UserFactory()).get(basics.url))


@pytest.mark.django_db
def test_without_programs_the_course_page_shows_no_outcome(client_for):
    course = make_course("Alone", lessons=1, questions=0)
    user = UserFactory()
    complete_lesson(user, course.lessons().get())
    page = html(client_for(user).get(course.url))
    assert "You finished this course" in page and OUTCOME not in page


@pytest.mark.django_db
def test_the_outcome_comes_through_the_hook(client_for):
    course = make_course("Hooked", lessons=1, questions=0)
    user = UserFactory()
    complete_lesson(user, course.lessons().get())
    seen = []

    def outcome(person, completed):
        seen.append((person.pk, completed.pk))
        return None

    with hooks.register_temporarily(COURSE_OUTCOME, outcome):
        html(client_for(user).get(course.url))
        html(Client().get(course.url))  # anonymous: the hook is not asked
    assert seen == [(user.pk, course.pk)]


# --- 5. One notion of progress ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_quiz_attempt_alone_makes_the_course_in_progress_everywhere(client_for):
    course = make_course("Attempted", lessons=2, questions=2)
    quiz = QuizPage.objects.get()
    user = UserFactory()
    submit_attempt(user, quiz, uuid.uuid4(), right(quiz))  # no enrolment, no lesson
    browser = client_for(user)
    page = html(browser.get(course.url))
    first = course.lessons().first()
    assert "Enrol and start" not in page
    assert f"Continue: {first.title}" in page
    assert "0 of 2 lessons done · quiz passed" in page
    learning = html(browser.get("/my-learning/"))
    in_progress = learning[
        learning.index('id="progress-heading"') : learning.index('id="done-heading"')
    ]
    assert "Attempted" in in_progress and "0 of 2 lessons done · quiz passed" in in_progress
    catalogue = html(browser.get("/courses/"))
    assert "In progress" in catalogue and "0 of 2 lessons done · quiz passed" in catalogue


@pytest.mark.django_db
def test_the_course_page_says_whether_the_quiz_may_come_first(client_for):
    anytime = make_course("Anytime", lessons=1, questions=1)
    after = make_course("Lessons first", lessons=1, questions=1, quiz_requires_lessons=True)
    assert CoursePage._meta.get_field("quiz_requires_lessons").default is False
    browser = client_for(UserFactory())
    assert "You may take the quiz at any time, even before the lessons." in html(
        browser.get(anytime.url)
    )
    assert "The quiz opens once every lesson is done." in html(browser.get(after.url))
    assert "The quiz opens once every lesson is done." in html(Client().get(after.url))


@pytest.mark.django_db
def test_the_quiz_before_the_lessons_is_refused_when_the_course_asks_for_them(client_for):
    course = make_course("Lessons first", lessons=2, questions=2, quiz_requires_lessons=True)
    quiz = QuizPage.objects.get()
    user = UserFactory()
    browser = client_for(user)
    response = browser.get(quiz.url)
    assert response.status_code == 302 and response["Location"] == course.url
    page = html(browser.get(course.url))
    assert "opens once every lesson is done: 2 lessons still to do" in page
    # A forged form post records nothing.
    data = {"attempt": "forged"}
    for question_id, choices in right(quiz).items():
        data[f"q-{question_id}"] = [str(pk) for pk in choices]
    assert browser.post(quiz.url, data).status_code == 302
    # The service (and so the API) refuses too, with a 409.
    with pytest.raises(LessonsFirst):
        submit_attempt(user, quiz, uuid.uuid4(), right(quiz))
    api = browser.post(
        f"/api/v1/quizzes/{quiz.pk}/attempts",
        json.dumps({"submission_key": str(uuid.uuid4()), "answers": right(quiz)}),
        content_type="application/json",
    )
    assert api.status_code == 409 and "every lesson is done" in api.json()["message"]
    assert not QuizAttempt.objects.exists()
    # One lesson left: still refused; none left: the quiz opens.
    first, second = course.lessons()
    complete_lesson(user, first)
    with pytest.raises(LessonsFirst, match="1 lesson still to do"):
        submit_attempt(user, quiz, uuid.uuid4(), right(quiz))
    complete_lesson(user, second)
    assert browser.get(quiz.url).status_code == 200
    attempt, created = submit_attempt(user, quiz, uuid.uuid4(), right(quiz))
    assert created and attempt.passed


@pytest.mark.django_db
def test_editors_choose_per_course_in_the_admin(client, admin_user):
    course = make_course("Editable", lessons=1, questions=1)
    client.force_login(admin_user)
    data = admin_form_data(client, course)
    assert "quiz_requires_lessons" not in data  # unticked by default
    page = client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    assert 'name="quiz_requires_lessons"' in page and "Quiz only after the lessons" in page
    data["quiz_requires_lessons"] = "on"
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{course.pk}/edit/", data)
    assert response.status_code == 302
    assert CoursePage.objects.get(pk=course.pk).quiz_requires_lessons is True


# --- 6. Lesson navigation and resuming ---------------------------------------------------------


@pytest.mark.django_db
def test_a_lesson_shows_the_course_outline_and_one_primary_action(client_for):
    course = make_course("Outlined", lessons=3, questions=2)
    first, second, third = course.lessons()
    user = UserFactory()
    complete_lesson(user, first)
    browser = client_for(user)
    page = html(browser.get(second.url))
    assert '<details class="course-outline-compact">' in page
    assert '<aside class="course-outline-side"' in page
    side = page[page.index('<aside class="course-outline-side"') :]
    assert "1 of 3 lessons done" in side
    items = re.findall(r'<li class="([^"]*)">\s*<a href="([^"]+)"', side)
    assert items == [
        ("is-done", first.url),
        ("is-current", second.url),
        ("", third.url),
        ("outline-quiz", QuizPage.objects.get().url),
    ]
    assert f'href="{second.url}" aria-current="page"' in side
    assert "Done" in side and "Not done · you are here" in side and "Not taken" in side
    assert page.count('class="button"') == 1 and "Mark as done and continue" in page
    assert "Next:" not in page and "% done" not in page
    assert "1 of 3 lessons done · quiz not passed yet" in page
    # Done: the plain "Next" link, and nothing to post.
    page = html(browser.get(first.url))
    assert f"Next: {second.title} →" in page and "Mark as done" not in page
    assert re.search(r'<li class="is-current is-done">\s*<a href="' + re.escape(first.url), page)


@pytest.mark.django_db
def test_the_last_lesson_leads_to_the_quiz_or_to_what_is_left(client_for):
    course = make_course("Ends", lessons=2, questions=2)
    first, second = course.lessons()
    quiz = QuizPage.objects.get()
    user = UserFactory()
    browser = client_for(user)
    # The last lesson with an earlier one not done: back to that one, not past it.
    assert browser.post(second.url)["Location"] == first.url
    assert browser.post(first.url)["Location"] == second.url
    page = html(browser.get(second.url))
    assert f"Next: {quiz.title} →" in page


@pytest.mark.django_db
def test_completing_a_lesson_of_an_unpublished_course_is_not_found(client_for, ladder):
    basics = ladder["basics"]
    lesson = basics.lessons().get()
    basics.unpublish()
    browser = client_for(UserFactory())
    assert browser.post(lesson.url).status_code == 404
    assert browser.get(basics.url).status_code == 404
    assert not LessonCompletion.objects.exists()


@pytest.mark.django_db
def test_resume_where_i_left_off_on_the_home_page_and_the_catalogue(client_for):
    started = make_course("Started", lessons=2, questions=2)
    quizzing = make_course("Quiz left", lessons=1, questions=2)
    make_course("Untouched", lessons=1, questions=0)
    user = UserFactory()
    complete_lesson(user, started.lessons().first())
    complete_lesson(user, quizzing.lessons().get())
    second = started.lessons()[1]
    quiz = QuizPage.objects.child_of(quizzing).get()
    browser = client_for(user)
    for address in ("/", "/courses/", "/my-learning/"):
        page = html(browser.get(address))
        links = re.findall(
            r'<a class="button button-small" href="([^"]+)">Resume where I left off', page
        )
        assert sorted(links) == sorted([second.url, quiz.url]), address
        assert 'Resume where I left off<span class="sr-only"> in “Started”' in page
    assert "1 of 2 lessons done" in html(browser.get("/"))
    assert "Resume where I left off" not in html(Client().get("/courses/"))


# --- Queries ------------------------------------------------------------------------------------

# What the pages took before the outline, the outcome and resuming were added (the outline and
# the lesson's next step reuse the lessons and progress already read): not one query more.
LESSON_PAGE_QUERIES = 27
COURSE_PAGE_QUERIES = 24
# A completed course adds the outcome: one learner record (programs, their courses, the
# person's completions, policy version and acceptance, certificates, approvals).
COMPLETED_COURSE_PAGE_QUERIES = 30


@pytest.mark.django_db
def test_the_lesson_page_stays_within_its_queries(client_for, django_assert_max_num_queries):
    small = make_course("Small", lessons=2, questions=2)
    large = make_course("Large", lessons=9, questions=2)
    user = UserFactory()
    for course in (small, large):
        complete_lesson(user, course.lessons().first())
    browser = client_for(user)
    browser.get(small.lessons()[1].url)  # warm the site-root cache
    with django_assert_max_num_queries(LESSON_PAGE_QUERIES) as few:
        html(browser.get(small.lessons()[1].url))
    with django_assert_max_num_queries(len(few)):
        html(browser.get(large.lessons()[1].url))


@pytest.mark.django_db
def test_the_course_page_stays_within_its_queries(client_for, django_assert_max_num_queries):
    small = make_course("Small", lessons=2, questions=2)
    large = make_course("Large", lessons=9, questions=2)
    browser = client_for(UserFactory())
    browser.get(small.url)
    with django_assert_max_num_queries(COURSE_PAGE_QUERIES) as few:
        html(browser.get(small.url))
    with django_assert_max_num_queries(len(few)):
        html(browser.get(large.url))


@pytest.mark.django_db
def test_the_outcome_adds_a_bounded_number_of_queries(
    client_for, ladder, django_assert_max_num_queries
):
    user = UserFactory()
    accept_current_policy(user, ladder["policy"])
    basics = ladder["basics"]
    complete_lesson(user, basics.lessons().get())
    browser = client_for(user)
    browser.get(basics.url)
    with django_assert_max_num_queries(COMPLETED_COURSE_PAGE_QUERIES) as few:
        assert OUTCOME in html(browser.get(basics.url))
    # More programs, courses and certificates: not one query more.
    evaluate_user(user)
    extra = [make_course(f"Extra {n}", lessons=1, questions=0) for n in range(4)]
    for tier, course in enumerate(extra, start=4):
        make_program(f"extra-{tier}", tier=tier, courses=[course, basics])
    with django_assert_max_num_queries(len(few)):
        assert "Certificate held" in html(browser.get(basics.url))


@pytest.mark.django_db
def test_progress_is_read_from_one_place(client_for):
    """The course page, the lesson page and my learning agree: they all use course_progress."""
    course = make_course("Agreed", lessons=2, questions=0)
    user = UserFactory()
    complete_lesson(user, course.lessons().first())
    progress = course_progress(user, course)
    assert progress.started and progress.status == "in_progress" and progress.lessons_left == 1
    browser = client_for(user)
    for address in (course.url, course.lessons()[1].url, "/my-learning/", "/courses/", "/"):
        assert "1 of 2 lessons done" in html(browser.get(address)), address
