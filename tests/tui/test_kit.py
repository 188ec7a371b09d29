"""The UI kit for plugin screens, inside the real app: a plugin screen and its form dialog follow F12
(title, table headers, footer, the form's labels), Esc goes back, and a refused save keeps what was
typed."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable

from ayni.plugins.surgery import cases, launch
from ayni.tui.kit import FormDialog
from tuikit import SIZE, text_of


def _footer_words(app) -> set[str]:
    return {b.description for _, b, _, _ in app.screen.active_bindings.values() if b.show}


def _headers(table: DataTable) -> list[str]:
    return [str(column.label) for column in table.columns.values()]


async def test_a_plugin_screen_switches_language_live(make_app, store, campaign, patient):
    day = campaign.start_date + dt.timedelta(days=1)
    case = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    cases.schedule(store, case.id, {"day": day.isoformat(), "theatre": "q1", "surgeon": "Dr. Smith"})
    app = make_app("es")
    async with app.run_test(size=SIZE) as pilot:
        screen = launch.schedule_screen(app.store, "es")
        screen.day = day
        await app.push_screen(screen)
        await pilot.pause()
        assert _headers(screen.query_one(DataTable))[0] == "Quirófano"
        assert {"Avanzar", "Volver"} <= _footer_words(app)
        await pilot.press("f12")
        assert "Operating schedule" in text_of(screen.query_one("#kit-title"))
        assert _headers(screen.query_one(DataTable))[:3] == ["Theatre", "#", "Patient"]
        assert {"Advance", "Back"} <= _footer_words(app)
        assert str(screen.query_one(DataTable).get_row_at(0)[5]) == "Scheduled"
        await pilot.press("c")  # cancel: the reason is asked in English
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert "Save" in _footer_words(app)
        await pilot.press("ctrl+s")
        assert "Reason: is required." in text_of(dialog.query_one(".error-summary"))
        await pilot.press(*"Fie", "f12")  # back to Spanish, with what was typed kept
        assert "Motivo" in text_of(dialog.view.rows["reason"].query_one(".field-label"))
        assert dialog.view.values()["reason"] == "Fie"
        await pilot.press("escape")
        assert app.screen is screen and cases.get_case(store, case.id).status == "scheduled"
        await pilot.press("escape")
        assert app.screen is not screen
