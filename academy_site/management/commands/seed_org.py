"""Load a large synthetic organisation for benchmarks: `seed_org --employees N --seed S`."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from academy_site import synthetic
from courses.models import CoursePage


class Command(BaseCommand):
    help = (
        "Create a deterministic synthetic organisation of N employees (departments, people, "
        "assignments, progress, certificates, accounts and grants) in bulk. Loads the demo "
        "first (seed_demo) when the course catalogue is missing. Refuses to run when one is "
        "already loaded, unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=1000, help="How many people.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same organisation.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the synthetic organisation already loaded, then create the new one "
            "(with --employees 0: only remove it).",
        )

    def handle(self, *args, employees, seed, reset, **options):
        if employees < 0 or employees > 1_000_000:
            raise CommandError("--employees must be between 0 and 1,000,000.")
        log = self.stdout.write
        if reset:
            synthetic.remove(log)
        if employees == 0:
            return
        if self._catalogue_missing():
            log("The course catalogue is missing: loading the demo first (seed_demo).")
            call_command("seed_demo", stdout=self.stdout)
        try:
            synthetic.seed(employees, seed, log)
        except synthetic.AlreadySeeded as exc:
            raise CommandError(
                f"{exc} Run again with --reset to replace it, or --reset --employees 0 to "
                "remove it."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Synthetic organisation ready (seed {seed})."))

    @staticmethod
    def _catalogue_missing():
        return not CoursePage.objects.live().exists()
