"""Typed shapes of the courses API, as the OpenAPI document describes them."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.utils import timezone
from ninja import Field, Schema
from pydantic import field_validator


class ProgressOut(Schema):
    course_id: int
    status: str = Field(description="not_started, in_progress or completed")
    percent: int
    lessons_done: int
    lessons_total: int
    quiz_id: int | None
    quiz_passed: bool
    best_score: int | None
    attempts_used: int
    next_lesson_id: int | None
    enrolled_at: datetime | None
    completed_at: datetime | None


class CourseOut(Schema):
    id: int
    title: str
    slug: str
    url: str
    summary: str
    duration_minutes: int
    level: str
    tags: list[str]
    lesson_count: int
    has_quiz: bool
    quiz_requires_lessons: bool = Field(
        description="The quiz opens only once every lesson is done (else it may be taken first)"
    )
    progress: ProgressOut


class CoursePageOut(Schema):
    items: list[CourseOut]
    count: int
    page: int
    pages: int


class LessonRef(Schema):
    id: int
    title: str
    url: str
    summary: str
    duration_minutes: int
    done: bool


class QuizRef(Schema):
    id: int
    title: str
    url: str
    pass_mark: int
    max_attempts: int
    cooldown_minutes: int


class CourseDetailOut(CourseOut):
    description: str = Field(description="HTML")
    lessons: list[LessonRef]
    quiz: QuizRef | None


class EnrollmentOut(Schema):
    course_id: int
    enrolled_at: datetime
    created: bool = Field(description="False when the person was already enrolled")


class BlockOut(Schema):
    type: str = Field(description="rich_text, image, video, callout, do_dont or scenario")
    id: str | None
    value: Any


class LessonOut(Schema):
    id: int
    title: str
    url: str
    course_id: int
    summary: str
    duration_minutes: int
    body: list[BlockOut]
    done: bool
    position: int
    lesson_count: int
    previous_lesson_id: int | None
    next_lesson_id: int | None


class LessonCompletionOut(Schema):
    lesson_id: int
    course_id: int
    completed_at: datetime
    created: bool = Field(description="False when the lesson was already done")
    course_completed: bool


class ChoiceOut(Schema):
    id: int
    text: str
    is_correct: bool | None = Field(None, description="Only for editors with include_answers")


class QuestionOut(Schema):
    id: int
    kind: str = Field(description="single, multiple or true_false")
    text: str
    choices: list[ChoiceOut]
    explanation: str | None = Field(None, description="Only for editors with include_answers")


class QuizOut(Schema):
    id: int
    title: str
    course_id: int
    intro: str = Field(description="HTML")
    pass_mark: int
    max_attempts: int = Field(description="0 means no limit")
    cooldown_minutes: int
    attempt_number: int = Field(description="The number of the next attempt")
    attempts_used: int
    attempts_remaining: int | None = Field(None, description="None means no limit")
    passed: bool
    may_attempt: bool
    retry_at: datetime | None = Field(None, description="When the cool-down ends")
    closed_reason: str | None = None
    questions: list[QuestionOut] = Field(description="In the order shown for the next attempt")


#: How long before submitting an attempt may have started.
STARTED_AT_WINDOW = timedelta(days=7)


class AttemptIn(Schema):
    submission_key: UUID = Field(
        description="A UUID made by the client for this submission: sending it again (a retry, "
        "a double click) returns the first result instead of recording a second attempt"
    )
    answers: dict[int, list[int]] = Field(description="Question id → the chosen choice ids")
    started_at: datetime | None = Field(
        None,
        description="When the person began the attempt: within the last 7 days (a later time "
        "counts as now)",
    )

    @field_validator("started_at")
    @classmethod
    def started_recently(cls, value):
        if value is None:
            return value
        try:
            moment = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
        except OverflowError:
            raise ValueError("is not a time this attempt could have started") from None
        if moment < timezone.now() - STARTED_AT_WINDOW:
            raise ValueError("must be within the last 7 days")
        return value


class QuestionResultOut(Schema):
    question_id: int
    correct: bool
    explanation: str
    your_choice_ids: list[int]
    correct_choice_ids: list[int] | None = Field(
        None, description="Given only once no further attempt is possible"
    )


class AttemptOut(Schema):
    id: int
    quiz_id: int
    number: int
    score: int = Field(description="Percent, rounded down")
    passed: bool
    pass_mark: int
    correct_count: int
    question_count: int
    started_at: datetime
    submitted_at: datetime
    questions: list[QuestionResultOut]


class AttemptResultOut(AttemptOut):
    attempts_remaining: int | None
    retry_at: datetime | None
    course_completed: bool


class DueOut(Schema):
    title: str
    due_on: date
    url: str
    course_id: int | None
    completed: bool
    overdue: bool


class PolicyStatusOut(Schema):
    policy_id: int
    title: str
    url: str
    version: int
    accepted: bool
    accepted_version: int | None
    accepted_at: datetime | None


class CourseProgressOut(ProgressOut):
    title: str
    url: str


class MyProgressOut(Schema):
    courses: list[CourseProgressOut]
    completed_course_ids: list[int]
    policy: PolicyStatusOut | None
    due: list[DueOut]


class PolicyOut(Schema):
    id: int
    title: str
    url: str
    summary: str
    body: str = Field(description="HTML of the current version")
    version: int
    published_at: datetime
    attestation: str
    accepted: bool
    accepted_at: datetime | None


class AcceptIn(Schema):
    version: int | None = Field(
        None, description="The version the person read; refused if it is no longer current"
    )


class AcceptanceOut(Schema):
    policy_id: int
    version: int
    accepted_at: datetime
    created: bool = Field(description="False when this version was already accepted")
