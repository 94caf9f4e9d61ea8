"""The Content-Security-Policy breaks nothing: the main pages of the site, the API docs and the
Wagtail admin (dashboard and page editors, inline panels and rich text included) load in
Chromium without a single CSP violation, and ask no other origin for anything."""

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage, LessonPage, QuizPage

from .helpers import sign_in, wagtail_sign_in

pytestmark = pytest.mark.browser

# Every violation, whether Chromium reports it in the console or as a DOM event (which also
# catches those of iframes such as the admin's preview).
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
    + ` at ${e.sourceFile || document.location.pathname}:${e.lineNumber}`);
});
"""


class Watched:
    """A visit whose CSP violations are collected, from the console and from the page."""

    def __init__(self, visit):
        self.visit = visit()
        self.page = self.visit.page
        self.console = []
        self.page.add_init_script(LISTEN)
        self.page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(f"{self.page.url}: {message.text}")

    def check(self, path):
        """The violations seen on the current page, as sentences (empty when there are none)."""
        self.page.wait_for_load_state("networkidle")
        seen = self.page.evaluate("window.__cspViolations || []")
        problems = self.console + [f"{path}: {violation}" for violation in seen]
        self.console = []
        return problems


def test_no_page_breaks_the_content_security_policy(visit):
    course = CoursePage.objects.live().get(slug="social-media-basics")
    lesson = LessonPage.objects.live().child_of(course).first()
    quiz = QuizPage.objects.live().child_of(course).first()
    problems = []

    learner = Watched(visit)
    for path in ["/", "/courses/", course.url, "/verify/", "/accounts/login/"]:
        response = learner.page.goto(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        problems += learner.check(path)
    sign_in(learner.page, "employee")
    learner.page.goto(course.url)
    learner.page.get_by_role("button", name="Enrol and start").click()
    expect(learner.page.locator("body.lesson")).to_be_visible()
    problems += learner.check(lesson.url)
    learner.page.goto(quiz.url)
    expect(learner.page.locator("form.quiz-form")).to_be_visible()
    problems += learner.check(quiz.url)
    for path in ["/my-learning/", "/certificates/", "/my-access/"]:
        learner.page.goto(path)
        problems += learner.check(path)

    # The API docs: django-ninja's Swagger UI, served from the site's own static files.
    learner.page.goto("/api/v1/docs")
    expect(learner.page.locator(".swagger-ui .info .title")).to_contain_text("Social Academy API")
    learner.page.locator(".opblock-summary").first.click()
    problems += learner.check("/api/v1/docs")
    assert learner.visit.foreign_requests() == []

    admin = Watched(visit)
    wagtail_sign_in(admin.page, "admin")
    admin.page.goto("/admin/")
    expect(admin.page.locator("#wagtail-sidebar")).to_be_attached()
    problems += admin.check("/admin/")
    for page in (course, lesson, quiz):
        path = f"/admin/pages/{page.pk}/edit/"
        admin.page.goto(path)
        expect(admin.page.locator("#id_title")).to_have_value(page.title)
        # The go-live and expiry pickers exist once their inline scripts have run.
        expect(admin.page.locator(".xdsoft_datetimepicker")).to_have_count(2)
        problems += admin.check(path)
    # The preview panel: the quiz as an employee sees it, in an iframe under the admin's URLs.
    admin.page.goto(f"/admin/pages/{quiz.pk}/edit/")
    admin.page.locator('[data-side-panel-toggle="preview"]').click()
    preview = admin.page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text(quiz.title)
    # The quiz's questions are an inline panel, whose script is inline: adding one runs it.
    questions = admin.page.locator("#id_questions-FORMS > [data-inline-panel-child]:visible")
    before = questions.count()
    admin.page.locator("#id_questions-ADD").click()
    expect(questions).to_have_count(before + 1)
    problems += admin.check(f"/admin/pages/{quiz.pk}/edit/ (preview, inline panel)")
    # A page chooser started by an inline script, and its modal.
    admin.page.goto("/admin/redirects/add/")
    admin.page.get_by_role("button", name="Choose a page").click()
    modal = admin.page.locator(".modal-dialog")
    expect(modal.get_by_role("heading").first).to_contain_text("Choose a page")
    problems += admin.check("/admin/redirects/add/ (page chooser)")
    admin.page.goto("/admin/sign-in-lockouts/")
    problems += admin.check("/admin/sign-in-lockouts/")
    # The site as an editor sees it, with Wagtail's userbar.
    admin.page.goto(course.url)
    expect(admin.page.locator("wagtail-userbar")).to_be_attached()
    problems += admin.check(f"{course.url} (with the userbar)")
    assert admin.visit.foreign_requests() == []

    assert not problems, "Content-Security-Policy violations:\n" + "\n".join(problems)
