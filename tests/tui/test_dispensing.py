"""The "Entregas" tab: the specialty's items with their stock, a size chosen among those in stock,
handed out by keyboard; a refusal says why and writes nothing; a warning when few are left; what was
handed out is listed, and a closed encounter hands out nothing more."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, OptionList

from ayni.core import stock
from ayni.core.clinical import encounters
from ayni.core.dates import today_in_lima
from ayni.tui.widgets.dispensing import DispensePanel
from tuikit import SIZE, cell_texts, text_of


@pytest.fixture
def exam(store, patient):
    """An optometry exam, with readers +2.00 (6) and +2.50 (2) in stock, and expired lubricant drops."""
    stock.receive(store, "optometry.readers", 6, attributes={"power": "+2.00"})
    stock.receive(store, "optometry.readers", 2, attributes={"power": "+2.50"})
    expired = today_in_lima() - dt.timedelta(days=30)
    stock.receive(store, "optometry.lubricant_drops", 3, expiry=expired, today=expired - dt.timedelta(days=60))
    return encounters.open_encounter(store, patient.id, "optometry", "exam")


async def _panel(app, pilot, encounter_id) -> DispensePanel:
    app.open_encounter(encounter_id)
    await pilot.pause()
    await pilot.press("alt+e")
    panel = app.screen.query_one(DispensePanel)
    items = panel.query_one(".dispense-items", OptionList)
    for _ in range(50):  # the tab puts the cursor on its first list once drawn
        if app.focused is items:
            break
        await pilot.pause(0.02)
    return panel


def _highlight(options: OptionList, prefix: str) -> None:
    options.screen.set_focus(options)
    options.highlighted = next(i for i, o in enumerate(options.options) if str(o.prompt).startswith(prefix))


def _message(panel) -> str:
    return text_of(panel.query_one(".dispense-message"))


async def test_readers_of_a_power_in_stock_are_handed_out_by_keyboard(make_app, store, exam):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await _panel(app, pilot, exam.id)
        items = panel.query_one(".dispense-items", OptionList)
        assert [str(o.prompt) for o in items.options if str(o.prompt).startswith("Lentes")][0].endswith("en stock: 8")
        _highlight(items, "Lentes")
        await pilot.press("enter")
        sizes = panel.query_one(".dispense-sizes", OptionList)
        assert [str(o.prompt) for o in sizes.options] == ["potencia +2.00 · en stock: 6", "potencia +2.50 · en stock: 2"]
        await pilot.press("enter", "backspace", "2", "enter")  # +2.00, two of them
        assert _message(panel).startswith("Entregado: 2 × Lentes de lectura (potencia +2.00). ")
        rows = cell_texts(panel.query_one(".dispensed", DataTable))
        assert [r[1:3] for r in rows] == [["potencia +2.00", "2"]]
    assert stock.on_hand(store, "optometry.readers", {"power": "+2.00"}) == 4
    [(lot, given)] = stock.dispensed(store, exam.id)
    assert (lot.attributes, given) == ({"power": "+2.00"}, 2)


async def test_refusals_and_the_few_left_warning(make_app, store, exam):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await _panel(app, pilot, exam.id)
        _highlight(panel.query_one(".dispense-items", OptionList), "Lentes")
        await pilot.press("enter")
        await pilot.press("down", "enter")  # +2.50
        await pilot.press("backspace", "3", "enter")  # 3 of the 2 there are
        assert "No se entregó nada" in _message(panel) and panel.query_one(".dispense-message").has_class("-refused")
        assert stock.dispensed(store, exam.id) == []
        await pilot.press("backspace", "1", "enter")
        assert "⚠ Quedan pocos: 1." in _message(panel)
        assert panel.query_one(".dispense-message").has_class("-low")

        _highlight(panel.query_one(".dispense-items", OptionList), "Lágrimas")
        await pilot.press("enter")
        await pilot.press("enter")  # only an expired lot: refused, saying so
        assert "No se entregó nada" in _message(panel) and "venc" in _message(panel)
    assert [given for _, given in stock.dispensed(store, exam.id)] == [1]


async def test_a_closed_encounter_lists_what_it_handed_out_and_no_more(make_app, store, exam):
    stock.dispense(store, exam.id, "optometry.readers", 1, {"power": "+2.50"})
    encounters.close(store, exam.id)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await _panel(app, pilot, exam.id)
        assert panel.query_one(".dispense-items", OptionList).disabled
        assert [r[1:3] for r in cell_texts(panel.query_one(".dispensed", DataTable))] == [["power +2.50", "1"]]
        assert text_of(panel.query_one(".dispensed-title")) == "Handed out in this encounter"


async def test_readers_in_the_plan_handed_out_at_entregas_leave_stock_once_on_close(make_app, store, exam):
    encounters.save(store, exam.id, forms={"optometry.plan": {"readers": "sí", "readers_power": "2.50"}})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await _panel(app, pilot, exam.id)
        _highlight(panel.query_one(".dispense-items", OptionList), "Lentes")
        await pilot.press("enter", "enter", "enter")  # the plan's +2.50 (where the sizes start), one pair
        await pilot.pause()
        picker = app.screen.query_one("ProcedurePicker")  # the hand-out is its fitting, listed as saved
        assert [r[0] for r in cell_texts(picker.query_one(".added", DataTable))] == ["Entrega de lentes de lectura"]
        await pilot.press("f8", "s")  # close (and print), confirmed
        await pilot.pause()
        await app.workers.wait_for_complete()
        visit = encounters.get_encounter_record(store, exam.id)
        assert visit.encounter.status == "closed"
        assert [r[1:3] for r in cell_texts(panel.query_one(".dispensed", DataTable))] == [["potencia +2.50", "1"]]
    assert stock.on_hand(store, "optometry.readers", {"power": "+2.50"}) == 1
    assert [(p.code, p.quantity) for p in visit.procedures] == [("optometry.readers_fitting", 1)]  # once, not twice


async def test_the_chosen_item_and_size_are_shown_whole_at_80_columns(make_app, store, exam):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await _panel(app, pilot, exam.id)
        _highlight(panel.query_one(".dispense-items", OptionList), "Lentes")
        await pilot.press("enter", "enter")  # the item, then its first power
        chosen = panel.query_one(".dispense-chosen")
        said = text_of(chosen)
        assert said.startswith("× Lentes de lectura (potencia +2.00)") and len(said) > chosen.region.width
        drawn = "".join(chosen.render_line(y).text for y in range(chosen.region.height))
        assert "".join(drawn.split()) == "".join(said.split())  # every word drawn, over as many lines as it takes


async def test_what_was_handed_out_fits_80_columns_with_every_word(make_app, store, exam):
    expiry = today_in_lima() + dt.timedelta(days=400)
    stock.receive(store, "optometry.sunglasses", 3, lot="LOTE-OPT-2026-000123", expiry=expiry)
    stock.hand_out(store, exam.id, "optometry.sunglasses")
    stock.hand_out(store, exam.id, "optometry.readers", attributes={"power": "+2.50"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await _panel(app, pilot, exam.id)
        table = panel.query_one(".dispensed", DataTable)
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= table.parent.size.width - 2
        assert [str(c.label) for c in table.columns.values()] == ["Artículo", "Medida", "Cant.", "Lote / vence"]
        cells = [str(c) for c in table.get_row_at(0)]
        assert cells[0] == "Lentes de sol con filtro UV" and cells[3] == f"LOTE-OPT-2026-000123 {expiry.isoformat()}"
        assert table.rows[table.coordinate_to_cell_key((0, 0)).row_key].height >= 2  # wrapped, not cut


@pytest.mark.parametrize("saved, starts_at", [
    ({"optometry.plan": {"readers": "sí", "readers_power": "2.50"}}, "potencia +2.50"),  # the power asked for
    # no power in the plan: the one nearest the exam's reading need (+0.50 and an addition of +2.00)
    ({"optometry.exam": {"sphere": {"od": "+0.50", "os": "+0.50"}, "add": {"od": "+2.00", "os": "+2.00"}}},
     "potencia +2.50"),
    ({}, "potencia +2.00"),  # nothing saved that calls for a power: the first
])
async def test_the_sizes_start_at_the_readers_the_encounter_calls_for(make_app, store, exam, saved, starts_at):
    if saved:
        encounters.save(store, exam.id, forms=saved)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await _panel(app, pilot, exam.id)
        _highlight(panel.query_one(".dispense-items", OptionList), "Lentes")
        await pilot.press("enter")
        sizes = panel.query_one(".dispense-sizes", OptionList)
        assert str(sizes.get_option_at_index(sizes.highlighted).prompt).startswith(starts_at)
        await pilot.press("enter", "enter")  # Enter, Enter: that size, one pair
    [(lot, given)] = stock.dispensed(store, exam.id)
    assert (lot.attributes["power"], given) == (starts_at.split()[-1], 1)
