"""Reading the report's filters from a query string, the same way for the admin and the API.

`?course=<id>` or `?program=<id>` (not both), `?department=<id>`, and a due-date range
`?due_from=YYYY-MM-DD&due_to=YYYY-MM-DD`: the range selects assignments by their due date (for
each person, the earliest due date of the course or program), so "what was due in Q1, and how
much of it is done" is one question. `?recertification_due=<days>` (1 to 3650) keeps the people
holding a certificate (of the filtered program, if any) that is not renewed yet and ends within
that many days. Unknown ids, malformed values and an inverted range are a
`ReportFilterError` (a 400); a department outside the user's HR scope is PermissionDenied (403).
"""

import datetime

from django.apps import apps
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from lms.models import Department
from reporting.completion import FIGURES, ReportFilters

FILTER_NAMES = ("course", "program", "department", "due_from", "due_to", "recertification_due")
#: The longest "recertification due within N days" asked for (ten years).
MAX_RECERTIFICATION_DUE_DAYS = 3650


class ReportFilterError(ServiceError, ValueError):
    """A filter value that cannot be used (400); the message says which and why."""

    status = 400

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def _value(data, name):
    value = data.get(name)
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _id(data, name):
    value = _value(data, name)
    if value is None:
        return None
    if not value.isdigit() or len(value) > 18:
        raise ReportFilterError(
            _("'%(value)s' is not a valid %(name)s id.") % {"value": value, "name": name}, name
        )
    return int(value)


def _date(data, name):
    value = _value(data, name)
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ReportFilterError(
            _("'%(value)s' is not a date (YYYY-MM-DD) for %(name)s.")
            % {"value": value, "name": name},
            name,
        ) from exc


def _days(data, name):
    value = _value(data, name)
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_RECERTIFICATION_DUE_DAYS:
        raise ReportFilterError(
            _("'%(value)s' is not a number of days from 1 to %(max)s for %(name)s.")
            % {"value": value, "max": MAX_RECERTIFICATION_DUE_DAYS, "name": name},
            name,
        )
    return int(value)


def _course(pk):
    if pk is None:
        return None
    CoursePage = apps.get_model("courses", "CoursePage")
    course = CoursePage.objects.filter(pk=pk).only("pk", "title").first()
    if course is None:
        raise ReportFilterError(_("There is no course with id %(id)s.") % {"id": pk}, "course")
    return course


def _program(pk):
    if pk is None:
        return None
    Program = apps.get_model("certification", "Program")
    program = Program.objects.filter(pk=pk).only("pk", "name").first()
    if program is None:
        raise ReportFilterError(_("There is no program with id %(id)s.") % {"id": pk}, "program")
    return program


def department_in_scope(pk, scope):
    """The department, checked: unknown is a ReportFilterError, outside the scope a 403."""
    department = Department.objects.filter(pk=pk).first()
    if department is None:
        raise ReportFilterError(
            _("There is no department with id %(id)s.") % {"id": pk}, "department"
        )
    scope.narrowed_to(department)
    return department


def parse_filters(data, scope):
    """ReportFilters from a mapping of query parameters (QueryDict or dict)."""
    course_id, program_id = _id(data, "course"), _id(data, "program")
    if course_id and program_id:
        raise ReportFilterError(_("Filter by a course or by a program, not both."), "program")
    department_id = _id(data, "department")
    due_from, due_to = _date(data, "due_from"), _date(data, "due_to")
    if due_from and due_to and due_from > due_to:
        raise ReportFilterError(
            _("The date range is inverted: %(start)s is after %(end)s.")
            % {"start": due_from, "end": due_to},
            "due_to",
        )
    return ReportFilters(
        course=_course(course_id),
        program=_program(program_id),
        department=department_in_scope(department_id, scope) if department_id else None,
        due_from=due_from,
        due_to=due_to,
        recertification_due=_days(data, "recertification_due"),
    )


def parse_metric(data, default="assigned"):
    metric = _value(data, "metric") or default
    if metric not in FIGURES:
        raise ReportFilterError(
            _("Unknown figure '%(value)s'; use one of %(names)s.")
            % {"value": metric, "names": ", ".join(FIGURES)},
            "metric",
        )
    return metric
