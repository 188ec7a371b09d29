"""``ayni serve`` starts one app per browser: with access control, the command it runs names no
user, so every browser starts at the login screen, and shows and audits whoever logs in there; a
served command without access control (this computer only) runs as the user who started it."""

from __future__ import annotations

import shlex

from ayni.cli.campaign import tui_command
from ayni.cli.context import Settings, login_name
from ayni.core.clinical import encounters
from ayni.core.people import users
from ayni.tui.app import AyniApp
from ayni.tui.screens.login import LoginScreen
from ayni.tui.screens.search import SearchScreen
from tuikit import SIZE, text_of


def _served(store, protected: bool) -> list[str]:
    return shlex.split(tui_command(Settings(store.path, "es", "Coordinación"), protected))


def test_with_access_control_the_served_command_names_no_user(store):
    served = _served(store, protected=True)
    assert "--user" not in served and served[-1] == "tui"
    assert served[served.index("--db") + 1] == str(store.path.resolve())


def test_without_access_control_the_served_command_runs_as_who_served(store):
    served = _served(store, protected=False)
    assert served[served.index("--user") + 1] == "Coordinación"


async def test_a_browser_logs_in_as_itself_and_its_writes_are_audited_as_itself(store, patient, plugins):
    users.add(store, "Coordinación", "admin", "1234")
    users.login(store, "Coordinación", "1234")
    users.add(store, "Lic. Rosa Ticona", "triage", "5678")
    users.logout(store)
    served = _served(store, protected=True)
    # what `ayni … tui` does with no --user: the login name of the server's process
    app = AyniApp(served[served.index("--db") + 1], login_name(), "es", plugins=plugins, open_later=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        while app.store is None:
            await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        search = app.screen_stack[0]
        assert text_of(search.query_one("#title")) == "Buscar paciente"  # nobody is working yet
        await pilot.press(*"Lic. Rosa Ticona", "enter", *"5678", "enter")
        assert isinstance(app.screen, SearchScreen)
        assert text_of(app.screen.query_one("#title")) == "Buscar paciente · Usuario: Lic. Rosa Ticona"
        encounter = encounters.open_encounter(app.store, patient.id, "general", "triage")
    [who] = store.db.execute("SELECT u.name FROM audit_log a JOIN users u ON u.id = a.user_id "
                             "WHERE a.table_name = 'encounters' AND a.record_id = ?", [encounter.id]).fetchone()
    assert who == "Lic. Rosa Ticona"
