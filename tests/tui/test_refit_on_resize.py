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

