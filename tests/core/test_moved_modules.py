"""Modules that moved out of the core still import under their old names for one release, warning
which name to use instead, and give the very same module."""

from __future__ import annotations

import importlib
import subprocess
import sys
from importlib import resources

import pytest

from ayni.core._moved import MOVED

#: For each old name, names its callers used, which must be the same objects under the new name.
USED = {
    "ayni.core.cli": ("main", "Settings", "CliError", "AyniGroup", "WholeNumber", "pass_settings", "say"),
    "ayni.core.cli_audit": ("audit",),
    "ayni.core.cli_campaign": ("backup", "restore", "serve", "tui_command"),
    "ayni.core.cli_stock": ("stock",),
    "ayni.core.reports.cli": ("report", "pdf"),
    "ayni.core.webserve": ("offline_server",),
    "ayni.core.tlscert": ("ensure_certificate", "CERT_FILE", "KEY_FILE"),
    "ayni.core.demo": ("seed", "bulk_patients", "DemoAlreadySeeded"),
}


def test_every_moved_module_is_checked():
    assert sorted(USED) == sorted(MOVED)


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_name_warns_and_gives_the_new_module(old, monkeypatch):
    new = importlib.import_module(MOVED[old])
    monkeypatch.delitem(sys.modules, old, raising=False)  # as in a process that never imported it
    with pytest.warns(DeprecationWarning, match=MOVED[old].replace(".", r"\.")):
        moved = importlib.import_module(old)
    assert moved is new
    for name in USED[old]:
        assert getattr(moved, name) is getattr(new, name)
    assert new.__spec__.name == MOVED[old]  # the new module still knows its own name


def test_from_import_of_an_old_name_works_in_a_fresh_process():
    code = ("import warnings; warnings.simplefilter('error', DeprecationWarning)\n"
            "try:\n    from ayni.core.cli import main\nexcept DeprecationWarning as w:\n    print(w)\n"
            "warnings.simplefilter('ignore')\n"
            "from ayni.core.cli import main; import ayni.cli; print(main is ayni.cli.main)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "ayni.core.cli is now ayni.cli" in out and out.strip().endswith("True")


def test_the_demo_data_is_found_after_the_old_name_was_imported(monkeypatch):
    monkeypatch.delitem(sys.modules, "ayni.core.demo", raising=False)
    with pytest.warns(DeprecationWarning):
        importlib.import_module("ayni.core.demo")
    assert resources.files("ayni.cli.demo").joinpath("data", "demo_names.csv").is_file()
