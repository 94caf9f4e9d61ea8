"""/my-learning/: what a person has in progress, has done, and has due."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from courses.models import CourseIndexPage
from courses.services import (
    Status,
    attach_resume_pages,
    current_policy_version,
    due_items,
    latest_acceptance,
    live_courses,
    progress_for_courses,
)


def learning_overview(user):
    """The person's courses grouped by status (those in progress with the page to resume at),
    plus the policy and what is due."""
    courses = list(live_courses().defer_streamfields())
    progress = progress_for_courses(user, courses)
    groups = {Status.IN_PROGRESS: [], Status.COMPLETED: [], Status.NOT_STARTED: []}
    for course in courses:
        groups[progress[course.pk].status].append((course, progress[course.pk]))
    groups[Status.COMPLETED].sort(key=lambda item: item[1].completed_at, reverse=True)
    attach_resume_pages(item[1] for item in groups[Status.IN_PROGRESS])
    version = current_policy_version()
    acceptance = latest_acceptance(user, version.policy) if version else None
    return {
        "in_progress": groups[Status.IN_PROGRESS],
        "completed": groups[Status.COMPLETED],
        "not_started": groups[Status.NOT_STARTED],
        "due": due_items(user),
        "policy_version": version,
        "policy_acceptance": acceptance,
        "policy_accepted": bool(acceptance and version and acceptance.version_id == version.pk),
    }


@login_required
def my_learning(request):
    context = learning_overview(request.user)
    catalogue = CourseIndexPage.objects.live().first()
    context["catalogue"] = catalogue
    context["catalogue_url"] = catalogue.get_url(request) if catalogue else ""
    return render(request, "courses/my_learning.html", context)
