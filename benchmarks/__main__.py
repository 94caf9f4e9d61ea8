"""`make bench`: figures for the quality bars, on PostgreSQL, at two sizes of organisation.

From DATABASE_URL it makes databases of its own (bench_<name>_template, then bench_<name> for
each size), migrates and loads the demo once, seeds each size with `seed_org`, measures in a
fresh process per size and prints one JSON line per figure. The configured database itself is
never touched. Exit status 2 when DATABASE_URL is not a PostgreSQL URL.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import database
from .stats import figure

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = "10000,100000"


def log(message):
    sys.stderr.write(f"[bench] {message}\n")
    sys.stderr.flush()


def environment(url, workdir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DATABASE_URL=url,
        ACADEMY_CREDENTIAL_SIGNING_KEY_FILE=str(workdir / "signing-key.pem"),
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(  # noqa: S603 - our own manage.py
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed with status {result.returncode}")
    return result.stdout


def prepare_template(url, workdir):
    """Migrate and load the demo once; every size starts from a copy of it."""
    name = database.bench_name(url, "template")
    template_url = database.create(url, name)
    env = environment(template_url, workdir)
    started = time.perf_counter()
    manage(env, "migrate", "--no-input")
    manage(env, "create_signing_key", "--if-missing")
    manage(env, "seed_demo")
    log(f"template {name}: migrated and demo loaded in {time.perf_counter() - started:.0f} s")
    return name


def measure_size(url, template, size, workdir, only):
    name = database.bench_name(url)
    env = environment(database.create(url, name, template=template), workdir)
    started = time.perf_counter()
    manage(env, "seed_org", "--employees", str(size), "--seed", "1")
    lines = [figure("seed_org.seconds", time.perf_counter() - started, "s", size)]
    log(f"seeded {size} employees in {lines[0]['value']} s")
    command = [sys.executable, "-m", "benchmarks.measure", "--size", str(size)]
    if only:
        command += ["--only", only]
    process = subprocess.Popen(  # noqa: S603 - our own module
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    for line in process.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        if line.startswith("{"):
            lines.append(json.loads(line))
    if process.wait() != 0:
        raise SystemExit(f"measuring {size} employees failed with status {process.returncode}")
    return lines


def compare_sizes(results):
    """How the figures grow from the smaller organisation to the larger one."""
    sizes = sorted(results)
    if len(sizes) < 2:
        return
    small, large = sizes[0], sizes[-1]
    by_name = {size: {line["name"]: line for line in results[size]} for size in sizes}
    names = [
        "report.api.queries",
        "report.api_filtered.queries",
        "report.api.median_ms",
        "report.bare_sql.median_ms",
        "report.api_filtered.median_ms",
        "report.bare_sql_filtered.median_ms",
        "access_check.queries",
        "lesson_page.queries",
        "quiz_submission.queries",
        "expiry_sweep.queries",
        "csv_export.peak_mb",
        "seed_org.seconds",
    ]
    for name in names:
        if name in by_name[small] and name in by_name[large]:
            before, after = by_name[small][name], by_name[large][name]
            figure(
                f"{name}.growth", after["value"], after["unit"], large,
                compared_with=f"{name}@{small}", baseline=before["value"],
            )  # fmt: skip
    figure("organisation.growth", large, "employees", large, f"employees@{small}", small)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="Comma-separated employee counts.")
    parser.add_argument("--only", default="", help="Comma-separated groups (see measure.py).")
    parser.add_argument("--keep", action="store_true", help="Keep the bench_ databases.")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.stderr.write(
            "make bench needs PostgreSQL: set DATABASE_URL, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/academy make bench\n"
            "(it creates and drops its own bench_<name> databases; yours is not touched).\n"
        )
        return 2
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    started = time.perf_counter()
    log(f"PostgreSQL {database.server_version(url)}, {os.cpu_count()} cores, sizes {sizes}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        template = prepare_template(url, workdir)
        try:
            for size in sizes:
                results[size] = measure_size(url, template, size, workdir, args.only)
            compare_sizes(results)
        finally:
            if not args.keep:
                database.drop(url, database.bench_name(url))
            database.drop(url, template)
    log(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
