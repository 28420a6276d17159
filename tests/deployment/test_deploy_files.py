"""The files an operator installs name what exists: commands, settings, paths."""

import configparser
import shlex
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

UNITS = sorted((Path(settings.BASE_DIR) / "deploy" / "systemd").glob("*.service"))


def exec_start(unit: Path) -> list[str]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read(unit)
    return shlex.split(parser["Service"]["ExecStart"])


def test_every_systemd_unit_starts_a_command_the_site_has():
    for unit in UNITS:
        command = exec_start(unit)
        if "manage.py" in command[1:2]:
            assert command[2] in get_commands(), f"{unit.name}: no command {command[2]}"
        else:
            assert Path(command[0]).name == "gunicorn", unit.name
            config = command[command.index("--config") + 1]
            assert (Path(settings.BASE_DIR) / config).is_file(), unit.name


def test_every_unit_runs_with_the_production_settings():
    for unit in UNITS:
        text = unit.read_text()
        assert "DJANGO_SETTINGS_MODULE=config.settings.production" in text, unit.name
