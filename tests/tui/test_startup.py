"""The real launch paints the patient search first and opens the store right after: what is typed
meanwhile is searched once it is open, nothing can be done before, and a database that cannot be
opened is explained."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from ayni.tui.app import AyniApp
from ayni.tui.screens.error import StoreErrorScreen
from ayni.tui.screens.search import SearchScreen
from tuikit import SIZE, cell_texts, text_of


async def _until_opened(app, pilot) -> None:
    """Wait (a few seconds at most) until the app has opened its store or given up."""
    for _ in range(100):
        if app.store is not None or app.store_error is not None:
            break
        await pilot.pause(0.05)
    await pilot.pause()


async def test_typing_before_the_store_is_open_is_searched_once_it_is(store, people, plugins):
    app = AyniApp(store.path, "tester", "es", plugins=plugins, open_later=True)
    app.open_delay = 3600  # held open here, so the test sees the first screen before the store
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen) and app.store is None
        assert text_of(screen.query_one("#results-info")) == "Abriendo la base de datos…"
        await pilot.press(*"nunez", "f2", "enter")  # nothing to open or register yet: no harm done
        assert app.screen is screen and screen.query_one("#search").value == "nunez"
        app.open_store_now()
        await pilot.pause()
        assert app.store is not None
        assert [r[1] for r in cell_texts(screen.query_one("#results", DataTable))] == ["Núñez Quispe, Rosa Elena"]


async def test_the_store_opens_by_itself_right_after_the_first_paint(store, people, plugins):
    app = AyniApp(store.path, "tester", "es", plugins=plugins, open_later=True)
    async with app.run_test(size=SIZE) as pilot:
        await _until_opened(app, pilot)
        assert app.store is not None
        assert "Pacientes registrados recientemente" in text_of(app.screen.query_one("#results-info"))


async def test_a_damaged_database_found_after_the_first_paint_is_explained(tmp_path, plugins):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not a database" * 100)
    app = AyniApp(damaged, "tester", "es", plugins=plugins, open_later=True)
    async with app.run_test(size=SIZE) as pilot:
        await _until_opened(app, pilot)
        assert isinstance(app.screen, StoreErrorScreen)
        assert "dañado" in text_of(app.screen.query_one("#error-message"))
        await pilot.press("escape")  # nothing to go back to: Esc leaves, like q
    assert app.store_error is not None


@pytest.mark.parametrize("where", ["missing_folder", "missing_file", "empty_file"])
async def test_a_missing_or_empty_database_is_explained_and_not_created(tmp_path, plugins, where):
    db = tmp_path / "usb" / "ayni.db" if where == "missing_folder" else tmp_path / "ayni.db"
    if where == "empty_file":
        db.touch()
    app = AyniApp(db, "tester", "es", plugins=plugins, open_later=True)
    async with app.run_test(size=SIZE) as pilot:
        await _until_opened(app, pilot)
        assert isinstance(app.screen, StoreErrorScreen)
        message = text_of(app.screen.query_one("#error-message"))
        assert str(db) in message and "ayni init" in message
        await pilot.press("q")
    assert app.store is None
    assert sorted(p.name for p in tmp_path.iterdir()) == (["ayni.db"] if where == "empty_file" else [])
