"""The prescription and vaccination editors with keys: search «amox», pick it, accept the usual course,
see the quantity, add the line and save it; the vaccine lots offered leave out an expired lot."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from textual.app import App
from textual.widgets import Input, Select, Static

from ayni.core import stock, validate_form
from ayni.core.clinical import encounters
from ayni.core.dates import format_date, today_in_lima
from ayni.plugins.general.forms import PRESCRIPTION, VACCINATION
from ayni.plugins.general.widgets import LinesArea, PrescriptionEditor, VaccineEditor
from ayni.tui.kit import FormView
from ayni.tui.widgets.form import plugin_widgets


class FormHost(App):
    """One form drawn as the encounter screen draws it, with the plugins' widgets and the store."""

    def __init__(self, store, spec, values=None):
        super().__init__()
        self.store, self.spec, self.values = store, spec, values or {}

    def compose(self):
        yield FormView(self.spec, "es", values=self.values, widgets=plugin_widgets(self.store.plugins))


def _preview(editor) -> str:
    return str(editor.query_one(".line-preview", Static).render())


async def test_prescribing_amoxicillin_by_picking_it_from_the_formulary(store):
    host = FormHost(store, PRESCRIPTION)
    async with host.run_test(size=(110, 40)) as pilot:
        editor = host.query_one(PrescriptionEditor)
        editor.picker.query_one(Input).focus()
        await pilot.press(*"amox")
        results = editor.picker.query_one(".picker-results")
        assert [str(o.prompt) for o in results.options] == ["Amoxicilina 500 mg (cápsula)",
                                                            "Amoxicilina 250 mg/5 mL, 60 mL (suspensión)"]
        await pilot.press("enter")  # the first match; dose, frequency and days from its usual course
        assert editor.query_one(".rx-dose", Input).value == "1"
        assert editor.query_one(".rx-days", Input).value == "7"
        assert editor.query_one(".rx-dose", Input).has_focus
        assert _preview(editor) == "Cantidad: 21 cápsulas"
        host.query_one(FormView).relabel("en")  # F12: the words follow, what was picked stays
        assert _preview(editor) == "Quantity: 21 capsules"
        assert str(editor.picker.query_one(".picker-chosen", Static).render()) == "✔ Amoxicillin 500 mg (capsule)"
        host.query_one(FormView).relabel("es")
        await pilot.press("enter")  # accept the defaults: the line is added, in words, not keys
        assert editor.query_one(LinesArea).text == "Amoxicilina 500 mg (cápsula) · 1 cápsula c/8 h × 7 días"
        assert editor.picker.value is None and editor.picker.query_one(Input).has_focus
        values = host.query_one(FormView).values()
    [line] = validate_form(PRESCRIPTION, values)["items"]
    assert (line["medicine"], line["quantity"]) == ("general.amoxicillin_500", 21)


async def test_a_changed_course_updates_the_quantity_and_a_bad_one_is_not_added(store):
    host = FormHost(store, PRESCRIPTION, {"items": "Paracetamol 500 mg VO c/8h x 3 dias"})
    async with host.run_test(size=(110, 40)) as pilot:
        editor = host.query_one(PrescriptionEditor)
        assert editor.query_one(LinesArea).text == "Paracetamol 500 mg VO c/8h x 3 dias"  # typed text kept
        editor.picker.value = "general.ibuprofen_400"
        editor.picked("general.ibuprofen_400")
        editor.query_one(".rx-days", Input).value = "5"
        await pilot.pause()
        assert _preview(editor) == "Cantidad: 15 tabletas"
        editor.query_one(".rx-dose", Input).value = "3"
        await pilot.pause()
        editor.add()
        assert _preview(editor) == ("Medicamentos: Ibuprofeno 400 mg (tableta): la dosis debe estar entre 0.25 y 2 "
                                    "tabletas.")
        assert editor.query_one(LinesArea).text == "Paracetamol 500 mg VO c/8h x 3 dias"


@pytest.fixture
def lots(store):
    today = today_in_lima()
    yesterday = today - dt.timedelta(days=1)
    stock.receive(store, "general.vaccine_penta", 30, lot="P-2027", expiry=today + dt.timedelta(days=200))
    stock.receive(store, "general.vaccine_influenza", 12, lot="FLU-NEAR", expiry=today + dt.timedelta(days=20))
    stock.receive(store, "general.vaccine_bcg", 5, lot="BCG-OLD", expiry=yesterday, today=yesterday)
    return today


async def test_without_lots_in_stock_the_doses_are_typed(store):
    host = FormHost(store, VACCINATION, {"doses": "dt 1 DT9 2030-01 bi"})
    async with host.run_test(size=(110, 40)):
        editor = host.query_one(VaccineEditor)
        assert _preview(editor) == "No hay lotes de vacunas vigentes en stock; escriba la dosis abajo."
        assert not editor.picker.query_one(".picker-results").display
        assert editor.value == "dt 1 DT9 2030-01 bi"


