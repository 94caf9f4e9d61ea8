"""The monthly summary: each HR user gets the report of their scope by email, and the figures
are kept as a ReportSnapshot (one per scope and month) so past months can be compared."""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lms.conf import academy_settings
from lms.scope import scope_for
from reporting.completion import ReportFilters, department_completion, totals
from reporting.coverage import coverage_report
from reporting.models import ReportSnapshot

logger = logging.getLogger(__name__)


def previous_month(today):
    first = today.replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


def report_recipients():
    """Active users given the report permission (directly or through a group), with an email."""
    User = get_user_model()
    permission = Permission.objects.filter(
        content_type__app_label="reporting", codename="view_completion_report"
    ).first()
    if permission is None:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .distinct()
        .order_by("pk")
    )


def snapshot_for(scope, month):
    """The scope's snapshot for the month, taken now if it does not exist yet."""
    existing = ReportSnapshot.objects.filter(month=month, scope_key=scope.key).first()
    if existing is not None:
        return existing, False
    rows = department_completion(ReportFilters(), scope)
    figures = {
        "taken_at": timezone.now().isoformat(),
        "totals": totals(rows).as_dict(),
        "rows": [row.as_dict() for row in rows],
        "coverage": coverage_figures(scope),
    }
    try:
        with transaction.atomic():
            snapshot = ReportSnapshot.objects.create(
                month=month,
                scope_key=scope.key,
                scope_label=str(scope.label)[:500],
                figures=figures,
            )
    except IntegrityError:
        return ReportSnapshot.objects.get(month=month, scope_key=scope.key), False
    return snapshot, True


def coverage_figures(scope):
    """What the summary keeps of the coverage report: its totals and the scorecard."""
    report = coverage_report(scope)
    programs = {program.slug: program.name for program in report.programs}
    return {
        **report.totals(),
        "programs": programs,
        "scorecard": [line.as_dict() for line in report.scorecard],
    }


def _email(user, snapshot):
    previous = (
        ReportSnapshot.objects.filter(scope_key=snapshot.scope_key, month__lt=snapshot.month)
        .order_by("-month")
        .first()
    )
    rows = [row for row in snapshot.rows if row.get("level", 0) <= 1]
    context = {
        "user": user,
        "snapshot": snapshot,
        "totals": snapshot.totals,
        "previous": previous.totals if previous else None,
        "rows": rows,
        "coverage": _coverage_context(snapshot.figures.get("coverage")),
        "coverage_url": academy_settings.SITE_URL + reverse("coverage_report:index"),
        "report_url": academy_settings.SITE_URL + reverse("lms_reports:department_completion"),
        "snapshot_url": academy_settings.SITE_URL
        + reverse("report_snapshots:inspect", args=[snapshot.pk]),
    }
    subject = render_to_string("reporting/email/monthly_summary_subject.txt", context).strip()
    body = render_to_string("reporting/email/monthly_summary.txt", context)
    send_mail(subject, body, None, [user.email])


def _coverage_context(coverage):
    """The kept coverage figures with the certified counts named by program (older snapshots
    have none: None)."""
    if not coverage:
        return None
    names = coverage.get("programs", {})
    certified = [(names.get(slug, slug), count) for slug, count in coverage["certified"].items()]
    statuses = {"met": "met", "partly": "partly met", "not_met": "not met"}
    scorecard = [
        {**line, "status_label": statuses.get(line["status"], line["status"])}
        for line in coverage.get("scorecard", [])
    ]
    return {**coverage, "certified_named": certified, "scorecard": scorecard}


def send_monthly_summaries(today=None):
    """On the first of the month: snapshot each HR scope for the month just ended and email
    every HR user theirs (once each, even if the task runs again). Returns emails sent."""
    today = today or timezone.localdate()
    month = previous_month(today)
    sent = 0
    for user in report_recipients():
        snapshot, _created = snapshot_for(scope_for(user), month)
        if snapshot.recipients.filter(pk=user.pk).exists():
            continue
        with transaction.atomic():
            snapshot.recipients.add(user)
            _email(user, snapshot)
        sent += 1
    return sent
