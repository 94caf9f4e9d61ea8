"""The course catalogue: published courses, filtered by topic or a search, one page at a time."""

from django.core.paginator import Paginator
from django.db.models import Q
from taggit.models import Tag

from courses.models import CoursePage
from courses.services import (
    current_policy_version,
    has_accepted_current_policy,
    progress_for_courses,
)

PER_PAGE = 12


def catalogue_courses(catalogue, tag=None, query=None):
    """The live courses of the catalogue, optionally with a topic (tag slug) or a search."""
    courses = CoursePage.objects.live().child_of(catalogue).order_by("path")
    if tag:
        courses = courses.filter(tags__slug=tag)
    if query:
        matches = (
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(description__icontains=query)
            | Q(tags__name__icontains=query)
        )
        courses = courses.filter(pk__in=CoursePage.objects.filter(matches).values("pk"))
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