async def test_the_vaccine_lots_offered_leave_out_an_expired_one(store, lots):
    host = FormHost(store, VACCINATION)
    async with host.run_test(size=(110, 40)) as pilot:
        editor = host.query_one(VaccineEditor)
        results = editor.picker.query_one(".picker-results")
        offered = [str(o.prompt) for o in results.options]
        assert len(offered) == 2 and offered[0].startswith("Influenza — lote FLU-NEAR")
        assert offered[1].startswith("Pentavalente (DPT-HvB-Hib) — lote P-2027") and "(30 en stock)" in offered[1]
        assert not any("BCG-OLD" in o for o in offered)
        editor.picker.query_one(Input).focus()
        await pilot.press(*"penta", "enter")
        assert _preview(editor) == "Pentavalente (DPT-HvB-Hib), 1.ª dosis"
        editor.add()
        expiry = (lots + dt.timedelta(days=200)).isoformat()
        assert editor.query_one(LinesArea).text == (
            f"Pentavalente (DPT-HvB-Hib) · 1.ª dosis · lote P-2027, vence {expiry} · brazo derecho")
        values = host.query_one(FormView).values()
    [dose] = validate_form(VACCINATION, values)["doses"]
    assert (dose["vaccine"], dose["lot"], dose["site"]) == ("penta", "P-2027", "arm_right")


@contextlib.asynccontextmanager
async def _at_station(make_app, store, patient, station: str, editor_type):
    """The app on a new general-medicine encounter at ``station``, the cursor in the editor's picker:
    yields the pilot, the editor and the encounter."""
    visit = encounters.open_encounter(store, patient.id, "general", station)
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        app.open_encounter(visit.id)
        await pilot.pause()
        editor = app.screen.query_one(editor_type)
        editor.picker.query_one(Input).focus()
        yield pilot, editor, visit


async def test_a_dose_picked_from_a_lot_in_stock_is_saved_in_the_app(make_app, store, patient, lots):
    async with _at_station(make_app, store, patient, "vaccination", VaccineEditor) as (pilot, editor, visit):
        assert [balance.lot.lot for _, balance in editor.lots.values()] == ["FLU-NEAR", "P-2027"]
        await pilot.press(*"flu", "enter")
        editor.add()
        await pilot.press("ctrl+s")
    [dose] = encounters.get_encounter_record(store, visit.id).form("general.vaccination")["doses"]
    assert (dose["vaccine"], dose["lot"], dose["dose"]) == ("influenza", "FLU-NEAR", "1")


async def test_the_dose_picked_follows_the_patients_earlier_dose_and_says_when_it_was(make_app, store, patient, lots):
    earlier = encounters.open_encounter(store, patient.id, "general", "vaccination")
    encounters.save(store, earlier.id, forms={"general.vaccination": {"doses": "penta 1 P0 2030-01 mi"}})
    async with _at_station(make_app, store, patient, "vaccination", VaccineEditor) as (pilot, editor, visit):
        await pilot.press(*"penta", "enter")
        await pilot.pause()
        assert editor.query_one(".vx-dose", Select).value == "2"
        assert _preview(editor) == (
            f"Pentavalente (DPT-HvB-Hib), 2.ª dosis\n2.ª dosis: la 1.ª fue el {format_date(lots, 'es')}")
        editor.add()
        assert "la 1.ª" not in _preview(editor)  # nothing picked: nothing said
        await pilot.press("ctrl+s")
    [dose] = encounters.get_encounter_record(store, visit.id).form("general.vaccination")["doses"]
    assert (dose["vaccine"], dose["dose"]) == ("penta", "2")


async def test_a_prescription_picked_in_the_consultation_is_saved(make_app, store, patient):
    async with _at_station(make_app, store, patient, "consultation", PrescriptionEditor) as (pilot, editor, visit):
        await pilot.press(*"amox", "enter")
        await pilot.pause()  # the choice reaches the editor through the picker's messages
        assert _preview(editor) == "Cantidad: 21 cápsulas"
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
    [line] = encounters.get_encounter_record(store, visit.id).form("general.prescription")["items"]
    assert (line["medicine"], line["dose"], line["every_h"], line["days"], line["quantity"]) == (
        "general.amoxicillin_500", 1, 8, 7, 21)  # the dose is a JSON number: 1 reads back as 1


async def test_a_whole_line_typed_in_the_search_box_is_added_in_words_with_enter(store):
    host = FormHost(store, PRESCRIPTION)
    async with host.run_test(size=(110, 40)) as pilot:
        editor = host.query_one(PrescriptionEditor)
        editor.picker.query_one(Input).focus()
        await pilot.press(*"amoxicilina_500 1 c/8h x7d", "enter")
        assert editor.query_one(LinesArea).text == "Amoxicilina 500 mg (cápsula) · 1 cápsula c/8 h × 7 días"
        assert editor.picker.query_one(Input).value == "" and editor.picker.value is None
        await pilot.press(*"amox", "enter")  # a search still picks
        assert editor.picker.value == "general.amoxicillin_500"
