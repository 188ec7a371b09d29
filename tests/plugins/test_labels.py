"""Labels, one mechanism for every plugin (``ayni_labels``): a glasses order's envelope and a surgical
specimen, as 62 × 29 mm PDF pages read back with pypdf in Spanish and English, and as thermal slips."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ayni.core.dates import format_date
from ayni.core.documents import labels
from ayni.core.documents.thermal import layout
from ayni.plugins.optometry import orders
from ayni.plugins.surgery import cases
from test_optometry_plan import RX, _close_exam
from test_surgery import NOTE, complete_case

MM = 72 / 25.4


def _pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def _operated(store, campaign, patient, specimens: str):
    case = cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair", "side": "right"},
                             campaign_id=campaign.id)
    return complete_case(store, case, campaign.start_date, note={**NOTE, "specimens": specimens})


def test_a_pending_glasses_order_has_its_label_until_it_comes_back_from_the_lab(store, patient):
    visit = _close_exam(store, patient, RX, {"glasses_order": "sí", "lens_type": "single_vision"})
    [label] = labels.labels_of(store, patient.id, "es")
    assert (label.key, label.title, label.number, label.name) == (
        "optometry.glasses_order", "Pedido de lentes", patient.card_number, "Rosa Elena Núñez Quispe")
    assert label.lines == (("OD", "Esf. -2.25 Cil. -0.75 × 170°"), ("OI", "Esf. -1.75"), ("DIP", "61 mm"),
                           ("Tipo de luna", "Monofocal"))
    [english] = labels.labels_of(store, patient.id, "en")
    assert english.lines[:3] == (("OD", "Sph. -2.25 Cyl. -0.75 × 170°"), ("OS", "Sph. -1.75"), ("PD", "61 mm"))
    [order] = orders.of_encounter(store, visit.encounter.id)
    orders.set_status(store, order.id, "received")
    assert labels.labels_of(store, patient.id, "es") == []


def test_a_specimen_has_its_label_and_none_is_sent_has_none(store, campaign, patient):
    _operated(store, campaign, patient, "Ninguna")
    assert labels.labels_of(store, patient.id, "es") == []
    _operated(store, campaign, patient, "Saco herniario")
    [label] = labels.labels_of(store, patient.id, "es")
    assert (label.key, label.title) == ("surgery.specimen", "Muestra quirúrgica")
    assert label.lines == (("Fecha", format_date(campaign.start_date, "es")), ("Muestra", "Saco herniario"),
                           ("Operación", "Hernioplastía inguinal (derecho)"), ("Cirujano", "Dr. Smith"))
    [english] = labels.labels_of(store, patient.id, "en")
    assert english.title == "Surgical specimen" and ("Surgeon", "Dr. Smith") in english.lines


def test_both_labels_print_as_62_by_29_mm_pages_in_either_language(store, campaign, patient):
    pytest.importorskip("weasyprint")
    _close_exam(store, patient, RX, {"glasses_order": "sí", "lens_type": "bifocal"})
    _operated(store, campaign, patient, "Saco herniario")
    data = labels.render_labels(labels.labels_of(store, patient.id, "es"), "es")
    reader = PdfReader(io.BytesIO(data))
    assert [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in reader.pages] == [
        (62, 29), (62, 29)]
    glasses, surgery = _pages(data)  # in the order the plugins are registered
    assert "PEDIDO DE LENTES" in glasses and f"{patient.card_number} · Rosa Elena Núñez Quispe" in glasses
    assert "OD Esf. -2.25 Cil. -0.75 × 170°" in glasses and "DIP 61 mm" in glasses and "Bifocal" in glasses
    assert "MUESTRA QUIRÚRGICA" in surgery and "Muestra Saco herniario" in surgery and "Cirujano Dr. Smith" in surgery
    english = " ".join(_pages(labels.render_labels(labels.labels_of(store, patient.id, "en"), "en")))
    assert "GLASSES ORDER" in english and "PD 61 mm" in english and "SURGICAL SPECIMEN" in english


def test_a_long_specimen_stays_on_its_one_label(store, campaign, patient):
    pytest.importorskip("weasyprint")
    _operated(store, campaign, patient, "Saco herniario y lipoma de pared abdominal, " * 8)
    assert len(PdfReader(io.BytesIO(labels.render_labels(labels.labels_of(store, patient.id, "es")))).pages) == 1


def test_a_label_on_the_thermal_roll_fits_58_mm(store, patient):
    _close_exam(store, patient, RX, {"glasses_order": "sí", "lens_type": "single_vision"})
    [label] = labels.labels_of(store, patient.id, "es")
    lines = layout(labels.label_slip(label), 58)
    assert all(len(line) <= 32 for line in lines)
    assert lines[0] == "Pedido de lentes" and "OD" in lines[3] and lines[3].endswith("Esf. -2.25 Cil. -0.75 × 170°")


def test_the_card_names_the_day_of_the_next_operation(store, campaign, patient):
    from ayni.core.documents import card
    from ayni.plugins.surgery.views import day_text

    assert card.card_context(store, patient.id)["next"] == ""
    case = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    day = campaign.end_date
    cases.schedule(store, case.id, {"day": day.isoformat(), "theatre": "q1", "surgeon": "Dr. Smith"})
    assert card.card_context(store, patient.id)["next"] == f"Cirugía: {day_text(day).es}, Quirófano 1"
    assert card.card_context(store, patient.id, "en")["next"] == f"Surgery: {day_text(day).en}, Theatre 1"
    cases.cancel(store, case.id, "Paciente con fiebre")
    assert card.card_context(store, patient.id)["next"] == ""
