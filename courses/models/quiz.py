"""The quiz at the end of a course: questions and their choices, written inline by an editor."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from courses.choices import QuestionKind
from courses.forms import QuizPageForm
from courses.models.serving import views_for
from courses.panels import ItemsPanel


class QuizPage(RoutablePageMixin, Page):
    """A graded quiz. Answers stay on the server until the employee has submitted."""

    intro = RichTextField(_("introduction"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The score, in percent, needed to pass."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempt limit"),
        default=3,
        validators=[MaxValueValidator(50)],
        help_text=_("How many times a person may try; 0 means no limit."),
    )
    cooldown_minutes = models.PositiveIntegerField(
        _("cool-down (minutes)"),
        default=10,
        validators=[MaxValueValidator(60 * 24 * 30)],
        help_text=_("How long to wait after a failed attempt before the next one."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "courses/quiz_page.html"
    base_form_class = QuizPageForm
    preview_modes = [("", _("As an employee sees it")), ("answers", _("With the answers"))]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")]),
                FieldPanel("cooldown_minutes"),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
            ],
            heading=_("Rules"),
        ),
        ItemsPanel(
            "questions",
            label=_("question"),
            heading=_("Questions"),
            add_label=_("Add a question"),
            panels=[
                FieldPanel("kind"),
                FieldPanel("text"),
                FieldPanel("explanation"),
                ItemsPanel(
                    "choices",
                    label=_("choice"),
                    heading=_("Choices"),
                    add_label=_("Add a choice"),
                    min_num=2,
                ),
            ],
        ),
    ]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    @path("")
    def take(self, request):
        return views_for(self).take_quiz(self, request)

    @path("attempts/<int:number>/")
    def result(self, request, number):
        return views_for(self).attempt_result(self, request, number)

    def serve_preview(self, request, mode_name):
        return views_for(self).preview_quiz(self, request, with_answers=mode_name == "answers")


class Question(ClusterableModel, Orderable):
    """A question of a quiz; its choices are edited inline beneath it."""

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(
        _("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    text = models.TextField(_("question"))
    explanation = models.TextField(
        _("explanation"), help_text=_("Shown after submitting: why the right answer is right.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:80]


class Choice(Orderable):
    """One possible answer to a question."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)

    panels = [FieldRowPanel([FieldPanel("text"), FieldPanel("is_correct")])]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text
