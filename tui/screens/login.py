"""Logging in with a name and PIN, locking an idle session, and the app's campaign-day actions.

When the database has access control on (``ayni.core.people.users``), the app starts on
:class:`LoginScreen`. After :attr:`SessionMixin.lock_minutes` without a key or a click the session
locks (:class:`LockScreen` asks the same person's PIN again; F10 there switches user). The timer is
:meth:`SessionMixin.check_inactivity`, run every few seconds against :attr:`SessionMixin.clock`, which a test
may replace.
"""

from __future__ import annotations

import os
import time

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ayni.core import AyniError
from ayni.core.campaign import stations as station_records
from ayni.core.people import users

from ..text import tr
from .base import AyniModal, AyniScreen

#: Minutes without a key before the session locks (``AYNI_LOCK_MINUTES`` overrides).
DEFAULT_LOCK_MINUTES = 5
IDLE_CHECK_SECONDS = 5


def needs_login(store) -> bool:
    """True when the database has access control and nobody is logged in on ``store``."""
    return store is not None and store.session is None and users.access_control_on(store.db)


def working_user(store) -> str:
    """Who is working on ``store``, as the title shows it: the logged-in person where access control
    is on (nobody before the login), else the user the app was started as."""
    if store is None or needs_login(store):
        return ""
    return store.session.user.name if store.session is not None else store.user.name


def _lock_minutes() -> float:
    try:
        return max(0.1, float(os.environ.get("AYNI_LOCK_MINUTES", DEFAULT_LOCK_MINUTES)))
    except ValueError:
        return DEFAULT_LOCK_MINUTES


def _pin_input(input_id: str) -> Input:
    return Input(id=input_id, password=True, restrict=r"[0-9]*", max_length=8)


def _campaign_stations(store) -> list:
    """The stations of the current campaign, or none when there is no campaign yet."""
    if not store.db["campaigns"].count:
        return []
    try:
        return station_records.of_campaign(store)
    except AyniError:
        return []


class LoginScreen(AyniScreen):
    """Name, PIN and (optionally) the station where this person works today."""

    BINDINGS = [Binding("escape", "noop", show=False)]
    AUTO_FOCUS = "#login-name"

    def compose(self) -> ComposeResult:
        with Vertical(id="login"):
            yield Static("", id="login-title", classes="screen-title", markup=False)
            yield Static("", id="login-name-label", markup=False)
            yield Input(id="login-name", max_length=users.MAX_NAME)
            yield Static("", id="login-pin-label", markup=False)
            yield _pin_input("login-pin")
            yield Static("", id="login-station-label", markup=False)
            yield OptionList(id="login-station", markup=False)
            yield Static("", id="login-error", classes="error-summary", markup=False)
            yield Static("", id="login-hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#login-error").display = False

    def relabel(self) -> None:
        self.query_one("#login-title", Static).update(self.tr("login_title"))
        self.query_one("#login-name-label", Static).update(self.tr("login_name"))
        self.query_one("#login-pin-label", Static).update(self.tr("login_pin"))
        self.query_one("#login-station-label", Static).update(self.tr("login_station"))
        self.query_one("#login-hint", Static).update(self.tr("login_hint", minutes=f"{self.app.lock_minutes:g}"))
        options = self.query_one("#login-station", OptionList)
        highlighted = options.highlighted
        store = self.app.store
        options.set_options([Option("—", id=""), *(Option(s.label(self.lang, store.plugins), id=s.key)
                                                   for s in _campaign_stations(store))])
        options.highlighted = highlighted or 0

    def action_noop(self) -> None:
        """Esc does not leave the login."""

    @on(Input.Submitted, "#login-name")
    def _to_pin(self) -> None:
        self.query_one("#login-pin", Input).focus()

    @on(Input.Submitted, "#login-pin")
    def _submit(self) -> None:
        self.attempt()

    def attempt(self) -> bool:
        """Log in with what is typed; on refusal show why (and clear the PIN)."""
        name = self.query_one("#login-name", Input).value.strip()
        pin_input = self.query_one("#login-pin", Input)
        options = self.query_one("#login-station", OptionList)
        station = None
        if options.highlighted is not None and options.option_count:
            station = options.get_option_at_index(options.highlighted).id or None
        try:
            session = users.login(self.app.store, name, pin_input.value, station=station)
        except AyniError as error:
            pin_input.value = ""
            message = self.query_one("#login-error", Static)
            message.update("⚠ " + error.message(self.lang))
            message.display = True
            pin_input.focus()
            return False
        self.app.logged_in(session)
        return True


