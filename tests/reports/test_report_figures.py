"""The report's figures against the database, counted with the tests' own SQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ayni.core.documents.reports import build_report

from reportkit import DAY1, DAY2, scalar

LIMA_DAY = "date(opened_at, '-5 hours')"


def _table(report, key):
    table = report.table(key)
    return {row.code or row.label_text("es"): row.values for row in table.rows}, table.total


def test_daily_patients_encounters_and_the_lima_day(world):
    store, campaign = world.store, world.campaign
    report = build_report(store, campaign, DAY1)
    patients = scalar(store, f"SELECT count(DISTINCT patient_id) FROM encounters WHERE campaign_id = ? AND {LIMA_DAY} = ?",
                      [campaign.id, DAY1.isoformat()])
    seen = scalar(store, f"SELECT count(*) FROM encounters WHERE campaign_id = ? AND {LIMA_DAY} = ?",
                  [campaign.id, DAY1.isoformat()])
    assert (report.figure("patients").value, report.figure("encounters").value) == (patients, seen) == (3, 4)
    # the dental exam at 21:30 in Lima is stored on the next UTC day and still counts on day 1
    stored = scalar(store, "SELECT opened_at FROM encounters WHERE id = ?", [world.encounters["abuela_dental"]])
    assert stored.startswith("2026-11-22T02:30")
    by_specialty, total = _table(report, "patients_by_specialty")
    assert by_specialty["dental"] == (1, 1, 0, 1)
    assert by_specialty["general"] == (2, 2, 0, 3)
    assert total.values == (3, 3, 0, 4)


def test_returning_means_seen_on_an_earlier_day_or_campaign(world):
    store, campaign = world.store, world.campaign
    day2 = build_report(store, campaign, DAY2)
    expected = scalar(store, """
        SELECT count(DISTINCT e.patient_id) FROM encounters e WHERE e.campaign_id = ? AND date(e.opened_at, '-5 hours') = ?
        AND EXISTS (SELECT 1 FROM encounters x WHERE x.patient_id = e.patient_id AND date(x.opened_at, '-5 hours') < ?)""",
                      [campaign.id, DAY2.isoformat(), DAY2.isoformat()])
    assert day2.figure("returning").value == expected == 3  # Rosa (2025), Pedro and Justina (day 1)
    assert day2.figure("new").value == 0
    final = build_report(store, campaign, None)
    assert (final.figure("patients").value, final.figure("new").value, final.figure("returning").value) == (4, 3, 1)
    assert final.figure("open").value == 1
    by_specialty, _ = _table(final, "patients_by_specialty")
    assert by_specialty["optometry"] == (1, 1, 0, 1)  # Pedro is new to Ayni in this campaign


def test_age_groups_sex_and_communities(world):
    store, campaign = world.store, world.campaign
    report = build_report(store, campaign, None)
    rows, total = _table(report, "patients_by_age_sex")
    women = scalar(store, "SELECT count(DISTINCT p.id) FROM patients p JOIN encounters e ON e.patient_id = p.id "
                          "WHERE e.campaign_id = ? AND p.sex = 'F'", [campaign.id])
    assert total.values == (women, 4 - women, 4) == (2, 2, 4)
    assert rows["Niño (0–11 años)"] == (0, 1, 1)
    assert rows["Adulto (30–59 años)"] == (1, 1, 2)  # Rosa 52, Pedro 36
    assert rows["Adulto mayor (60 años o más)"] == (1, 0, 1)
    assert dict((label, (f, m)) for label, f, m in report.pyramid)["70–79"] == (1, 0)
    communities, total = _table(report, "patients_by_community")
    assert communities["Ccollpa (Ocongate)"] == (2,)
    assert total.values == (4,)
    assert report.figure("communities").value == scalar(
        store, "SELECT count(DISTINCT p.community || '/' || p.district) FROM patients p JOIN encounters e "
               "ON e.patient_id = p.id WHERE e.campaign_id = ?", [campaign.id])


def test_procedures_by_code_with_labels(world):
    store, campaign = world.store, world.campaign
    report = build_report(store, campaign, DAY1)
    rows, total = _table(report, "procedures")
    expected = dict(store.db.execute(
        "SELECT p.code, sum(p.quantity) FROM procedures p JOIN encounters e ON e.id = p.encounter_id "
        "WHERE e.campaign_id = ? AND date(e.opened_at, '-5 hours') = ? GROUP BY p.code",
        [campaign.id, DAY1.isoformat()]).fetchall())
    assert {code: values[0] for code, values in rows.items()} == expected
    assert expected["general.nebulization"] == 2
    assert total.values[0] == sum(expected.values()) == report.figure("procedures").value == 7
    labels = {r.code: r.label_text("es") for r in report.table("procedures").rows}
    assert labels["general.nebulization"] == "Nebulización"


def test_dispensed_and_referrals(world):
    store, campaign = world.store, world.campaign
    report = build_report(store, campaign, DAY2)
    rows, total = _table(report, "dispensed")
    given = scalar(store, "SELECT -sum(m.quantity) FROM stock_movements m JOIN encounters e ON e.id = m.encounter_id "
                          "WHERE m.kind = 'dispense' AND e.campaign_id = ?", [campaign.id])
    assert total.values[0] == given == report.figure("dispensed").value == 5
    assert rows["general.ors"] == (4, 1) and rows["optometry.readers"] == (1, 1)
    assert build_report(store, campaign, DAY1).figure("dispensed").value == 0
    rows, total = _table(report, "referrals")
    assert rows["hospital:Hospital Regional del Cusco"] == (0, 1, 0, 1)
    assert rows["surgery"] == (1, 0, 0, 1)
    assert total.values[-1] == scalar(store, "SELECT count(*) FROM referrals") == report.figure("referrals").value
    names = {r.code: r.label_text("es") for r in report.table("referrals").rows}
    assert names["hospital:Hospital Regional del Cusco"] == "Hospital Regional del Cusco"
    assert names["surgery"] == "Cirugía"


def test_fees_collected_and_waived(world):
    store, campaign = world.store, world.campaign
    day1 = build_report(store, campaign, DAY1)
    rows, total = _table(day1, "fees")
    cents = dict(store.db.execute(
        "SELECT pay.kind, sum(pay.suggested - pay.amount) FROM payments pay JOIN encounters e ON e.id = pay.encounter_id "
        "WHERE e.campaign_id = ? AND date(e.opened_at, '-5 hours') = ? GROUP BY pay.kind",
        [campaign.id, DAY1.isoformat()]).fetchall())
    waived = Decimal(cents["sliding"] + cents["waiver"]) / 100
    assert day1.figure("waived").value == waived == Decimal("35.00")
    assert rows["sliding.cash"] == (1, Decimal("20.00"), Decimal("10.00"), Decimal("10.00"))
    assert rows["waiver.cash"] == (2, Decimal("25.00"), Decimal("0.00"), Decimal("25.00"))
    assert day1.figure("collected").value == Decimal("10.00")
    # day 2: Rosa's in-kind payment was corrected to cash; only the latest payment counts
    day2 = build_report(store, campaign, DAY2)
    rows, _ = _table(day2, "fees")
    assert rows["full.cash"] == (1, Decimal("25.00"), Decimal("25.00"), Decimal("0.00"))
    assert "full.in_kind" not in rows
    assert day2.figure("collected").value == Decimal("25.00")
    # not paid yet: the open consultation, and Pedro's readers (their fitting, S/ 5.00, came with the hand-out)
    assert rows["unpaid"] == (2, Decimal("20.00"), Decimal("0.00"), None)


def test_plugin_figures_come_from_the_hooks(world):
    store, campaign = world.store, world.campaign
    report = build_report(store, campaign, DAY1)
    sections = {s.specialty: s for s in report.plugin_sections}
    assert {"general", "dental"} <= set(sections)
    assert "surgery" not in sections  # nothing surgical happened: its all-zero tables are left out
    diagnoses = {t.key: t for t in sections["general"].tables}["general.diagnoses"]
    counted = {r.label.es.split(" — ")[0]: r.values[0] for r in diagnoses.rows}
    assert counted == {"J20.9": 1, "T14.1": 1}
    # the core does not repeat the plugins' procedure rows
    assert not any(t.key.endswith(".procedures") for s in report.plugin_sections for t in s.tables)


def test_a_failing_plugin_costs_only_its_own_figures(world):
    from ayni.core import hookimpl

    class Broken:
        @hookimpl
        def ayni_report_rows(self, store, campaign, day):
            raise RuntimeError("división por cero")

    world.store.plugins.pm.register(Broken(), name="broken")
    try:
        report = build_report(world.store, world.campaign, DAY1)
    finally:
        world.store.plugins.pm.unregister(name="broken")
    assert report.figure("patients").value == 3
    assert any("división por cero" in w.es and "broken" in w.en for w in report.warnings)


def test_per_day_chart_data(world):
    report = build_report(world.store, world.campaign, None)
    assert report.days == (DAY1, DAY2, dt.date(2026, 11, 23))
    assert report.per_day[DAY1] == {"general": 2, "dental": 1}
    assert report.per_day[DAY2] == {"general": 2, "optometry": 1}
    daily = build_report(world.store, world.campaign, DAY1)
    assert daily.days == (DAY1,)  # a daily report charts the campaign up to its day
    assert list(report.specialty_names) == ["general", "dental", "optometry"]


def test_a_plugin_titles_its_own_tables_in_both_languages(world):
    from ayni.core import ReportRow, Text, hookimpl
    from ayni.core.documents.reporting import titled

    class Audiology:
        @hookimpl
        def ayni_report_rows(self, store, campaign, day):
            return titled([ReportRow("general", Text("Audiometrías", "Audiometries"), 4, group="hearing"),
                           ReportRow("general", Text("Sin título", "Untitled"), 1, group="loose_ends")],
                          {"hearing": Text("Audición", "Hearing")})

    world.store.plugins.pm.register(Audiology(), name="audiology")
    try:
        report = build_report(world.store, world.campaign, DAY1)
    finally:
        world.store.plugins.pm.unregister(name="audiology")
    titles = {t.key: t.title for s in report.plugin_sections for t in s.tables}
    assert (titles["general.hearing"].es, titles["general.hearing"].en) == ("Audición", "Hearing")
    assert titles["general.loose_ends"].es == "Loose ends"  # no title given: the key, as a last resort


def test_the_built_in_specialties_title_every_table_in_spanish(world):
    report = build_report(world.store, world.campaign, None)
    tables = [t for s in report.plugin_sections for t in s.tables]
    assert len(tables) > 3
    fallback = [t.key for t in tables if t.title.es == t.key.split(".", 1)[1].replace("_", " ").capitalize()]
    assert fallback == []
