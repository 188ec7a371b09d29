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

from .keys_in_order import KeysInOrder
from .screens.base import localize_bindings
from .screens.login import SessionMixin
from .text import tr


class AyniApp(KeysInOrder, SessionMixin, App):
    """The clinician's app on one database as one user, in Spanish (``"es"``) or English (``"en"``).

    ``plugins`` (a :class:`~ayni.core.Plugins`) replaces the installed plugins, for tests.
    ``open_later`` paints the patient search first and opens the store (loading the plugins) right
    after, as :func:`run` does; without it the store is open before the first screen, which is what
    tests want.
    """

    #: With ``open_later``: seconds between the first paint and opening the store. Opening takes a few
    #: tenths of a second on this thread (a worker thread would fight it for the interpreter and end
    #: later); keys typed meanwhile wait in the queue and are handled once it is open.
    open_delay = 0.01

    CSS_PATH = "ayni.tcss"
    TITLE = "Ayni"
    BINDINGS = [
        Binding("f12,ctrl+l", "toggle_lang", "b_lang", priority=True),
        Binding("f1", "keys", "b_keys", priority=True),
        # The footer keeps to each screen's own keys (it must fit 80 columns); F1 lists these with the
        # rest, and each has its palette command. The search screen shows Ctrl+Q itself; elsewhere
        # Esc goes back.
        Binding("ctrl+q", "quit", "b_quit", priority=True, show=False),
        Binding("f4", "stock", "b_stock", show=False),
        Binding("f5", "cashier", "b_cashier", show=False),
        Binding("f7", "queue", "b_queue", show=False),
        Binding("f8", "reports", "b_reports", show=False),
        Binding("f11", "dashboard", "b_dashboard", show=False),
        Binding("f10", "lock", "b_lock", show=False),
    ]

    lang: reactive[str] = reactive("es", init=False)

    def __init__(self, db_path: str | Path, user: str, lang: str = "es", plugins=None, open_later: bool = False):
        super().__init__()
        self.open_later = open_later
        self.db_path = Path(db_path)
        self.user_name = user
        self.set_reactive(AyniApp.lang, lang if lang in LANGUAGES else "es")
        self.plugins_override = plugins
        self.store: Store | None = None
        self.store_error: StoreError | None = None
        self.last_station: tuple[str, str] | None = None  # (specialty, station) last opened
        self.patients_opened = 0  # how many times a patient's screen was shown (the search clears after one)
        localize_bindings([self], self.lang)

    def get_default_screen(self) -> Screen:
        from .screens.error import StoreErrorScreen
        from .screens.search import SearchScreen

        if self.open_later:
            return SearchScreen()  # shows «Abriendo la base de datos…» until the store is open
        try:
            self.store = open_store(self.db_path, user=self.user_name, plugins=self.plugins_override, create=False)
        except StoreError as error:
            self.store_error = error
            return StoreErrorScreen(error)
        return SearchScreen()

    # -- opening the store after the first paint ----------------------------------------------------

    def on_mount(self) -> None:
        if self.open_later:
            self.call_after_refresh(self.set_timer, self.open_delay, self.open_store_now, name="open-store")

    def open_store_now(self) -> None:
        """Load the plugins, open and migrate the store, and show it (``open_later`` does this after
        the first paint); a store that cannot be opened is explained on its own screen."""
        if self.store is not None or self.store_error is not None:
            return
        try:
            store = open_store(self.db_path, user=self.user_name, plugins=self.plugins_override, create=False)
        except StoreError as error:
            self._store_failed(error)
            return
        self._store_opened(store)

    def _store_opened(self, store: Store) -> None:
        from .screens.login import LoginScreen, needs_login

        self.store = store
        for screen in self.screen_stack:
            if hasattr(screen, "store_ready"):
                screen.store_ready()
        if needs_login(store):
            self.push_screen(LoginScreen())
        self.refresh_bindings()

    def _store_failed(self, error: StoreError) -> None:
        from .screens.error import StoreErrorScreen

        self.store_error = error
        self.push_screen(StoreErrorScreen(error))  # over the search screen, which has nothing to search

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
        localize_bindings([self], lang)
        for screen in self.screen_stack:
            if hasattr(screen, "apply_lang"):
                screen.apply_lang()
        self.notify(tr("language_now", lang), timeout=2)

    # -- keys and quitting -------------------------------------------------------------------

    def action_keys(self) -> None:
        """F1: every key of the current screen, with what it does."""
        from .screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen))

    async def action_quit(self) -> None:
        """Quit at once from the patient search (nothing is being written there); from any other
        screen ask first, so a stray ``q`` or Ctrl+Q never loses a form half filled."""
        from .screens.dialogs import ConfirmScreen

        if len(self.screen_stack) == 1 or getattr(self.screen, "quits_at_once", False):
            self.exit()
        elif getattr(self.screen, "question", None) != "quit_confirm":
            self.push_screen(ConfirmScreen("quit_confirm"), lambda yes: self.exit() if yes else None)

    # -- command palette ---------------------------------------------------------------------

    def action_command_palette(self) -> None:
        """Ctrl+P: the command palette, in the UI's language."""
        from textual.command import CommandPalette

        from .screens.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(self.lang, id="--command-palette"))

    def search_themes(self) -> None:
        """The theme picker, in the UI's language."""
        from textual.theme import ThemeProvider

        from .screens.palette import Palette

        self.push_screen(Palette(self.lang, "theme_placeholder", providers=[ThemeProvider]))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        if self.store is not None:
            yield SystemCommand(tr("c_new_patient_name", lang), tr("c_new_patient", lang), self.action_new_patient)
            yield SystemCommand(tr("c_search_name", lang), tr("c_search", lang), self.action_home)
            yield from self.session_commands()
            yield SystemCommand(tr("c_stock_name", lang), tr("c_stock", lang), self.action_stock)
            yield SystemCommand(tr("c_cashier_name", lang), tr("c_cashier", lang), self.action_cashier)
            yield SystemCommand(tr("c_reports_name", lang), tr("c_reports", lang), self.action_reports)
        yield SystemCommand(tr("c_lang_name", lang), tr("c_lang", lang), self.action_toggle_lang)
        yield SystemCommand(tr("c_theme_name", lang), tr("c_theme", lang), self.action_change_theme)
        yield SystemCommand(tr("c_keys_name", lang), tr("c_keys", lang), self.action_keys)
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

    def action_stock(self) -> None:
        """Open the stock screen."""
        from .screens.stock import StockScreen

        if self.store is not None and not isinstance(self.screen, StockScreen):
            self.push_screen(StockScreen())

    def action_cashier(self) -> None:
        """Open the cash desk."""
        from .screens.cashier import CashierScreen

        if self.store is not None and not isinstance(self.screen, CashierScreen):
            self.push_screen(CashierScreen())

    def action_reports(self) -> None:
        """Open the coordinator's reports and documents."""
        from .screens.reports import ReportsScreen

        if self.store is not None and not isinstance(self.screen, ReportsScreen):
            self.push_screen(ReportsScreen())

    def action_history(self) -> None:
        """Open the history of the patient on screen (the patient screen binds H to this)."""
        from .screens.history import HistoryScreen

        patient_id = getattr(self.screen, "patient_id", None)
        if self.store is not None and patient_id and not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen(patient_id))

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
        if not self.session_allows(action):  # the login and lock screens let nothing past them
            return False
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
        self.patients_opened += 1
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
    app = AyniApp(db_path, user, lang, open_later=True)
    app.run()
    if app.store_error is not None:
        return 1
    return app.return_code or 0
