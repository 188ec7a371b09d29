"""Every visit summary of a day in one PDF: which encounters, in which order, and the pages."""

from __future__ import annotations

import pytest

from ayni.core.documents.pdf import render_visit
from ayni.core.documents.reports.batch import encounters_of_day, parse_station, render_visits
from ayni.core.documents.reports.scope import ReportError
from reportkit import DAY1, DAY2, scalar


def test_the_day_is_the_lima_day_and_the_order_is_by_opening(world):
    ids = encounters_of_day(world.store, DAY1)
    expected = [r[0] for r in world.store.db.execute(
        "SELECT id FROM encounters WHERE date(opened_at, '-5 hours') = ? ORDER BY opened_at", [DAY1.isoformat()])]
    assert ids == expected
    assert ids[-1] == world.encounters["abuela_dental"]  # 21:30 in Lima is still day 1
    assert len(ids) == 4


def test_station_filter(world):
    store = world.store
    assert encounters_of_day(store, DAY1, parse_station(store, "triage")) == [world.encounters["nino_triage"]]
    assert encounters_of_day(store, DAY2, parse_station(store, "optometry.screening")) == [
        world.encounters["pedro_optometry"]]
    assert encounters_of_day(store, DAY2, parse_station(store, "dental.exam")) == []
    assert parse_station(store, None) is None
    with pytest.raises(ReportError) as refused:
        parse_station(store, "quirofano")
    assert "Estación: «quirofano»" in refused.value.message("es") and "triage" in refused.value.message("es")
    assert "choose one of" in refused.value.message("en")


def test_one_pdf_with_every_summary(world, pdf_text, page_count):
    store = world.store
    ids = encounters_of_day(store, DAY1)
    calls = []
    batch = render_visits(store, ids, "es", progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 4) for n in range(1, 5)]
    assert batch.visits == scalar(store, "SELECT count(*) FROM encounters WHERE date(opened_at, '-5 hours') = ?",
                                  [DAY1.isoformat()])
    separate = sum(page_count(render_visit(store, i, "es")) for i in ids)
    assert batch.pages == page_count(batch.pdf) == separate
    text = pdf_text(batch.pdf)
    assert text.count("Resumen de atención") == 4
    assert text.count("José Ángel Mamani Ñahui") >= 2 and "Justina Huamán Condori" in text
    assert text.index("Triaje") < text.index("Pedro Ccori Apaza")  # in the order they were seen


def test_nothing_to_print(world):
    batch = render_visits(world.store, [], "es")
    assert (batch.pdf, batch.visits, batch.pages) == (b"", 0, 0)


def test_a_triage_only_summary_keeps_to_one_page(store, page_count, pdf_text):
    """Every vital sign, no payment yet, a campaign with a long partner line: the closing block (payment
    and signature) stays on the page of the triage rather than alone on a second one."""
    from ayni.core.campaign import campaigns
    from ayni.core.people import patients
    from reportkit import lima, visit

    site = campaigns.new_site("I.E. N.° 38517 Túpac Yupanqui", community="Vilcas Huamán", district="Vilcas Huamán",
                              region="Ayacucho")
    campaign = campaigns.create(store, "Campaña Médica Vilcashuamán 2026", "medical", DAY1, DAY2, site=site,
                                partner="Parroquia San Juan Bautista de Vilcashuamán y Municipalidad Provincial de "
                                        "Vilcas Huamán")
    patient = patients.register(store, {
        "given_names": "Máximo", "paternal_surname": "Pérez", "maternal_surname": "Bautista", "sex": "M",
        "age_years": "55", "id_kind": "dni", "id_number": "17418817", "community": "Saurama",
        "district": "Saurama", "region": "Ayacucho", "language": "es", "phone": "958595857"})
    vitals = {"bp_systolic": 160, "bp_diastolic": 99, "heart_rate": 70, "respiratory_rate": 16,
              "temperature": "36.8", "spo2": 93, "weight": "57.4", "height": "159.4", "glucose": 180}
    triage = visit(store, patient, campaign, "general", "triage", lima(DAY1, 9, 26), ["general.triage"],
                   forms={"general.triage": vitals})
    pdf = render_visits(store, [triage], "es").pdf
    assert page_count(pdf) == 1
    assert "Pago no registrado" in pdf_text(pdf) and "Página 1 de 1" in pdf_text(pdf)
