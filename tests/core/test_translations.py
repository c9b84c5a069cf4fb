"""The Dutch catalogue covers every interface string in the code, with nothing left fuzzy."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

BASE_DIR = Path(settings.BASE_DIR)
# What `make messages` leaves out, plus what is not the project's code.
NOT_SOURCE = {".git", ".venv", "locale", "node_modules", "tests", "bench", "var", "test-artifacts"}


def statistics(po_file):
    """msgfmt's count of translated, fuzzy and untranslated messages (on stderr)."""
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext (msgfmt)")
def test_makemessages_finds_nothing_untranslated_in_dutch(tmp_path, monkeypatch):
    # makemessages writes into the locale folder nearest to each source file, so it runs on
    # a mirror of the project (links to the code, a copy of the catalogues): the real
    # catalogues are never touched.
    for entry in BASE_DIR.iterdir():
        if entry.name not in NOT_SOURCE:
            (tmp_path / entry.name).symlink_to(entry)
    shutil.copytree(BASE_DIR / "locale", tmp_path / "locale")
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["nl"], symlinks=True, verbosity=0)

    report = statistics(tmp_path / "locale" / "nl" / "LC_MESSAGES" / "django.po")

    assert "translated message" in report
    assert "fuzzy" not in report and "untranslated" not in report, report
