"""Work over the whole organisation: the people CSV export, the nightly sweeps (recertification
windows, reminders, expiry), a people import."""

import csv
import gc
import io
import resource
import sys
import time
import tracemalloc

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .stats import figure

IMPORT_ROWS = 50_000
IMPORT_EXISTING = 45_000


# -- CSV export --------------------------------------------------------------------------------


EXPORT_URL = "/api/v1/reports/department-completion/people?metric=headcount&format=csv"


def _consume(client, url):
    """Read the whole streamed response; returns (rows, bytes)."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"export: {response.status_code} {response.content[:300]}")
    lines = size = 0
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(b"\n")
    return lines - 1, size


def run_export(size):
    """Everyone in the organisation, one CSV row each, streamed through the API."""
    from lms.models import ApiToken, TokenScope

    _token, raw = ApiToken.issue("bench export", [TokenScope.REPORTS_READ])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = EXPORT_URL
    warm = client.get(url.replace("format=csv", "page_size=1"))  # imports, URL resolution
    if warm.status_code != 200:
        raise RuntimeError(f"export warm-up: {warm.status_code} {warm.content[:300]}")
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    rows, size_bytes = _consume(client, url)
    seconds = time.perf_counter() - started
    rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    gc.collect()
    tracemalloc.start()
    _consume(client, url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figure("csv_export.seconds", seconds, "s", size)
    figure("csv_export.rows", rows, "rows", size)
    figure("csv_export.mb", size_bytes / 1e6, "MB", size)
    figure("csv_export.peak_mb", peak / 1e6, "MB (tracemalloc peak)", size)
    figure("csv_export.rss_growth_mb", rss_growth, "MB (max RSS growth)", size)


# -- expiry sweep ------------------------------------------------------------------------------


def _make_everything_due():
    """Every valid certificate (and the grants resting on it) ends a minute ago."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE certification_certificate SET expires_at ="
            " GREATEST(issued_at + interval '1 second', now() - interval '1 minute')"
            " WHERE status = 'valid'"
        )
        cursor.execute(
            "UPDATE certification_accessgrant g SET expires_at = c.expires_at"
            " FROM certification_certificate c"
            " WHERE c.id = g.certificate_id AND g.revoked_at IS NULL"
        )
        cursor.execute("ANALYZE certification_certificate")
        cursor.execute("ANALYZE certification_accessgrant")
        cursor.execute("SELECT COUNT(*) FROM certification_certificate")
        return cursor.fetchone()[0]


def _make_everything_end_soon():
    """Every valid certificate (and its grants) ends within the next 1 to 28 days: inside the
    30-day recertification window and the reminder schedule of the demo's programs."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE certification_certificate SET expires_at ="
            " GREATEST(now() + (id % 28 + 1) * interval '1 day' - interval '1 hour',"
            " issued_at + interval '1 day')"
            " WHERE status = 'valid'"
        )
        cursor.execute(
            "UPDATE certification_accessgrant g SET expires_at = c.expires_at"
            " FROM certification_certificate c"
            " WHERE c.id = g.certificate_id AND g.revoked_at IS NULL"
        )
        cursor.execute("ANALYZE certification_certificate")
        cursor.execute("SELECT COUNT(*) FROM certification_certificate WHERE status = 'valid'")
        return cursor.fetchone()[0]


def _timed(function):
    """(result, seconds, queries) of one sweep, in a transaction committed after the clock."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = function()
            seconds = time.perf_counter() - started
    return result, seconds, len(captured.captured_queries)


def run_window_sweep(size):
    """`open_recertification_windows()` once every valid certificate's window is open. The
    "renewal is open" e-mails it queues for after the commit are muted: the sweep is timed."""
    from certification import notifications
    from certification.services import recertification

    total = _make_everything_end_soon()
    with notifications.suppressed():
        opened, seconds, queries = _timed(recertification.open_recertification_windows)
    figure("window_sweep.valid_certificates", total, "certificates", size)
    figure("window_sweep.opened", len(opened), "cycles", size)
    figure("window_sweep.seconds", seconds, "s", size)
    figure("window_sweep.queries", queries, "queries", size)


