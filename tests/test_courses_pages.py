"""Courses as pages: the tree rules, the catalogue, course and lesson pages, my learning."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from academy_site.models import HomePage
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    PolicyPage,
    QuizPage,
)
from courses.services import DUE_ITEMS_HOOK, DueItem, course_progress, due_items
from tests.factories import (
    UserFactory,
    admin_form_data,
    make_catalogue,
    make_course,
    make_lesson,
    make_policy,
)


class TestPageTree(WagtailPageTestCase):
    """parent_page_types / subpage_types keep editors from building a wrong tree."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from django.contrib.auth import get_user_model

        cls.superuser = get_user_model().objects.create_superuser("boss", "b@example.com", "x")

    def test_catalogue_goes_under_any_page_unless_the_host_narrows_it(self):
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertCanCreateAt(Page, CourseIndexPage)
        with self.settings(ACADEMY_CATALOGUE_PARENT_PAGE_TYPES=["academy_site.HomePage"]):
            self.assertCanCreateAt(HomePage, CourseIndexPage)
            self.assertCanNotCreateAt(Page, CourseIndexPage)
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage, PolicyPage})

    def test_courses_hold_lessons_and_a_quiz(self):
        self.assertCanCreateAt(CourseIndexPage, CoursePage)
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage, QuizPage})
        self.assertCanCreateAt(CoursePage, LessonPage)
        self.assertCanCreateAt(CoursePage, QuizPage)

    def test_lessons_quizzes_and_the_policy_cannot_be_placed_elsewhere(self):
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)
        self.assertCanNotCreateAt(HomePage, QuizPage)
        self.assertCanNotCreateAt(LessonPage, LessonPage)
        self.assertCanNotCreateAt(CoursePage, PolicyPage)
        self.assertAllowedSubpageTypes(LessonPage, {})
        self.assertAllowedSubpageTypes(QuizPage, {})
        self.assertAllowedParentPageTypes(PolicyPage, {CourseIndexPage})

    def test_pages_route_and_render(self):
        course = make_course(lessons=1, questions=2)
        lesson = course.lessons().first()
        self.assertPageIsRoutable(course)
        self.assertPageIsRenderable(course)
        self.assertPageIsRenderable(lesson, user=UserFactory())
        self.assertPageIsRenderable(lesson, accept_redirect=True)  # anonymous: to sign in
        self.assertPageIsRenderable(make_catalogue())
        quiz = QuizPage.objects.get()
        self.assertPageIsRoutable(quiz, route_path="/attempts/1/")
        self.client.force_login(self.superuser)
        data = admin_form_data(self.client, quiz)
        for mode in ("", "answers"):
            self.assertPageIsPreviewable(quiz, mode=mode, post_data=data, user=self.superuser)


@pytest.mark.django_db
def test_a_course_takes_only_one_quiz():
    course = make_course(lessons=1, questions=2)
    assert not QuizPage.can_create_at(course)
    assert LessonPage.can_create_at(course)


@pytest.mark.django_db
def test_catalogue_filters_by_topic_and_search(client):
    make_course("Listening at scale", tags=["listening"], summary="Hear what people say.")
    make_course("Crisis triage", tags=["crisis"], summary="When a post goes wrong.")
    page = client.get("/courses/?tag=listening").content.decode()
    assert "Listening at scale" in page and "Crisis triage" not in page
    page = client.get("/courses/?q=goes+wrong").content.decode()
    assert "Crisis triage" in page and "Listening at scale" not in page
    page = client.get("/courses/?q=crisis").content.decode()  # a topic name matches too
    assert "Crisis triage" in page
    page = client.get("/courses/?q=nothing-like-this").content.decode()
    assert "No course matches" in page


@pytest.mark.django_db
def test_catalogue_search_uses_the_search_index_and_reads_the_lessons(client, client_for):
    from tests.factories import make_lesson

    listening = make_course("Listening at scale", lessons=0, questions=0, summary="Hear people.")
    make_course("Crisis triage", lessons=0, questions=0, summary="When a post goes wrong.")
    make_lesson(
        listening,
        title="Tools",
        summary="Dashboards.",
        body=[("rich_text", "<p>Set up a keyword stream for every product name.</p>")],
    )
    draft = make_lesson(listening, title="Draft", live=False, summary="Unpublished.")
    assert draft.live is False

    # A word only a published lesson uses finds its course; every word must match.
    page = client.get("/courses/?q=keyword+stream").content.decode()
    assert "Listening at scale" in page and "Crisis triage" not in page
    assert "No course matches" in client.get("/courses/?q=keyword+crisis").content.decode()
    # The API's search is the same search.
    found = client_for(UserFactory()).get("/api/v1/courses?search=keyword")
    assert [course["title"] for course in found.json()["items"]] == ["Listening at scale"]


