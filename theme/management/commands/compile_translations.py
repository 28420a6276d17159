from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile the project's .po files to .mo. Pure Python (polib), so a fresh machine "
        "needs no GNU gettext; Django's compilemessages does the same where gettext exists."
    )

    def handle(self, *args, **options):
        compiled = 0
        for po_path in self.po_files():
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        self.stdout.write(f"Compiled {compiled} translation file(s).")

    def po_files(self):
        base = Path(settings.BASE_DIR).resolve()
        roots = [Path(path) for path in settings.LOCALE_PATHS]
        for app_config in apps.get_app_configs():
            app_path = Path(app_config.path).resolve()
            if app_path.is_relative_to(base) and ".venv" not in app_path.parts:
                roots.append(app_path / "locale")
        for root in roots:
            yield from sorted(root.glob("*/LC_MESSAGES/*.po"))
