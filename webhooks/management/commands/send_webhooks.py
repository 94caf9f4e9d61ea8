"""Send every webhook delivery that is due, now, in this process (what the beat sweep queues)."""

from django.core.management.base import BaseCommand

from webhooks.delivery import deliver, due_ids


class Command(BaseCommand):
    help = "Send the webhook deliveries that are due (pending, their next attempt reached)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many.")

    def handle(self, *args, limit, **options):
        sent = failed = 0
        for pk in due_ids(limit=limit):
            attempt = deliver(pk)
            if attempt is None:
                continue
            if attempt.succeeded:
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"Delivered {sent}; {failed} failed and stay pending.")
