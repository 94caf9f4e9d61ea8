"""Admin forms of the organisation."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.conf import academy_settings
from lms.models import Department


class DepartmentForm(WagtailAdminModelForm):
    """Edits a department and its place in the tree (treebeard needs add_child / move)."""

    parent = forms.ModelChoiceField(
        queryset=Department.objects.order_by("path"),
        required=False,
        label=_("parent department"),
        help_text=_("Leave empty for a top-level department."),
    )

    class Meta:
        model = Department
        fields = ["name", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            descendants = Department.get_tree(self.instance).values("pk")
            self.fields["parent"].queryset = Department.objects.exclude(pk__in=descendants)
        self.fields["parent"].label_from_instance = lambda d: "— " * (d.depth - 1) + d.name

    def save(self, commit=True):
        parent = self.cleaned_data.get("parent")
        instance = self.instance
        if instance.pk is None:
            if parent is None:
                return Department.add_root(instance=instance)
            return parent.add_child(instance=instance)
        instance.save()
        current = instance.get_parent()
        if parent != current:
            if parent is None:
                instance.move(Department.get_first_root_node(), "sorted-sibling")
            else:
                instance.move(parent, "sorted-child")
            instance.refresh_from_db()
        return instance


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 CSV with the columns employee_id, first_name, last_name, email, "
            "department_path, manager_employee_id, job_title, location, start_date, active."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = academy_settings.PEOPLE_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
                % {"size": upload.size, "limit": limit}
            )
        if upload.size == 0:
            raise ValidationError(_("The file is empty."))
        return upload


class DecisionForm(forms.Form):
    """Approve or reject something someone asked for (a certification approval, an access
    request); a rejection needs a note. The labels fit the workflow: pass `approve_label`,
    `note_label`, `note_help`."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting."),
    )

    def __init__(self, *args, approve_label=None, note_label=None, note_help=None, **kwargs):
        super().__init__(*args, **kwargs)
        if approve_label:
            self.fields["decision"].choices = [("approve", approve_label), ("reject", _("Reject"))]
        if note_label:
            self.fields["note"].label = note_label
        if note_help:
            self.fields["note"].help_text = note_help

    @property
    def approve(self):
        return self.cleaned_data["decision"] == "approve"

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the request is rejected."))
        return data
