"""Demo content for seed_demo: the catalogue, the eight courses, the policy, the review workflow,
and learners spread across every stage. Safe to run again: nothing is created twice."""

import datetime
import random
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from academy_site.demo.content import COURSES, POLICY
from academy_site.models import HomePage
from courses import services
from courses.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonPage,
    PolicyPage,
    Question,
    QuizPage,
)
from courses.workflow import ensure_review_workflow
from lms.models import Employee

#: The four demo accounts start with no learning at all: the browser journeys begin from zero.
DEMO_USERNAMES = {"admin", "editor", "hr", "employee"}
CATALOGUE_INTRO = (
    "<p>Short, practical courses on speaking for Northwind on social media. Start with "
    "<em>Social media basics</em> and the policy; each course ends with a quiz.</p>"
)
WORDS_PER_MINUTE = 200
#: The policy lives beside the courses; the course about it already uses the content's slug.
POLICY_SLUG = "policy"


def _publish(page, user):
    page.save_revision(user=user, log_action=True).publish(user=user)
    return page


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def ensure_catalogue(admin):
    home = HomePage.objects.first()
    catalogue = _child(home, CourseIndexPage, "courses")
    if catalogue is None:
        catalogue = CourseIndexPage(title="Courses", slug="courses", intro=CATALOGUE_INTRO)
        home.add_child(instance=catalogue)
        _publish(catalogue, admin)
    return catalogue


def ensure_policy(catalogue, admin):
    policy = PolicyPage.objects.child_of(catalogue).first()
    if policy is None:
        policy = PolicyPage(
            title=POLICY["title"],
            slug=POLICY_SLUG,
            summary=POLICY["summary"],
            body=POLICY["body_html"],
            attestation=POLICY["attestation"],
        )
        catalogue.add_child(instance=policy)
        _publish(policy, admin)
    return policy


def _reading_minutes(lesson):
    words = sum(len(str(value).split()) for _kind, value in lesson["body"])
    return max(3, round(words / WORDS_PER_MINUTE))


def _quiz_page(data):
    return QuizPage(
        title=data["title"],
        slug="quiz",
        intro=f"<p>{data['intro']}</p>",
        pass_mark=data["pass_mark"],
        max_attempts=data["max_attempts"],
        cooldown_minutes=data["cooldown_minutes"],
        shuffle_questions=True,
        shuffle_choices=True,
        questions=[
            Question(
                sort_order=number,
                kind=question["kind"],
                text=question["text"],
                explanation=question["explanation"],
                choices=[
                    Choice(text=text, is_correct=is_correct, sort_order=index)
                    for index, (text, is_correct) in enumerate(question["choices"])
                ],
            )
            for number, question in enumerate(data["questions"])
        ],
    )


def ensure_course(catalogue, data, admin):
    course = _child(catalogue, CoursePage, data["slug"])
    if course is not None:
        return course
    course = CoursePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        duration_minutes=data["duration_minutes"],
        level=data["level"],
    )
    catalogue.add_child(instance=course)
    course.tags.add(*data["tags"])
    _publish(course, admin)
    for lesson in data["lessons"]:
        page = LessonPage(
            title=lesson["title"],
            slug=lesson.get("slug") or slugify(lesson["title"]),
            summary=lesson["intro"],
            duration_minutes=_reading_minutes(lesson),
            body=lesson["body"],
        )
        course.add_child(instance=page)
        _publish(page, admin)
    quiz = _quiz_page(data["quiz"])
    course.add_child(instance=quiz)
    _publish(quiz, admin)
    return course


def _right_answers(questions):
    return {q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in questions}


def _wrong_answers(questions, rng, mistakes):
    answers = _right_answers(questions)
    for question in rng.sample(questions, min(mistakes, len(questions))):
        wrong = [c.pk for c in question.choices.all() if not c.is_correct]
        answers[question.pk] = [rng.choice(wrong)]
    return answers


