"""Courses, lessons and progress."""

import math

from ninja import Query, Router, Schema, Status
from wagtail.rich_text import RichText, expand_db_html

from courses.api.common import ErrorOut, page_url
from courses.api.schemas import (
    CourseDetailOut,
    CoursePageOut,
    EnrollmentOut,
    LessonCompletionOut,
    LessonOut,
    MyProgressOut,
)
from courses.models import CourseIndexPage, CoursePage, LessonPage
from courses.services import (
    complete_lesson,
    completed_course_ids,
    course_progress,
    current_policy_version,
    due_items,
    enrol,
    latest_acceptance,
    live_courses,
    parent_course,
    progress_for_courses,
    published_page,
)
from courses.views.catalogue import catalogue_courses
from lms.api.auth import request_user, session_auth

router = Router(tags=["courses"], auth=session_auth)
PAGE_SIZE = 20


class CourseFilters(Schema):
    tag: str | None = None
    search: str | None = None
    page: int = 1


def progress_out(progress):
    return {
        "course_id": progress.course_id,
        "status": progress.status,
        "percent": progress.percent,
        "lessons_done": progress.lessons_done,
        "lessons_total": progress.lessons_total,
        "quiz_id": progress.quiz_id,
        "quiz_passed": progress.quiz_passed,
        "best_score": progress.best_score,
        "attempts_used": progress.attempts_used,
        "next_lesson_id": progress.next_lesson_id,
        "enrolled_at": progress.enrolled_at,
        "completed_at": progress.completed_at,
    }


def course_out(course, progress, request):
    return {
        "id": course.pk,
        "title": course.title,
        "slug": course.slug,
        "url": page_url(course, request),
        "summary": course.summary,
        "duration_minutes": course.duration_minutes,
        "level": course.level,
        "tags": [tag.name for tag in course.tags.all()],
        "lesson_count": progress.lessons_total,
        "has_quiz": progress.quiz_id is not None,
        "quiz_requires_lessons": course.quiz_requires_lessons,
        "progress": progress_out(progress),
    }


@router.get("/courses", response=CoursePageOut, summary="Published courses, 20 at a time")
def list_courses(request, filters: Query[CourseFilters]):
    user = request_user(request)
    catalogue = CourseIndexPage.objects.live().first()
    if catalogue is None:
        return {"items": [], "count": 0, "page": 1, "pages": 0}
    courses = catalogue_courses(catalogue, filters.tag, (filters.search or "").strip()[:100])
    count = courses.count()
    pages = math.ceil(count / PAGE_SIZE)
    number = min(max(filters.page, 1), max(pages, 1))
    start = (number - 1) * PAGE_SIZE
    items = list(courses.prefetch_related("tags")[start : start + PAGE_SIZE])
    progress = progress_for_courses(user, items)
    return {
        "items": [course_out(course, progress[course.pk], request) for course in items],
        "count": count,
        "page": number,
        "pages": pages,
    }


@router.get(
    "/courses/{course_id}",
    response={200: CourseDetailOut, 404: ErrorOut},
    summary="A course with its lessons, quiz and the person's progress",
)
def get_course(request, course_id: int):
    course = published_page(CoursePage, course_id)
    progress = course_progress(request_user(request), course)
    lessons = course.lessons().defer_streamfields()
    quiz = course.quiz()
    data = course_out(course, progress, request)
    data["description"] = expand_db_html(course.description)
    data["lessons"] = [
        {
            "id": lesson.pk,
            "title": lesson.title,
            "url": page_url(lesson, request),
            "summary": lesson.summary,
            "duration_minutes": lesson.duration_minutes,
            "done": lesson.pk in progress.done_lesson_ids,
        }
        for lesson in lessons
    ]
    data["quiz"] = quiz and {
        "id": quiz.pk,
        "title": quiz.title,
        "url": page_url(quiz, request),
        "pass_mark": quiz.pass_mark,
        "max_attempts": quiz.max_attempts,
        "cooldown_minutes": quiz.cooldown_minutes,
    }
    return data


