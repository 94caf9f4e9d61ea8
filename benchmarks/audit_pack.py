"""The audit pack: 1,000 certificate PDFs and their manifest written to one ZIP, as the task
does (reporting.audit_packs.write_pack), timed, with the memory it needs.

Memory must stay flat: each PDF is written to the ZIP (a file on disk) and dropped before the
next is drawn. The pack of 1,000 is timed without tracing (its memory: the growth of the maximum
RSS); the tracemalloc peak of a pack of 200 is compared with that of 50 (one batch of rows read
from the database, reporting.audit_packs.CHUNK), which it should equal (tracing slows the drawing
down, so it is not run on the 1,000).
"""

import gc
import resource
import tempfile
import time
import tracemalloc
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .stats import figure

CERTIFICATES = 1000
TRACED, BASELINE = 200, 50


def _certificates(count):
    from lms.models import Department
    from reporting.audit_packs import certificates_for

    first, last = date(2000, 1, 1), date(2100, 1, 1)
    # The top of the organisation with the most certificates (the synthetic one, beside the demo).
    root = max(
        Department.get_root_nodes(),
        key=lambda department: certificates_for(department, first, last).count(),
    )
    return certificates_for(root, first, last)[:count]


def _pack(count):
    """Write the pack of `count` certificates; returns (certificates, bytes, queries)."""
    from reporting.audit_packs import write_pack

    certificates = _certificates(count)
    with tempfile.TemporaryFile() as handle, CaptureQueriesContext(connection) as captured:
        written = write_pack(handle, certificates)
        size = handle.tell()
    return written, size, len(captured.captured_queries)


def _peak(count):
    gc.collect()
    tracemalloc.start()
    _pack(count)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def run(size):
    _pack(5)  # fonts registered, modules imported: what every worker has done once
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    written, size_bytes, queries = _pack(CERTIFICATES)
    seconds = time.perf_counter() - started
    rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    if written < CERTIFICATES:
        figure("audit_pack.note_fewer_certificates", written, "certificates", size)
    figure("audit_pack.certificates", written, "certificates", size)
    figure("audit_pack.seconds", seconds, "s", size)
    figure("audit_pack.ms_per_certificate", 1000 * seconds / max(written, 1), "ms", size)
    figure("audit_pack.mb", size_bytes / 1e6, "MB (ZIP)", size)
    figure("audit_pack.queries", queries, "queries", size)
    figure("audit_pack.rss_growth_mb", rss_growth, "MB (max RSS growth)", size)
    baseline = _peak(BASELINE)
    figure(
        f"audit_pack.peak_mb_{TRACED}",
        _peak(TRACED),
        "MB (tracemalloc peak)",
        size,
        compared_with=f"the pack of {BASELINE} certificates",
        baseline=baseline,
    )
