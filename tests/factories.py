"""Factories for the organisation; each app's tests add their own below."""

import factory
from django.contrib.auth import get_user_model

from lms.models import Department, Employee


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("password")


def make_department(name, parent=None, code=None):
    code = code or name.lower().replace(" ", "-")
    if parent is None:
        return Department.add_root(name=name, code=code)
    parent = Department.objects.get(pk=parent.pk)
    return parent.add_child(name=name, code=code)


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    user = factory.SubFactory(UserFactory)
    employee_id = factory.Sequence(lambda n: f"E{n:06d}")
    department = factory.LazyFunction(
        lambda: Department.objects.first() or make_department("Company")
    )
    job_title = "Specialist"
    location = "Dublin"


# --- Courses -------------------------------------------------------------------------------


def _courses_models():
    from courses import models as courses_models

    return courses_models


def publish(page, user=None):
    """Save a revision of the page and publish it, as the admin's "Publish" does."""
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def _page_tree_again():
    """The root, home page and site the migrations make, again: a transactional test before
    this one flushed every table (pytest-django restores nothing after it). Returns the home."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from academy_site.models import HomePage

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def make_catalogue():
    """The course catalogue under the home page (slug "courses"), created once."""
    from academy_site.models import HomePage

    models = _courses_models()
    existing = models.CourseIndexPage.objects.first()
    if existing:
        return existing
    home = HomePage.objects.first() or _page_tree_again()
    catalogue = models.CourseIndexPage(title="Courses", slug="courses")
    home.add_child(instance=catalogue)
    return publish(catalogue)


def lesson_body(paragraphs=1):
    return [
        ("rich_text", f"<p>Paragraph {n + 1} of a lesson about posting well.</p>")
        for n in range(paragraphs)
    ] + [
        ("callout", {"kind": "tip", "title": "Pause first", "text": "<p>Read it twice.</p>"}),
        (
            "do_dont",
            {
                "platform": "LinkedIn",
                "do_post": "Proud of the launch (I work at Northwind).",
                "dont_post": "Wait until you see what we ship next quarter...",
                "why": "<p>Disclose, and never tease unannounced work.</p>",
            },
        ),
        (
            "scenario",
            {
                "situation": "<p>A customer complains publicly.</p>",
                "question": "What do you do first?",
                "discussion": "<p>Acknowledge and hand over to Support.</p>",
            },
        ),
    ]


def make_lesson(course, title="Lesson", live=True, **fields):
    models = _courses_models()
    course = models.CoursePage.objects.get(pk=course.pk)
    lesson = models.LessonPage(
        title=title,
        summary=fields.pop("summary", f"About {title.lower()}."),
        body=fields.pop("body", lesson_body()),
        **fields,
    )
    lesson.live = live
    course.add_child(instance=lesson)
    if live:
        return publish(lesson)
    lesson.save_revision()
    return lesson


def question(kind="single", text="Which is right?", correct=(0,), choices=3, explanation=None):
    """An unsaved Question with its choices; `correct` lists the indexes of the right ones."""
    models = _courses_models()
    if kind == "true_false":
        labels = ["True", "False"]
    else:
        labels = [f"Option {chr(65 + n)}" for n in range(choices)]
    return models.Question(
        kind=kind,
        text=text,
        explanation=explanation or f"Because of rule {text[:20]}.",
        choices=[
            models.Choice(text=label, is_correct=index in correct, sort_order=index)
            for index, label in enumerate(labels)
        ],
    )


def make_quiz(course, questions=3, live=True, **fields):
    """A quiz under the course; `questions` is a count (single-choice, first choice right) or a
    list of unsaved Question objects."""
    models = _courses_models()
    course = models.CoursePage.objects.get(pk=course.pk)
    if isinstance(questions, int):
        questions = [question(text=f"Question {n + 1}?") for n in range(questions)]
    for index, item in enumerate(questions):
        item.sort_order = index
    fields.setdefault("shuffle_questions", False)
    fields.setdefault("shuffle_choices", False)
    quiz = models.QuizPage(
        title=fields.pop("title", f"{course.title} quiz"), questions=questions, **fields
    )
    quiz.live = live
    course.add_child(instance=quiz)
    if live:
        return publish(quiz)
    quiz.save_revision()
    return quiz


def make_course(title="Posting with care", lessons=2, questions=3, tags=(), live=True, **fields):
    """A published course with `lessons` lessons and, if `questions`, a quiz."""
    models = _courses_models()
    catalogue = make_catalogue()
    course = models.CoursePage(
        title=title,
        summary=fields.pop("summary", f"Everything about {title.lower()}."),
        **fields,
    )
    catalogue.add_child(instance=course)
    if tags:
        course.tags.add(*tags)
        course.save()
    publish(course)
    for number in range(lessons):
        make_lesson(course, title=f"{title}: lesson {number + 1}")
    if questions:
        make_quiz(course, questions=questions)
    if not live:
        course.unpublish()
    course.refresh_from_db()
    return course


def make_policy(body="<p>Be transparent.</p>", title="Social media policy"):
    """The policy page, published once: version 1."""
    models = _courses_models()
    catalogue = make_catalogue()
    policy = models.PolicyPage(title=title, slug="policy", body=body)
    catalogue.add_child(instance=policy)
    return publish(policy)


def publish_policy_change(policy, body, requires_reacceptance=True, user=None):
    """Publish an edit of the policy, as an editor would in the admin."""
    policy = policy.get_latest_revision_as_object()
    policy.body = body
    policy.requires_reacceptance = requires_reacceptance
    return publish(policy, user=user)


# --- Access to official accounts and webhooks ----------------------------------------------


def access_program(slug, tier=1, builds_on=None, validity_days=365, name=None):
    """A certification program for access tests (found by slug, so shared with other tests)."""
    from certification.models import Program

    program, _ = Program.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name or slug.title(),
            "tier": tier,
            "builds_on": builds_on,
            "validity_days": validity_days,
            "description": f"The {slug} program.",
            "allows": f"What {slug} allows.",
            "requires_policy": False,
        },
    )
    return program


def access_ladder():
    """The ladder's programs, Enthusiast < Professional < Spokesperson, found by slug (those of
    `make_ladder` when the `ladder` fixture made them first) or made without courses, as a dict
    like `make_ladder`'s: what an account's roles require (`account_with_roles`)."""
    enthusiast = access_program("enthusiast", 1)
    professional = access_program("professional", 2, builds_on=enthusiast)
    spokesperson = access_program("spokesperson", 3, builds_on=professional)
    return {"enthusiast": enthusiast, "professional": professional, "spokesperson": spokesperson}


def certify(user, program, **kwargs):
    """Issue a certificate through the certification service (so its signal is sent)."""
    from certification.services import issue_certificate

    return issue_certificate(user, program, **kwargs)


class SocialAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "access.SocialAccount"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Northwind {n}")
    platform = "x"
    handle = factory.Sequence(lambda n: f"Northwind{n}")
    url = factory.LazyAttribute(lambda a: f"https://x.com/{a.handle}")
    department = factory.LazyFunction(
        lambda: Department.objects.first() or make_department("Company")
    )

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if create and extracted:
            self.owners.add(*extracted)


class AccountRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "access.AccountRole"

    account = factory.SubFactory(SocialAccountFactory)
    role = "publish"
    program = factory.LazyFunction(lambda: access_ladder()["professional"])


def account_with_roles(requires_approval=False, owners=(), **fields):
    """An account offering monitor (Enthusiast), publish (Professional), manage (Spokesperson)."""
    ladder = access_ladder()
    account = SocialAccountFactory(
        requires_approval=requires_approval, owners=list(owners), **fields
    )
    for role, program in (
        ("monitor", ladder["enthusiast"]),
        ("publish", ladder["professional"]),
        ("manage", ladder["spokesperson"]),
    ):
        AccountRoleFactory(account=account, role=role, program=program)
    return account


def api_token(*scopes, name="Publishing tool"):
    """(token, raw value) with the given scopes (default access:check)."""
    from lms.models import ApiToken

    return ApiToken.issue(name, list(scopes) or ["access:check"])


class WebhookEndpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "webhooks.WebhookEndpoint"

    name = factory.Sequence(lambda n: f"Receiver {n}")
    url = "http://127.0.0.1:9/hooks"
    events = factory.LazyFunction(
        lambda: [
            "certificate.issued",
            "certificate.expired",
            "certificate.revoked",
            "access.granted",
            "access.revoked",
        ]
    )

    @factory.lazy_attribute
    def secret_encrypted(self):
        from webhooks.crypto import encrypt

        return encrypt(self.secret)

    secret_hint = factory.LazyAttribute(lambda e: e.secret[-4:])

    class Params:
        secret = "whsec_test_secret_0123456789"


# --- Certification: programs, certificates, approvals ---------------------------------------


def make_program(
    slug,
    *,
    tier=1,
    courses=(),
    builds_on=None,
    requires_policy=False,
    requires_approval=False,
    validity_days=365,
    name=None,
):
    """A certification program requiring these courses (in this order). One an access test made
    first by slug (`access_program`, e.g. through `account_with_roles`) takes these rules."""
    from certification.models import Program, ProgramCourse

    program, _ = Program.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name or slug.replace("-", " ").title(),
            "tier": tier,
            "description": f"The {slug} certification.",
            "allows": f"What a {slug} may do.",
            "builds_on": builds_on,
            "requires_policy": requires_policy,
            "requires_approval": requires_approval,
            "validity_days": validity_days,
        },
    )
    for order, course in enumerate(courses):
        ProgramCourse.objects.create(program=program, course=course, sort_order=order)
    return program


def record_completions(user, *courses):
    """Mark courses completed for a person directly (no signal): the learning record only."""
    from courses.models import CourseCompletion

    for course in courses:
        CourseCompletion.objects.get_or_create(user=user, course=course)


def accept_current_policy(user, policy):
    """Accept the policy's current version through the courses service (sends the signal)."""
    from courses.services import accept_policy

    return accept_policy(user, policy)


