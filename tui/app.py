"""The Ayni terminal app: patient search first, then registration, encounters, payment and printing.

``run(db_path, user, lang)`` is what the ``ayni`` command calls. The app opens the store in its own
process; a :class:`~ayni.core.StoreError` is shown as its message, never as a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from ayni.core import LANGUAGES, Store, StoreError, open_store

from .screens.base import localize_bindings
from .text import tr


class AyniApp(App):
    """The clinician's app on one database as one user, in Spanish (``"es"``) or English (``"en"``).

    ``plugins`` (a :class:`~ayni.core.Plugins`) replaces the installed plugins, for tests.
    """

    CSS_PATH = "ayni.tcss"
    TITLE = "Ayni"
    BINDINGS = [
        Binding("ctrl+q", "quit", "b_quit", priority=True),
        Binding("f12,ctrl+l", "toggle_lang", "b_lang", priority=True),
    ]

    lang: reactive[str] = reactive("es", init=False)

    def __init__(self, db_path: str | Path, user: str, lang: str = "es", plugins=None):
        super().__init__()
        self.db_path = Path(db_path)
        self.user_name = user
        self.set_reactive(AyniApp.lang, lang if lang in LANGUAGES else "es")
        self.plugins_override = plugins
        self.store: Store | None = None
        self.store_error: StoreError | None = None
        self.last_station: tuple[str, str] | None = None  # (specialty, station) last opened
        localize_bindings(self, self.lang)

    def get_default_screen(self) -> Screen:
        from .screens.error import StoreErrorScreen
        from .screens.search import SearchScreen

        try:
            self.store = open_store(self.db_path, user=self.user_name, plugins=self.plugins_override)
        except StoreError as error:
            self.store_error = error
            return StoreErrorScreen(error)
        return SearchScreen()

    @functools.cached_property
    def tui_widgets(self) -> dict:
        """Widgets plugins draw for field types (``ayni_tui_widgets``), by field type."""
        from .widgets.form import plugin_widgets

        return plugin_widgets(self.store.plugins) if self.store is not None else {}

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Notifications show names and paths as typed, so markup is off unless asked for."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- language ----------------------------------------------------------------------------

    def action_toggle_lang(self) -> None:
        """Switch between Spanish and English, live."""
        self.lang = "en" if self.lang == "es" else "es"

    def watch_lang(self, lang: str) -> None:
        localize_bindings(self, lang)
        for screen in self.screen_stack:
            if hasattr(screen, "apply_lang"):
                screen.apply_lang()
        self.notify(tr("language_now", lang), timeout=2)

    # -- command palette ---------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        if self.store is not None:
            yield SystemCommand(tr("c_new_patient_name", lang), tr("c_new_patient", lang), self.action_new_patient)
            yield SystemCommand(tr("c_search_name", lang), tr("c_search", lang), self.action_home)
        yield SystemCommand(tr("c_lang_name", lang), tr("c_lang", lang), self.action_toggle_lang)
        yield SystemCommand(tr("c_theme_name", lang), tr("c_theme", lang), self.action_change_theme)
        yield SystemCommand(tr("c_keys_name", lang), tr("c_keys", lang), self.action_show_help_panel)
        yield SystemCommand(tr("c_quit_name", lang), tr("c_quit", lang), self.action_quit)
        for key, label in self.plugin_screens():
            yield SystemCommand(label.get(lang), tr("c_plugin_screen", lang), functools.partial(self.open_plugin_screen, key))
        extra = getattr(screen, "palette_commands", None)
        if extra is not None:
            yield from extra()

    # -- navigation ------------------------------------------------------------------------

    def action_home(self) -> None:
        """Back to the patient search."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_new_patient(self) -> None:
        """Open the registration form."""
        from .screens.register import RegisterScreen

        if self.store is not None:
            self.push_screen(RegisterScreen())

    def plugin_screens(self) -> list:
        """``[(key, label)]`` of the screens plugins add (``ayni_tui_screens``)."""
        if self.store is None:
            return []
        return [(key, screen.label) for key, screen in getattr(self.store.plugins, "screens", {}).items()]

    def open_plugin_screen(self, key: str | None) -> None:
        """Show a plugin's screen; a plugin that fails is reported, the app carries on."""
        if key is None:
            return
        try:
            screen = self.store.plugins.screens[key].factory(self.store, self.lang)
        except Exception as error:  # a broken plugin must not take the app down
            self.notify(tr("plugin_screen_failed", self.lang, error=error), severity="error")
            return
        self.push_screen(screen)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "plugin_menu":  # F3 shows only when a plugin adds a screen
            return bool(self.plugin_screens())
        return True

    def action_plugin_menu(self) -> None:
        """The menu of screens plugins add."""
        from .screens.dialogs import ChoiceScreen

        if self.plugin_screens():
            self.push_screen(ChoiceScreen("plugin_menu_title", self.plugin_screens()), self.open_plugin_screen)

    def open_patient(self, patient_id: str, replace: bool = False) -> None:
        """Show a patient; ``replace`` takes the place of the current screen (after registering)."""
        from .screens.patient import PatientScreen

        screen = PatientScreen(patient_id)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_encounter(self, encounter_id: str) -> None:
        """Show an encounter's forms, procedures and diagnoses."""
        from .screens.encounter import EncounterScreen

        self.push_screen(EncounterScreen(encounter_id))


def run(db_path: str | Path, user: str, lang: str = "es") -> int:
    """Run the app until the person quits; the exit code is 1 when the database could not be opened."""
    app = AyniApp(db_path, user, lang)
    app.run()
    if app.store_error is not None:
        return 1
    return app.return_code or 0
