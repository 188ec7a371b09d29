"""Every key can be found (F1 in the footer lists all of a screen's, in the UI language), Alt+letter
reaches its tab from a text field, and no stray key quits with work on screen."""

from __future__ import annotations

from textual._xterm_parser import XTermParser
from textual.widgets import Input, TabbedContent, TextArea

from ayni.core.clinical import encounters
from ayni.tui.screens.dialogs import ConfirmScreen
from ayni.tui.screens.encounter import EncounterScreen
from ayni.tui.screens.keys import KeysScreen, screen_keys
from ayni.tui.screens.patient import PatientScreen
from tuikit import SIZE, text_of


def _footer(app) -> list[str]:
    return [b.description for _, b, _, _ in app.screen.active_bindings.values() if b.show]


async def test_f1_is_in_every_footer_and_lists_the_keys_the_footer_has_no_room_for(make_app, people):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Teclas" in _footer(app)
        await pilot.press("f1")
        assert isinstance(app.screen, KeysScreen)
        listed = dict(screen_keys(app.screen.under, "es"))
        for key, said in {"f4": "Stock", "f5": "Caja", "f7": "Cola", "f8": "Informes", "f11": "Tablero",
                          "^p": "Comandos", "f12 ^l": "English"}.items():
            assert listed[key] == said
        assert "Teclas de esta pantalla" in text_of(app.screen.query_one("#dialog-title"))
        await pilot.press("f12")  # the list follows the language
        assert "Keys of this screen" in text_of(app.screen.query_one("#dialog-title"))
        assert dict(screen_keys(app.screen.under, "en"))["f5"] == "Cash desk"
        await pilot.press("escape", *"nunez", "enter")
        assert isinstance(app.screen, PatientScreen)
        assert "Keys" in _footer(app)
        await pilot.press("f1")
        assert {"m": "Merge", "h": "History", "q": "Quit"}.items() <= dict(screen_keys(app.screen.under, "en")).items()


async def _consultation(app, store, patient, pilot) -> None:
    """Show a new general consultation of ``patient``, over the patient's screen."""
    app.open_patient(patient.id)
    app.open_encounter(encounters.open_encounter(store, patient.id, "general", "consultation").id)
    await pilot.pause()


async def test_the_encounter_lists_how_to_switch_tabs(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _consultation(app, store, patient, pilot)
        listed = dict(screen_keys(app.screen, "es"))
        assert listed["^pgdn alt+→"] == "Pestaña siguiente"
        assert listed["^pgup alt+←"] == "Pestaña anterior"
        assert listed["alt+d"] == "Diagnósticos" and listed["alt+p"] == "Procedimientos"


async def test_alt_d_from_a_text_area_opens_the_diagnoses_and_types_nothing(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _consultation(app, store, patient, pilot)
        note = app.screen.query(TextArea).first()
        note.focus()
        await pilot.pause()
        parser = XTermParser()  # what a terminal sends for Alt+D, ESC d, read as the app reads it
        [alt_d] = [*parser.feed("\x1bd"), *parser.feed("")]
        assert (alt_d.key, alt_d.character) == ("alt+d", "d")
        app._driver.send_message(alt_d)
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "tab-diagnoses"
        assert note.text == ""


async def test_q_types_into_a_field_and_asks_before_quitting_elsewhere(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _consultation(app, store, patient, pilot)
        assert isinstance(app.focused, Input)
        await pilot.press("q")
        assert app.focused.value == "q" and isinstance(app.screen, EncounterScreen)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "¿Salir de Ayni?" in text_of(app.screen.query_one("#dialog-title"))
        await pilot.press("n")  # stays, with what was typed
        assert isinstance(app.screen, EncounterScreen) and app.focused.value == "q"
        await pilot.press("escape", "escape")  # the first Esc warns of the unsaved «q», the second leaves
        assert isinstance(app.screen, PatientScreen)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PatientScreen) and app.is_running
        await pilot.press("q", "s")
    assert not app.is_running


async def test_ctrl_q_on_the_patient_search_quits_at_once(make_app, people):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
    assert not app.is_running


def test_the_readme_key_table_names_the_keys_the_footer_leaves_out():
    from pathlib import Path

    readme = Path(__file__).parents[2] / "README.md"
    table = readme.read_text(encoding="utf-8").split("### Teclas / Keys", 1)[1].split("\n\n", 2)[1]
    for key in ("F1", "F4", "F5", "F7", "F8", "F10", "F11", "F12", "ctrl+p", "ctrl+q", "alt+p", "alt+d", "alt+e",
                "alt+a", "ctrl+pgdn", "ctrl+pgup"):
        assert key in table, key


async def test_textuals_own_words_follow_the_ui_language(make_app, store, patient):
    from textual.command import CommandInput

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert app.screen.query_one(CommandInput).placeholder == "Buscar un comando…"
        assert "Cerrar la paleta" in _footer(app) + [b.description for _, b, _, _ in
                                                      app.screen.active_bindings.values()]
        await pilot.press("f12")
        assert app.screen.query_one(CommandInput).placeholder == "Search for commands…"
        await pilot.press("escape", "f12")
        app.action_change_theme()
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Buscar un tema de colores…"
        await pilot.press("escape")
        await _consultation(app, store, patient, pilot)
        await pilot.press("alt+left")  # triage: its first field is a list to open
        app.screen.query("Select").first().action_show_overlay()
        await pilot.pause()
        assert "Volver" in _footer(app) and "Dismiss menu" not in _footer(app)  # Esc closes the list


async def test_f1_on_a_closed_list_lists_no_english_words_of_textual(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _consultation(app, store, patient, pilot)
        await pilot.press("alt+left")  # triage: its first field is a list to open
        app.screen.query("Select").first().focus()
        await pilot.pause()
        described = [description for _, description in screen_keys(app.screen, "es")]
        assert "Show menu" not in described and {"Guardar", "Salir"} <= set(described)
