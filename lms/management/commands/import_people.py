"""Import employees and departments from a CSV export of the HR system.

    python manage.py import_people people.csv [--dry-run]

The file is checked whole first; if any row is bad, every problem is printed with its line
number, nothing is changed and the command exits with status 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.conf import academy_settings
from lms.people_import import import_bytes


class Command(BaseCommand):
    help = "Import people and departments from an HR system CSV export (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV file (UTF-8).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file only; change nothing."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        size = path.stat().st_size
        limit = academy_settings.PEOPLE_IMPORT_MAX_BYTES
        if size > limit:
            raise CommandError(
                f"The file is {size} bytes; the limit is {limit} "
                "bytes (ACADEMY_PEOPLE_IMPORT_MAX_BYTES)."
            )
        result = import_bytes(path.read_bytes(), dry_run=options["dry_run"])
        if result.errors:
            for error in result.errors:
                column = f" [{error.column}]" if error.column else ""
                self.stderr.write(f"line {error.line}{column}: {error.message}")
            if result.plan.stopped_early:
                self.stderr.write(result.plan.stop_message())
            raise CommandError(f"{len(result.errors)} problem(s) found; nothing was changed.")
        if result.outcome is None:
            self.stdout.write(
                self.style.SUCCESS(f"{result.plan.total_rows} rows checked: the file is good.")
            )
            return
        counts = result.outcome.as_dict()
        self.stdout.write(
            self.style.SUCCESS(
                "{total} rows: {created} created, {updated} updated ({deactivated} deactivated),"
                " {unchanged} unchanged; {departments_created} departments created.".format(
                    total=result.plan.total_rows, **counts
                )
            )
        )
