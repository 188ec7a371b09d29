"""The vaccination station at 80×24, by keys, as a nurse works it: a lot picked from stock, then its
dose and site chosen and the dose added, every box in sight; the lot of a vial in hand that has
expired is named, with its expiry, when it is searched, and is not added."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Button, Input, Select, Static

from ayni.core import stock
from ayni.core.clinical import encounters
from ayni.core.dates import format_date, today_in_lima
from ayni.plugins.general.widgets import LinesArea, VaccineEditor

TERMINAL = (80, 24)


@pytest.fixture
def today(store):
    """Today in Lima; a penta lot in date, and a penta lot that expired two days ago with doses left."""
    today = today_in_lima()
    stock.receive(store, "general.vaccine_penta", 30, lot="P-2027", expiry=today + dt.timedelta(days=200))
    stock.receive(store, "general.vaccine_penta", 8, lot="PVENC9", expiry=today - dt.timedelta(days=2),
                  today=today - dt.timedelta(days=40))
    return today


async def _editor(app, store, patient, pilot) -> VaccineEditor:
    visit = encounters.open_encounter(store, patient.id, "general", "vaccination")
    app.open_patient(patient.id)
    app.open_encounter(visit.id)
    await pilot.pause()
    editor = app.screen.query_one(VaccineEditor)
    editor.picker.query_one(Input).focus()
    return editor


def _preview(editor) -> str:
    return str(editor.query_one(".line-preview", Static).render())


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_after_picking_a_lot_the_dose_the_site_and_add_show_whole_at_80_columns(
        make_app, store, patient, today, lang):
    app = make_app(lang)
    async with app.run_test(size=TERMINAL) as pilot:
        editor = await _editor(app, store, patient, pilot)
        await pilot.press(*"penta", "enter")
        await pilot.pause()
        site = editor.query_one(".vx-site", Select)
        site.value = "thigh_left"  # the longest site name
        await pilot.pause()
        screen = app.screen.region
        for box in (editor.query_one(".vx-dose", Select), site, editor.query_one(".line-add", Button)):
            assert screen.contains_region(box.region), box
        label = site.query_one("SelectCurrent #label", Static)
        chosen = "muslo izquierdo" if lang == "es" else "left thigh"
        assert str(label.render()) == chosen and label.content_region.width >= len(chosen)


async def test_the_dose_is_added_by_keys_with_its_site(make_app, store, patient, today):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        editor = await _editor(app, store, patient, pilot)
        await pilot.press(*"penta", "enter")  # the lot; the cursor goes to the dose
        await pilot.pause()
        await pilot.press("enter", "down", "enter")  # 2.ª dosis
        await pilot.press("tab", "enter", "down", "down", "down", "enter")  # muslo izquierdo
        await pilot.press("tab", "enter")  # Añadir
        await pilot.pause()
        expiry = (today + dt.timedelta(days=200)).isoformat()
        assert editor.query_one(LinesArea).text == (  # in words, not keys
            f"Pentavalente (DPT-HvB-Hib) · 2.ª dosis · lote P-2027, vence {expiry} · muslo izquierdo")


async def test_an_expired_lot_searched_is_named_with_its_expiry_and_not_added(make_app, store, patient, today):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        editor = await _editor(app, store, patient, pilot)
        results = editor.picker.query_one(".picker-results")
        assert not any("PVENC9" in str(o.prompt) for o in results.options)  # never offered unasked
        await pilot.press(*"pvenc")
        await pilot.pause()
        [offered] = [str(o.prompt) for o in results.options]
        assert "PVENC9" in offered and "VENCIDO" in offered
        await pilot.press("enter")
        await pilot.pause()
        said = _preview(editor)
        assert "PVENC9" in said and f"venció el {format_date(today - dt.timedelta(days=2), 'es')}" in said, said
        editor.add()
        await pilot.pause()
        assert editor.query_one(LinesArea).text == ""
        assert "PVENC9" in _preview(editor)
        await pilot.press(*"p-2027", "enter")  # the cursor stayed in the search: another lot is typed
        await pilot.pause()
        assert editor.lots[editor.picker.value][1].lot.lot == "P-2027"
        assert _preview(editor) == "Pentavalente (DPT-HvB-Hib), 1.ª dosis"


async def test_a_closed_vaccination_shows_its_doses_not_the_lots_in_stock(make_app, store, patient, today):
    visit = encounters.open_encounter(store, patient.id, "general", "vaccination")
    expiry = (today + dt.timedelta(days=200)).isoformat()
    encounters.save(store, visit.id, forms={"general.vaccination": {"doses": f"penta 1 P-2027 {expiry} mi"}})
    encounters.close(store, visit.id)
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        app.open_patient(patient.id)
        app.open_encounter(visit.id)
        await pilot.pause()
        editor = app.screen.query_one(VaccineEditor)
        assert not editor.picker.display and not editor.query_one(".line-details").display
        lines = editor.query_one(LinesArea)
        assert lines.text == f"Pentavalente (DPT-HvB-Hib) · 1.ª dosis · lote P-2027, vence {expiry} · muslo izquierdo"
        assert app.screen.region.contains_region(lines.region)
