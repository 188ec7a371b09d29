"""The daily and final reports as PDF: their text is checked against the database."""

from __future__ import annotations

import datetime as dt
import re

from ayni.core.documents.reports import build_report
from ayni.core.documents.reports.document import BLOCK_ROWS, figure_text, render_report, table_context
from ayni.core.documents.reports.formatting import format_count
from reportkit import DAY1, DAY2, scalar

PRINTED = dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.timezone.utc)  # 22:00 on 21 November in Lima


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_daily_report_in_spanish(world, pdf_text):
    store, campaign = world.store, world.campaign
    report = build_report(store, campaign, DAY1)
    text = _flat(pdf_text(render_report(report, "es", printed_at=PRINTED)))
    patients = scalar(store, "SELECT count(DISTINCT patient_id) FROM encounters WHERE campaign_id = ? "
                             "AND date(opened_at, '-5 hours') = ?", [campaign.id, DAY1.isoformat()])
    assert f"{patients} pacientes atendidos" in text
    assert "4 atenciones ambulatorias" in text
    assert "7 procedimientos" in text
    assert "S/ 10.00 recaudados en efectivo" in text and "S/ 35.00 exonerados o rebajados" in text
    assert "Informe diario de la campaña" in text and "sábado, 21 de noviembre de 2026" in text
    assert "Campaña Ocongate 2026" in text and "Parroquia Santa Ana de Ocongate" in text
    assert "Impreso: 21 de noviembre de 2026, 22:00" in text
    assert "Nebulización" in text and "general.nebulization" in text
    assert "Ccollpa (Ocongate)" in text and "Niño (0–11 años)" in text
    assert "Escala reducida, en efectivo" in text and "S/ 20.00" in text
    # the charts: the legend names the specialties, the axis the days, the pyramid both sexes
    assert "Odontología" in text and "21 nov" in text and "Hombres" in text and "Mujeres" in text
    assert "Medicina general" in text  # and the plugin's own section
    assert "J20.9" in text


def test_final_report_in_english(world, pdf_text):
    report = build_report(world.store, world.campaign, None)
    text = _flat(pdf_text(render_report(report, "en")))
    assert "Final campaign report" in text and "Whole campaign: 21–23 November 2026" in text
    assert "4 patients seen" in text and "7 outpatient consultations" in text
    assert "3 new patients" in text and "1 returning patient" in text and "1 encounter still open" in text
    assert "5 items handed out" in text and "2 referrals" in text
    assert "Hospital Regional del Cusco" in text and "Reading glasses" in text
    assert "22 Nov" in text and "PATIENTS PER DAY BY SPECIALTY" in text  # headings are set in capitals


def test_headline_numbers_as_people_quote_them():
    from ayni.core import Text
    from ayni.core.documents.reports import Figure

    many = Figure("encounters", 1690, Text("{n} consulta", "{n} consultation"),
                  Text("{n} consultas ambulatorias", "{n} outpatient consultations"))
    assert figure_text(many, "es") == "1,690 consultas ambulatorias"
    assert figure_text(many, "en") == "1,690 outpatient consultations"
    one = Figure("x", 1, Text("{n} referencia", "{n} referral"), Text("{n} referencias", "{n} referrals"))
    assert figure_text(one, "es") == "1 referencia"
    assert format_count(1234567) == "1,234,567"


def test_long_tables_are_cut_into_blocks():
    from ayni.core import Text
    from ayni.core.documents.reports import Column, Row, Table

    rows = tuple(Row(f"Comunidad {i}", (i,)) for i in range(BLOCK_ROWS * 2 + 5))
    table = Table("t", Text("T", "T"), Text("C", "C"), (Column(Text("N", "N")),), rows, Row(Text("Total", "Total"), (1,)))
    blocks = table_context(table, "es")["blocks"]
    assert [len(b) for b in blocks] == [BLOCK_ROWS, BLOCK_ROWS, 5]


def test_a_day_with_nobody_prints_zeros(world, pdf_text):
    report = build_report(world.store, world.campaign, dt.date(2026, 11, 23))
    text = _flat(pdf_text(render_report(report, "es")))
    assert "0 pacientes atendidos" in text and "Sin registros." in text
    assert "No se registraron operaciones." in text


def test_daily_report_of_day_two_counts_returning(world, pdf_text):
    text = _flat(pdf_text(render_report(build_report(world.store, world.campaign, DAY2), "es")))
    assert "3 pacientes continuadores" in text and "0 pacientes nuevos" in text
    assert "Sin pago registrado 2 S/ 20.00" in text  # the open consultation and Pedro's readers fitting
