"""The person's alerts (allergies, pregnancy, chronic conditions) on one line in the header of every
encounter, whatever the station, at 80×24 and in both languages; what triage records appears there
on saving; the patient screen shows them and records, corrects and resolves them."""

from __future__ import annotations

import pytest

from ayni.core.clinical import encounters
from ayni.core.people import alerts as person_alerts
from ayni.tui.widgets.alerts import PersonAlertLine
from tuikit import fixed_reference, text_of

SMALL = (80, 24)


def _alerts(store, patient) -> None:
    person_alerts.record(store, patient.id, {"kind": "allergy", "text": "penicilina"})
    person_alerts.record(store, patient.id, {"kind": "pregnancy", "weeks": "12"})
    person_alerts.record(store, patient.id, {"kind": "condition", "text": "diabetes", "code": "E11.9"})


@pytest.mark.parametrize(("specialty", "station"), [("general", "consultation"), ("dental", "exam"),
                                                    ("surgery", "screening"), ("optometry", "exam")])
async def test_every_stations_header_shows_the_persons_alerts_on_one_line(make_app, store, patient, specialty,
                                                                          station):
    _alerts(store, patient)
    encounter = encounters.open_encounter(store, patient.id, specialty, station)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        app.open_encounter(encounter.id)
        await pilot.pause()
        line = app.screen.query_one(PersonAlertLine)
        assert line.display and line.region.height == 1 and line.region.right <= SMALL[0]
        assert text_of(line) == "⚠ Alergias: penicilina · Embarazo 12 sem · Diabetes"
        await pilot.press("f12")
        await pilot.pause()
        assert text_of(line) == "⚠ Allergies: penicilina · Pregnant 12 wk · Diabetes"


async def test_no_alerts_no_line(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "dental", "exam")
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        app.open_encounter(encounter.id)
        await pilot.pause()
        assert not app.screen.query_one(PersonAlertLine).display


async def test_an_allergy_saved_in_triage_is_in_the_header_at_once(make_app, store, patient):
    triage = encounters.open_encounter(store, patient.id, "general", "triage")
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        app.open_encounter(triage.id)
        await pilot.pause()
        app.screen.views["general.triage"].rows["allergy_notes"].editors[None].value = "mariscos"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(app.screen.query_one(PersonAlertLine)) == "⚠ Alergias: mariscos"


def test_the_header_at_80_by_24(snap_compare, make_app, store, patient):
    """The picture of a dental exam's header with the three kinds of alert."""
    import datetime as dt

    time_machine = pytest.importorskip("time_machine")
    with time_machine.travel(dt.datetime(2026, 11, 24, 15, 30, tzinfo=dt.timezone.utc), tick=False):
        _alerts(store, patient)
        encounter_id = fixed_reference(store, encounters.open_encounter(store, patient.id, "dental", "exam").id)

        async def open_it(pilot):
            await pilot.pause()
            pilot.app.open_encounter(encounter_id)
            await pilot.pause()
            for widget in pilot.app.screen.query("Input, TextArea"):
                widget.cursor_blink = False
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=SMALL, run_before=open_it)


async def test_the_patient_screen_records_and_resolves_an_alert(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        app.open_patient(patient.id)
        await pilot.pause()
        line = app.screen.query_one(PersonAlertLine)
        assert not line.display
        await pilot.press("a", "enter")  # the first choice: a new alert
        await pilot.pause()
        form = app.screen.view
        form.rows["kind"].editors[None].value = "condition"
        form.rows["text"].editors[None].value = "epilepsia"
        form.rows["code"].editors[None].value = "g40.9"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [alert] = person_alerts.of_person(store, patient.id)
        assert (alert.text, alert.code, alert.recorded_by) == ("epilepsia", "G40.9", app.store.user.id)
        assert text_of(line) == "⚠ Epilepsia"
        await pilot.press("a", "down", "down", "enter")  # new, correct, resolve
        await pilot.pause()
        app.screen.view.rows["note"].editors[None].value = "registrada en otra persona"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert person_alerts.of_person(store, patient.id) == [] and not line.display
        assert [a.status for a in person_alerts.history(store, alert.alert_id)] == ["active", "resolved"]


async def test_the_consultations_allergy_list_starts_with_those_of_triage(make_app, store, patient):
    triage = encounters.open_encounter(store, patient.id, "general", "triage")
    encounters.save(store, triage.id, forms={"general.triage": {"allergies": ["penicillin"]}})
    consultation = encounters.open_encounter(store, patient.id, "general", "consultation")
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        app.open_encounter(consultation.id)
        await pilot.pause()
        view = app.screen.views["general.consultation"]
        assert view.rows["allergies"].value == ["penicillin"]
        assert not app.screen.has_changes()  # offered, not typed: nothing to save yet


async def test_the_case_screen_shows_the_alerts_and_the_preop_starts_with_them(store, campaign, patient):
    import datetime as dt

    from textual.app import App

    from ayni.plugins.surgery import cases
    from ayni.plugins.surgery.screens import CaseScreen

    person_alerts.record(store, patient.id, {"kind": "allergy", "text": "látex"})
    case = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    cases.schedule(store, case.id, {"day": (campaign.start_date + dt.timedelta(days=1)).isoformat(), "theatre": "q1",
                                    "surgeon": "Dr. Smith"})
    screen = CaseScreen(store, case.id, "es")

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(screen)

    async with Host().run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "⚠ Alergias: látex" in text_of(screen.query_one("#facts"))
        await pilot.press("o")  # the pre-op
        await pilot.pause()
        assert pilot.app.screen.view.values()["allergies"] == "látex"
        pilot.app.screen.view.rows["allergies"].editors[None].value = "Ninguna conocida"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "⚠ El preoperatorio no menciona alergias registradas: látex." in text_of(screen.query_one("#facts"))