def _first_program():
    from certification.models import Program

    return Program.objects.first() or make_program("certified")


def _now():
    from django.utils import timezone

    return timezone.now()


def _a_year_after_issue(certificate):
    import datetime

    return certificate.issued_at + datetime.timedelta(days=365)


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate made directly (no signal, no e-mail): for listings, expiry and reminders."""

    class Meta:
        model = "certification.Certificate"

    holder = factory.SubFactory(UserFactory)
    program = factory.LazyFunction(_first_program)
    issued_at = factory.LazyFunction(_now)
    expires_at = factory.LazyAttribute(_a_year_after_issue)


class ApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "certification.Approval"

    applicant = factory.SubFactory(UserFactory)
    program = factory.LazyFunction(_first_program)


def make_ladder():
    """Policy, two courses and Enthusiast < Professional < Spokesperson (approval)."""
    basics = make_course("Social media basics", lessons=1, questions=0)
    engaging = make_course("Engaging and responding", lessons=1, questions=0)
    policy = make_policy()
    enthusiast = make_program("enthusiast", courses=[basics], requires_policy=True)
    professional = make_program(
        "professional", tier=2, courses=[basics, engaging], builds_on=enthusiast
    )
    spokesperson = make_program(
        "spokesperson", tier=3, builds_on=professional, requires_approval=True, validity_days=180
    )
    return {
        "basics": basics,
        "engaging": engaging,
        "policy": policy,
        "enthusiast": enthusiast,
        "professional": professional,
        "spokesperson": spokesperson,
    }


class WebhookReceiver:
    """A real HTTP receiver on 127.0.0.1 (random port), in a thread, recording what arrives.

    `statuses` are answered in turn (the last one repeats): WebhookReceiver([500, 200]) fails
    once, then accepts. Use as a context manager; `received` lists dicts of headers and body.
    """

    def __init__(self, statuses=(200,)):
        self.statuses = list(statuses)
        self.received = []
        self.server = None
        self.thread = None

    def __enter__(self):
        import http.server
        import threading

        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                index = min(len(receiver.received), len(receiver.statuses) - 1)
                receiver.received.append(
                    {
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": body,
                        "path": self.path,
                    }
                )
                status = receiver.statuses[index]
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok" if status < 300 else b"nope")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks"

    def events(self, event_type=None):
        import json

        bodies = [json.loads(item["body"]) for item in self.received]
        return [b for b in bodies if event_type is None or b["type"] == event_type]


def closed_port_url():
    """An http URL on 127.0.0.1 where nothing listens (connection refused)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks"


