"""A lesson page: the lesson, where it sits in the course, and "mark as done"."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from courses.models import CoursePage
from courses.services import complete_lesson, course_progress, parent_course
from courses.views.common import is_preview, published_or_404, require_sign_in, url_of

__all__ = ["complete", "lesson_context", "require_sign_in"]


def _course_of(lesson):
    try:
        return parent_course(lesson)
    except CoursePage.DoesNotExist:
        raise Http404("This lesson belongs to no course.") from None


def _neighbours(lesson, lessons):
    ids = [item.pk for item in lessons]
    if lesson.pk not in ids:
        return None, None
    index = ids.index(lesson.pk)
    previous = lessons[index - 1] if index > 0 else None
    following = lessons[index + 1] if index + 1 < len(lessons) else None
    return previous, following


def lesson_context(lesson, request):
    course = published_or_404(_course_of(lesson), request)
    lessons = list(course.lessons().defer_streamfields())
    previous, following = _neighbours(lesson, lessons)
    progress = course_progress(None if is_preview(request) else request.user, course)
    quiz = course.quiz()
    return {
        "course": course,
        "progress": progress,
        "done": lesson.pk in progress.done_lesson_ids,
        "position": next((n for n, item in enumerate(lessons, 1) if item.pk == lesson.pk), None),
        "lesson_count": len(lessons),
        "previous_lesson": previous,
        "next_lesson": following,
        "quiz": quiz,
    }


def complete(lesson, request):
    """POST: mark the lesson done, then go on to the next lesson (or the quiz, or the course)."""
    course = published_or_404(_course_of(lesson), request)
    published_or_404(lesson, request)
    _completion, created = complete_lesson(request.user, lesson, course=course)
    progress = course_progress(request.user, course)
    if progress.completed_at:
        messages.success(request, f"Well done: you have completed “{course.title}”.")
        return redirect(url_of(course, request))
    if created:
        messages.success(request, f"“{lesson.title}” is marked as done.")
    lessons = list(course.lessons().defer_streamfields())
    _previous, following = _neighbours(lesson, lessons)
    if following is not None:
        return redirect(url_of(following, request))
    if progress.next_lesson_id is None and (quiz := course.quiz()) is not None:
        return redirect(url_of(quiz, request))
    return redirect(url_of(course, request))
