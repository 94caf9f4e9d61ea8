"""Create the key that signs Open Badges credentials (never commit it)."""

from django.core.management.base import BaseCommand, CommandError

from certification import signing


class Command(BaseCommand):
    help = (
        "Create the EC P-256 key that signs Open Badges credentials, at "
        "academy_settings.CREDENTIAL_SIGNING_KEY_FILE. Keep it out of version control."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-missing", action="store_true", help="Do nothing when a key already exists."
        )
        group.add_argument(
            "--rotate",
            action="store_true",
            help="Replace an existing key. Credentials fetched afterwards carry the new key id.",
        )

    def handle(self, *args, if_missing=False, rotate=False, **options):
        path = signing.key_path()
        if path.exists():
            if if_missing:
                self.stdout.write(f"A signing key already exists at {path}.")
                return
            if not rotate:
                raise CommandError(
                    f"A signing key already exists at {path}. Use --rotate to replace it."
                )
        key = signing.create_key(path, overwrite=rotate)
        self.stdout.write(
            self.style.SUCCESS(f"Signing key {signing.key_id(key)} written to {path}.")
        )