@router.post(
    "/courses/{course_id}/enroll",
    response={200: EnrollmentOut, 201: EnrollmentOut, 404: ErrorOut},
    summary="Enrol in a course (safe to repeat)",
)
def enroll(request, course_id: int):
    course = published_page(CoursePage, course_id)
    enrolment, created = enrol(request_user(request), course)
    body = {"course_id": course.pk, "enrolled_at": enrolment.enrolled_at, "created": created}
    return Status(201 if created else 200, body)


@router.get("/me/progress", response=MyProgressOut, summary="The person's progress everywhere")
def my_progress(request):
    user = request_user(request)
    courses = list(live_courses().defer_streamfields())
    progress = progress_for_courses(user, courses)
    version = current_policy_version()
    policy = None
    if version is not None:
        acceptance = latest_acceptance(user, version.policy)
        policy = {
            "policy_id": version.policy_id,
            "title": version.title,
            "url": page_url(version.policy, request),
            "version": version.number,
            "accepted": bool(acceptance and acceptance.version_id == version.pk),
            "accepted_version": acceptance.version.number if acceptance else None,
            "accepted_at": acceptance.accepted_at if acceptance else None,
        }
    return {
        "courses": [
            {
                **progress_out(progress[course.pk]),
                "title": course.title,
                "url": page_url(course, request),
            }
            for course in courses
        ],
        "completed_course_ids": sorted(completed_course_ids(user)),
        "policy": policy,
        "due": [
            {
                "title": item.title,
                "due_on": item.due_on,
                "url": item.url,
                "course_id": item.course_id,
                "completed": item.completed,
                "overdue": item.overdue,
            }
            for item in due_items(user)
        ],
    }


def _rich(value):
    return expand_db_html(value.source) if isinstance(value, RichText) else value


def block_out(block):
    """A lesson block as JSON: rich text as HTML, an image with its address and alt text."""
    value = block.value
    if block.block_type == "rich_text":
        value = _rich(value)
    elif block.block_type == "image":
        rendition = value.get_rendition("max-960x720")
        value = {
            "id": value.pk,
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": getattr(value, "contextual_alt_text", None) or value.default_alt_text,
        }
    elif block.block_type == "video":
        value = {"url": value.url if value else ""}
    else:
        value = {name: _rich(child) for name, child in value.items()}
    return {"type": block.block_type, "id": block.id, "value": value}


@router.get(
    "/lessons/{lesson_id}", response={200: LessonOut, 404: ErrorOut}, summary="A lesson's content"
)
def get_lesson(request, lesson_id: int):
    lesson = published_page(LessonPage, lesson_id)
    course = parent_course(lesson)
    ids = list(course.lessons().values_list("pk", flat=True))
    position = ids.index(lesson.pk)
    progress = course_progress(request_user(request), course)
    return {
        "id": lesson.pk,
        "title": lesson.title,
        "url": page_url(lesson, request),
        "course_id": course.pk,
        "summary": lesson.summary,
        "duration_minutes": lesson.duration_minutes,
        "body": [block_out(block) for block in lesson.body],
        "done": lesson.pk in progress.done_lesson_ids,
        "position": position + 1,
        "lesson_count": len(ids),
        "previous_lesson_id": ids[position - 1] if position > 0 else None,
        "next_lesson_id": ids[position + 1] if position + 1 < len(ids) else None,
    }


@router.post(
    "/lessons/{lesson_id}/complete",
    response={200: LessonCompletionOut, 201: LessonCompletionOut, 404: ErrorOut},
    summary="Mark a lesson as done (safe to repeat)",
)
def complete(request, lesson_id: int):
    lesson = published_page(LessonPage, lesson_id)
    user = request_user(request)
    course = parent_course(lesson)
    completion, created = complete_lesson(user, lesson, course=course)
    return Status(
        201 if created else 200,
        {
            "lesson_id": lesson.pk,
            "course_id": course.pk,
            "completed_at": completion.completed_at,
            "created": created,
            "course_completed": course.pk in completed_course_ids(user),
        },
    )
