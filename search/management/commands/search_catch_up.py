from django.core.management.base import BaseCommand, CommandError

from search import pending
from search.backends.engine import EngineUnavailable
from search.indexing import catch_up, engine


class Command(BaseCommand):
    help = (
        "Deliver the index changes the search engine missed while it was away. Run it from "
        "cron every minute; it does nothing when nothing is pending."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Deliver every pending change at once, without waiting for its back-off.",
        )

    def handle(self, *args, **options):
        if engine() is None:
            self.stdout.write("No search engine is configured; the database index is current.")
            return
        try:
            delivered = catch_up(ignore_backoff=options["now"])
            pending.prune()
        except EngineUnavailable as error:
            raise CommandError(
                f"The search engine is away ({error}); "
                f"{pending.pending().count()} changes stay pending."
            ) from error
        self.stdout.write(
            f"{delivered} changes delivered, {pending.pending().count()} still pending."
        )
