# ruff: noqa: T201  (a command-line check: it reports by printing)
"""Helper of .ci/host_check: the plugin installed from its wheel into a fresh `wagtail start` site.

    host_check.py blocks README.md SETTINGS_FILE URLS_FILE
        Append the README's two host blocks (the fenced ```python blocks right after the
        `<!-- host-settings -->` and `<!-- host-urls -->` lines) to the host's settings and urls.

    host_check.py journey
        Run from the host project's folder with DJANGO_SETTINGS_MODULE set: the host's home page,
        the admin and every admin menu screen as a superuser, a course with a lesson and a quiz
        under the host's home page, an employee who completes the lesson and passes the quiz
        through the site's pages, the certificate that follows, and the public API. Prints
        PASS/FAIL per step; exits 1 if any step failed.

Only Django's test Client and the plugin's public models are used: no pytest, no test settings.
"""

import logging
import os
import re
import sys
import traceback

MARKERS = {"settings": "<!-- host-settings -->", "urls": "<!-- host-urls -->"}


def readme_block(text, marker):
    """The fenced python block that follows the marker line (blank lines may separate them)."""
    pattern = re.escape(marker) + r"\s*\n\s*```python\n(.*?)\n```"
    found = re.findall(pattern, text, re.S)
    if len(found) != 1:
        raise SystemExit(f"README: expected one ```python block after {marker}, found {len(found)}")
    return found[0] + "\n"


def append_blocks(readme, settings_file, urls_file):
    text = open(readme, encoding="utf-8").read()
    for kind, target in (("settings", settings_file), ("urls", urls_file)):
        block = readme_block(text, MARKERS[kind])
        with open(target, "a", encoding="utf-8") as out:
            out.write("\n\n# Appended by .ci/host_check from the README (" + MARKERS[kind] + ")\n")
            out.write(block)
        print(f"appended the README's {kind} block ({block.count(chr(10))} lines) to {target}")


# --- The journey ----------------------------------------------------------------------------

RESULTS = []


def step(name):
    """Decorator: run the function as a named step, print PASS/FAIL; a failure does not stop
    the steps that do not depend on it (they check what they need themselves)."""

    def run(func):
        try:
            detail = func()
        except Exception as exc:  # noqa: BLE001 - any failure is reported as the step's
            RESULTS.append((name, False))
            print(f"FAIL  {name}: {exc.__class__.__name__}: {str(exc)[:500]}")
            for where in origin(exc):
                print(f"      at {where}")
            return None
        RESULTS.append((name, True))
        print(f"PASS  {name}" + (f": {detail}" if isinstance(detail, str) and detail else ""))
        return detail if detail is not None else True

    return run


PLUGIN = ("lms", "webhooks", "courses", "certification", "access", "reporting")


def origin(exc):
    """Where the failure came from: the innermost frame in the plugin (if any) and the
    innermost frame of all, as "path:line in function"."""
    frames = traceback.extract_tb(exc.__traceback__)
    cause = exc.__cause__ or exc.__context__
    while cause is not None and cause.__traceback__ is not None:  # the first error, not a wrap
        frames = frames + traceback.extract_tb(cause.__traceback__)
        cause = cause.__cause__ or cause.__context__
    if not frames:
        return []
    plugin = [f for f in frames if any(f"site-packages/{app}/" in f.filename for app in PLUGIN)]
    picked = ([plugin[-1]] if plugin else []) + [frames[-1]]
    seen, out = set(), []
    for f in picked:
        text = f"{f.filename.split('site-packages/')[-1]}:{f.lineno} in {f.name}"
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def body(response):
    return response.content.decode("utf-8", "replace")


def short(response):
    """Status and, for an error, where it came from (the exception Django put in the page)."""
    text = f"{response.status_code}"
    if response.status_code >= 400:
        content = body(response)
        match = re.search(r'<pre class="exception_value">(.*?)</pre>', content, re.S)
        title = re.search(r"<title>(.*?)</title>", content, re.S)
        text += " " + (match or title).group(1).strip()[:300] if (match or title) else ""
    elif response.status_code in (301, 302):
        text += f" -> {response['Location']}"
    return text


def menu_urls(request):
    """(label, url) of every item of the admin's main menu shown to this request's user,
    submenus included (the Settings menu among them); external links are left out."""
    from wagtail.admin.menu import SubmenuMenuItem, admin_menu

    found = []

    def walk(menu, trail):
        for item in sorted(menu.menu_items_for_request(request), key=lambda i: i.order):
            label = " > ".join([*trail, str(item.label)])
            if isinstance(item, SubmenuMenuItem):
                walk(item.menu, [*trail, str(item.label)])
            elif item.url and item.url.startswith("/"):
                found.append((label, item.url))

    walk(admin_menu, [])
    return found


