"""The stock screen by keyboard: F4 opens it, R receives a lot (a bad quantity is refused first),
A adjusts (refused without a reason), C records a count; marks are characters, not colours."""

from __future__ import annotations

from textual.widgets import DataTable

from ayni.core import stock
from ayni.tui.screens.stock import AdjustModal, ReceiveModal, StockScreen
from tuikit import SIZE, cell_texts, text_of


async def test_receive_adjust_and_count_by_keys(make_app, store, row_counts):
    first = next(iter(stock.items(store)))  # the first row of the list
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        screen = app.screen
        assert isinstance(screen, StockScreen)
        items = screen.query_one("#items", DataTable)
        assert cell_texts(items)[0][0] == "!  "  # nothing on hand: low, marked by a character
        assert "! stock bajo" in text_of(screen.query_one("#legend"))

        await pilot.press("r")
        assert isinstance(app.screen, ReceiveModal)
        await pilot.press("0", "tab", *"L-9", "tab", *"2030-01-31", "ctrl+s")
        assert "Cantidad: debe estar entre 1 y 100000." in text_of(app.screen.query_one("#row-quantity .field-error"))
        assert stock.on_hand(store, first) == 0
        await pilot.press("backspace", *"12", "ctrl+s")  # the cursor went back to the quantity
        assert app.screen is screen
        assert stock.on_hand(store, first) == 12
        assert cell_texts(items)[0][3] == "12"
        assert cell_texts(screen.query_one("#lots", DataTable)) == [[" ", "L-9", "2030-01-31", "", "12"]]

        await pilot.press("a")
        assert isinstance(app.screen, AdjustModal)
        before = row_counts()
        await pilot.press("tab", "minus", "2", "ctrl+s")
        assert "todo ajuste necesita un motivo" in text_of(app.screen.query_one("#row-reason .field-error"))
        assert row_counts() == before
        await pilot.press("enter", "down", "enter", "ctrl+s")  # the reason list: «Rotura o daño»
        assert app.screen is screen
        assert stock.on_hand(store, first) == 10

        await pilot.press("c", "tab", "9", "ctrl+s")
        assert app.screen is screen
        assert stock.on_hand(store, first) == 9
        [lot] = stock.available(store, first)
        assert [(m.kind, m.quantity) for m in stock.movements(store, lot.lot.id)] == [
            ("receive", 12), ("adjust", -2), ("count", -1)]
        assert stock.reason_label(stock.movements(store, lot.lot.id)[1].reason, "es") == "Rotura o daño"
