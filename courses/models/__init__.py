"""Pages of the curriculum and the learning records of each person."""

from .pages import CourseIndexPage, CoursePage, CoursePageTag, LessonPage
from .policy import PolicyPage, PolicyVersion
from .quiz import Choice, Question, QuizPage
from .records import (
    CourseCompletion,
    Enrollment,
    LessonCompletion,
    PolicyAcceptance,
    QuizAttempt,
)

__all__ = [
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
