"""`manage.py academy_setup`: what a new installation needs, without the demo.

Creates (once; safe to run again, nothing edited since is changed) the HR and social media team
groups with their rights, the "Course review" workflow assigned to every course catalogue, and
the starter ladder of programs (Enthusiast < Professional < Spokesperson) with no courses yet.
"""

from django.core.management.base import BaseCommand

from certification.setup import setup_programs, setup_team
from courses.workflow import WORKFLOW_NAME, setup_review_workflow
from lms.setup import setup_hr_group


class Command(BaseCommand):
    help = (
        "Create the HR and social media team groups, the course review workflow and the "
        "starter programs (safe to run again)."
    )

    def handle(self, *args, **options):
        for group, missing in (setup_hr_group(), setup_team()):
            self.stdout.write(f"Group “{group.name}”: {group.permissions.count()} permissions.")
            if missing:
                self.stderr.write(f"  Not found (is the app installed?): {', '.join(missing)}")
        _workflow, assigned = setup_review_workflow()
        self.stdout.write(
            f"Workflow “{WORKFLOW_NAME}”: assigned to {assigned} more course catalogue(s); "
            "assign it to others under Settings > Workflows."
        )
        programs = setup_programs()
        self.stdout.write(
            "Programs: "
            + " < ".join(
                f"{p.name} ({p.program_courses.count()} courses)" for p in programs.values()
            )
            + ". Give each its courses under Certification > Programs."
        )
