"""Assignment reminders: before the due date, after it (each once), and a weekly list of
overdue reports for each manager.

The candidates come from one set-based query that already leaves out what was sent; each
person's reminder rows and email go together in a transaction, so a failed email is retried on
the next run and the unique constraint stops a concurrent run from sending twice.
"""

import datetime
import logging
from collections import defaultdict
from itertools import groupby

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from lms.conf import academy_settings
from lms.models import Employee
from reporting.completion import ItemLine
from reporting.models import AssignmentReminder, ReminderKind
from reporting.personal import item_titles
from reporting.sql import CompletionSQL, Population, fetch_all, to_date, to_datetime

logger = logging.getLogger(__name__)


def days_before():
    return academy_settings.HR_REMINDER_DAYS_BEFORE


def _lines(sql, params):
    for emp_id, user_id, course_id, program_id, due_on, done_at, started in fetch_all(sql, params):
        yield ItemLine(
            employee_pk=emp_id,
            user_id=user_id,
            course_id=course_id,
            program_id=program_id,
            due_on=to_date(due_on),
            done_at=to_datetime(done_at),
            started=bool(started),
        )


def _send_person(employee, kind, lines, today):
    """Record and email one person's reminders of one kind; False if sent before or no email."""
    if not employee.user.email:
        return False
    titles = item_titles(lines)
    items = [
        {
            "title": titles.get(line.key, ("", ""))[0],
            "url": titles.get(line.key, ("", ""))[1],
            "due_on": line.due_on,
            "days": (line.due_on - today).days,
        }
        for line in lines
    ]
    context = {
        "employee": employee,
        "items": items,
        "kind": kind,
        "site_url": academy_settings.SITE_URL,
    }
    subject = render_to_string("reporting/email/assignment_reminder_subject.txt", context).strip()
    body = render_to_string("reporting/email/assignment_reminder.txt", context)
    try:
        with transaction.atomic():
            AssignmentReminder.objects.bulk_create(
                [
                    AssignmentReminder(
                        employee=employee, kind=kind, item_key=line.key, due_date=line.due_on
                    )
                    for line in lines
                ]
            )
            send_mail(subject, body, None, [employee.user.email])
    except IntegrityError:
        logger.info("Reminder for employee %s already sent by another run", employee.pk)
        return False
    return True


def _send_kind(kind, sql, params, today):
    sent = 0
    for emp_id, group in groupby(_lines(sql, params), key=lambda line: line.employee_pk):
        lines = list(group)
        employee = Employee.objects.select_related("user").filter(pk=emp_id, active=True).first()
        if employee is not None and _send_person(employee, kind, lines, today):
            sent += 1
    return sent


def send_assignment_reminders(today=None):
    """Email what is due within `HR_REMINDER_DAYS_BEFORE` days and what just became overdue.

    Returns {"due_soon": people emailed, "overdue": people emailed}.
    """
    today = today or timezone.localdate()
    builder = CompletionSQL(Population(), today=today)
    soon = builder.reminders_due(
        ReminderKind.DUE_SOON, due_from=today, due_to=today + datetime.timedelta(days=days_before())
    )
    late = builder.reminders_due(ReminderKind.OVERDUE, due_to=today - datetime.timedelta(days=1))
    return {
        "due_soon": _send_kind(ReminderKind.DUE_SOON, *soon, today),
        "overdue": _send_kind(ReminderKind.OVERDUE, *late, today),
    }


def week_key(today):
    year, week, _weekday = today.isocalendar()
    return f"week:{year}-W{week:02d}"


def send_manager_digests(today=None):
    """Email each manager the list of their direct reports who are overdue, once a week."""
    today = today or timezone.localdate()
    key = week_key(today)
    monday = today - datetime.timedelta(days=today.weekday())
    builder = CompletionSQL(Population(), today=today)
    sql, params = builder.overdue_by_manager(ReminderKind.MANAGER_DIGEST, key)
    by_manager = defaultdict(list)
    for manager_id, emp_id, next_due in fetch_all(sql, params):
        by_manager[manager_id].append((emp_id, to_date(next_due)))
    sent = 0
    for manager_id, reports in by_manager.items():
        manager = Employee.objects.select_related("user").filter(pk=manager_id).first()
        if manager is None or not manager.user.email:
            continue
        people = {
            e.pk: e
            for e in Employee.objects.select_related("user", "department").filter(
                pk__in=[emp_id for emp_id, _due in reports]
            )
        }
        overdue = [
            {"employee": people[emp_id], "due_on": due, "days": (today - due).days}
            for emp_id, due in reports
            if emp_id in people
        ]
        context = {"manager": manager, "overdue": overdue, "site_url": academy_settings.SITE_URL}
        subject = render_to_string("reporting/email/manager_digest_subject.txt", context).strip()
        body = render_to_string("reporting/email/manager_digest.txt", context)
        try:
            with transaction.atomic():
                AssignmentReminder.objects.create(
                    employee=manager,
                    kind=ReminderKind.MANAGER_DIGEST,
                    item_key=key,
                    due_date=monday,
                )
                send_mail(subject, body, None, [manager.user.email])
        except IntegrityError:
            continue
        sent += 1
    return sent
