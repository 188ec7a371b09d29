"""Login with name and PIN, and the idle lock, driven by keys (the clock is a fake one: no sleeping)."""

from __future__ import annotations

from ayni.core.people import users
from ayni.tui.screens.login import LockScreen, LoginScreen
from ayni.tui.screens.search import SearchScreen
from tuikit import SIZE, text_of


def _campaign_users(store):
    users.add(store, "Ana", "admin", "1234")
    users.login(store, "Ana", "1234")
    users.add(store, "Rosa", "triage", "5678")
    users.logout(store)


async def test_wrong_pin_is_refused_then_the_right_one_logs_in(make_app, store):
    _campaign_users(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LoginScreen)
        await pilot.press(*"Rosa", "enter", *"0000", "enter")
        assert isinstance(app.screen, LoginScreen)
        assert app.store.session is None
        error = text_of(app.screen.query_one("#login-error"))
        assert "PIN incorrecto para Rosa" in error and "quedan 4 intentos" in error
        assert app.screen.query_one("#login-pin").value == ""  # cleared, never kept
        await pilot.press(*"5678", "enter")
        assert isinstance(app.screen, SearchScreen)
        assert app.store.session.user.name == "Rosa"
        assert "Rosa" in text_of(app.screen.query_one("#title"))


async def test_without_pins_there_is_no_login(make_app, store):
    app = make_app()
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, SearchScreen)


async def test_idle_session_locks_and_asks_the_pin_again(make_app, store):
    _campaign_users(store)
    app = make_app()
    now = [1000.0]
    app.clock = lambda: now[0]
    app.lock_minutes = 2
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#login-name").value = "Rosa"
        app.screen.query_one("#login-pin").value = "5678"
        assert app.screen.attempt()
        await pilot.pause()
        now[0] += 119
        app.check_inactivity()
        assert not app.locked
        await pilot.press("down")  # a key: the idle time starts again
        now[0] += 119
        app.check_inactivity()
        assert not app.locked
        now[0] += 2
        app.check_inactivity()
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert "Rosa" in text_of(app.screen.query_one("#lock-prompt"))
        await pilot.press("escape")  # Esc does not unlock
        assert isinstance(app.screen, LockScreen)
        await pilot.press(*"1111", "enter")
        assert isinstance(app.screen, LockScreen)
        assert "PIN incorrecto" in text_of(app.screen.query_one("#lock-error"))
        await pilot.press(*"5678", "enter")
        assert isinstance(app.screen, SearchScreen)
        assert app.store.session.user.name == "Rosa"


async def test_lock_action_then_switch_user(make_app, store):
    _campaign_users(store)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#login-name").value = "Ana"
        app.screen.query_one("#login-pin").value = "1234"
        assert app.screen.attempt()
        await pilot.pause()
        await pilot.press("f10")
        assert isinstance(app.screen, LockScreen)
        await pilot.press("f10")  # F10 on the lock screen: someone else logs in
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert app.store.session is None
