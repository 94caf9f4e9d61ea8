"""Create the key that signs Open Badges credentials (never commit it)."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max
from django.utils import timezone

from certification import dataintegrity, signing
from certification.models import Certificate


class Command(BaseCommand):
    help = (
        "Create the key that signs Open Badges credentials, at "
        "ACADEMY_CREDENTIAL_SIGNING_KEY_FILE, of the type ACADEMY_CREDENTIAL_SIGNING_ALGORITHM "
        "names (RS256 by default). Keep it out of version control."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-missing", action="store_true", help="Do nothing when a key already exists."
        )
        group.add_argument(
            "--rotate",
            action="store_true",
            help=(
                "Replace an existing key. The old public key stays published until every "
                "certificate valid now has ended, so credentials handed out still verify."
            ),
        )
        parser.add_argument(
            "--algorithm",
            choices=sorted(signing.ALGORITHMS),
            help="Override ACADEMY_CREDENTIAL_SIGNING_ALGORITHM for this key.",
        )

    def handle(self, *args, if_missing=False, rotate=False, algorithm=None, **options):
        # The Ed25519 key of Data Integrity proofs: made once, and not rotated with the JOSE key
        # (no retired Multikey is published yet, so rotating it would break proofs handed out).
        di_key, di_created = dataintegrity.ensure_key()
        if di_created:
            self.stdout.write(
                f"Data Integrity key {dataintegrity.public_key_multibase(di_key)} written to "
                f"{dataintegrity.key_path()}."
            )
        path = signing.key_path()
        try:
            algorithm = algorithm or signing.configured_algorithm()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        keep_until = None
        if path.exists():
            if if_missing:
                self.stdout.write(f"A signing key already exists at {path}.")
                return
            if not rotate:
                raise CommandError(
                    f"A signing key already exists at {path}. Use --rotate to replace it."
                )
            now = timezone.now()
            keep_until = (
                Certificate.objects.valid(now).aggregate(last=Max("expires_at"))["last"] or now
            )
        key = signing.create_key(
            path, overwrite=rotate, algorithm=algorithm, keep_old_until=keep_until
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{algorithm} signing key {signing.thumbprint(key)} written to {path}."
            )
        )
        if keep_until is not None:
            self.stdout.write(
                f"The replaced key stays published until {keep_until:%Y-%m-%d %H:%M} UTC."
            )
