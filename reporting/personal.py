"""What one person has been assigned, for their own pages ("my learning", the home page)."""

from django.urls import NoReverseMatch, reverse

from certification.models import Program
from courses.models import CoursePage
from courses.services.due import DueItem
from reporting.completion import item_lines
from reporting.sql import Population


def _employee(user):
    if user is None or not user.is_authenticated:
        return None
    employee = getattr(user, "employee", None)
    if employee is None or not employee.active:
        return None
    return employee


def item_titles(lines):
    """{"course:<id>": (title, url), "program:<id>": (name, url)} in two queries."""
    course_ids = {line.course_id for line in lines if line.course_id}
    program_ids = {line.program_id for line in lines if line.program_id}
    titles = {}
    for course in CoursePage.objects.filter(pk__in=course_ids):
        titles[f"course:{course.pk}"] = (course.title, course.url or "")
    try:
        certificates_url = reverse("certification:my_certificates")
    except NoReverseMatch:
        certificates_url = ""
    for program in Program.objects.filter(pk__in=program_ids):
        titles[f"program:{program.pk}"] = (program.name, certificates_url)
    return titles


def assignments_due(user):
    """The person's assigned courses and programs as courses.services.DueItem objects."""
    employee = _employee(user)
    if employee is None:
        return []
    lines = list(item_lines(Population(employee_id=employee.pk)))
    titles = item_titles(lines)
    items = []
    for line in lines:
        title, url = titles.get(line.key, ("", ""))
        items.append(
            DueItem(
                title=title,
                due_on=line.due_on,
                url=url,
                course_id=line.course_id,
                completed=line.done_at is not None,
            )
        )
    return items
