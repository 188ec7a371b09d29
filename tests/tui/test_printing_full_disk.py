"""Printing from the UI onto a full disk: a clear message in the person's language, and no half-written
PDF left under the name someone would print from."""

from __future__ import annotations

import pytest

from ayni.core.clinical import encounters
from ayni.core.documents.files import OutputError
from ayni.tui.printing import failure_text, prints_dir, write_summary


def test_a_summary_onto_a_full_disk_leaves_nothing_behind(store, patient, tmpfs, fill_disk):
    pytest.importorskip("weasyprint")
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    folder = tmpfs(prints_dir(store.path))
    fill_disk(folder)

    with pytest.raises(OutputError) as refused:
        write_summary(store, encounter.id, "es")

    assert [p.name for p in folder.iterdir()] == ["filler"]
    assert "lleno" in failure_text(refused.value, "es") and str(folder) in failure_text(refused.value, "es")
    assert "full" in failure_text(refused.value, "en")
    assert failure_text(RuntimeError("sin tinta"), "es") == "sin tinta"
