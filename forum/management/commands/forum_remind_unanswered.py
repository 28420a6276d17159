from django.conf import settings
from django.core.management.base import BaseCommand

from forum.notifications import remind_unanswered


class Command(BaseCommand):
    help = (
        "Bring questions without an answer after FORUM_UNANSWERED_AFTER_DAYS days back to the "
        "experts for their tags and to the forum moderators (run daily)."
    )

    def handle(self, *args, **options):
        reminded = remind_unanswered()
        self.stdout.write(
            f"{reminded} question(s) older than {settings.FORUM_UNANSWERED_AFTER_DAYS} day(s) "
            "brought back."
        )
