"""A merged duplicate's old encounters and queue steps show the person by the kept record: the cash
desk and the queue list the kept name and card number, and so do the screens they open."""

from __future__ import annotations

from textual.widgets import DataTable

from ayni.core.campaign import stations
from ayni.core.people import merges, patients
from ayni.tui.screens.cashier import CashierScreen, ChargeScreen
from ayni.tui.screens.queue import QueueScreen
from tuikit import SIZE, cell_texts, text_of, to_pay


def _second_record(store, patient_form):
    """Rosa registered a second time, without her DNI, as «Rosa Nunez Quispe»."""
    return patients.register(store, patient_form(given_names="Rosa", paternal_surname="Nunez", id_kind="none",
                                                 id_number=""))


async def test_the_cash_desk_shows_the_kept_person_on_a_duplicates_encounter(make_app, store, patient, patient_form,
                                                                             campaign):
    duplicate = _second_record(store, patient_form)
    to_pay(store, duplicate.id)
    merges.merge(store, patient.id, duplicate.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        desk = app.screen
        assert isinstance(desk, CashierScreen)
        [row] = cell_texts(desk.query_one("#waiting", DataTable))
        assert row[:2] == [patient.card_number, "Rosa Elena Núñez Quispe"] and duplicate.card_number != patient.card_number
        await pilot.press("enter")
        assert isinstance(app.screen, ChargeScreen)
        assert "Rosa Elena Núñez Quispe" in app.screen.title_text() and "Rosa Nunez" not in app.screen.title_text()


async def test_the_queue_shows_the_kept_person_for_a_duplicates_step(make_app, store, patient, patient_form, campaign):
    duplicate = _second_record(store, patient_form)
    stations.enqueue(store, duplicate.id, "triage", 2)
    merges.merge(store, patient.id, duplicate.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_queue("triage")
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        [row] = cell_texts(queue.query_one("#queue-table", DataTable))
        assert row[1:3] == [patient.card_number, "Rosa Elena Núñez Quispe"]
        await pilot.press("f5")  # calls her and opens the encounter
        await pilot.press("escape")
        assert app.screen is queue
        seeing = text_of(queue.query_one("#queue-seeing"))
        assert "Rosa Elena Núñez Quispe" in seeing and "Rosa Nunez" not in seeing
