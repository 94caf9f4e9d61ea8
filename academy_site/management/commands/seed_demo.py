"""Load the demo organisation, curriculum, programs and accounts (idempotent)."""

from django.core.management.base import BaseCommand

import academy_site.demo.access
import academy_site.demo.certification
import academy_site.demo.courses
import academy_site.demo.hr
import academy_site.demo.org

# Lower layers first: the organisation, then what people learn, then what it earns them.
SEEDERS = [
    academy_site.demo.org.seed,
    academy_site.demo.courses.seed,
    academy_site.demo.certification.seed,
    academy_site.demo.access.seed,
    academy_site.demo.hr.seed,
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
