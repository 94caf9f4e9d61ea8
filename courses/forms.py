"""Admin forms of the courses pages: a quiz's questions must be answerable as written."""

from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from courses.choices import QuestionKind


def _kept_forms(formset):
    """The forms of a formset that will be saved: valid, filled in, and not marked for deletion."""
    kept = []
    for form in formset.forms:
        if not form.is_valid():
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        if form.cleaned_data.get(DELETION_FIELD_NAME):
            continue
        kept.append(form)
    return kept


def question_problem(kind, choices):
    """Why a question with these (text, is_correct) choices cannot be answered, or None."""
    correct = sum(1 for _text, is_correct in choices if is_correct)
    if len(choices) < 2:
        return _("Give at least two choices.")
    if kind == QuestionKind.TRUE_FALSE and len(choices) != 2:
        return _("A true/false question has exactly two choices: true and false.")
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct != 1:
        return _("Mark exactly one choice as correct.")
    if kind == QuestionKind.MULTIPLE and correct < 1:
        return _("Mark at least one choice as correct.")
    return None


class QuizPageForm(WagtailAdminPageForm):
    """Checks every question: one right answer for single choice and true/false, one or more for
    multiple choice."""

    def clean(self):
        cleaned_data = super().clean()
        questions = self.formsets.get("questions")
        if questions is None:
            return cleaned_data
        for number, question_form in enumerate(_kept_forms(questions), start=1):
            choices = [
                (form.cleaned_data.get("text"), form.cleaned_data.get("is_correct"))
                for form in _kept_forms(question_form.formsets["choices"])
            ]
            problem = question_problem(question_form.cleaned_data.get("kind"), choices)
            if problem:
                question_form.add_error(None, problem)
                message = _("Question %(number)s: %(problem)s")
                self.add_error(None, message % {"number": number, "problem": problem})
        return cleaned_data


class PolicyPageForm(WagtailAdminPageForm):
    """Each change starts with "requires re-acceptance" unticked: the editor decides every time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "requires_reacceptance" in self.fields and not self.is_bound:
            self.initial["requires_reacceptance"] = False
