"""The business rules of the courses app. Views, the API, the admin and the demo call these.

Other apps rely on: ``completed_course_ids(user)``, ``has_accepted_current_policy(user)``,
``course_progress(user, course)`` (and the signals in ``courses.signals``).
"""

from .due import DueItem, due_items, register_due_provider
from .errors import (
    CoolingDown,
    InvalidSubmission,
    LearningError,
    NotAvailable,
    PolicyOutdated,
    QuizClosed,
    SubmissionConflict,
)
from .pages import ensure_published, is_page_id, parent_course, published_page
from .policy import (
    accept_policy,
    current_policy_version,
    has_accepted_current_policy,
    latest_acceptance,
    record_published_version,
)
from .progress import (
    CourseProgress,
    Status,
    complete_course_if_done,
    complete_lesson,
    completed_course_ids,
    course_progress,
    enrol,
    live_courses,
    progress_for_courses,
)
from .quiz import (
    AttemptState,
    arrange,
    attempt_state,
    check_may_attempt,
    grade,
    load_questions,
    normalise_answers,
    submit_attempt,
)

__all__ = [
    "AttemptState",
    "CoolingDown",
    "CourseProgress",
    "DueItem",
    "InvalidSubmission",
    "LearningError",
    "NotAvailable",
    "PolicyOutdated",
    "QuizClosed",
    "Status",
    "SubmissionConflict",
    "accept_policy",
    "arrange",
    "attempt_state",
    "check_may_attempt",
    "complete_course_if_done",
    "complete_lesson",
    "completed_course_ids",
    "course_progress",
    "current_policy_version",
    "due_items",
    "enrol",
    "ensure_published",
    "grade",
    "has_accepted_current_policy",
    "is_page_id",
    "latest_acceptance",
    "live_courses",
    "load_questions",
    "normalise_answers",
    "parent_course",
    "progress_for_courses",
    "published_page",
    "record_published_version",
    "register_due_provider",
    "submit_attempt",
]