@pytest.mark.django_db
def test_catalogue_hides_unpublished_courses_and_paginates(client):
    make_course("Draft course", live=False)
    for number in range(13):
        make_course(f"Course {number:02d}", lessons=0, questions=0)
    first = client.get("/courses/").content.decode()
    assert "Draft course" not in first
    assert "13 courses" in first and "Page 1 of 2" in first
    assert "Course 12" in client.get("/courses/?page=2").content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in_for_lessons(client):
    course = make_course(lessons=1, questions=0)
    response = client.get(course.lessons().first().url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "Sign in to start this course" in client.get(course.url).content.decode()


@pytest.mark.django_db
def test_enrol_button_enrols_once_and_opens_the_first_lesson(client_for):
    user = UserFactory()
    course = make_course(lessons=2, questions=1)
    browser = client_for(user)
    assert "Enrol and start" in browser.get(course.url).content.decode()
    first = course.lessons().first()
    assert browser.post(course.url)["Location"] == first.url
    browser.post(course.url)
    assert Enrollment.objects.filter(user=user, course=course).count() == 1
    page = browser.get(course.url).content.decode()
    assert "Enrol and start" not in page and f"Start: {first.title}" in page


@pytest.mark.django_db
def test_mark_as_done_moves_on_and_shows_progress(client_for):
    user = UserFactory()
    course = make_course(lessons=2, questions=1)
    first, second = course.lessons()
    browser = client_for(user)
    page = browser.get(first.url).content.decode()
    assert 'method="post"' in page and "Mark as done and continue" in page
    assert "Next:" not in page and "Previous" not in page  # no way on that skips marking it
    assert browser.post(first.url)["Location"] == second.url
    assert f"Next: {second.title} →" in browser.get(first.url).content.decode()  # done: a link
    page = browser.get(second.url).content.decode()
    assert f"Previous: {first.title}" in page and "Mark as done and continue" in page
    assert "Next:" not in page
    assert 'aria-valuenow="33"' in page  # one lesson of two, plus the quiz: one step of three
    assert "1 of 2 lessons done · quiz not passed yet" in page
    quiz = QuizPage.objects.get()
    assert browser.post(second.url)["Location"] == quiz.url
    assert browser.post(second.url).status_code == 302  # again: nothing new
    assert LessonCompletion.objects.filter(user=user).count() == 2


@pytest.mark.django_db
def test_lessons_of_an_unpublished_course_are_not_found(client_for):
    course = make_course(lessons=1, questions=0)
    lesson = course.lessons().first()
    course.unpublish()
    lesson.refresh_from_db()
    assert lesson.live  # the lesson itself is still live: the course's state must count
    browser = client_for(UserFactory())
    assert browser.get(lesson.url).status_code == 404
    assert browser.post(lesson.url).status_code == 404
    assert not LessonCompletion.objects.exists()


@pytest.mark.django_db
def test_unpublished_lesson_cannot_be_completed(client_for):
    course = make_course(lessons=1, questions=0)
    draft = make_lesson(course, title="Draft lesson", live=False)
    browser = client_for(UserFactory())
    assert browser.post(draft.url).status_code == 404
    assert not LessonCompletion.objects.exists()
    assert course_progress(UserFactory(), course).lessons_total == 1


@pytest.mark.django_db
def test_lesson_completion_is_unique_in_the_database():
    user = UserFactory()
    lesson = make_course(lessons=1, questions=0).lessons().first()
    LessonCompletion.objects.create(user=user, lesson=lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonCompletion.objects.create(user=user, lesson=lesson)


@pytest.mark.django_db
def test_lesson_blocks_render_accessibly(client_for):
    course = make_course(lessons=1, questions=0)
    page = client_for(UserFactory()).get(course.lessons().first().url).content.decode()
    assert 'class="callout callout-tip"' in page and "Pause first" in page
    assert 'badge-ok">Do<' in page and "badge-bad\">Don't<" in page
    assert "<summary>Discussion</summary>" in page and "Think about it:" in page


def _lesson_page_queries(client, lesson):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lesson.url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_lesson_page_queries_do_not_grow_with_the_course(client_for):
    small = make_course("Small course", lessons=2, questions=2)
    large = make_course("Large course", lessons=9, questions=2)
    user = UserFactory()
    browser = client_for(user)
    browser.get(small.lessons()[1].url)  # warm the site-root cache
    assert _lesson_page_queries(browser, small.lessons()[1]) == _lesson_page_queries(
        browser, large.lessons()[1]
    )


@pytest.mark.django_db
def test_course_page_queries_do_not_grow_with_the_course(client_for):
    small = make_course("Small course", lessons=2, questions=2, tags=["a"])
    large = make_course("Large course", lessons=9, questions=2, tags=["b"])
    browser = client_for(UserFactory())
    browser.get(small.url)

    def count(course):
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(course.url).status_code == 200
        return len(queries)

    assert count(small) == count(large)


@pytest.mark.django_db
def test_my_learning_groups_courses_and_lists_what_is_due(client_for):
    user = UserFactory()
    done = make_course("Done course", lessons=1, questions=0)
    started = make_course("Started course", lessons=2, questions=0)
    make_course("Untouched course", lessons=1, questions=0)
    from courses.services import complete_lesson

    complete_lesson(user, done.lessons().first())
    complete_lesson(user, started.lessons().first())
    assert due_items(user) == []
    import datetime

    def overdue(person):
        return [DueItem("Started course", datetime.date(2020, 1, 1), started.url)]

    with hooks.register_temporarily(DUE_ITEMS_HOOK, overdue):
        page = client_for(user).get("/my-learning/").content.decode()
    in_progress = page.index('id="progress-heading"')
    done_at = page.index('id="done-heading"')
    assert in_progress < page.index("Started course", in_progress) < done_at
    assert page.index("Done course", done_at) > done_at
    assert "Untouched course" in page[page.index('id="next-heading"') :]
    assert "Overdue" in page


@pytest.mark.django_db
def test_my_learning_needs_sign_in(client):
    assert client.get("/my-learning/").status_code == 302


@pytest.mark.django_db
def test_home_page_panel_says_what_to_do_next(client_for):
    user = UserFactory()
    course = make_course("Basics", lessons=2, questions=0)
    make_policy()
    browser = client_for(user)
    page = browser.get("/").content.decode()
    assert "Accept version 1" in page and "Start with" in page
    from courses.services import complete_lesson

    complete_lesson(user, course.lessons().first())
    page = browser.get("/").content.decode()
    assert "Continue “Basics”" in page and "1 of 2 lessons done" in page


@pytest.mark.django_db
def test_deleting_a_course_with_records_is_refused_in_the_admin(client_for, admin_user):
    course = make_course(lessons=1, questions=0)
    from courses.services import complete_lesson

    complete_lesson(UserFactory(), course.lessons().first())
    admin = client_for(admin_user)
    response = admin.post(f"/admin/pages/{course.pk}/delete/")
    assert response.status_code == 302 and f"/admin/pages/{course.pk}/edit/" in response["Location"]
    assert Page.objects.filter(pk=course.pk).exists()
    empty = make_course("Empty course", lessons=1, questions=0)
    admin.post(f"/admin/pages/{empty.pk}/delete/")
    assert not Page.objects.filter(pk=empty.pk).exists()


@pytest.mark.django_db
def test_a_bulk_delete_that_includes_a_course_with_records_deletes_nothing(client_for, admin_user):
    from wagtail.models import ReferenceIndex

    course = make_course(lessons=1, questions=0)
    empty = make_course("Empty course", lessons=1, questions=0)
    from courses.services import complete_lesson

    complete_lesson(UserFactory(), course.lessons().first())
    admin = client_for(admin_user)
    listing = f"/admin/pages/{course.get_parent().pk}/"
    bulk = "/admin/bulk/wagtailcore/page/delete/?{}&next=" + listing
    both = bulk.format(f"id={course.pk}&id={empty.pk}")

    # Records a worker wrote (it never loads the admin) are not in Wagtail's reference index,
    # so only our rule stands between the bulk delete and the protected foreign keys.
    ReferenceIndex.objects.all().delete()
    response = admin.post(both, {})
    assert response.status_code == 302 and response["Location"] == listing
    assert Page.objects.filter(pk__in=[course.pk, empty.pk]).count() == 2
    message = admin.get(listing).content.decode()
    assert "Nothing was deleted" in message and course.title in message

    # Indexed records: Wagtail's own protection refuses first; still nothing is deleted.
    ReferenceIndex.create_or_update_for_object(course.enrollments.get())
    assert admin.post(both, {}).status_code == 302
    assert Page.objects.filter(pk__in=[course.pk, empty.pk]).count() == 2

    # Without the course that has records, the bulk delete goes ahead.
    admin.post(bulk.format(f"id={empty.pk}"), {})
    assert not Page.objects.filter(pk=empty.pk).exists()
    assert Page.objects.filter(pk=course.pk).exists()


@pytest.mark.django_db
def test_learning_records_are_listed_read_only_in_the_admin(client_for, admin_user):
    course = make_course(lessons=1, questions=0)
    from courses.services import complete_lesson

    complete_lesson(UserFactory(username="learner"), course.lessons().first())
    admin = client_for(admin_user)
    for path in ("course_completions", "enrolments", "quiz_attempts", "policy_acceptances"):
        assert admin.get(f"/admin/{path}/").status_code == 200, path
    assert "learner" in admin.get("/admin/course_completions/").content.decode()
    assert admin.get("/admin/enrolments/new/").status_code in (302, 403)
    editor = UserFactory(is_staff=True)
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Editors"))
    assert client_for(editor).get("/admin/quiz_attempts/").status_code in (302, 403)