def admin_form_data(client, page):
    """The page's admin edit form as a browser would post it (checked boxes send "on")."""
    from django.urls import reverse
    from wagtail.test.utils.form_data import querydict_from_html

    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for key in list(data):
        if key.endswith("-is_correct") or key == "requires_reacceptance":
            data.setlist(key, ["on"])
    return data


# --- HR: assignments, scopes, people import -------------------------------------------------


def hr_group():
    """The "HR" group with the permissions academy_setup (and so the demo) gives it."""
    from lms.setup import setup_hr_group

    group, missing = setup_hr_group()
    assert not missing, missing
    return group


def make_hr_user(username="hr-person", scope=(), **fields):
    """A member of the HR group, limited to `scope` (departments) when given."""
    from lms.models import HRScope

    user = UserFactory(username=username, **fields)
    user.groups.add(hr_group())
    for department in scope:
        HRScope.objects.create(user=user, department=department)
    return user


class AssignmentFactory(factory.django.DjangoModelFactory):
    """An assignment to a department (pass course= or program=, and the target you need)."""

    class Meta:
        model = "reporting.Assignment"

    target = "department"
    department = factory.LazyFunction(
        lambda: Department.objects.order_by("path").first() or make_department("Company")
    )
    due_date = factory.LazyFunction(lambda: _today() + _days(30))


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _days(number):
    import datetime

    return datetime.timedelta(days=number)