def run_reminder_sweep(size):
    """`send_expiry_reminders()` with every valid certificate ending within 28 days: a reminder
    (and a manager's copy) each, rendered and handed to a mail backend that drops them."""
    from django.test.utils import override_settings

    from certification.services.expiry import send_expiry_reminders

    total = _make_everything_end_soon()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        sent, seconds, queries = _timed(send_expiry_reminders)
    figure("reminder_sweep.valid_certificates", total, "certificates", size)
    figure("reminder_sweep.reminders", len(sent), "reminders", size)
    figure("reminder_sweep.seconds", seconds, "s", size)
    figure("reminder_sweep.queries", queries, "queries", size)


def run_sweep(size):
    """The nightly sweeps, in the order that leaves each one work to do: windows, reminders,
    then expiry (which ends everything)."""
    run_window_sweep(size)
    run_reminder_sweep(size)
    run_expiry_sweep(size)


def run_expiry_sweep(size):
    from certification.services.expiry import expire_certificates

    total = _make_everything_due()
    now = timezone.now()
    with transaction.atomic():  # the follow-up tasks run at commit: timed apart
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            expired = expire_certificates(now=now)
            seconds = time.perf_counter() - started
        commit_started = time.perf_counter()
    after_commit = time.perf_counter() - commit_started
    figure("expiry_sweep.certificates", len(expired), "certificates", size)
    figure("expiry_sweep.table_rows", total, "certificates", size)
    figure("expiry_sweep.seconds", seconds, "s", size)
    figure("expiry_sweep.queries", len(captured.captured_queries), "queries", size)
    figure("expiry_sweep.after_commit_seconds", after_commit, "s", size)


# -- people import -----------------------------------------------------------------------------


def _department_paths():
    from lms.models import Department

    names, by_pk = {}, {}
    for pk, path, name in Department.objects.order_by("path").values_list("pk", "path", "name"):
        names[path] = (*names.get(path[: -Department.steplen], ()), name)
        by_pk[pk] = "/".join(names[path])
    return by_pk


def import_file():
    """An HR export: existing synthetic people (some changed, a few leaving) and new hires."""
    from lms.models import Employee
    from lms.people_import import COLUMNS

    paths = _department_paths()
    people = list(
        Employee.objects.filter(user__username__startswith="synth-")
        .order_by("pk")
        .values_list(
            "employee_id", "user__first_name", "user__last_name", "user__email",
            "department_id", "manager__employee_id", "job_title", "location", "start_date",
            "active",
        )[:IMPORT_EXISTING]
    )  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n, row in enumerate(people):
        eid, first, last, email, dept, manager, title, location, start, active = row
        if n % 10 == 0:
            title = "Senior " + title if not title.startswith("Senior") else title[7:]
        if n % 100 == 50:
            active = False
        start = start.isoformat() if start else ""
        writer.writerow([
            eid, first, last, email, paths[dept], manager or "", title, location, start,
            "true" if active else "false",
        ])  # fmt: skip
    for n in range(IMPORT_ROWS - len(people)):
        head = people[(n * 7919) % len(people)]
        writer.writerow([
            f"NEW-{n:06d}", "Newly", f"Hired{n}", f"new.hire.{n}@synth.example", paths[head[4]],
            head[0], "Associate", "Dublin", timezone.localdate().isoformat(), "true",
        ])  # fmt: skip
    return out.getvalue().encode()


def run_import(size):
    from lms.people_import import import_bytes

    raw = import_file()
    rows = raw.count(b"\n") - 1
    started = time.perf_counter()
    result = import_bytes(raw)
    seconds = time.perf_counter() - started
    if not result.ok:
        sys.stderr.write(f"[bench] import refused: {result.errors[:5]}\n")
        raise RuntimeError("The generated import file was refused.")
    figure("people_import.rows", rows, "rows", size)
    figure("people_import.seconds", seconds, "s", size)