class Learner:
    """Replays one person's learning through the services, so every signal fires."""

    def __init__(self, user, rng, started):
        self.user, self.rng, self.clock = user, rng, started

    def tick(self, hours_low=1, hours_high=30):
        self.clock += datetime.timedelta(hours=self.rng.uniform(hours_low, hours_high))
        return min(self.clock, timezone.now() - datetime.timedelta(minutes=5))

    def accept_policy(self, policy):
        services.accept_policy(self.user, policy, at=self.tick())

    def study(self, course, lessons, quiz, questions, lessons_to_do=None, finish=True):
        services.enrol(self.user, course, at=self.tick())
        for lesson in lessons[:lessons_to_do]:
            services.complete_lesson(self.user, lesson, course=course, at=self.tick(0.2, 3))
        if not finish or quiz is None:
            return
        if self.rng.random() < 0.3:
            self._attempt(quiz, questions, _wrong_answers(questions, self.rng, 3))
            self.tick(24, 72)
        self._attempt(quiz, questions, _right_answers(questions))

    def _attempt(self, quiz, questions, answers):
        at = self.tick(0.2, 2)
        services.submit_attempt(
            self.user,
            quiz,
            uuid.UUID(int=self.rng.getrandbits(128)),
            answers,
            started_at=at - datetime.timedelta(minutes=self.rng.randint(4, 15)),
            questions=questions,
            at=at,
        )


# Share of people at each stage: how many courses they finished, and how far into the next.
STAGES = [("new", 15), ("started", 20), ("enthusiast", 25), ("practitioner", 25), ("pro", 15)]


def _curriculum(courses):
    result = []
    for course in courses:
        lessons = list(course.lessons().defer_streamfields())
        quiz = course.quiz()
        questions = services.load_questions(quiz) if quiz else []
        result.append((course, lessons, quiz, questions))
    return result


def _learn(learner, stage, curriculum, policy, rng):
    if stage == "new":
        return
    basics, *others = curriculum
    if stage == "started":
        if rng.random() < 0.5:
            learner.accept_policy(policy)
        learner.study(*basics, lessons_to_do=rng.randint(0, len(basics[1]) - 1), finish=False)
        return
    learner.accept_policy(policy)
    finished = {"enthusiast": 2, "practitioner": rng.randint(3, 6), "pro": len(curriculum)}[stage]
    for item in curriculum[:finished]:
        learner.study(*item)
    if finished < len(curriculum) and rng.random() < 0.6:
        upcoming = curriculum[finished]
        learner.study(*upcoming, lessons_to_do=rng.randint(1, len(upcoming[1])), finish=False)


def seed_progress(courses, policy):
    """Spread the seeded employees (not the demo accounts) across the stages, once."""
    people = list(
        Employee.objects.exclude(user__username__in=DEMO_USERNAMES)
        .select_related("user")
        .order_by("employee_id")
    )
    if Enrollment.objects.filter(user__in=[p.user for p in people]).exists():
        return 0
    rng = random.Random(2010)  # noqa: S311 - demo data, not security
    curriculum = _curriculum(courses)
    stages = [name for name, weight in STAGES for _ in range(weight)]
    now = timezone.now()
    for employee in people:
        started = now - datetime.timedelta(days=rng.uniform(30, 200))
        learner = Learner(employee.user, rng, started)
        _learn(learner, rng.choice(stages), curriculum, policy, rng)
    return len(people)


@transaction.atomic
def seed(log):
    admin = get_user_model().objects.filter(username="admin").first()
    catalogue = ensure_catalogue(admin)
    policy = ensure_policy(catalogue, admin)
    courses = [ensure_course(catalogue, data, admin) for data in COURSES]
    ensure_review_workflow(catalogue)
    learners = seed_progress(courses, policy)
    log(
        f"Courses: {len(courses)} courses under /{catalogue.slug}/, policy version "
        f"{policy.current_version().number}, “Course review” workflow"
        + (f", progress for {learners} people." if learners else ".")
    )
