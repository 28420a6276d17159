import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation


class Command(BaseCommand):
    help = (
        "Load the demo content of every app that has a demo module (partners, pages, "
        "later the library and the forum). Idempotent: what exists is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apps",
            nargs="+",
            metavar="APP",
            help="Load only these apps' demo content (e.g. partners theme).",
        )

    def handle(self, *args, **options):
        only = set(options["apps"] or [])
        # Demo content is written in German, the site's first language.
        with translation.override("de"), transaction.atomic():
            for app_config in apps.get_app_configs():
                if only and app_config.label not in only:
                    continue
                module_name = f"{app_config.name}.demo"
                if importlib.util.find_spec(module_name) is None:
                    continue
                importlib.import_module(module_name).load(self)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

    def report(self, message: str) -> None:
        """Demo modules call this to say what they created."""
        self.stdout.write(f"  {message}")
