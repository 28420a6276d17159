from django.core.management.base import BaseCommand

from kb.tasks import check_links


class Command(BaseCommand):
    help = "Check the links of every live page for the broken-link report (run daily)."

    def handle(self, *args, **options):
        result = check_links.enqueue()
        self.stdout.write(f"Link check queued ({result.status}).")
