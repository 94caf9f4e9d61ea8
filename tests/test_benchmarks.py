"""`make bench` itself: it refuses to run without PostgreSQL, never touches a real database, and
its hand-written SQL computes the same figures as the report it is compared with."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def run(args, **env):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own modules
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("url", ["", "sqlite:///bench.sqlite3"])
def test_make_bench_says_it_needs_postgresql_and_stops(url):
    result = run(["-m", "benchmarks"], DATABASE_URL=url)
    assert result.returncode == 2
    assert "make bench needs PostgreSQL: set DATABASE_URL" in result.stderr


def test_the_benchmark_settings_refuse_a_database_that_is_not_their_own():
    result = run(
        ["-c", "import django; django.setup()"],
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/academy",
    )
    assert result.returncode != 0
    assert "Benchmark settings only run on a database named bench_" in result.stderr


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="The bare SQL of the benchmark is PostgreSQL's."
)
def test_the_bare_sql_computes_the_report_s_figures(demo):
    from benchmarks import report
    from certification.models import Program

    call_command("seed_org", "--employees", "900", "--seed", "3", stdout=StringIO())
    client = report.reader()
    program = Program.objects.order_by("tier").values_list("pk", flat=True)[1:2].first()
    compared = {}
    for params, program_id in (({}, None), ({"program": program}, program)):
        response = report.api_call(client, params)()
        figures = report.root_figures(response, report.bare_sql(program_id)())
        assert figures is not None
        ours, bare = figures
        assert ours == bare, (params, ours, bare)
        compared[program_id] = bare
    # Not a comparison of zeros: every figure occurs in the synthetic organisation.
    whole, filtered = compared[None], compared[program]
    assert whole["headcount"] > 800 and 0 < whole["completed"] < whole["assigned"]
    assert min(whole.values()) > 0, whole
    assert 0 < filtered["assigned"] < whole["assigned"], filtered
