"""The aggregate export for the district health office: figures by sex and life-course group, ICD-10
chapters, vaccine doses and referrals, as CSV and as a DHIS2 dataValueSet, on a small campaign whose
counts are known."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import stock
from ayni.core.campaign import campaigns
from ayni.core.clinical import referrals
from ayni.core.clinical.codesearch import chapter_of
from ayni.core.dates import Period
from ayni.core.documents.reports.aggregate import (CSV_HEADINGS, TEMPLATE, aggregate_csv, aggregate_dhis2,
                                                   aggregates_csv, aggregates_dhis2, age_group, build_aggregate,
                                                   build_aggregates, dhis2_period, read_mapping)
from ayni.core.documents.reports.scope import ReportError, aggregate_scope, parse_week
from ayni.core.people import patients
from ayni.core.people import users as accounts
from reportkit import lima, visit

MONDAY, TUESDAY = dt.date(2026, 12, 7), dt.date(2026, 12, 8)  # ISO week 2026-W50
WEEK = Period(MONDAY, MONDAY + dt.timedelta(days=6))


def _person(store, given, sex, birth):
    return patients.register(store, {"given_names": given, "paternal_surname": "Quispe", "maternal_surname": "Huamán",
                                     "sex": sex, "birth_date": birth, "id_kind": "none", "community": "Pomacocha",
                                     "district": "Vilcas Huamán", "region": "Ayacucho", "language": "es",
                                     "guardian_name": "Juana Quispe Huamán", "guardian_relationship": "madre"})


def seed_vilcas(store):
    """Campaign «Vilcas 2026» (7–9 December 2026): six people, nine encounters, known counts."""
    site = campaigns.new_site("Puesto de Salud Pomacocha", district="Vilcas Huamán", region="Ayacucho")
    campaign = campaigns.create(store, "Campaña Vilcas 2026", "medical", MONDAY, dt.date(2026, 12, 9), site=site)
    baby = _person(store, "Luz", "F", "2024-06-01")  # 2 years old: niño, under 5
    boy = _person(store, "Juan", "M", "2014-12-08")  # 11 on Monday, 12 on Tuesday
    teen = _person(store, "Ana", "F", "2010-01-01")  # 16
    young = _person(store, "Luis", "M", "1997-03-03")  # 29
    elder = _person(store, "Teodoro", "M", "1966-12-08")  # 59 on Monday, 60 on Tuesday
    adult = _person(store, "Rosa", "F", "1980-05-05")  # 46
    consult = {"general.consultation": {"chief_complaint": "Control", "plan": "Indicaciones"}}
    for vaccine, lot, expiry in (("penta", "L2301A", "2030-03-31"), ("neumo", "N77", "2030-01-31"),
                                 ("hpv", "H1", "2030-01-31")):
        stock.receive(store, f"general.vaccine_{vaccine}", 10, lot=lot, expiry=dt.date.fromisoformat(expiry))
    e = {}
    e["baby"] = visit(store, baby, campaign, "general", "vaccination", lima(MONDAY, 9), ["general.vaccination"],
                      forms={"general.vaccination": {"doses": "penta 2 L2301A 2030-03-31 mi\nneumo 2 N77 2030-01-31 md"}})
    e["boy_mon"] = visit(store, boy, campaign, "general", "consultation", lima(MONDAY, 10), ["general.consultation"],
                         ["A09", "B86"], consult)
    e["boy_tue"] = visit(store, boy, campaign, "general", "consultation", lima(TUESDAY, 10), ["general.consultation"],
                         ["D17.9"], consult)
    e["teen"] = visit(store, teen, campaign, "general", "vaccination", lima(MONDAY, 11), ["general.vaccination"],
                      forms={"general.vaccination": {"doses": "hpv 1 H1 2030-01-31 bi"}})
    e["young"] = visit(store, young, campaign, "general", "consultation", lima(MONDAY, 23, 30),  # UTC: Tuesday
                       ["general.consultation"], ["D50.9", "J06.9"], consult)
    e["elder_mon"] = visit(store, elder, campaign, "optometry", "screening", lima(MONDAY, 12), ["optometry.screening"])
    e["elder_tue"] = visit(store, elder, campaign, "general", "consultation", lima(TUESDAY, 9), ["general.consultation"],
                           ["D64.9", "D25.9"], consult)
    e["adult"] = visit(store, adult, campaign, "dental", "exam", lima(TUESDAY, 15), ["dental.exam"])
    e["outside"] = visit(store, adult, campaign, "general", "consultation", lima(dt.date(2026, 12, 14), 9),
                         ["general.consultation"], ["A09"], consult)  # the next week
    referrals.refer(store, e["elder_mon"], "surgery", "Catarata", urgency="routine")
    referrals.refer(store, e["elder_tue"], "hospital:Hospital de Apoyo Vilcas Huamán", "Anemia", urgency="priority")
    referrals.refer(store, e["boy_tue"], "hospital:Hospital Regional de Ayacucho", "Control", urgency="routine")
    return store, campaign


@pytest.fixture
def vilcas(store):
    """The store and campaign of :func:`seed_vilcas`."""
    return seed_vilcas(store)


@pytest.mark.parametrize("code, chapter", [
    ("A00", "I"), ("B99", "I"), ("C00", "II"), ("D48", "II"), ("D49", None), ("D50", "III"), ("D89.9", "III"),
    ("D90", None), ("E90", "IV"), ("H59", "VII"), ("H60", "VIII"), ("K93", "XI"), ("K94", None), ("P96", "XVI"),
    ("T98", "XIX"), ("V01", "XX"), ("Y98", "XX"), ("Z99", "XXI"), ("U07.1", "XXII")])
def test_icd10_chapters_at_their_boundaries(code, chapter):
    found = chapter_of(code)
    assert (found[0] if found else None) == chapter


@pytest.mark.parametrize("age, group", [(0, "0-11"), (4, "0-11"), (11, "0-11"), (12, "12-17"), (17, "12-17"),
                                        (18, "18-29"), (29, "18-29"), (30, "30-59"), (59, "30-59"), (60, "60+"),
                                        (104, "60+"), (None, "unknown")])
def test_life_course_groups(age, group):
    assert age_group(age) == group


def test_the_figures_of_a_week(vilcas):
    store, campaign = vilcas
    figures = build_aggregate(store, campaign, WEEK)
    v = figures.value
    # Monday: baby F 0-11, boy M 0-11, teen F 12-17, young M 18-29 (23:30 Lima), elder M 30-59;
    # Tuesday: boy M 12-17, elder M 60+, adult F 30-59; the next week's encounter is out
    assert (v("consultations", "F.0-11"), v("consultations", "F.12-17"), v("consultations", "F.30-59")) == (1, 1, 1)
    assert (v("consultations", "M.0-11"), v("consultations", "M.12-17"), v("consultations", "M.18-29"),
            v("consultations", "M.30-59"), v("consultations", "M.60+")) == (1, 1, 1, 1, 1)
    assert sum(x.value for x in figures.values if x.data_element == "consultations") == 8
    assert (v("consultations_under_5", "F"), v("consultations_under_5", "M")) == (1, 0)
    assert [(x.combo, x.value) for x in figures.values if x.data_element == "diagnoses"] == [
        ("chapter.I", 2), ("chapter.II", 2), ("chapter.III", 2), ("chapter.X", 1)]
    assert {(x.data_element, x.combo): x.value for x in figures.values if x.data_element.startswith("vaccine.")} == {
        ("vaccine.general.penta", "dose.2"): 1, ("vaccine.general.neumo", "dose.2"): 1,
        ("vaccine.general.hpv", "dose.1"): 1}
    assert (v("referrals", "internal.surgery"), v("referrals", "external")) == (1, 2)
    assert build_aggregate(store, campaign, Period(TUESDAY, TUESDAY)).value("consultations", "M.60+") == 1


def test_a_coordinator_who_may_not_read_notes_counts_the_same_doses(vilcas):
    store, campaign = vilcas
    doses = [v for v in build_aggregate(store, campaign, WEEK).values if v.data_element.startswith("vaccine.")]
    accounts.add(store, "Ana", "admin", "1234")
    accounts.login(store, "Ana", "1234")
    accounts.add(store, "Coord", "coordinator", "6666")
    accounts.login(store, "Coord", "6666")
    assert not accounts.may(store, "clinical.read")
    assert [v for v in build_aggregate(store, campaign, WEEK).values if v.data_element.startswith("vaccine.")] == doses
    assert len(doses) == 3


def test_the_csv_layout_is_one_figure_a_line(vilcas):
    store, campaign = vilcas
    data, left_out = aggregate_csv(build_aggregate(store, campaign, WEEK))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == CSV_HEADINGS == ("period", "org_unit", "data_element", "category_option_combo", "value")
    assert left_out == 0 and {r[0] for r in rows[1:]} == {"2026W50"}
    assert {r[1] for r in rows[1:]} == {"Puesto de Salud Pomacocha"}
    assert ["2026W50", "Puesto de Salud Pomacocha", "referrals", "external", "2"] in rows
    data, _ = aggregate_csv(build_aggregate(store, campaign, Period(MONDAY, TUESDAY)))
    assert data.decode("utf-8-sig").splitlines()[1].startswith("2026-12-07/2026-12-08;")


def _filled(tmp_path, **blank):
    """The template with every placeholder replaced by a made-up code; ``blank`` codes set to ``""``."""
    text = TEMPLATE.read_text(encoding="utf-8").replace('"REEMPLAZAR-', '"uid-')
    for code in blank.values():
        text = text.replace(f'"{code}" = "uid-{code}"', f'"{code}" = ""')
    path = tmp_path / "mapeo.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_dhis2_data_value_set(vilcas, tmp_path):
    store, campaign = vilcas
    figures = build_aggregate(store, campaign, WEEK)
    data, left_out = aggregate_dhis2(figures, read_mapping(_filled(tmp_path, chapter="chapter.X")))
    body = json.loads(data)
    assert list(body) == ["dataSet", "period", "orgUnit", "dataValues"]
    assert (body["dataSet"], body["period"], body["orgUnit"]) == ("uid-dataSet", "2026W50", "uid-orgUnit")
    assert left_out == 1 and len(body["dataValues"]) == len(figures.values) - 1
    assert {"dataElement": "uid-vaccine.general.hpv", "categoryOptionCombo": "uid-dose.1", "value": "1"} in body["dataValues"]
    assert all(set(d) == {"dataElement", "categoryOptionCombo", "value"} and isinstance(d["value"], str)
               for d in body["dataValues"])
    again, _ = aggregate_dhis2(build_aggregate(store, campaign, WEEK), read_mapping(_filled(tmp_path, chapter="chapter.X")))
    assert again == data  # the same figures make the same file, byte for byte


def test_dhis2_periods():
    assert dhis2_period(Period(MONDAY, MONDAY)) == "20261207"
    assert dhis2_period(parse_week("2026-W09")) == "2026W9"
    assert dhis2_period(parse_week("2026-W53")) == "2026W53"
    assert dhis2_period(Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28))) == "202602"
    with pytest.raises(ReportError) as refused:
        dhis2_period(Period(MONDAY, TUESDAY))
    assert "DHIS2 takes a day, an ISO week (Monday to Sunday) or a calendar month" in refused.value.message("en")


def test_an_unfilled_mapping_is_refused_naming_the_codes(vilcas, tmp_path):
    store, campaign = vilcas
    template = tmp_path / "plantilla.toml"
    template.write_bytes(TEMPLATE.read_bytes())
    with pytest.raises(ReportError) as refused:
        aggregate_dhis2(build_aggregate(store, campaign, WEEK), read_mapping(template))
    assert refused.value.message("es").startswith("Correspondencia (--mapping): faltan ")
    assert "dataSet, orgUnit" in refused.value.message("en")
    (tmp_path / "roto.toml").write_text("dataSet = [", encoding="utf-8")
    with pytest.raises(ReportError) as refused:
        read_mapping(tmp_path / "roto.toml")
    assert refused.value.message("en").startswith("Mapping (--mapping): «")


def test_the_command_as_a_coordinator_runs_it(tmp_path):
    from ayni.core import open_store

    path = tmp_path / "ayni.db"
    store = open_store(path, user="Lic. Teresa Quispe")
    seed_vilcas(store)
    store.close()

    def run(*args, lang="es"):
        return CliRunner().invoke(main, ["--db", str(path), "--lang", lang, "--user", "coord", *args])

    result = run("report", "aggregate-template", "-o", str(tmp_path / "plantilla.toml"))
    assert result.exit_code == 0 and "REEMPLAZAR" in result.output
    out = tmp_path / "cifras.csv"
    result = run("report", "aggregate", "--from", "2026-12-07", "--to", "2026-12-13", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = out.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert result.output == f"{len(rows)} cifras agregadas guardadas: {out}\n"
    first = out.read_bytes()
    assert run("report", "aggregate", "--week", "2026-W50", "-o", str(out)).exit_code == 0 and out.read_bytes() == first
    result = run("report", "aggregate", "--week", "2026-W50", "--format", "dhis2", "-o", str(tmp_path / "x.json"))
    assert result.exit_code != 0 and result.output.startswith("Error: Correspondencia (--mapping): el formato dhis2")
    result = run("report", "aggregate", "--from", "2026-12-07", "--to", "2026-12-08", "--format", "dhis2",
                 "--mapping", str(_filled(tmp_path)), "-o", str(tmp_path / "x.json"), lang="en")
    assert result.exit_code != 0 and result.output.startswith("Error: Period: DHIS2 takes a day"), result.output
    result = run("report", "aggregate", "--week", "2026-W50", "--format", "xml", "-o", str(tmp_path / "x.xml"))
    assert result.output.startswith("Error: Formato: «xml» no es válido; elija csv o dhis2.")
    assert "Traceback" not in result.output


def test_encounter_records_read_together_are_those_read_one_by_one(world):
    from ayni.core.clinical.encounters import encounter_records, get_encounter_record

    store = world.store
    together = encounter_records(store, "e.campaign_id IN (?, ?)", [world.campaign.id, world.earlier.id])
    ids = [row[0] for row in store.db.execute("SELECT id FROM encounters ORDER BY id").fetchall()]
    assert [r.encounter.id for r in together] == ids
    assert together == [get_encounter_record(store, i) for i in ids]
    assert any(r.payment for r in together) and any(r.forms for r in together) and any(r.diagnoses for r in together)


def seed_second_campaign(store):
    """«Campaña Vilcas Sur 2026» at another post, working the Wednesday and Thursday of the same week."""
    site = campaigns.new_site("Puesto de Salud Saurama", district="Saurama", region="Ayacucho")
    south = campaigns.create(store, "Campaña Vilcas Sur 2026", "medical", dt.date(2026, 12, 9), dt.date(2026, 12, 10),
                             site=site)
    girl, man = _person(store, "Flor", "F", "2023-01-01"), _person(store, "Ciro", "M", "1950-02-02")
    consult = {"general.consultation": {"chief_complaint": "Control", "plan": "Indicaciones"}}
    for who, day, codes in ((girl, dt.date(2026, 12, 9), ["A09"]), (man, dt.date(2026, 12, 10), ["J06.9", "I10"]),
                            (man, dt.date(2026, 12, 9), ["A09"])):
        visit(store, who, south, "general", "consultation", lima(day, 10), ["general.consultation"], codes, consult)
    return south


def _rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))


def test_one_file_for_every_campaign_of_the_period_adds_up(tmp_path):
    from ayni.core import open_store

    path = tmp_path / "ayni.db"
    store = open_store(path, user="Lic. Teresa Quispe")
    _, vilcas = seed_vilcas(store)
    south = seed_second_campaign(store)
    store.close()

    def run(*args, lang="es"):
        return CliRunner().invoke(main, ["--db", str(path), "--lang", lang, "--user", "coord", "report", "aggregate",
                                         "--week", "2026-W50", *args])

    result = run("-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 1 and "trabajaron varias campañas" in result.output and "--campaign all" in result.output
    both = tmp_path / "todas.csv"
    result = run("--campaign", "all", "-o", str(both))
    assert result.exit_code == 0, result.output
    rows = _rows(both)
    assert tuple(rows[0]) == ("period", "org_unit", "campaign", "data_element", "category_option_combo", "value")
    assert result.output == f"{len(rows)} cifras agregadas guardadas: {both}\n"
    assert {(r["org_unit"], r["campaign"]) for r in rows} == {("Puesto de Salud Pomacocha", "Campaña Vilcas 2026"),
                                                              ("Puesto de Salud Saurama", "Campaña Vilcas Sur 2026")}
    for campaign in (vilcas, south):
        alone = tmp_path / f"{campaign.id}.csv"
        assert run("--campaign", campaign.id[:8], "-o", str(alone)).exit_code == 0
        assert [{k: v for k, v in r.items() if k != "campaign"} for r in rows if r["campaign"] == campaign.name] == \
            _rows(alone)
    totals: Counter = Counter()
    for r in rows:
        totals[(r["data_element"], r["category_option_combo"])] += int(r["value"])
    assert totals[("consultations", "M.60+")] == 1 + 2 and totals[("consultations", "F.0-11")] == 1 + 1
    assert totals[("diagnoses", "chapter.I")] == 2 + 2 and sum(totals.values()) == sum(int(r["value"]) for r in rows)


def test_every_campaign_in_one_data_value_set(vilcas, tmp_path):
    store, campaign = vilcas
    south = seed_second_campaign(store)
    figures = build_aggregates(store, aggregate_scope(store, WEEK, "all"), WEEK)
    assert [f.campaign.id for f in figures] == [campaign.id, south.id]  # the first to start first
    mapping = _filled(tmp_path)
    with pytest.raises(ReportError) as refused:
        aggregates_dhis2(figures, read_mapping(mapping))
    assert f"attributeOptionCombos.{campaign.id[:8]}, attributeOptionCombos.{south.id[:8]}" in refused.value.message("en")
    with mapping.open("a", encoding="utf-8") as file:
        file.write(f'\n[attributeOptionCombos]\n"{campaign.id[:8]}" = "aoc-vilcas"\n"{south.id}" = "aoc-sur"\n')
    data, left_out = aggregates_dhis2(figures, read_mapping(mapping))
    body = json.loads(data)
    assert left_out == 0 and body["period"] == "2026W50" and body["orgUnit"] == "uid-orgUnit"
    by_campaign = Counter()
    for d in body["dataValues"]:
        by_campaign[d["attributeOptionCombo"]] += int(d["value"])
    assert by_campaign == {"aoc-vilcas": sum(v.value for v in figures[0].values),
                           "aoc-sur": sum(v.value for v in figures[1].values)}
    table, _ = aggregates_csv(figures, read_mapping(mapping))
    lines = list(csv.reader(io.StringIO(table.decode("utf-8-sig")), delimiter=";"))[1:]
    assert {(r[1], r[2]) for r in lines} == {("uid-orgUnit", "aoc-vilcas"), ("uid-orgUnit", "aoc-sur")}
    one, _ = aggregate_dhis2(figures[0], read_mapping(mapping))
    assert [d["value"] for d in json.loads(one)["dataValues"]] == [
        d["value"] for d in body["dataValues"] if d["attributeOptionCombo"] == "aoc-vilcas"]