class LockScreen(AyniModal):
    """The session is locked: the same person's PIN unlocks it; F10 logs out for someone else."""

    BINDINGS = [Binding("escape", "noop", show=False), Binding("f10", "app.logout", "b_logout")]
    AUTO_FOCUS = "#lock-pin"

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("", id="lock-title", classes="screen-title", markup=False)
            yield Static("", id="lock-prompt", markup=False)
            yield _pin_input("lock-pin")
            yield Static("", id="lock-error", markup=False)
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#lock-title", Static).update("🔒 " + self.tr("lock_title"))
        self.query_one("#lock-prompt", Static).update(self.tr("lock_prompt", name=self.app.store.user.name))

    def action_noop(self) -> None:
        """Esc does not unlock."""

    def action_cancel(self) -> None:
        """Esc does not unlock."""

    @on(Input.Submitted, "#lock-pin")
    def _submit(self) -> None:
        self.attempt()

    def attempt(self) -> bool:
        """Unlock with the typed PIN; a locked account ends the session."""
        pin_input = self.query_one("#lock-pin", Input)
        try:
            users.unlock(self.app.store, pin_input.value)
        except users.AccessDenied as error:
            pin_input.value = ""
            self.query_one("#lock-error", Static).update("⚠ " + error.message(self.lang))
            if error.key == "locked":
                self.app.logout()
            return False
        self.app.touch()
        self.dismiss(True)
        return True


class SessionMixin:
    """What the app adds for a campaign day: login, idle lock, the queue, dashboard and audit screens.

    ``clock`` (seconds, monotonic) and ``lock_minutes`` may be replaced, e.g. by a test.
    """

    lock_minutes: float = _lock_minutes()
    clock = staticmethod(time.monotonic)
    last_activity: float | None = None

    def on_mount(self) -> None:
        self.touch()
        self.set_interval(IDLE_CHECK_SECONDS, self.check_inactivity)
        if needs_login(self.store):
            self.push_screen(LoginScreen())

    def session_allows(self, action: str) -> bool:
        """While the login or lock screen is up, only quitting, the language and switching user."""
        if not isinstance(self.screen, (LoginScreen, LockScreen)):
            return True
        return action in {"quit", "toggle_lang", "logout", "noop", "cancel"}

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.touch()
        await super().on_event(event)

    def touch(self) -> None:
        """Someone is here: the idle time starts again."""
        self.last_activity = self.clock()

    @property
    def locked(self) -> bool:
        return any(isinstance(s, LockScreen) for s in self.screen_stack)

    def check_inactivity(self) -> None:
        """Lock the session when nobody has touched a key for :attr:`lock_minutes`."""
        if self.last_activity is None:
            self.touch()
        if self.clock() - self.last_activity >= self.lock_minutes * 60:
            self.action_lock()

    def action_lock(self) -> None:
        """Lock now (only a session with a PIN can be locked)."""
        store = self.store
        if store is not None and store.session is not None and not self.locked:
            self.push_screen(LockScreen())

    def logged_in(self, session) -> None:
        """After a login: the patient search, or the queue of the station chosen."""
        self.touch()
        if isinstance(self.screen, LoginScreen):
            self.pop_screen()
        for screen in self.screen_stack:  # the title names who is working now
            if hasattr(screen, "apply_lang"):
                screen.apply_lang()
        self.notify(tr("login_welcome", self.lang, name=session.user.name,
                       role=users.role_label(session.user.role, self.lang, self.store.plugins)), timeout=3)
        if session.station:
            self.open_queue(session.station)

    def logout(self) -> None:
        """End the session and show the login again."""
        users.logout(self.store)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(LoginScreen())

    def action_logout(self) -> None:
        """Switch user."""
        if self.store is not None and self.store.session is not None:
            self.logout()

    def _session_ready(self) -> bool:
        return self.store is not None and not needs_login(self.store)

    def open_queue(self, station: str | None) -> None:
        """The queue screen of ``station``."""
        from .queue import QueueScreen

        if station:
            self.push_screen(QueueScreen(station))

    def action_queue(self) -> None:
        """The queue of this session's station, or of one chosen from the campaign's stations."""
        from .dialogs import ChoiceScreen

        if not self._session_ready():
            return
        session = self.store.session
        if session is not None and session.station:
            self.open_queue(session.station)
            return
        choices = [(s.key, _label(s, self.store.plugins)) for s in _campaign_stations(self.store)
                   or station_records.default_stations(self.store, "")]
        self.push_screen(ChoiceScreen("choose_station", choices), self.open_queue)

    def action_dashboard(self) -> None:
        """The coordinator's live dashboard."""
        from .dashboard import DashboardScreen

        if self._session_ready():
            self.push_screen(DashboardScreen())

    def action_audit(self) -> None:
        """The audit log viewer."""
        from .audit import AuditScreen

        if self._session_ready():
            self.push_screen(AuditScreen())

    def session_commands(self):
        """The command palette entries of these screens."""
        lang = self.lang
        if not self._session_ready():
            return
        for name, help_key, action in (("c_queue_name", "c_queue", self.action_queue),
                                       ("c_dashboard_name", "c_dashboard", self.action_dashboard),
                                       ("c_audit_name", "c_audit", self.action_audit),
                                       ("c_lock_name", "c_lock", self.action_lock),
                                       ("c_logout_name", "c_logout", self.action_logout)):
            yield SystemCommand(tr(name, lang), tr(help_key, lang), action)


def _label(station, plugins):
    """A station's name in both languages, for a choice list."""
    from ayni.core import Text

    return Text(station.label("es", plugins), station.label("en", plugins))

