"""The course catalogue: published courses, filtered by topic or a search, one page at a time."""

from django.core.paginator import Paginator
from django.db.models import Q
from taggit.models import Tag

from courses.models import CoursePage, LessonPage
from courses.services import (
    Status,
    attach_resume_pages,
    current_policy_version,
    has_accepted_current_policy,
    progress_for_courses,
)

PER_PAGE = 12


def search_course_ids(catalogue, query):
    """Ids of the catalogue's courses that match a search.

    Through Wagtail's search index, a course matches when every word is found in its title,
    summary, description or topics, or in one of its published lessons (so "keyword stream"
    finds the course whose lesson explains them); the index follows each publish. Part of a
    word typed into the box ("engag") matches the course's own title, summary, description or
    a topic name as it is written.
    """
    courses = CoursePage.objects.live().child_of(catalogue)
    ids = {course.pk for course in courses.search(query, operator="and")}
    lessons = LessonPage.objects.live().descendant_of(catalogue).search(query, operator="and")
    parent_paths = {lesson.path[: -CoursePage.steplen] for lesson in lessons}
    as_written = (
        Q(title__icontains=query)
        | Q(summary__icontains=query)
        | Q(description__icontains=query)
        | Q(tags__name__icontains=query)
    )
    if parent_paths:
        as_written |= Q(path__in=parent_paths)
    ids.update(courses.filter(as_written).values_list("pk", flat=True))
    return ids


def catalogue_courses(catalogue, tag=None, query=None):
    """The live courses of the catalogue, optionally with a topic (tag slug) or a search."""
    courses = CoursePage.objects.live().child_of(catalogue).order_by("path")
    if tag:
        courses = courses.filter(tags__slug=tag)
    if query:
        courses = courses.filter(pk__in=search_course_ids(catalogue, query))
    return courses


def catalogue_topics(catalogue):
    """Every topic used by a live course of the catalogue (one query)."""
    live = CoursePage.objects.live().child_of(catalogue).values("pk")
    return (
        Tag.objects.filter(courses_coursepagetag_items__content_object__in=live)
        .distinct()
        .order_by("name")
    )


def catalogue_context(catalogue, request):
    tag = request.GET.get("tag", "").strip()[:100]
    query = request.GET.get("q", "").strip()[:100]
    courses = catalogue_courses(catalogue, tag, query).prefetch_related("tags")
    page = Paginator(courses, PER_PAGE).get_page(request.GET.get("page"))
    progress = progress_for_courses(request.user, page.object_list)
    attach_resume_pages(p for p in progress.values() if p.status == Status.IN_PROGRESS)
    policy = current_policy_version()
    return {
        "courses": [(course, progress[course.pk]) for course in page.object_list],
        "catalogue_url": catalogue.get_url(request),
        "page_obj": page,
        "topics": catalogue_topics(catalogue),
        "current_tag": tag,
        "query": query,
        "policy_version": policy,
        "policy_accepted": has_accepted_current_policy(request.user) if policy else False,
    }
