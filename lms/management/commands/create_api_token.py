"""Create an integration token and print it once; only its SHA-256 digest is kept."""

from django.core.management.base import BaseCommand, CommandError

from lms.models import ApiToken, TokenScope


class Command(BaseCommand):
    help = "Create an integration token. The value is printed once and never stored."

    def add_arguments(self, parser):
        parser.add_argument("name", help="What the token is for, e.g. 'Publishing tool'.")
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            choices=TokenScope.values,
            help="Repeat for several scopes. Default: access:check.",
        )

    def handle(self, *args, name, scopes, **options):
        name = name.strip()
        if not name:
            raise CommandError("Give the token a name.")
        token, raw = ApiToken.issue(name, scopes or [TokenScope.ACCESS_CHECK])
        self.stdout.write(f"Token '{token.name}' with scopes {', '.join(token.scopes)}:")
        self.stdout.write(raw)
        self.stdout.write("Store it now: it cannot be shown again.")
