import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from jobs.runner import run_due_jobs


class Command(BaseCommand):
    help = (
        "Run every scheduled job that is due (jobs/schedule.py) and exit. Start it every minute "
        "(deploy/systemd/wissensnetz-jobs.timer); --loop keeps it running, for development."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep running: look for due jobs at the start of every minute.",
        )

    def handle(self, *args, **options):
        while True:
            for name, ok in run_due_jobs().items():
                outcome = {True: "ok", False: "FAILED", None: "handed to the task worker"}[ok]
                self.stdout.write(f"{timezone.localtime():%H:%M:%S} {name}: {outcome}")
            if not options["loop"]:
                return
            close_old_connections()
            time.sleep(60 - timezone.now().second)
