"""The README covers what the code offers: every command, every make target it names."""

import re
from pathlib import Path

from dashboard.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_shown_in_the_readme():
    missing = [name for name in main.commands if f"incidents {name}" not in README]
    assert missing == []


def test_every_make_target_the_readme_names_exists():
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    named = set(re.findall(r"`make ([a-z-]+)`", README)) | set(re.findall(r"^make ([a-z-]+)", README, re.M))
    assert named and named <= targets, named - targets


def test_every_geocoder_setting_is_documented_in_the_readme():
    from incidents.importing.locate import GEOCODER_SETTINGS

    missing = [setting.name for setting in GEOCODER_SETTINGS if f"`{setting.name}`" not in README]
    assert missing == []
