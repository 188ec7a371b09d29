"""What each main screen looks like at 80×24, in Spanish and in English: a footer that overflows, a
label left in Spanish after the switch, a box that no longer fits, all fail here.

The clock is stopped at one moment (time-machine) and the database is made afresh for each test, so
a picture changes only when the screen does. After a deliberate change of the UI, look at the new
pictures and accept them with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core.campaign import campaigns
from ayni.core.clinical import encounters
from ayni.core.people import patients
from tuikit import fixed_reference

time_machine = pytest.importorskip("time_machine")

#: 10:30 in Lima on the second day of the campaign.
NOW = dt.datetime(2026, 11, 24, 15, 30, tzinfo=dt.timezone.utc)
TERMINAL = (80, 24)

PEOPLE = (
    {"given_names": "Rosa Elena", "paternal_surname": "Núñez", "maternal_surname": "Quispe", "sex": "F",
     "age_years": "52", "id_kind": "dni", "id_number": "45678912", "community": "Chinchero", "language": "qu"},
    {"given_names": "Juan Carlos", "paternal_surname": "Mamani", "maternal_surname": "Condori", "sex": "M",
     "age_years": "61", "id_kind": "dni", "id_number": "40123456", "community": "Pisac"},
    {"given_names": "Luz", "paternal_surname": "Huamán", "maternal_surname": "Ccori", "sex": "F",
     "age_years": "29", "id_kind": "none", "community": "Ccorca"},
)


@pytest.fixture
def frozen():
    """The clock of the whole test, stopped at :data:`NOW`."""
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def clinic(frozen, store):
    """A campaign running today, three patients, and an open consultation for the first."""
    today = dt.date(2026, 11, 24)
    site = campaigns.new_site("I.E. 50123", community="Chinchero", district="Chinchero", region="Cusco")
    campaigns.create(store, "Campaña Chinchero", "medical", today - dt.timedelta(days=1),
                     today + dt.timedelta(days=3), site=site)
    people = [patients.register(store, form) for form in PEOPLE]
    consultation = encounters.open_encounter(store, people[0].id, "general", "consultation")
    return people, encounters.get_encounter_record(store, fixed_reference(store, consultation.id)).encounter


async def _steady(pilot) -> None:
    """Stop every cursor blinking, so a picture never catches one half-way."""
    from textual.widgets import Input, TextArea

    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


def _keys(*keys):
    async def press(pilot):
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await _steady(pilot)
    return press


def _encounter(then=(), station: tuple[str, str] | None = None):
    """Open the consultation (or a new encounter of its patient at ``station``), then press ``then``."""
    async def open_it(pilot):
        await pilot.pause()
        app = pilot.app
        found, patient_id = app.store.db.execute("SELECT id, patient_id FROM encounters LIMIT 1").fetchone()
        if station is not None:
            found = fixed_reference(app.store, encounters.open_encounter(app.store, patient_id, *station).id, "5e1d7a20")
        app.open_encounter(found)
        await pilot.pause()
        for key in then:
            await pilot.press(key)
        await _steady(pilot)
    return open_it


def _with_another_campaign(press):
    """``press``, with a second campaign on record (the reports screen then offers a choice)."""
    async def run(pilot):
        today = dt.date(2026, 11, 24)
        campaigns.create(pilot.app.store, "Campaña Pisac", "medical", today - dt.timedelta(days=20),
                         today - dt.timedelta(days=16))
        await press(pilot)
    return run


def _in_ansi_colours(press):
    """``press``, with the app in the 16 ANSI colours of a Linux console."""
    async def run(pilot):
        pilot.app.theme = "ansi-dark"
        await press(pilot)
    return run


SCREENS = {
    "search": _keys(*"nu"),
    "register": _keys("f2"),
    "patient": _keys(*"nunez", "enter"),
    "encounter": _encounter(),
    "payment": _encounter(then=("f6",)),
    "stock": _keys("f4"),
    "cashier": _keys("f5"),
    "queue": _keys("f7"),
    "reports": _keys("f8"),
    "reports-campaigns": _with_another_campaign(_keys("f8")),
    "dashboard": _keys("f11"),
    "keys": _keys("f1"),
    "history": _keys(*"nunez", "enter", "h"),
    "odontogram": _encounter(then=("tab",), station=("dental", "exam")),
    "odontogram-primary": _encounter(then=("tab", "t"), station=("dental", "exam")),
    "phq9": _encounter(station=("general", "mental_health")),
    "ticks-16-colours": _in_ansi_colours(_encounter(then=("tab", "tab", "tab", "down", "enter"))),
}


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_each_main_screen_at_80_by_24(snap_compare, make_app, clinic, screen, lang):
    assert snap_compare(make_app(lang), terminal_size=TERMINAL, run_before=SCREENS[screen])