def quick_course(title="Basics"):
    """A published course without lessons or quiz: enough to assign and complete."""
    return make_course(title, lessons=0, questions=0)


def enrol(user, course):
    from courses.models import Enrollment

    return Enrollment.objects.get_or_create(user=user, course=course)[0]


PEOPLE_COLUMNS = (
    "employee_id",
    "first_name",
    "last_name",
    "email",
    "department_path",
    "manager_employee_id",
    "job_title",
    "location",
    "start_date",
    "active",
)


def person_row(employee_id, department_path="Acme/Sales", manager="", active="true", **fields):
    """One row of an HR export, as a dict of the import's columns."""
    number = "".join(ch for ch in employee_id if ch.isdigit()) or "0"
    return {
        "employee_id": employee_id,
        "first_name": fields.get("first_name", f"First{number}"),
        "last_name": fields.get("last_name", f"Last{number}"),
        "email": fields.get("email", f"{employee_id.lower()}@acme.example"),
        "department_path": department_path,
        "manager_employee_id": manager,
        "job_title": fields.get("job_title", "Analyst"),
        "location": fields.get("location", "Dublin"),
        "start_date": fields.get("start_date", "2024-01-15"),
        "active": active,
    }


def people_csv(rows, columns=PEOPLE_COLUMNS, encoding="utf-8"):
    """A CSV export of the HR system (bytes) from person_row dicts."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode(encoding)
