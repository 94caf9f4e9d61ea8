"""Archiving learning records: a new certification cycle, or staff resetting quiz attempts.

The live rows (lessons done, quiz attempts, course completions) move to ``ArchivedRecord`` with
everything they held, so they stay on record while every count, report, progress bar and "once"
rule sees only the current cycle. Set-based: a fixed number of queries per batch of people,
whatever how many records they hold.
"""

from django.db import connection, transaction
from django.utils import timezone

from courses.models import (
    ArchivedKind,
    ArchivedRecord,
    CourseCompletion,
    CoursePage,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    QuizPage,
)
from courses.services.progress import _children_of

#: What a cycle asks to redo: the whole course, or only its quiz.
SCOPE_COURSE = "course"
SCOPE_QUIZ = "quiz"

BATCH = 2000

_ATTEMPT_FIELDS = (
    "number",
    "answers",
    "correct_count",
    "question_count",
    "score",
    "pass_mark",
    "passed",
    "started_at",
    "submitted_at",
)


def _course_parts(course_ids, scope):
    """(lesson ids, quiz ids, ids of the courses whose completion goes) for these courses."""
    courses = list(CoursePage.objects.filter(pk__in=course_ids).only("pk", "path", "depth"))
    if not courses:
        return [], [], []
    quizzes = list(_children_of(QuizPage, courses).only("pk", "path"))
    quiz_ids = [quiz.pk for quiz in quizzes]
    if scope == SCOPE_QUIZ:
        # A course without a quiz has nothing to redo in a quiz-only cycle: its completion stays.
        with_quiz = {c.pk for c in courses if any(q.path.startswith(c.path) for q in quizzes)}
        return [], quiz_ids, sorted(with_quiz)
    lesson_ids = list(_children_of(LessonPage, courses).values_list("pk", flat=True))
    return lesson_ids, quiz_ids, [c.pk for c in courses]


def archive_learning(user_ids, course_ids, *, scope, reason, references=None, at=None):
    """Archive what these people did in these courses; returns how many records moved.

    `scope` is SCOPE_COURSE (lessons, quiz attempts and the completion) or SCOPE_QUIZ (quiz
    attempts, and the completion of the courses that have a quiz). `references` maps a user id
    to what archived it (e.g. "recertification:12"); the same for all when it is a string."""
    at = at or timezone.now()
    user_ids = sorted(set(user_ids))
    lesson_ids, quiz_ids, completion_ids = _course_parts(list(course_ids), scope)
    if connection.vendor == "postgresql":
        # Everyone at once: three statements, whatever the number of people and records.
        with transaction.atomic():
            return _archive_in_sql(
                user_ids, lesson_ids, quiz_ids, completion_ids, reason, references, at
            )
    moved = 0
    for start in range(0, len(user_ids), BATCH):
        batch = user_ids[start : start + BATCH]
        with transaction.atomic():
            moved += _archive_batch(
                batch, lesson_ids, quiz_ids, completion_ids, reason, references, at
            )
    return moved


def archive_attempts(user, quiz, *, reason, reference="", at=None):
    """Archive one person's attempts at one quiz (staff reset); returns how many moved. Their
    course completion, if they had passed, stays: the course was done."""
    at = at or timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            return _archive_in_sql([user.pk], [], [quiz.pk], [], reason, reference, at)
        return _archive_batch([user.pk], [], [quiz.pk], [], reason, reference, at)


def _reference(references, user_id):
    if isinstance(references, dict):
        return references.get(user_id, "")
    return references or ""


def _iso(column):
    """`datetime.isoformat()` of a UTC timestamp, in SQL: microseconds only when there are any."""
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"CASE WHEN {column} IS NULL THEN NULL ELSE"
        f" to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        f" || CASE WHEN to_char({utc}, 'US') = '000000' THEN '' ELSE '.' || to_char({utc}, 'US')"
        " END || '+00:00' END"
    )


