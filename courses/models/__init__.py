"""Pages of the curriculum and the learning records of each person."""

from courses.models.pages import CourseIndexPage, CoursePage, CoursePageTag, LessonPage
from courses.models.policy import PolicyPage, PolicyVersion
from courses.models.quiz import Choice, Question, QuizPage
from courses.models.records import (
    ArchivedKind,
    ArchivedRecord,
    ArchiveReason,
    CourseCompletion,
    Enrollment,
    LessonCompletion,
    PolicyAcceptance,
    QuizAttempt,
)

__all__ = [
    "ArchiveReason",
    "ArchivedKind",
    "ArchivedRecord",
    "Choice",
    "CourseCompletion",
    "CourseIndexPage",
    "CoursePage",
    "CoursePageTag",
    "Enrollment",
    "LessonCompletion",
    "LessonPage",
    "PolicyAcceptance",
    "PolicyPage",
    "PolicyVersion",
    "Question",
    "QuizAttempt",
    "QuizPage",
]
