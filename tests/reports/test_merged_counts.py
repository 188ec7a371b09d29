"""A merged person counts once: two records of one person, each seen once at every specialty,
count as two patients until they are merged, as one once merged, and as two again when the merge is
undone — in the daily report, the final report, the chart per day and every plugin's own figure of
patients, and on the coordinator's dashboard."""

from __future__ import annotations

import pytest

from ayni.core.campaign import campaigns, stations
from ayni.core.dates import today_in_lima
from ayni.core.documents.reports import figures
from ayni.core.documents.reports.csvfile import report_csv
from ayni.core.people import merges, patients
from reportkit import lima, visit

TODAY = today_in_lima()  # the reports and the dashboard count Lima's days, whatever the UTC date
ROSA = {"given_names": "Rosa Elena", "paternal_surname": "Núñez", "maternal_surname": "Quispe", "sex": "F",
        "birth_date": "1974-05-12", "id_kind": "dni", "id_number": "45678912", "community": "Ccollpa"}
#: Each specialty's figure of patients: (plugin, group, label in Spanish).
PLUGIN_FIGURES = (("dental", "patients", "Pacientes de 18 a 59 años"), ("optometry", "patients", "Pacientes examinados"),
                  ("physio", "sessions", "Pacientes en tratamiento"),
                  ("physio", "patients_by_category", "Dolor musculoesquelético"))


@pytest.fixture
def two_records(store):
    """Rosa registered twice (once with her DNI, once without), each record seen once at dentistry,
    optometry, physiotherapy and general medicine today: the store, the campaign, both records."""
    campaign = campaigns.create(store, "Campaña Ccollpa", "medical", TODAY, TODAY)
    kept = patients.register(store, ROSA)
    duplicate = patients.register(store, {**ROSA, "id_kind": "none", "id_number": "", "given_names": "Rosa"})
    when = lima(TODAY, 9)
    for record in (kept, duplicate):
        visit(store, record, campaign, "dental", "exam", when, ["dental.fluoride"])
        visit(store, record, campaign, "optometry", "exam", when)
        visit(store, record, campaign, "physio", "assessment", when,
              forms={"physio.assessment": {"category": "musculoskeletal", "pain": "3"}})
        visit(store, record, campaign, "physio", "treatment", when,
              forms={"physio.session": {"techniques": "stretching"}})
        visit(store, record, campaign, "general", "consultation", when, ["general.consultation"])
    return store, campaign, kept, duplicate


def _plugin_figure(report, plugin: str, group: str, label: str) -> int:
    section = next(s for s in report.plugin_sections if s.specialty == plugin)
    table = next(t for t in section.tables if t.key.endswith(group))
    return next(row.values[0] for row in table.rows if row.label_text("es").startswith(label))


def patients_counted(store, campaign) -> dict[str, int]:
    """Every figure of patients, by where it is shown."""
    day, final = figures.build_report(store, campaign, TODAY), figures.build_report(store, campaign, None)
    counted = {"day": day.figure("patients").value, "final": final.figure("patients").value,
               "by_specialty": final.table("patients_by_specialty").total.values[0],
               "age_sex": final.table("patients_by_age_sex").total.values[-1],
               "per_day_dental": final.per_day[TODAY]["dental"],
               "procedure_fluoride": next(r.values[1] for r in final.table("procedures").rows if r.code == "dental.fluoride")}
    for plugin, group, label in PLUGIN_FIGURES:
        counted[f"{plugin}.{label}"] = _plugin_figure(day, plugin, group, label)
    board = {c.station.key: c.done_today for c in stations.board(store, campaign.id)}
    counted["board_dental"], counted["board_registration"] = board["dental:exam"], board["registration"]
    return counted


def test_two_records_of_one_person_count_once_merged_and_twice_again_unmerged(two_records):
    store, campaign, kept, duplicate = two_records
    assert set(patients_counted(store, campaign).values()) == {2}

    merges.merge(store, kept.id, duplicate.id)
    assert patients_counted(store, campaign) == dict.fromkeys(patients_counted(store, campaign), 1)
    csv = report_csv(figures.build_report(store, campaign, TODAY), "es").decode()
    assert "Total (cada paciente una vez);Pacientes;1\r\n" in csv

    merges.unmerge(store, duplicate.id)
    assert set(patients_counted(store, campaign).values()) == {2}


def test_the_kept_record_says_who_the_person_is(two_records):
    """Sex, age and community come from the kept record, not from whichever record was seen."""
    store, campaign, kept, duplicate = two_records
    merges.merge(store, duplicate.id, kept.id)  # keep the record without a document: its name is «Rosa»
    [(pid, seen)] = figures.patients_seen(figures._Scope(store, campaign, TODAY)).items()
    assert pid == duplicate.id and (seen.sex, seen.birth, seen.community) == ("F", "1974-05-12", "Ccollpa")
