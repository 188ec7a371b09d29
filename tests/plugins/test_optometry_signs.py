"""Dioptres are written signed wherever a person reads them (the history's lines, the visit summary,
the glasses prescription): «+0.50», «-0.50», zero «0.00», the reading power «+2.50»."""

from __future__ import annotations

import io
from decimal import Decimal as D

from pypdf import PdfReader

from ayni.core import display_value
from ayni.core.clinical import encounters
from ayni.plugins import optometry
from ayni.plugins.optometry.documents import render_prescription
from ayni.plugins.optometry.forms import ADD, CYLINDER, READERS_POWER, SPHERE


def test_the_history_reads_each_power_with_its_sign():
    assert display_value(SPHERE, {"od": D("0.50"), "os": D("0")}, "es") == \
        "OD (ojo derecho): +0.50 D; OI (ojo izquierdo): 0.00 D"
    assert display_value(CYLINDER, {"od": D("-0.5")}, "en") == "OD (right eye): -0.50 D"
    assert display_value(ADD, {"od": D("2"), "os": 2}, "es") == "OD (ojo derecho): +2.00 D; OI (ojo izquierdo): +2.00 D"
    assert display_value(READERS_POWER, D("2.5"), "es") == "+2.50 D"


def test_the_printed_refraction_is_signed_and_a_zero_sphere_is_neutro(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    visit = encounters.save(store, encounter.id, forms={"optometry.exam": {
        "sphere": {"od": "0.5", "os": "0"}, "cylinder": {"os": "-0.5"}, "axis": {"os": "90"},
        "add": {"od": "2", "os": "2"}}})
    html = "".join(s.html for s in optometry.ayni_pdf_sections(visit=visit, lang="es"))
    assert "<td>+0.50</td>" in html and "<td>Neutro</td>" in html and "<td>+2.00</td>" in html
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_prescription(store, visit.encounter.id, "es"))).pages)
    assert "OD +0.50 +2.00" in text and "OI Neutro -0.50 90° +2.00" in text
