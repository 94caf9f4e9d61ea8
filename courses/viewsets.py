"""Read-only admin listings of the learning records, for staff who may view them."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from courses.models import (
    CourseCompletion,
    CoursePage,
    Enrollment,
    PolicyAcceptance,
    PolicyVersion,
    QuizAttempt,
    QuizPage,
)
from lms.permissions import ActionsPolicy

# Records are written by people learning, never edited in the admin: only "view" is granted
# (to users holding the model's view permission; superusers hold them all).
for _model in (QuizAttempt, PolicyAcceptance, CourseCompletion, Enrollment, PolicyVersion):
    register_permission_policy(_model, ActionsPolicy(_model, {"view"}), exact_class=True)


class ReadOnlyViewSet(ModelViewSet):
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None
    list_per_page = 50
    # The write views exist but the permission policy refuses them to everyone.
    exclude_form_fields = []


class QuizAttemptFilterSet(WagtailFilterSet):
    quiz = django_filters.ModelChoiceFilter(
        queryset=QuizPage.objects.order_by("path"), label=_("Quiz")
    )
    passed = django_filters.BooleanFilter(label=_("Passed"))
    submitted_at = django_filters.DateFromToRangeFilter(
        label=_("Submitted"), widget=DateRangePickerWidget
    )

    class Meta:
        model = QuizAttempt
        fields = ["quiz", "passed", "submitted_at"]


class QuizAttemptViewSet(ReadOnlyViewSet):
    model = QuizAttempt
    icon = "tasks"
    menu_label = _("Quiz attempts")
    filterset_class = QuizAttemptFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_display = [
        Column("user", label=_("Person")),
        Column("quiz", label=_("Quiz")),
        Column("number", label=_("Attempt")),
        Column("score", label=_("Score (%)")),
        BooleanColumn("passed", label=_("Passed")),
        DateColumn("submitted_at", label=_("Submitted")),
    ]
    list_export = ["user", "quiz", "number", "score", "pass_mark", "passed", "submitted_at"]
    inspect_view_fields = [
        "user",
        "quiz",
        "number",
        "score",
        "pass_mark",
        "passed",
        "correct_count",
        "question_count",
        "answers",
        "results",
        "started_at",
        "submitted_at",
        "submission_key",
    ]

    def get_queryset(self, request):
        return QuizAttempt.objects.select_related("user", "quiz")


class CourseFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        queryset=CoursePage.objects.order_by("path"), label=_("Course")
    )


class CourseCompletionFilterSet(CourseFilterSet):
    class Meta:
        model = CourseCompletion
        fields = ["course"]


class CourseCompletionViewSet(ReadOnlyViewSet):
    model = CourseCompletion
    icon = "success"
    menu_label = _("Course completions")
    filterset_class = CourseCompletionFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_display = [
        Column("user", label=_("Person")),
        Column("course", label=_("Course")),
        DateColumn("completed_at", label=_("Completed")),
    ]
    list_export = ["user", "course", "completed_at"]

    def get_queryset(self, request):
        return CourseCompletion.objects.select_related("user", "course")


class EnrollmentFilterSet(CourseFilterSet):
    class Meta:
        model = Enrollment
        fields = ["course"]


class EnrollmentViewSet(ReadOnlyViewSet):
    model = Enrollment
    icon = "user"
    menu_label = _("Enrolments")
    filterset_class = EnrollmentFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_display = [
        Column("user", label=_("Person")),
        Column("course", label=_("Course")),
        DateColumn("enrolled_at", label=_("Enrolled")),
    ]
    list_export = ["user", "course", "enrolled_at"]

    def get_queryset(self, request):
        return Enrollment.objects.select_related("user", "course")


class PolicyAcceptanceFilterSet(WagtailFilterSet):
    version = django_filters.ModelChoiceFilter(
        queryset=PolicyVersion.objects.select_related("policy"), label=_("Version")
    )

    class Meta:
        model = PolicyAcceptance
        fields = ["version"]


class PolicyAcceptanceViewSet(ReadOnlyViewSet):
    model = PolicyAcceptance
    icon = "doc-full"
    menu_label = _("Policy acceptances")
    filterset_class = PolicyAcceptanceFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_display = [
        Column("user", label=_("Person")),
        Column("version", label=_("Version")),
        DateColumn("accepted_at", label=_("Accepted")),
    ]
    list_export = ["user", "version", "accepted_at"]

    def get_queryset(self, request):
        return PolicyAcceptance.objects.select_related("user", "version")


class PolicyVersionViewSet(ReadOnlyViewSet):
    model = PolicyVersion
    icon = "history"
    menu_label = _("Policy versions")
    search_fields = ["title", "summary"]
    list_display = [
        Column("title", label=_("Policy")),
        Column("number", label=_("Version")),
        DateColumn("published_at", label=_("Published")),
        Column("published_by", label=_("Published by")),
    ]
    list_export = ["title", "number", "published_at", "published_by"]
    inspect_view_fields = ["policy", "number", "title", "summary", "attestation", "body"]

    def get_queryset(self, request):
        return PolicyVersion.objects.select_related("policy", "published_by")


class LearningRecordsGroup(ViewSetGroup):
    menu_label = _("Records")  # "Learning records" did not fit the menu
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        QuizAttemptViewSet("quiz_attempts"),
        CourseCompletionViewSet("course_completions"),
        EnrollmentViewSet("enrolments"),
        PolicyAcceptanceViewSet("policy_acceptances"),
        PolicyVersionViewSet("policy_versions"),
    )
