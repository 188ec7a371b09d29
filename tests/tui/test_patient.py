"""The patient screen: correcting a registration (prefilled, refused by field, the old version kept
in the audit log), and opening the patient's earlier encounters (an open one to continue, a closed one
read only and reprinted with F9)."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import DataTable, Input

from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.people import patients
from ayni.tui.screens.encounter import EncounterScreen
from ayni.tui.screens.patient import PatientScreen
from ayni.tui.screens.register import CorrectScreen
from tuikit import SIZE, cell_texts, text_of


async def _at_patient(app, pilot, patient) -> PatientScreen:
    app.open_patient(patient.id)
    await pilot.pause()
    assert isinstance(app.screen, PatientScreen)
    return app.screen


async def test_correcting_a_registration_refused_then_saved(make_app, store, people):
    rosa, juan = people[0], people[1]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        patient_screen = await _at_patient(app, pilot, rosa)
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, CorrectScreen)
        form = screen.query_one("#patient-form")
        assert form.rows["paternal_surname"].value == "Núñez"  # prefilled from the record
        assert form.rows["id_number"].value == "45678912"
        form.rows["id_number"].editors[None].value = juan.identifiers[0].value  # Juan's DNI: refused
        await pilot.press("ctrl+s")
        assert app.screen is screen
        assert form.rows["id_number"].has_class("-invalid")
        assert "Mamani" in text_of(form.rows["id_number"].query_one(".field-error"))
        assert patients.get(store, rosa.id).identifiers == rosa.identifiers  # nothing written

        form.rows["id_number"].editors[None].value = "45678913"
        form.rows["community"].editors[None].value = "Urubamba"
        await pilot.press("ctrl+s")
        assert app.screen is patient_screen
        assert "Urubamba" in text_of(patient_screen.query_one("#details"))
    corrected = patients.get(store, rosa.id)
    assert (corrected.community, corrected.identifiers[0].value, corrected.number) == ("Urubamba", "45678913",
                                                                                        rosa.number)
    history = store.audit(record_id=rosa.id)
    assert [e["action"] for e in history] == ["insert", "update"]
    assert '"Chinchero"' in history[-1]["previous"] and '"Urubamba"' in history[-1]["data"]


async def test_an_open_encounter_continues_with_what_was_saved(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    encounters.save(store, encounter.id, forms={"general.consultation": {"chief_complaint": "Cefalea", "plan": "Reposo"}},
                    procedures=[ProcedureEntry("general.consultation")], diagnoses=["R51"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _at_patient(app, pilot, patient)
        assert cell_texts(screen.query_one("#encounters", DataTable))[0][3] == "abierta"
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, EncounterScreen) and screen.encounter_id == encounter.id
        assert screen.views["general.consultation"].rows["chief_complaint"].value == "Cefalea"
        assert "S/ 10.00" in text_of(screen.query_one(".running-total"))
        assert screen.query_one("#diagnoses").value == ["R51"]
        assert not screen.query_one("#tab-general-consultation Input", Input).disabled
        await pilot.press(*" y mareo", "ctrl+s")
    assert encounters.get_encounter_record(store, encounter.id).form("general.consultation")["chief_complaint"] == \
        "Cefalea y mareo"


async def test_a_closed_encounter_opens_read_only_and_f9_reprints(make_app, store, patient, tmp_path):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    encounters.save(store, encounter.id, procedures=[ProcedureEntry("general.consultation")], diagnoses=["J06.9"])
    encounters.close(store, encounter.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _at_patient(app, pilot, patient)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, EncounterScreen) and screen.closed
        assert "solo lectura" in text_of(screen.query_one(".error-summary"))
        assert screen.query_one("#tab-general-consultation Input", Input).disabled
        await pilot.press("ctrl+s")  # no saving a closed encounter
        assert encounters.get_encounter_record(store, encounter.id).procedures[0].fee == Decimal("10.00")
        await pilot.press("f9")
        await app.workers.wait_for_complete()
    [pdf] = (tmp_path / "prints").glob("*.pdf")
    assert pdf.name.startswith("nunez-quispe-rosa-elena_")


async def test_a_record_listed_beside_another_with_its_dni_is_corrected_and_told_to_merge(make_app, store, patient,
                                                                                          patient_form, tmp_path):
    from ayni.core import open_store
    from ayni.core.storage.devices import set_letter
    from ayni.core.storage.exchange import export
    from ayni.core.storage.merge import merge

    set_letter(store, "A")
    other = open_store(tmp_path / "b.db", user="tester", plugins=store.plugins)
    set_letter(other, "B")
    twin = patients.register(other, patient_form(given_names="Rosa", birth_date="1975-09-01"))  # another birth date
    file = export(other, tmp_path / "b.ayni").path
    other.close()
    assert len(merge(store, file).candidates) == 1  # not joined: a person decides
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        patient_screen = await _at_patient(app, pilot, patient)
        await pilot.press("r")
        form = app.screen.query_one("#patient-form")
        form.rows["community"].editors[None].value = "Urubamba"
        await pilot.press("ctrl+s")
        assert app.screen is patient_screen  # saved, though laptop B's record holds the same DNI
        said = " ".join(n.message for n in app._notifications)
        assert f"N.º {twin.card_number} Rosa Núñez Quispe tiene el mismo DNI 45678912" in said
        assert f"ayni patients merge {patient.card_number} {twin.card_number}" in said
    assert patients.get(store, patient.id).community == "Urubamba"
