"""A lesson page: the lesson, the course outline around it, and "mark as done and continue"."""

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


def _next_step(following, lessons, progress, quiz):
    """Where to go after this lesson: the lesson after it, else the first one not done, else
    the quiz while it is not passed; None means the course page."""
    if following is not None:
        return following
    if progress.next_lesson_id:
        return next((item for item in lessons if item.pk == progress.next_lesson_id), None)
    if quiz is not None and not progress.quiz_passed:
        return quiz
    return None


def outline(lessons, progress, current=None):
    """The course's lessons for the outline: (lesson, done, is the current one)."""
    return [
        (item, item.pk in progress.done_lesson_ids, current is not None and item.pk == current.pk)
        for item in lessons
    ]


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
        "next_step": _next_step(following, lessons, progress, quiz),
        "outline": outline(lessons, progress, current=lesson),
        "quiz": quiz,
    }


def complete(lesson, request):
    """POST: mark the lesson done, then go on: the next lesson, else the first one not done,
    else the quiz, else the course (which, once completed, says what it earned)."""
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
    step = _next_step(following, lessons, progress, course.quiz() if not following else None)
    return redirect(url_of(step or course, request))
