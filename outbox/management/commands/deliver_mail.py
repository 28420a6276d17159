from django.core.management.base import BaseCommand

from outbox.delivery import deliver_due


class Command(BaseCommand):
    help = (
        "Send every queued mail that is due (run every few minutes beside the task worker, so "
        "that no mail waits on a lost task)."
    )

    def handle(self, *args, **options):
        sent = deliver_due()
        self.stdout.write(f"{sent} mail(s) sent.")