def journey():
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # the Client is allowed to talk to "testserver"
    # A view's exception reaches the step (the Client raises it): no second copy in the log.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    User = get_user_model()
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    state = {}

    @step("host home page: 200 and Wagtail's welcome text")
    def _():
        response = Client().get("/")
        expect(response.status_code == 200, f"GET / -> {short(response)}")
        expect("Welcome to your new Wagtail site" in body(response), "welcome text missing")

    admin = User.objects.filter(username="hostadmin").first() or User.objects.create_superuser(
        "hostadmin", "hostadmin@example.com", "host-check-password"
    )
    staff = Client()
    staff.force_login(admin)

    @step("admin dashboard as a superuser: 200")
    def _():
        response = staff.get(reverse("wagtailadmin_home"))
        expect(response.status_code == 200, f"GET /admin/ -> {short(response)}")

    @step("every admin menu screen as a superuser: 200")
    def _():
        request = RequestFactory().get(reverse("wagtailadmin_home"))
        request.user = admin
        items = menu_urls(request)
        expect(items, "the admin menu is empty")
        failed = []
        for label, url in items:
            try:
                response = staff.get(url, follow=True)
            except Exception as exc:  # noqa: BLE001 - reported per screen, the others go on
                print(f"      BAD  {url}  ({label}): {exc.__class__.__name__}: {str(exc)[:300]}")
                for where in origin(exc):
                    print(f"             at {where}")
                failed.append(f"{url} {exc.__class__.__name__}")
                continue
            ok = response.status_code == 200
            print(f"      {'ok  ' if ok else 'BAD '} {response.status_code} {url}  ({label})")
            if not ok:
                failed.append(f"{url} -> {short(response)}")
        expect(not failed, f"{len(failed)} of {len(items)} screens failed: " + "; ".join(failed))
        return f"{len(items)} screens"

    @step("course pages under the host's home page: catalogue, course, lesson, quiz, published")
    def _():
        from wagtail.models import Site

        from courses.models import (
            Choice,
            CourseIndexPage,
            CoursePage,
            LessonPage,
            Question,
            QuizPage,
        )

        home = Site.objects.get(is_default_site=True).root_page.specific
        catalogue = CourseIndexPage(title="Host check courses", slug="host-check-courses")
        home.add_child(instance=catalogue)
        catalogue.save_revision(user=admin).publish(user=admin)
        course = CoursePage(title="Host check course", summary="A course made by the host check.")
        catalogue.add_child(instance=course)
        course.save_revision(user=admin).publish(user=admin)
        lesson = LessonPage(
            title="Host check lesson",
            summary="The only lesson.",
            body=[("rich_text", "<p>Disclose who you work for.</p>")],
        )
        course.add_child(instance=lesson)
        lesson.save_revision(user=admin).publish(user=admin)
        quiz = QuizPage(
            title="Host check quiz",
            shuffle_questions=False,
            shuffle_choices=False,
            questions=[
                Question(
                    kind="single",
                    text="Do you say who you work for?",
                    explanation="Always disclose.",
                    sort_order=0,
                    choices=[
                        Choice(text="Yes", is_correct=True, sort_order=0),
                        Choice(text="No", is_correct=False, sort_order=1),
                    ],
                )
            ],
        )
        course.add_child(instance=quiz)
        quiz.save_revision(user=admin).publish(user=admin)
        for page in (catalogue, course, lesson, quiz):
            page.refresh_from_db()
            expect(page.live, f"{page.title} is not live")
        state.update(course=course, lesson=lesson, quiz=quiz)
        return f"{course.url}"

    @step("a program that requires the course (beside academy_setup's starter programs)")
    def _():
        from certification.models import Program, ProgramCourse

        expect("course" in state, "no course (previous step failed)")
        starters = list(Program.objects.order_by("tier").values_list("slug", flat=True))
        expect(starters, "academy_setup made no programs")
        program = Program.objects.create(
            name="Host check",
            slug="host-check",
            tier=1,
            description="Made by the host check.",
            allows="Nothing; it proves certificates are issued.",
            requires_policy=False,
            requires_approval=False,
        )
        ProgramCourse.objects.create(program=program, course=state["course"], sort_order=0)
        state["program"] = program
        return f"starter programs {starters}"

    employee = User.objects.create_user(
        "hostemployee", "hostemployee@example.com", "host-check-password"
    )
    learner = Client()

    @step("employee signs in through the page named 'login' and lands on the course")
    def _():
        expect("course" in state, "no course (previous step failed)")
        url = reverse("login")
        response = learner.get(url, {"next": state["course"].url})
        expect(response.status_code == 200, f"GET {url} -> {short(response)}")
        response = learner.post(
            f"{url}?next={state['course'].url}",
            {"username": "hostemployee", "password": "host-check-password"},
        )
        expect(
            response.status_code == 302 and response["Location"] == state["course"].url,
            f"POST {url} -> {short(response)}",
        )
        return url

    if "_auth_user_id" not in learner.session:
        learner.force_login(employee)  # the sign-in failed: the steps below still run

    @step("employee: course page, enrol, lesson page, mark the lesson as done")
    def _():
        expect("lesson" in state, "no course (previous step failed)")
        course, lesson, quiz = state["course"], state["lesson"], state["quiz"]
        response = learner.get(course.url)
        expect(response.status_code == 200, f"GET {course.url} -> {short(response)}")
        expect("Enrol and start" in body(response), "the course page offers no 'Enrol and start'")
        response = learner.post(course.url)
        expect(response.status_code == 302, f"POST {course.url} (enrol) -> {short(response)}")
        response = learner.get(lesson.url)
        expect(response.status_code == 200, f"GET {lesson.url} -> {short(response)}")
        expect("Mark as done" in body(response), "the lesson page has no 'Mark as done' button")
        response = learner.post(lesson.url)
        expect(
            response.status_code == 302 and response["Location"] == quiz.url,
            f"POST {lesson.url} (done) -> {short(response)}, expected a redirect to {quiz.url}",
        )

    @step("employee: the quiz page, then the right answer posted: passed, course completed")
    def _():
        from courses.models import CourseCompletion, LessonCompletion, QuizAttempt

        expect("quiz" in state, "no quiz (previous step failed)")
        course, lesson, quiz = state["course"], state["lesson"], state["quiz"]
        if not LessonCompletion.objects.filter(user=employee, lesson=lesson).exists():
            # The lesson step failed: complete it through the service to still test the quiz.
            from courses.services import complete_lesson

            complete_lesson(employee, lesson)
            print("      (lesson completed through courses.services: its page failed)")
        question = quiz.questions.get()
        right = question.choices.get(is_correct=True)
        try:
            response = learner.get(quiz.url)
            expect(response.status_code == 200, f"GET {quiz.url} -> {short(response)}")
            token = re.search(r'name="attempt" value="([^"]+)"', body(response))
            expect(token, "the quiz page has no attempt token")
            response = learner.post(
                quiz.url, {"attempt": token.group(1), f"q-{question.pk}": [str(right.pk)]}
            )
            expect(response.status_code == 302, f"POST {quiz.url} -> {short(response)}")
            result = learner.get(response["Location"])
            expect(result.status_code == 200, f"GET {response['Location']} -> {short(result)}")
            expect("You passed" in body(result), "the result page does not say 'You passed'")
        except Exception:
            # The quiz's pages failed: pass it through the service so that the certificate
            # step still tests what follows (this step stays failed).
            if not QuizAttempt.objects.filter(user=employee, passed=True).exists():
                import uuid

                from courses.services import submit_attempt

                submit_attempt(employee, quiz, uuid.uuid4(), {question.pk: [right.pk]})
                print("      (quiz passed through courses.services: its pages failed)")
            raise
        expect(QuizAttempt.objects.filter(user=employee, passed=True).exists(), "no passed attempt")
        expect(
            CourseCompletion.objects.filter(user=employee, course=course).exists(),
            "no course completion",
        )

    @step("a certificate is issued for the program")
    def _():
        from certification.models import Certificate

        expect("program" in state, "no program (previous step failed)")
        certificate = Certificate.objects.filter(holder=employee, program=state["program"]).first()
        expect(certificate, "no certificate for the employee")
        state["certificate"] = certificate
        return f"serial {certificate.serial}, {certificate.status}"

    @step("employee: my learning and my certificates pages: 200")
    def _():
        failed = []
        for name, text in (
            ("courses:my_learning", "Host check course"),
            ("certification:my_certificates", "Host check"),
        ):
            url = reverse(name)
            response = learner.get(url)
            if response.status_code != 200:
                failed.append(f"{url} -> {short(response)}")
            elif text not in body(response):
                failed.append(f"{url} does not name {text!r}")
        expect(not failed, "; ".join(failed))

    @step("public API: GET /api/v1/health -> 200")
    def _():
        response = Client().get("/api/v1/health")
        expect(response.status_code == 200, f"GET /api/v1/health -> {short(response)}")
        return body(response)[:200]

    @step("anonymous visitor: the course page (its sign-in link) -> 200")
    def _():
        expect("course" in state, "no course (previous step failed)")
        response = Client().get(state["course"].url)
        expect(response.status_code == 200, f"GET {state['course'].url} -> {short(response)}")
        expect("Sign in to start this course" in body(response), "no sign-in link")
        expect(f'href="{reverse("login")}?next=' in body(response), "the link is not to 'login'")

    failed = [name for name, ok in RESULTS if not ok]
    print(f"journey: {len(RESULTS) - len(failed)} of {len(RESULTS)} steps passed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "blocks":
        append_blocks(*sys.argv[2:])
    elif len(sys.argv) == 2 and sys.argv[1] == "journey":
        sys.exit(journey())
    else:
        raise SystemExit(__doc__)
