"""The UI in English, and switching language live; a database that cannot be opened is explained."""

from __future__ import annotations

from textual.widgets import Input

from ayni.tui.screens.error import StoreErrorScreen
from ayni.tui.screens.register import RegisterScreen
from tuikit import SIZE, text_of


def _footer_words(app) -> set[str]:
    return {b.description for _, b, _, _ in app.screen.active_bindings.values() if b.show}


async def test_english_ui_shows_english_labels(make_app, people):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#search", Input).placeholder.startswith("Name, surnames, document")
        assert {"New patient", "Quit", "Back"} <= _footer_words(app)
        assert "Recently registered patients" in text_of(app.screen.query_one("#results-info"))
        await pilot.press("f2")
        assert isinstance(app.screen, RegisterScreen)
        form = app.screen.query_one("#patient-form")
        assert text_of(form.rows["given_names"].query_one(".field-label")) == "Given names *"
        assert text_of(form.rows["age_years"].query_one(".field-label")) == "Estimated age"
        await pilot.press("ctrl+s")  # an empty form: messages in English too
        assert "Given names: is required." in text_of(app.screen.query_one(".error-summary"))


async def test_f12_switches_to_spanish_live(make_app, people):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        form = app.screen.query_one("#patient-form")
        await pilot.press(*"Ana")  # what was typed survives the switch
        await pilot.press("f12")
        assert app.lang == "es"
        assert text_of(form.rows["given_names"].query_one(".field-label")) == "Nombres *"
        assert form.rows["given_names"].value == "Ana"
        assert "Guardar" in _footer_words(app)
        await pilot.press("escape")  # «Ana» is not saved: the first Esc says so, in Spanish
        assert "Esc otra vez" in text_of(app.screen.query_one(".error-summary"))
        await pilot.press("escape")
        assert "Nuevo paciente" in _footer_words(app)  # the screen underneath switched as well


async def test_damaged_database_is_explained_not_traced(tmp_path, plugins):
    from ayni.tui.app import AyniApp

    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not a database" * 100)
    app = AyniApp(damaged, "tester", "es", plugins=plugins)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StoreErrorScreen)
        message = text_of(app.screen.query_one("#error-message"))
        assert str(damaged) in message and "dañado" in message
        await pilot.press("q")
    assert app.store_error is not None


async def test_the_command_palette_says_no_matches_in_spanish(make_app, people):
    import inspect

    from textual.command import CommandList, CommandPalette

    from ayni.tui.screens.palette import Palette

    # Textual hard-codes the English line in the method the palette replaces: an upgrade that moves
    # it fails here rather than showing English again
    assert "No matches found" in inspect.getsource(CommandPalette._start_no_matches_countdown)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, Palette)
        palette.show_no_matches("zzqx")  # what the countdown calls after a search found nothing
        prompts = [str(o.prompt.renderable) for o in palette.query_one(CommandList).options if o.disabled]
        assert prompts == ["Nada coincide"]
