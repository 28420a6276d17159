from django.core.management.base import BaseCommand

from kb.tasks import send_review_reminders


class Command(BaseCommand):
    help = "Mail every page owner a digest of their pages whose review is due (run daily)."

    def handle(self, *args, **options):
        result = send_review_reminders.enqueue()
        self.stdout.write(f"Review reminders queued ({result.status}).")
