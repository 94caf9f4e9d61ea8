"""What each person did: enrolments, lessons done, quiz attempts, acceptances, completions.

Every "once" rule is a database constraint; the services catch the IntegrityError."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models.pages import CoursePage, LessonPage
from courses.models.policy import PolicyVersion
from courses.models.quiz import QuizPage


def _user_fk(related_name):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("person"),
    )


class Enrollment(models.Model):
    """A person has started a course."""

    user = _user_fk("course_enrollments")
    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("course")
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrollment_once_per_course")
        ]

    def __str__(self):
        return f"{self.user} → {self.course}"


class LessonCompletion(models.Model):
    """A person marked a lesson as done."""

    user = _user_fk("lesson_completions")
    lesson = models.ForeignKey(
        LessonPage, on_delete=models.PROTECT, related_name="completions", verbose_name=_("lesson")
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    # A learning record, not content: wagtail's reference index skips it, so archiving a
    # cycle deletes these rows in one statement instead of one per row.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        ordering = ["-completed_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="lesson_completion_once")
        ]

    def __str__(self):
        return f"{self.user} ✓ {self.lesson}"


class QuizAttempt(models.Model):
    """One graded submission of a quiz. `submission_key` is chosen by the client, so a double
    click or a retry of the same submission is recorded once; `number` counts a person's attempts
    at the quiz, and being unique it also holds the attempt limit under concurrent submissions."""

    user = _user_fk("quiz_attempts")
    quiz = models.ForeignKey(
        QuizPage, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz")
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    submission_key = models.UUIDField(_("submission key"), default=uuid.uuid4)
    answers = models.JSONField(
        _("answers"), default=dict, help_text=_("Question id → the chosen choice ids.")
    )
    correct_count = models.PositiveSmallIntegerField(_("correct answers"))
    question_count = models.PositiveSmallIntegerField(_("questions"))
    score = models.PositiveSmallIntegerField(_("score (%)"))
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    passed = models.BooleanField(_("passed"))
    results = models.JSONField(
        _("results"), default=dict, help_text=_("Question id → whether it was answered right.")
    )
    started_at = models.DateTimeField(_("started at"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    # A learning record, not content: wagtail's reference index skips it, so archiving a
    # cycle deletes these rows in one statement instead of one per row.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "submission_key"], name="quiz_attempt_submission_once"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="quiz_attempt_number_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="quiz_attempt_score_is_percent"
            ),
        ]
        indexes = [
            models.Index(fields=["quiz", "passed"], name="quiz_attempt_quiz_passed"),
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz} #{self.number}: {self.score}%"


class PolicyAcceptance(models.Model):
    """A person accepted one version of the policy. Older acceptances stay on record."""

    user = _user_fk("policy_acceptances")
    version = models.ForeignKey(
        PolicyVersion,
        on_delete=models.PROTECT,
        related_name="acceptances",
        verbose_name=_("policy version"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("policy acceptance")
        verbose_name_plural = _("policy acceptances")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="policy_acceptance_once")
        ]

    def __str__(self):
        return f"{self.user} accepted {self.version}"


class CourseCompletion(models.Model):
    """A person finished a course: every lesson done and the quiz passed."""

    user = _user_fk("course_completions")
    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="completions", verbose_name=_("course")
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    # A learning record, not content: wagtail's reference index skips it, so archiving a
    # cycle deletes these rows in one statement instead of one per row.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        ordering = ["-completed_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="course_completion_once")
        ]
        indexes = [models.Index(fields=["course", "completed_at"], name="course_completion_course")]

    def __str__(self):
        return f"{self.user} completed {self.course}"


class ArchiveReason(models.TextChoices):
    RECERTIFICATION = "recertification", _("A new certification cycle began")
    ATTEMPTS_RESET = "attempts_reset", _("Quiz attempts reset by staff")


class ArchivedKind(models.TextChoices):
    LESSON = "lesson", _("Lesson done")
    QUIZ_ATTEMPT = "quiz_attempt", _("Quiz attempt")
    COURSE = "course", _("Course completed")


class ArchivedRecord(models.Model):
    """A learning record that no longer counts (a new certification cycle began, or staff reset
    a person's quiz attempts), kept on record as it was: the live row is moved here, so every
    count, report and "once" rule sees only the current cycle without a filter of its own."""

    user = _user_fk("archived_learning_records")
    kind = models.CharField(_("kind"), max_length=16, choices=ArchivedKind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lesson, quiz or course"),
    )
    recorded_at = models.DateTimeField(_("done at"))
    archived_at = models.DateTimeField(_("archived at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=20, choices=ArchiveReason.choices)
    reference = models.CharField(
        _("reference"),
        max_length=64,
        blank=True,
        help_text=_("What archived it, e.g. 'recertification:12'."),
    )
    data = models.JSONField(_("record"), default=dict, blank=True)

    class Meta:
        verbose_name = _("archived learning record")
        verbose_name_plural = _("archived learning records")
        ordering = ["-archived_at", "-pk"]
        indexes = [models.Index(fields=["user", "kind", "-archived_at"], name="archived_user")]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()} · {self.recorded_at:%Y-%m-%d}"
