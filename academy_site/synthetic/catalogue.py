"""What the synthetic people learn and earn, read once from the loaded curriculum.

The curriculum, the programs and the official accounts come from the demo (`seed_demo`);
this module turns them into plain structures so that generating a hundred thousand people
needs no further queries.
"""

from dataclasses import dataclass, field

from certification.models import Program
from courses.models import Choice, CoursePage, LessonPage, PolicyVersion, QuizPage


@dataclass
class QuizInfo:
    pk: int
    pass_mark: int
    # question id -> (correct choice ids, wrong choice ids)
    questions: dict = field(default_factory=dict)


@dataclass
class CourseInfo:
    pk: int
    title: str
    lesson_ids: list = field(default_factory=list)
    quiz: QuizInfo | None = None


@dataclass
class ProgramInfo:
    pk: int
    slug: str
    tier: int
    validity_days: int
    requires_policy: bool
    requires_approval: bool
    course_ids: list = field(default_factory=list)  # its own and those of the programs below


@dataclass
class Catalogue:
    courses: dict = field(default_factory=dict)  # pk -> CourseInfo
    ladder: list = field(default_factory=list)  # ProgramInfo, lowest tier first
    policy_versions: list = field(default_factory=list)  # PolicyVersion pks, oldest first

    @property
    def is_empty(self):
        return not self.courses

    def extra_course_ids(self):
        """Courses no program requires (taken by the curious)."""
        required = {pk for program in self.ladder for pk in program.course_ids}
        return [pk for pk in self.courses if pk not in required]


def load():
    catalogue = Catalogue()
    _load_courses(catalogue)
    _load_programs(catalogue)
    _load_policy(catalogue)
    return catalogue


def _load_courses(catalogue):
    courses = list(CoursePage.objects.live().order_by("path"))
    by_path = {}
    for course in courses:
        info = CourseInfo(course.pk, course.title)
        catalogue.courses[course.pk] = info
        by_path[course.path] = info
    for lesson in LessonPage.objects.live().order_by("path").values("pk", "path"):
        course = by_path.get(lesson["path"][: -LessonPage.steplen])
        if course:
            course.lesson_ids.append(lesson["pk"])
    quizzes = {}
    for quiz in QuizPage.objects.live().order_by("path").values("pk", "path", "pass_mark"):
        course = by_path.get(quiz["path"][: -QuizPage.steplen])
        if course and course.quiz is None:
            course.quiz = QuizInfo(quiz["pk"], quiz["pass_mark"])
            quizzes[quiz["pk"]] = course.quiz
    choices = Choice.objects.filter(question__quiz_id__in=list(quizzes)).order_by(
        "question__sort_order", "question_id", "sort_order", "pk"
    )
    for quiz_id, question_id, choice_id, correct in choices.values_list(
        "question__quiz_id", "question_id", "pk", "is_correct"
    ):
        right, wrong = quizzes[quiz_id].questions.setdefault(question_id, ([], []))
        (right if correct else wrong).append(choice_id)


def _load_programs(catalogue):
    programs = list(Program.objects.on_ladder().prefetch_related("program_courses"))
    infos = {}
    for program in programs:
        infos[program.pk] = ProgramInfo(
            pk=program.pk,
            slug=program.slug,
            tier=program.tier,
            validity_days=program.validity_days,
            requires_policy=program.requires_policy,
            requires_approval=program.requires_approval,
            course_ids=[
                pc.course_id
                for pc in program.program_courses.all()
                if pc.course_id in catalogue.courses
            ],
        )
    by_pk = {program.pk: program for program in programs}
    for program in programs:
        below = by_pk.get(program.builds_on_id)
        seen = {program.pk}
        while below is not None and below.pk not in seen:
            seen.add(below.pk)
            for course_id in infos[below.pk].course_ids:
                if course_id not in infos[program.pk].course_ids:
                    infos[program.pk].course_ids.append(course_id)
            below = by_pk.get(below.builds_on_id)
    catalogue.ladder = [infos[program.pk] for program in programs]


def _load_policy(catalogue):
    catalogue.policy_versions = list(
        PolicyVersion.objects.order_by("policy_id", "number").values_list("pk", flat=True)
    )
