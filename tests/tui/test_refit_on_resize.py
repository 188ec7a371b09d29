"""Fitted tables fit the terminal again when it is resized, 120 → 80 columns and back."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from ayni.core.people import patients

LONG_NAME = "Ñaupa Huamaní, Alejandrina Justina"


@pytest.fixture
def long_named(store):
    """A woman whose name is wider than the search list's name column at 80 columns."""
    return patients.register(store, {"given_names": "Alejandrina Justina", "paternal_surname": "Ñaupa",
                                     "maternal_surname": "Huamaní", "sex": "F", "age_years": "62",
                                     "id_kind": "dni", "id_number": "43368207", "community": "Independencia"})


def _widths(table: DataTable) -> tuple[int, int]:
    """The width the columns take together (with their padding) and the name column's own."""
    columns = list(table.columns.values())
    return sum(c.get_render_width(table) for c in columns), columns[1].width


async def test_the_search_list_fits_again_after_each_resize(make_app, long_named, people):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#results", DataTable)
        assert _widths(table)[1] == len(LONG_NAME)
        await pilot.resize_terminal(80, 24)  # no key pressed: the resize alone fits it
        await pilot.pause()
        width, name = _widths(table)
        assert width <= 80 - 2 and name < len(LONG_NAME)  # and room for its scrollbar
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert _widths(table)[1] == len(LONG_NAME)



async def test_a_list_long_enough_to_scroll_never_scrolls_sideways_at_80_columns(make_app, store, long_named):
    for n in range(20):  # more people than the screen has rows: the list has its vertical scrollbar
        patients.register(store, {"given_names": "Máxima", "paternal_surname": "Ochoa", "maternal_surname": "Ñahui",
                                  "sex": "F", "age_years": str(30 + n), "id_kind": "dni",
                                  "id_number": f"3027{n:04d}", "community": "Vilcas Huamán"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#results", DataTable)
        await pilot.pause()
        assert table.show_vertical_scrollbar
        assert table.virtual_size.width <= table.scrollable_content_region.width  # «Vilcas Huamán» whole
