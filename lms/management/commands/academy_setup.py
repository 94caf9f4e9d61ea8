"""`manage.py academy_setup`: what a new installation needs, without the demo.

Runs every app's ``academy_setup`` hook (once; safe to run again, nothing edited since is
changed): the HR and social media team groups with the rights each app gives them, the "Course
review" workflow assigned to every course catalogue, and the starter ladder of programs
(Enthusiast < Professional < Spokesperson) with no courses yet.
"""

from django.core.management.base import BaseCommand

from lms.setup import run_setup


class Command(BaseCommand):
    help = (
        "Create the HR and social media team groups, the course review workflow and the "
        "starter programs (safe to run again)."
    )

    def handle(self, *args, **options):
        run_setup(self.stdout)
