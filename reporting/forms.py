"""Admin forms of HR: assignments (people picked by employee id, so the form stays small in a
large organisation), the people-import upload and the audit pack request."""

import re

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from certification.models import Program
from lms.models import Department, Employee
from lms.scope import scope_for
from reporting.audit_packs import certificates_for, max_range_days
from reporting.models import Assignment, AssignmentTarget

ID_SPLIT = re.compile(r"[\s,;]+")
RULE_FIELDS = ("rule_job_title", "rule_location", "rule_started_after", "rule_account_role")
MAX_GROUP = 5000


class AssignmentForm(WagtailAdminModelForm):
    """What (a course or a program), to whom (a department, a group, one person or everyone
    matching a rule), by when."""

    person = forms.CharField(
        label=_("Person (employee id)"),
        required=False,
        max_length=50,
        help_text=_("For 'One person': the employee id, e.g. NW00042."),
    )
    group = forms.CharField(
        label=_("Group (employee ids)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For 'A group of employees': employee ids separated by commas or lines."),
    )

    class Meta:
        model = Assignment
        fields = [
            "title",
            "course",
            "program",
            "target",
            "department",
            "rule_job_title",
            "rule_location",
            "rule_started_after",
            "rule_account_role",
            "due_date",
            "due_days_after_start",
            "assigned_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        self.scope = scope_for(user) if user is not None else None
        self.fields["course"].queryset = apps.get_model("courses", "CoursePage").objects.order_by(
            "title"
        )
        self.fields["program"].queryset = apps.get_model(
            "certification", "Program"
        ).objects.order_by("tier", "name")
        departments = Department.objects.order_by("path")
        if self.scope is not None:
            departments = self.scope.departments_queryset().order_by("path")
        self.fields["department"].queryset = departments
        self.fields["department"].label_from_instance = lambda d: (
            "\u00a0\u00a0" * (d.depth - 1) + d.name
        )
        if self.instance.pk:
            if self.instance.employee_id:
                self.fields["person"].initial = self.instance.employee.employee_id
            self.fields["group"].initial = "\n".join(
                self.instance.members.order_by("employee_id").values_list("employee_id", flat=True)
            )

    def _employees(self, ids, field):
        found = {
            employee.employee_id: employee
            for employee in Employee.objects.filter(employee_id__in=ids).select_related(
                "department"
            )
        }
        missing = [eid for eid in ids if eid not in found]
        if missing:
            self.add_error(
                field,
                _("Unknown employee id(s): %(ids)s.") % {"ids": ", ".join(missing[:20])},
            )
            return []
        outside = [
            e.employee_id
            for e in found.values()
            if self.scope and not self.scope.contains(e.department)
        ]
        if outside:
            self.add_error(
                field,
                _("Outside your HR scope: %(ids)s.") % {"ids": ", ".join(sorted(outside)[:20])},
            )
            return []
        return [found[eid] for eid in ids]

    def clean(self):
        data = super().clean()
        if bool(data.get("course")) == bool(data.get("program")):
            raise ValidationError(_("Choose a course or a program (one of them)."))
        if (data.get("due_date") is None) == (data.get("due_days_after_start") is None):
            raise ValidationError(
                _("Give a due date or a number of days after the start date (one of them).")
            )
        target = data.get("target")
        self.group_members = []
        self.person_employee = None
        if target == AssignmentTarget.DEPARTMENT:
            if not data.get("department"):
                self.add_error("department", _("Choose the department."))
        elif target == AssignmentTarget.PERSON:
            data["department"] = None
            eid = (data.get("person") or "").strip()
            if not eid:
                self.add_error("person", _("Give the person's employee id."))
            else:
                found = self._employees([eid], "person")
                self.person_employee = found[0] if found else None
        elif target == AssignmentTarget.RULE:
            self._clean_rule(data)
        elif target == AssignmentTarget.GROUP:
            data["department"] = None
            ids = list(dict.fromkeys(i for i in ID_SPLIT.split(data.get("group") or "") if i))
            if not ids:
                self.add_error("group", _("Give at least one employee id."))
            elif len(ids) > MAX_GROUP:
                self.add_error(
                    "group",
                    _("A group holds at most %(max)s people; assign a department instead.")
                    % {"max": MAX_GROUP},
                )
            else:
                self.group_members = self._employees(ids, "group")
        if target != AssignmentTarget.RULE:
            for name in RULE_FIELDS:
                data[name] = None if name == "rule_started_after" else ""
        return data

    def _clean_rule(self, data):
        for name in ("rule_job_title", "rule_location"):
            data[name] = (data.get(name) or "").strip()
        if not data.get("department") and not any(data.get(name) for name in RULE_FIELDS):
            raise ValidationError(
                _(
                    "A rule needs at least one criterion: a department, a job title, a "
                    "location, a start date or an account role."
                ),
                code="empty_rule",
            )
        if not data.get("department") and self.scope and not self.scope.is_whole_organisation:
            # A rule of the whole organisation would reach people outside the HR user's scope.
            self.add_error(
                "department",
                _("Choose a department of your HR scope: the rule applies inside it."),
            )

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.department = self.cleaned_data.get("department")
        instance.employee = self.person_employee
        if instance.target not in (AssignmentTarget.DEPARTMENT, AssignmentTarget.RULE):
            instance.department = None
        if instance.pk is None and getattr(self, "for_user", None) is not None:
            instance.created_by = self.for_user
        if commit:
            instance.save()
            self.save_members(instance)
        return instance

    def save_members(self, instance):
        if instance.target == AssignmentTarget.GROUP:
            instance.members.set(self.group_members)
        else:
            instance.members.clear()


class AuditPackForm(forms.Form):
    """What an audit pack holds: a department of the user's HR scope (with everything under it),
    the days the certificates were issued, and optionally one program."""

    department = forms.ModelChoiceField(
        queryset=Department.objects.none(),
        label=_("Department"),
        help_text=_("Its sub-departments are included."),
    )
    date_from = forms.DateField(label=_("Issued from"), widget=AdminDateInput)
    date_to = forms.DateField(label=_("Issued until"), widget=AdminDateInput)
    program = forms.ModelChoiceField(
        queryset=Program.objects.order_by("tier", "name"),
        required=False,
        label=_("Program"),
        empty_label=_("Any program"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        # Departments outside the scope are not choices: asking for one is "not a valid choice",
        # the same answer as a department that does not exist.
        field.queryset = scope_for(user).departments_queryset().order_by("path")
        field.label_from_instance = lambda d: "\u00a0\u00a0" * (d.depth - 1) + d.name

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to:
            if date_to < date_from:
                self.add_error("date_to", _("The end of the range is before its start."))
            elif (date_to - date_from).days + 1 > max_range_days():
                self.add_error(
                    "date_to",
                    _("A pack covers at most %(days)s days; ask for several packs.")
                    % {"days": max_range_days()},
                )
        if self.errors or not data.get("department"):
            return data
        certificates = certificates_for(data["department"], date_from, date_to, data.get("program"))
        if not certificates.exists():
            raise ValidationError(
                _(
                    "No certificate was issued to people of this department in these dates: "
                    "there is nothing to pack."
                ),
                code="empty",
            )
        return data
