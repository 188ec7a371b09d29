"""Modules that moved still import under their old names for one release, warning
which name to use instead, and give the very same module."""

from __future__ import annotations

import importlib
import subprocess
import sys
from importlib import resources

import pytest

from ayni.core._moved import MOVED


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_name_warns_and_gives_the_new_module(old, monkeypatch):
    new = importlib.import_module(MOVED[old])
    monkeypatch.delitem(sys.modules, old, raising=False)  # as in a process that never imported it
    with pytest.warns(DeprecationWarning, match=MOVED[old].replace(".", r"\.")):
        moved = importlib.import_module(old)
    assert moved is new  # so every name it exposes is the same object
    assert new.__spec__.name == MOVED[old]  # the new module still knows its own name


@pytest.mark.parametrize("old, name", [("ayni.core.cli", "main"), ("ayni.core.store", "open_store"),
                                       ("ayni.core.catalog", "ProcedureCode"), ("ayni.core.reporting", "titled")])
def test_from_import_of_an_old_name_works_in_a_fresh_process(old, name):
    code = ("import warnings; warnings.simplefilter('error', DeprecationWarning)\n"
            f"try:\n    from {old} import {name}\nexcept DeprecationWarning as w:\n    print(w)\n"
            "warnings.simplefilter('ignore')\n"
            f"from {old} import {name}; import {MOVED[old]} as new; print({name} is new.{name})")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert f"{old} is now {MOVED[old]}" in out and out.strip().endswith("True")


def test_the_demo_data_is_found_after_the_old_name_was_imported(monkeypatch):
    monkeypatch.delitem(sys.modules, "ayni.core.demo", raising=False)
    with pytest.warns(DeprecationWarning):
        importlib.import_module("ayni.core.demo")
    assert resources.files("ayni.cli.demo").joinpath("data", "demo_names.csv").is_file()


def test_the_old_name_of_an_encounter_record_still_works_and_warns(store, campaign, patient):
    from ayni.core import EncounterRecord
    from ayni.core.clinical import encounters

    with pytest.warns(DeprecationWarning, match="EncounterRecord"):
        from ayni.core import Visit
    assert Visit is EncounterRecord
    with pytest.warns(DeprecationWarning, match="EncounterRecord"):
        assert encounters.Visit is EncounterRecord
    encounter = encounters.open_encounter(store, patient.id, "general", "triage")
    with pytest.warns(DeprecationWarning, match="get_encounter_record"):
        record = encounters.get_visit(store, encounter.id)
    assert isinstance(record, EncounterRecord) and record.encounter.id == encounter.id
