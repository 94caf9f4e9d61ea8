"""Whether learning records point at a page or the pages below it."""

from wagtail.models import Page

from courses.models import (
    CourseCompletion,
    Enrollment,
    LessonCompletion,
    PolicyAcceptance,
    QuizAttempt,
)


def pages_with_records(page):
    """True when any record refers to the page or one of its descendants."""
    ids = Page.objects.descendant_of(page, inclusive=True).values("pk")
    return (
        Enrollment.objects.filter(course_id__in=ids).exists()
        or CourseCompletion.objects.filter(course_id__in=ids).exists()
        or LessonCompletion.objects.filter(lesson_id__in=ids).exists()
        or QuizAttempt.objects.filter(quiz_id__in=ids).exists()
        or PolicyAcceptance.objects.filter(version__policy_id__in=ids).exists()
    )
