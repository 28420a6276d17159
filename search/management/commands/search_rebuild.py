import sys
import time

from django.core.management.base import BaseCommand

from search.indexing import backends, rebuild
from search.indexing_all import all_documents, expected_count


class Command(BaseCommand):
    help = "Rebuild the search index from the database (every configured backend)."

    def handle(self, *args, **options):
        total = expected_count()
        for backend in backends():
            started = time.monotonic()
            done = 0

            def progress(n, backend=backend):
                nonlocal done
                done += n
                if sys.stdout.isatty() or options["verbosity"] > 1:
                    width = 30
                    filled = int(width * min(done / max(total, 1), 1))
                    self.stdout.write(
                        f"\r{backend.name}: [{'#' * filled}{'.' * (width - filled)}] "
                        f"{done}/{total}",
                        ending="",
                    )

            written = rebuild(backend, all_documents(), progress=progress)
            self.stdout.write(
                f"\n{backend.name}: {written} entries in {time.monotonic() - started:.1f} s"
            )
