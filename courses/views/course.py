"""A course page: its outline with the person's progress, and enrolment."""

from django.contrib import messages
from django.shortcuts import redirect

from courses.services import course_progress
from courses.services import enrol as enrol_in_course
from courses.views.common import course_outcomes, published_or_404, require_sign_in, url_of


def course_context(course, request):
    published_or_404(course, request)
    lessons = list(course.lessons().defer_streamfields())
    progress = course_progress(request.user, course)
    next_lesson = next((ln for ln in lessons if ln.pk == progress.next_lesson_id), None)
    return {
        "course": course,
        "lessons": [(lesson, lesson.pk in progress.done_lesson_ids) for lesson in lessons],
        "quiz": course.quiz(),
        "progress": progress,
        "next_lesson": next_lesson,
        "outcomes": course_outcomes(request, course, progress),
    }


def enrol(course, request):
    """POST: enrol the signed-in person, then send them to the first lesson not done (or the
    quiz when every lesson is done and it is still open)."""
    if response := require_sign_in(request):
        return response
    published_or_404(course, request)
    _enrolment, created = enrol_in_course(request.user, course)
    if created:
        messages.success(request, f"You are enrolled in “{course.title}”. Enjoy the course!")
    progress = course_progress(request.user, course)
    if progress.next_lesson_id:
        lesson = course.lessons().defer_streamfields().get(pk=progress.next_lesson_id)
        return redirect(url_of(lesson, request))
    if progress.quiz_open and (quiz := course.quiz()) is not None:
        return redirect(url_of(quiz, request))
    return redirect(url_of(course, request))
