"""The catalogue, courses and lessons: the pages an editor writes a curriculum with."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.coreutils import resolve_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonStreamBlock
from courses.choices import CourseLevel
from courses.models.quiz import QuizPage
from courses.models.serving import views_for
from lms.conf import academy_settings


class CourseIndexPage(Page):
    """The catalogue: every course and the policy live under it (slug "courses")."""

    intro = RichTextField(_("introduction"), blank=True)

    # Any parent: the host decides where its catalogue lives (ACADEMY_CATALOGUE_PARENT_PAGE_TYPES
    # narrows it, e.g. ["home.HomePage"]).
    subpage_types = ["courses.CoursePage", "courses.PolicyPage"]
    max_count = 1
    template = "courses/course_index_page.html"

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("course catalogue")

    @classmethod
    def clean_parent_page_models(cls):
        """Any page type, or those ACADEMY_CATALOGUE_PARENT_PAGE_TYPES names."""
        allowed = academy_settings.CATALOGUE_PARENT_PAGE_TYPES
        if not allowed:
            return super().clean_parent_page_models()
        return [resolve_model_string(name) for name in allowed]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views_for(self).catalogue_context(self, request))
        return context


class CoursePageTag(TaggedItemBase):
    """A topic on a course (django-taggit through model)."""

    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CoursePage(Page):
    """A course: an ordered set of lessons (its child pages) and at most one quiz."""

    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences shown in the catalogue.")
    )
    description = RichTextField(
        _("description"), blank=True, help_text=_("What the course covers and who it is for.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    level = models.CharField(
        _("level"), max_length=20, choices=CourseLevel.choices, default=CourseLevel.FOUNDATION
    )
    tags = ClusterTaggableManager(
        through=CoursePageTag,
        blank=True,
        verbose_name=_("topics"),
        help_text=_(
            "Words people can filter the catalogue by, separated by commas "
            "(e.g. engagement, customer care)."
        ),
    )
    quiz_requires_lessons = models.BooleanField(
        _("quiz only after the lessons"),
        default=False,
        help_text=_(
            "Ticked: the quiz opens once every lesson is done. Unticked: a person may take the "
            "quiz at any time, even before the lessons (the course is complete with both)."
        ),
    )

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]
    template = "courses/course_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("duration_minutes"), FieldPanel("level"), FieldPanel("tags")],
            heading=_("About the course"),
        ),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("quiz_requires_lessons")], heading=_("Quiz")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("level"),
    ]

    class Meta:
        verbose_name = _("course")

    def lessons(self):
        """The course's published lessons, in the order the editor set in the page tree."""
        return LessonPage.objects.live().child_of(self).order_by("path")

    def quiz(self):
        """The course's published quiz, or None."""
        return QuizPage.objects.live().child_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views_for(self).course_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return views_for(self).enrol(self, request)
        return super().serve(request, *args, **kwargs)


class LessonPage(Page):
    """One lesson of a course, written as a stream of blocks."""

    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("Shown in the course outline.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    template = "courses/lesson_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views_for(self).lesson_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        views = views_for(self)
        if redirect := views.require_sign_in(request):
            return redirect
        if request.method == "POST":
            return views.complete(self, request)
        return super().serve(request, *args, **kwargs)
