"""The access check under load from another process, beside a bare view on the same server.

gunicorn serves the site (benchmark settings) on a free loopback port; `benchmarks.load` runs
as a separate process and hits first the bare view, then the access check, with the same
threads and time budget. The access check asks about a mix of people: holders of a grant
(allowed) and others (refused for one reason or another).
"""

import json
import os
import subprocess
import sys
import tempfile
from urllib.parse import urlencode

from django.db import connection
from django.test import Client

from .server import gunicorn
from .stats import figure
from .timing import measure

THREADS = 8
DURATION = 6.0  # seconds per round; two rounds each, taking turns
ROUNDS = 2
MAX_REQUESTS = 40_000
CHECKS = 2000


def check_paths():
    """Access-check paths: half people holding a grant, half anyone on any account."""
    from access.models import AccessGrant, SocialAccount

    grants = list(
        AccessGrant.objects.filter(revoked_at__isnull=True, user__username__startswith="synth-")
        .order_by("pk")
        .values_list("user__email", "account_id", "role")[: CHECKS // 2]
    )
    accounts = list(SocialAccount.objects.order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT email FROM auth_user WHERE username LIKE %s ORDER BY id LIMIT %s",
            ["synth-%", CHECKS // 2],
        )
        others = [row[0] for row in cursor.fetchall()]
    roles = ["monitor", "publish", "manage"]
    mixed = [(email, accounts[n % len(accounts)], roles[n % 3]) for n, email in enumerate(others)]
    paths = []
    for granted, other in zip(grants, mixed, strict=False):
        for email, account, role in (granted, other):
            query = urlencode({"user": email, "account": account, "role": role})
            paths.append(f"/api/v1/access/check?{query}")
    return paths


def load(port, paths, headers):
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as handle:
        handle.write("\n".join(paths))
    command = [
        sys.executable, "-m", "benchmarks.load", "--port", str(port), "--paths", handle.name,
        "--threads", str(THREADS), "--duration", str(DURATION),
        "--max-requests", str(MAX_REQUESTS),
    ]  # fmt: skip
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    try:
        output = subprocess.run(  # noqa: S603 - our own module
            command, capture_output=True, text=True, check=True, env=os.environ.copy()
        ).stdout
    finally:
        os.unlink(handle.name)
    return json.loads(output)


def _merge(results):
    """Rounds of one kind: requests and errors added, rates and percentiles averaged."""
    merged = {"requests": 0, "errors": 0, "statuses": {}}
    for result in results:
        merged["requests"] += result["requests"]
        merged["errors"] += result["errors"]
        for status, count in result["statuses"].items():
            merged["statuses"][status] = merged["statuses"].get(status, 0) + count
    for key in ("rps", "p50_ms", "p99_ms"):
        merged[key] = sum(result[key] for result in results) / len(results)
    return merged


def run(size):
    from lms.models import ApiToken, TokenScope

    _token, raw = ApiToken.issue("bench access", [TokenScope.ACCESS_CHECK])
    headers = {"Authorization": f"Bearer {raw}"}
    paths = check_paths()
    client = Client(HTTP_AUTHORIZATION=headers["Authorization"])
    in_process = measure(lambda: client.get(paths[0]), 20)
    figure("access_check.queries", in_process.typical_queries, "queries", size)
    figure("access_check.in_process_median_ms", in_process.median_ms, "ms", size)
    rounds = {"bare_view": [], "access_check": []}
    with gunicorn() as port:
        for _ in range(ROUNDS):
            rounds["bare_view"].append(load(port, ["/bench/bare"], {}))
            rounds["access_check"].append(load(port, paths, headers))
    bare, checks = _merge(rounds["bare_view"]), _merge(rounds["access_check"])
    for result, label in ((bare, "bare_view"), (checks, "access_check")):
        if result["errors"] or not result["requests"]:
            sys.stderr.write(f"[bench] {label}: {result}\n")
    figure("bare_view.rps", bare["rps"], "req/s", size)
    figure("bare_view.p99_ms", bare["p99_ms"], "ms", size)
    figure("access_check.rps", checks["rps"], "req/s", size, "bare_view.rps", bare["rps"])
    figure("access_check.p99_ms", checks["p99_ms"], "ms", size, "bare_view.p99_ms",
           bare["p99_ms"])  # fmt: skip
    statuses = checks["statuses"]
    sys.stderr.write(f"[bench] access check statuses: {statuses}\n")
