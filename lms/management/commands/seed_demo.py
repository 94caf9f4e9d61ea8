"""Load the demo organisation, curriculum, programs and accounts (idempotent)."""

from django.core.management.base import BaseCommand

import certification.demo
import certification.demo_access
import courses.demo
import lms.demo
import lms.hr_demo

# Lower layers first: the organisation, then what people learn, then what it earns them.
SEEDERS = [
    lms.demo.seed,
    courses.demo.seed,
    certification.demo.seed,
    certification.demo_access.seed,
    lms.hr_demo.seed,
]


class Command(BaseCommand):
    help = "Load the demo organisation (idempotent)."

    def handle(self, *args, **options):
        for seeder in SEEDERS:
            seeder(lambda message: self.stdout.write(message))
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready. Sign in as admin, editor, hr or "
                "employee (the password is the username)."
            )
        )
