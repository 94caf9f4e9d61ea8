"""The states and kinds used across the courses app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseLevel(models.TextChoices):
    FOUNDATION = "foundation", _("Foundation")
    PRACTITIONER = "practitioner", _("Practitioner")
    EXPERT = "expert", _("Expert")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
