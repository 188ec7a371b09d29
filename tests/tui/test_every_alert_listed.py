"""Every alert of an encounter can be read whole in the UI: the strip under the title names the key
(Alt+A) on its «… y N alertas más» line, the key (and the command palette) opens a list of them all,
whole, in the UI's language, scrollable at 80×24; F1 lists the key."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from ayni.core import Alert, Text, hookimpl, load_plugins
from ayni.core.clinical import encounters
from ayni.tui.screens.alerts import AlertsScreen
from ayni.tui.screens.keys import screen_keys
from ayni.tui.widgets.alerts import AlertStrip
from tuikit import text_of

#: More alerts than 24 rows hold, each long enough to wrap at 80 columns.
MANY = 14


class _ManyAlerts:
    """A plugin with many long alerts on every encounter."""

    @staticmethod
    @hookimpl
    def ayni_alerts(visit, store):
        return [Alert(f"x.a{n}", "warning",
                      Text(f"Alerta número {n}: revisar la dosis indicada antes de continuar con la atención de hoy",
                           f"Alert number {n}: check the dose given before going on with today's encounter"))
                for n in range(1, MANY + 1)]


async def test_the_rest_of_the_alerts_are_listed_whole_by_a_key_the_strip_names(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    app = make_app(plugins=load_plugins(extra=[_ManyAlerts]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_encounter(encounter.id)
        await pilot.pause()
        screen = app.screen
        strip = screen.query_one(AlertStrip)
        assert str(strip.content).splitlines()[-1].strip().endswith("alertas más: Alt+A las muestra")
        assert ("alt+a", "Ver todas las alertas") in screen_keys(screen, "es")
        await pilot.press("alt+a")
        await pilot.pause()
        listed = app.screen
        assert isinstance(listed, AlertsScreen)
        text = text_of(listed.query_one("#all-alerts", Static))
        for n in range(1, MANY + 1):
            assert (f"!  Atención: Alerta número {n}: revisar la dosis indicada antes de continuar con la "
                    f"atención de hoy") in text
        scroll = listed.query_one(VerticalScroll)
        assert scroll.max_scroll_y > 0 and scroll.has_focus  # more than 24 rows: ↓ and PgDn read on
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("f12")
        await pilot.pause()
        assert "!  Warning: Alert number 14: check the dose given" in text_of(listed.query_one("#all-alerts", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_the_palette_offers_the_alerts_and_an_encounter_without_any_says_so(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_encounter(encounter.id)
        await pilot.pause()
        assert "Ver todas las alertas" in [command.title for command in app.screen.palette_commands()]
        await pilot.press("alt+a")
        await pilot.pause()
        assert text_of(app.screen.query_one("#all-alerts", Static)) == "Esta atención no tiene alertas."