def _archive_in_sql(user_ids, lesson_ids, quiz_ids, completion_ids, reason, references, at):
    """PostgreSQL: each kind of record moved by one `DELETE … RETURNING` feeding an
    `INSERT … SELECT` into ArchivedRecord, with what `_archive_batch` writes (the attempt's
    fields in `data`, its times as ISO 8601), no rows through Python."""
    if isinstance(references, dict):
        keys, values, default = list(references), [references[k] for k in references], ""
    else:
        keys, values, default = [], [], references or ""
    quote = connection.ops.quote_name
    archive = ArchivedRecord._meta.db_table
    attempt_data = (
        "jsonb_build_object("
        + ", ".join(f"'{name}', t.{quote(name)}" for name in _ATTEMPT_FIELDS[:7])
        + f", 'started_at', {_iso('t.started_at')}, 'submitted_at', {_iso('t.submitted_at')},"
        " 'submission_key', t.submission_key::text)"
    )
    kinds = (
        (LessonCompletion, "lesson_id", lesson_ids, ArchivedKind.LESSON, "completed_at", "'{}'"),
        (QuizAttempt, "quiz_id", quiz_ids, ArchivedKind.QUIZ_ATTEMPT, "submitted_at", attempt_data),
        (
            CourseCompletion,
            "course_id",
            completion_ids,
            ArchivedKind.COURSE,
            "completed_at",
            "'{}'",
        ),
    )
    moved = 0
    with connection.cursor() as cursor:
        for model, page, page_ids, kind, done_at, data in kinds:
            if not page_ids or not user_ids:
                continue
            cursor.execute(
                f"WITH moved AS (DELETE FROM {quote(model._meta.db_table)} t"  # noqa: S608 - our own names; values bound
                f" WHERE t.user_id = ANY(%s) AND t.{page} = ANY(%s)"
                f" RETURNING t.user_id, t.{page} AS page_id, t.{done_at} AS done_at,"
                f" {data}::jsonb AS data)"
                f" INSERT INTO {quote(archive)}"
                " (user_id, kind, page_id, recorded_at, archived_at, reason, reference, data)"
                " SELECT m.user_id, %s, m.page_id, m.done_at, %s, %s, COALESCE(r.reference, %s),"
                " m.data FROM moved m"
                " LEFT JOIN unnest(%s::bigint[], %s::text[]) AS r(user_id, reference)"
                " ON r.user_id = m.user_id ORDER BY m.user_id, m.page_id, m.done_at",
                [user_ids, page_ids, kind.value, at, reason, default, keys, values],
            )
            moved += cursor.rowcount
    return moved


def _archive_batch(user_ids, lesson_ids, quiz_ids, completion_ids, reason, references, at):
    rows = []
    lessons = LessonCompletion.objects.filter(user_id__in=user_ids, lesson_id__in=lesson_ids)
    for user_id, page_id, done_at in lessons.values_list("user_id", "lesson_id", "completed_at"):
        rows.append((user_id, ArchivedKind.LESSON, page_id, done_at, {}))
    attempts = QuizAttempt.objects.filter(user_id__in=user_ids, quiz_id__in=quiz_ids)
    for values in attempts.values("user_id", "quiz_id", "submission_key", *_ATTEMPT_FIELDS):
        data = {name: values[name] for name in _ATTEMPT_FIELDS}
        data["submission_key"] = str(values["submission_key"])
        for name in ("started_at", "submitted_at"):
            data[name] = data[name].isoformat() if data[name] else None
        rows.append(
            (
                values["user_id"],
                ArchivedKind.QUIZ_ATTEMPT,
                values["quiz_id"],
                values["submitted_at"],
                data,
            )
        )
    completions = CourseCompletion.objects.filter(
        user_id__in=user_ids, course_id__in=completion_ids
    )
    for user_id, page_id, done_at in completions.values_list(
        "user_id", "course_id", "completed_at"
    ):
        rows.append((user_id, ArchivedKind.COURSE, page_id, done_at, {}))
    if not rows:
        return 0
    ArchivedRecord.objects.bulk_create(
        [
            ArchivedRecord(
                user_id=user_id,
                kind=kind,
                page_id=page_id,
                recorded_at=done_at,
                archived_at=at,
                reason=reason,
                reference=_reference(references, user_id),
                data=data,
            )
            for user_id, kind, page_id, done_at, data in rows
        ],
        batch_size=1000,
    )
    lessons.delete()
    attempts.delete()
    completions.delete()
    return len(rows)
