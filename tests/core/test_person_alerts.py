"""A person's alerts (allergies, a pregnancy, chronic conditions): recorded once for the person,
never overwritten (a correction or a resolution is a new revision, attributed and audited),
refused by field, shown on one line, and the pregnancy status prescribing asks for."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.core import ValidationError, pregnancy_status
from ayni.core.dates import today_in_lima
from ayni.core.people import alerts, merges, patients

TODAY = today_in_lima()


def _condition(store, patient, text="Diabetes", **more):
    return alerts.record(store, patient.id, {"kind": "condition", "text": text, **more})


def test_an_alert_is_recorded_once_for_the_person(store, patient):
    first = _condition(store, patient, code="e11.9")
    again = alerts.record(store, patient.id, {"kind": "condition", "text": "diabetes", "code": "E11.9"})
    assert again == first and first.code == "E11.9" and first.revision == 1
    assert [a.text for a in alerts.of_person(store, patient.id)] == ["Diabetes"]
    assert first.recorded_by == store.user.id
    assert [e["action"] for e in store.audit(first.id)] == ["insert"]


def test_a_correction_and_a_resolution_are_new_revisions_and_the_old_stay(store, patient):
    alert = _condition(store, patient, text="Epilepsa")
    fixed = alerts.correct(store, alert.alert_id, {"text": "Epilepsia", "code": "G40.9"})
    gone = alerts.resolve(store, alert.alert_id, "registrada por error en otra persona")
    assert [(a.revision, a.text, a.status) for a in alerts.history(store, alert.alert_id)] == [
        (1, "Epilepsa", "active"), (2, "Epilepsia", "active"), (3, "Epilepsia", "resolved")]
    assert fixed.id != alert.id and gone.note == "registrada por error en otra persona"
    assert alerts.of_person(store, patient.id) == []
    assert alerts.of_person(store, patient.id, include_resolved=True) == [gone]
    with pytest.raises(ValidationError) as refused:
        alerts.resolve(store, alert.alert_id)
    assert "ya está resuelta" in refused.value.message("es")


def test_the_table_refuses_an_update_or_a_delete(store, patient):
    alert = _condition(store, patient)
    for sql in ("UPDATE patient_alerts SET text = 'x'", "DELETE FROM patient_alerts"):
        with pytest.raises(sqlite3.DatabaseError):
            store.db.execute(sql)
    assert alerts.history(store, alert.alert_id) == [alert]


@pytest.mark.parametrize(("raw", "field", "said"), [
    ({"kind": "allergy"}, "text", "Alerta"),
    ({"kind": "condition", "text": "Diabetes", "code": "diabetes"}, "code", "CIE-10"),
    ({"kind": "allergy", "text": "penicilina", "code": "I10"}, "code", "solo para una enfermedad crónica"),
    ({"kind": "condition", "text": "HTA", "weeks": "12"}, "weeks", "solo para un embarazo"),
    ({"kind": "pregnancy", "weeks": "50"}, "weeks", "44"),
    ({"kind": "pregnancy", "lmp": (TODAY - dt.timedelta(weeks=50)).isoformat()}, "lmp", "FUR"),
    ({"kind": "tumour", "text": "x"}, "kind", "Tipo de alerta"),
    ({"kind": "allergy", "text": "a" * 301}, "text", "300"),
])
def test_bad_input_is_refused_by_field_and_nothing_is_written(store, patient, raw, field, said):
    with pytest.raises(ValidationError) as refused:
        alerts.record(store, patient.id, raw)
    assert field in refused.value.fields()
    assert said in refused.value.message("es")
    assert store.db["patient_alerts"].count == 0


def test_the_header_line_is_compact_and_bilingual(store, patient):
    alerts.record(store, patient.id, {"kind": "allergy", "text": "penicilinas (amoxicilina, ampicilina…)"})
    alerts.record(store, patient.id, {"kind": "pregnancy", "weeks": "12"})
    _condition(store, patient, text="diabetes")
    found = alerts.of_person(store, patient.id)
    assert alerts.summary(found, "es") == "⚠ Alergias: penicilinas · Embarazo 12 sem · Diabetes"
    assert alerts.summary(found, "en") == "⚠ Allergies: penicilinas · Pregnant 12 wk · Diabetes"
    assert alerts.summary(found, "es", on=TODAY + dt.timedelta(weeks=2)).count("Embarazo 14 sem") == 1
    short = alerts.summary(found, "es", width=30)
    assert len(short) == 30 and short.endswith("…")
    assert alerts.summary([], "es") == ""


def test_a_merged_duplicates_alerts_are_the_kept_persons(store, patient):
    twin = patients.register(store, {"given_names": "Rosa", "paternal_surname": "Núñez", "maternal_surname": "Quispe",
                                     "sex": "F", "age_years": 52, "id_kind": "none"})
    alerts.record(store, twin.id, {"kind": "allergy", "text": "sulfas"})
    merges.merge(store, patient.id, twin.id)
    assert [a.text for a in alerts.of_person(store, patient.id)] == ["sulfas"]


# -- pregnancy status for prescribing -------------------------------------------------------------


def test_nothing_recorded_is_unknown_never_a_guess(store, patient):
    assert pregnancy_status(store, patient.id) == alerts.PregnancyStatus(alerts.UNKNOWN)


@pytest.mark.parametrize(("weeks", "trimester"), [(4, 1), (13, 1), (14, 2), (27, 2), (28, 3), (40, 3)])
def test_the_trimester_follows_the_weeks(store, patient, weeks, trimester):
    alerts.record(store, patient.id, {"kind": "pregnancy", "weeks": str(weeks)})
    status = pregnancy_status(store, patient.id)
    assert (status.state, status.weeks, status.trimester) == (alerts.PREGNANT, weeks, trimester)
    assert status.pregnant


def test_the_weeks_grow_from_the_last_period_and_a_long_past_record_is_unknown(store, patient):
    alerts.record(store, patient.id, {"kind": "pregnancy", "lmp": (TODAY - dt.timedelta(weeks=10)).isoformat()})
    assert pregnancy_status(store, patient.id).weeks == 10
    later = pregnancy_status(store, patient.id, on=TODAY + dt.timedelta(weeks=20))
    assert (later.weeks, later.trimester) == (30, 3)
    assert pregnancy_status(store, patient.id, on=TODAY + dt.timedelta(weeks=40)).state == alerts.UNKNOWN


def test_a_pregnancy_without_weeks_is_pregnant_with_the_trimester_unknown(store, patient):
    alerts.record(store, patient.id, {"kind": "pregnancy"})
    status = pregnancy_status(store, patient.id)
    assert (status.state, status.weeks, status.trimester) == (alerts.PREGNANT, None, None)
    assert pregnancy_status(store, patient.id, on=TODAY + dt.timedelta(weeks=45)).state == alerts.UNKNOWN


def test_a_resolved_pregnancy_is_not_pregnant_for_a_week_then_unknown(store, patient):
    pregnancy = alerts.record(store, patient.id, {"kind": "pregnancy", "weeks": "8"})
    alerts.resolve(store, pregnancy.alert_id, "prueba negativa")
    assert pregnancy_status(store, patient.id).state == alerts.NOT_PREGNANT
    on = TODAY + dt.timedelta(days=alerts.NOT_PREGNANT_DAYS + 1)
    assert pregnancy_status(store, patient.id, on=on).state == alerts.UNKNOWN


def test_a_second_pregnancy_record_with_new_weeks_is_a_revision(store, patient):
    first = alerts.record(store, patient.id, {"kind": "pregnancy", "weeks": "8"})
    second = alerts.record(store, patient.id, {"kind": "pregnancy", "weeks": "9"})
    assert second.alert_id == first.alert_id and second.revision == 2
    assert alerts.record(store, patient.id, {"kind": "pregnancy"}) == second  # no weeks: nothing new


def test_an_alert_in_full_says_weeks_trimester_and_when_it_was_recorded(store, patient):
    from ayni.core.dates import format_date

    pregnancy = alerts.record(store, patient.id, {"kind": "pregnancy", "weeks": "12"})
    today = format_date(pregnancy.recorded_on, "es")
    assert alerts.described(pregnancy, "es") == f"Embarazo, 12 sem (1.º trimestre), registrado {today}"
    assert alerts.described(pregnancy, "es", on=TODAY + dt.timedelta(weeks=3)).startswith(
        "Embarazo, 15 sem (2.º trimestre)")
    assert alerts.described(pregnancy, "en").startswith("Pregnancy, 12 wk (trimester 1), recorded ")
    diabetes = _condition(store, patient, code="E11.9", note="metformina")
    assert alerts.described(diabetes, "es") == f"Diabetes (E11.9), registrado {today}, metformina"


@settings(derandomize=True, max_examples=60, deadline=None)
@given(texts=st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=6), width=st.integers(10, 120),
       lang=st.sampled_from(["es", "en"]))
def test_the_header_line_never_passes_its_width(texts, width, lang):
    found = [alerts.PersonAlert(id=str(i), alert_id=str(i), revision=1, patient_id="p", kind=alerts.CONDITION, text=t)
             for i, t in enumerate(texts)]
    line = alerts.summary(found, lang, width=width)
    assert line.startswith("⚠") and len(line) <= width


@settings(derandomize=True, max_examples=60, deadline=None)
@given(weeks=st.integers(0, alerts.MAX_GESTATION_WEEKS), more=st.integers(0, 10))
def test_the_trimester_never_goes_back_as_weeks_pass(weeks, more):
    assert 1 <= alerts.trimester(weeks) <= alerts.trimester(weeks + more) <= 3


def test_alerts_recorded_on_two_laptops_are_all_kept_after_a_merge(tmp_path, plugins):
    from merging import laptop, register, ship

    a, b = laptop(tmp_path, "A", plugins), laptop(tmp_path, "B", plugins)
    rosa = register(a, 1)
    allergy = alerts.record(a, rosa.id, {"kind": "allergy", "text": "penicilina"})
    ship(a, b, tmp_path, "a.ayni")
    alerts.correct(a, allergy.alert_id, {"text": "penicilinas (ronchas)"})
    alerts.record(b, rosa.id, {"kind": "condition", "text": "Asma", "code": "J45.9"})
    ship(a, b, tmp_path, "a2.ayni")
    ship(b, a, tmp_path, "b.ayni")
    for laptop_store in (a, b):
        assert [x.text for x in alerts.of_person(laptop_store, rosa.id)] == ["penicilinas (ronchas)", "Asma"]
    a.close()
    b.close()


def test_the_command_line_lists_and_records_alerts_and_refuses_in_one_message(tmp_path, patient_form):
    from click.testing import CliRunner

    from ayni.cli import main
    from ayni.core import open_store

    db = tmp_path / "cli.db"
    store = open_store(db, user="tester")
    patients.register(store, patient_form())
    store.close()

    def run(*args):
        return CliRunner().invoke(main, ["--db", str(db), "--user", "tester", "patients", "alerts", "1", *args])

    assert "Sin alertas registradas" in run().output
    added = run("--add", "condition", "--text", "Hipertensión", "--code", "i10")
    assert added.exit_code == 0, added.output
    assert added.output.splitlines()[0] == "⚠ Hipertensión"
    assert "Hipertensión (I10), registrado" in added.output
    refused = run("--add", "condition", "--text", "Asma", "--code", "asma")
    assert refused.exit_code == 1 and "Código CIE-10: escriba un código CIE-10" in refused.output
    assert "Traceback" not in refused.output
