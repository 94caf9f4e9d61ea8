"""Measure one seeded organisation: `python -m benchmarks.measure --size N [--only groups]`.

Runs in its own process with DJANGO_SETTINGS_MODULE=benchmarks.settings and DATABASE_URL set to
a bench_ database that `python -m benchmarks` seeded. Groups run in this order because the last
ones change the data: report, pages, access, audit, export, sweep, import, coverage (which adds
champions and a week of duty).
"""

import argparse
import sys

GROUPS = ["report", "pages", "access", "audit", "export", "sweep", "import", "coverage"]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--only", default="", help=f"Comma-separated: {', '.join(GROUPS)}")
    args = parser.parse_args(argv)
    only = [group for group in args.only.split(",") if group] or GROUPS
    unknown = set(only) - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups: {', '.join(sorted(unknown))}")

    import django

    django.setup()
    from . import access, audit_pack, batch, coverage, learning, report

    runners = {
        "report": report.run,
        "pages": learning.run,
        "access": access.run,
        "audit": audit_pack.run,
        "export": batch.run_export,
        "sweep": batch.run_sweep,
        "import": batch.run_import,
        "coverage": coverage.run,
    }
    for group in GROUPS:
        if group in only:
            sys.stderr.write(f"[bench] {args.size}: {group}\n")
            runners[group](args.size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
