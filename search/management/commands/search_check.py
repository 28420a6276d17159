from django.core.management.base import BaseCommand, CommandError

from search import pending
from search.backends.engine import EngineUnavailable
from search.indexing import backends
from search.indexing_all import all_documents


class Command(BaseCommand):
    help = (
        "Compare the search index with the database; list missing, stale and extra entries "
        "and exit non-zero if there are any."
    )

    def handle(self, *args, **options):
        expected = {d.key: d.checksum() for d in all_documents()}
        problems = 0
        for backend in backends():
            try:
                stored = backend.checksums()
            except EngineUnavailable as error:
                raise CommandError(f"{backend.name} cannot be compared now: {error}") from error
            missing = sorted(expected.keys() - stored.keys())
            extra = sorted(stored.keys() - expected.keys())
            stale = sorted(k for k in expected.keys() & stored.keys() if expected[k] != stored[k])
            for label, keys in (("missing", missing), ("stale", stale), ("extra", extra)):
                for key in keys:
                    self.stdout.write(f"{backend.name}: {label} {key}")
            problems += len(missing) + len(extra) + len(stale)
            self.stdout.write(
                f"{backend.name}: {len(stored)} entries, {len(missing)} missing, "
                f"{len(stale)} stale, {len(extra)} extra"
            )
        waiting = pending.pending().count()
        if waiting:
            self.stdout.write(
                f"{waiting} changes wait for the search engine (manage.py search_catch_up)."
            )
        if problems:
            raise CommandError(f"{problems} entries differ from the database.")
