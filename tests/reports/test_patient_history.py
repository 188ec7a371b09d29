"""A patient's history across campaigns, on paper."""

from __future__ import annotations

import re

import pytest

from ayni.core.documents.reports.history import patient_history, render_history
from ayni.core.documents.reports.scope import ReportError
from ayni.core.people import merges


def test_history_groups_by_campaign_newest_first(world):
    patient, groups = patient_history(world.store, world.people["rosa"].id)
    assert patient.full_name == "Rosa Elena Núñez Quispe"
    assert [g.campaign.name for g in groups] == ["Campaña Ocongate 2026", "Campaña Ocongate 2025"]
    count = world.store.db.execute("SELECT count(*) FROM encounters WHERE patient_id = ?",
                                   [patient.id]).fetchone()[0]
    assert sum(len(g.visits) for g in groups) == count == 2


def test_history_pdf_shows_every_encounter(world, pdf_text):
    store = world.store
    text = re.sub(r"\s+", " ", pdf_text(render_history(store, world.people["abuela"].id, "es")))
    assert "Historia clínica de campañas" in text and "Justina Huamán Condori" in text
    assert "21 de noviembre de 2026, 21:30" in text and "22 de noviembre de 2026, 11:00" in text
    assert text.index("22 de noviembre de 2026, 11:00") < text.index("21 de noviembre de 2026, 21:30")
    assert "Odontología" in text and "En curso (no cerrada)" in text
    assert "E11.9" in text and "Hospital Regional del Cusco (prioritaria): Diabetes sin control" in text
    assert "pagó S/ 0.00 de S/ 5.00" in text and "Adulta mayor sin ingresos" in text


def test_history_in_english_with_what_was_handed_out(world, pdf_text):
    text = re.sub(r"\s+", " ", pdf_text(render_history(world.store, world.people["pedro"].id, "en")))
    assert "Campaign medical history" in text
    assert "Reading glasses (power +2.00) ×1" in text
    assert "Surgery (routine): Pterigión" in text


def test_a_merged_record_is_in_the_kept_ones_history_until_the_merge_is_undone(world, pdf_text):
    store, rosa, pedro = world.store, world.people["rosa"], world.people["pedro"]  # two people, for the test's sake
    merges.merge(store, rosa.id, pedro.id)
    try:
        text = re.sub(r"\s+", " ", pdf_text(render_history(store, rosa.id, "en")))
        assert "Rosa Elena Núñez Quispe" in text and "Reading glasses (power +2.00) ×1" in text
        assert patient_history(store, pedro.id)[0].id == rosa.id
    finally:
        merges.unmerge(store, pedro.id)
    assert "Reading glasses" not in pdf_text(render_history(store, rosa.id, "en"))


def test_unknown_patient(world):
    with pytest.raises(ReportError) as refused:
        render_history(world.store, "no-such-id", "es")
    assert refused.value.message("es") == "Paciente: no existe el paciente con id «no-such-id»."
