from django.core.management.base import BaseCommand

from forum.mail import send_daily_digests


class Command(BaseCommand):
    help = "Mail the daily digest of forum notifications to everyone who chose it (run daily)."

    def handle(self, *args, **options):
        sent = send_daily_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
