"""The reports as CSV: parsed back and checked against the database."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from ayni.core.documents.reports import build_report
from ayni.core.documents.reports.csvfile import report_csv
from ayni.core.people import patients
from reportkit import DAY1, lima, scalar, visit


def _parse(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheets read ñ and á
    assert data.count(b"\r\n") == data.count(b"\n")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def _value(rows, section, code, measure=None) -> str:
    found = [r["value"] if "value" in r else r["valor"] for r in rows
             if (r.get("section") or r.get("seccion")) == section and (r.get("code") or r.get("codigo")) == code
             and (measure is None or (r.get("measure") or r.get("medida")) == measure)]
    assert len(found) == 1, (section, code, measure, found)
    return found[0]


def test_daily_csv_in_english(world):
    store, campaign = world.store, world.campaign
    rows = _parse(report_csv(build_report(store, campaign, DAY1), "en"))
    assert list(rows[0]) == ["section", "title", "code", "item", "measure", "value"]
    assert _value(rows, "report", "day") == "2026-11-21"
    assert _value(rows, "report", "campaign") == "Campaña Ocongate 2026"
    patients = scalar(store, "SELECT count(DISTINCT patient_id) FROM encounters WHERE campaign_id = ? "
                             "AND date(opened_at, '-5 hours') = ?", [campaign.id, DAY1.isoformat()])
    assert int(_value(rows, "headline", "patients")) == patients
    neb = scalar(store, "SELECT sum(p.quantity) FROM procedures p JOIN encounters e ON e.id = p.encounter_id "
                        "WHERE p.code = 'general.nebulization' AND e.campaign_id = ? "
                        "AND date(e.opened_at, '-5 hours') = ?", [campaign.id, DAY1.isoformat()])
    assert int(_value(rows, "procedures", "general.nebulization", "Number")) == neb == 2
    assert Decimal(_value(rows, "fees", "total", "Waived").replace(",", ".")) == Decimal("35.00")
    assert _value(rows, "headline", "waived") == "35,00"
    assert int(_value(rows, "patients_by_specialty", "dental", "New")) == 1
    assert any(r["section"] == "general.diagnoses" and r["item"].startswith("J20.9") for r in rows)


def test_final_csv_in_spanish_has_spreadsheet_numbers(world):
    rows = _parse(report_csv(build_report(world.store, world.campaign, None), "es"))
    assert list(rows[0]) == ["seccion", "titulo", "codigo", "item", "medida", "valor"]
    assert _value(rows, "headline", "returning") == "1"
    for row in rows:
        if row["seccion"] not in ("report",):
            assert "." not in row["valor"] and "S/" not in row["valor"], row  # no grouping, decimal comma
    assert any(r["item"] == "Niño (0–11 años)" for r in rows)
    # Rosa's 2026 consultation (S/ 25.00) in this campaign; her 2025 payment belongs to the earlier one
    assert _value(rows, "fees", "full.cash", "Pagado") == "25,00"


def test_a_place_named_like_a_formula_stays_text(world):
    person = patients.register(world.store, {
        "given_names": "Ana", "paternal_surname": "Quispe", "maternal_surname": "Turpo", "sex": "F", "age_years": "30",
        "id_kind": "none", "community": "=1+2", "district": "@SUMA(A1)"})
    visit(world.store, person, world.campaign, "general", "consultation", lima(DAY1, 15), ["general.consultation"])
    rows = _parse(report_csv(build_report(world.store, world.campaign, DAY1), "es"))
    communities = [r["item"] for r in rows if r["seccion"] == "patients_by_community"]
    assert "'=1+2 (@SUMA(A1))" in communities
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for v in r.values())
