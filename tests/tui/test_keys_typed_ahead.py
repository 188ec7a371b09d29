"""Keys typed faster than the screen keeps up (an old laptop under load) land where they were aimed:
each key is handled in the order typed, against the field that has the cursor once the keys before it
are done, never against the field that had it when the key arrived."""

from __future__ import annotations

import sys

import pytest
from textual import events

from ayni.core import Field, FieldType, FormSpec, Specialty, Text, hookimpl, load_plugins
from ayni.core.clinical import encounters
from ayni.tui.screens.register import RegisterScreen
from tuikit import SIZE

_CHARACTERS = {"tab": "\t", "space": " ", "enter": "\r"}

CHECKS = FormSpec(
    key="typed.checks", version=1, specialty="typed", title=Text("Comprobaciones", "Checks"),
    fields=(*(Field(key, FieldType.INTEGER, Text(key, key), min=0, max=99) for key in ("width", "depth")),
            *(Field(key, FieldType.YES_NO, Text(key, key)) for key in ("brakes", "seat", "footrests"))),
)


@hookimpl
def ayni_specialties():
    """One specialty whose one form is two numbers and three checks in a row."""
    return [Specialty("typed", Text("Teclas", "Keys"), ("desk",), forms=(CHECKS.key,))]


@hookimpl
def ayni_forms():
    """Two numbers and three checks in a row."""
    return [CHECKS]


@pytest.fixture
def plugins():
    """The installed plugins and this module's form of numbers and checks."""
    return load_plugins(extra=[sys.modules[__name__]])


def _burst(app, *keys: str) -> None:
    """Deliver ``keys`` all at once, as a terminal does when the app is seconds behind the typist."""
    for key in keys:
        app.post_message(events.Key(key, _CHARACTERS.get(key, key if len(key) == 1 else None)))


async def _settle(pilot) -> None:
    for _ in range(5):
        await pilot.pause()


async def test_names_typed_ahead_of_the_form_and_of_tab_land_in_their_own_fields(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _burst(app, "f2", *"Benedicta", "tab", *"Huamani", "tab", *"Ccori")  # typed before the form is up
        await _settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        values = {key: app.screen.query_one(f"#field-{key} Input").value
                  for key in ("given_names", "paternal_surname", "maternal_surname")}
    assert values == {"given_names": "Benedicta", "paternal_surname": "Huamani", "maternal_surname": "Ccori"}


async def _open_checks(app, pilot, store, patient) -> dict:
    encounter = encounters.open_encounter(store, patient.id, "typed", "desk")
    app.open_encounter(encounter.id)
    await _settle(pilot)
    return app.screen.views[CHECKS.key].rows


async def test_numbers_typed_ahead_of_enter_land_in_their_own_fields(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        rows = await _open_checks(app, pilot, store, patient)
        rows["width"].editors[None].focus()
        await pilot.pause()
        _burst(app, *"45", "enter", *"38", "enter", "space")
        await _settle(pilot)
        typed = {key: rows[key].editors[None].value for key in ("width", "depth", "brakes")}
    assert typed == {"width": "45", "depth": "38", "brakes": True}


async def test_space_typed_ahead_ticks_the_check_it_was_aimed_at(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        rows = await _open_checks(app, pilot, store, patient)
        rows["brakes"].editors[None].focus()
        await pilot.pause()
        _burst(app, "space", "tab", "tab", "space", "shift+tab", "space", "space")
        await _settle(pilot)
        ticked = {key: rows[key].editors[None].value for key in ("brakes", "seat", "footrests")}
    assert ticked == {"brakes": True, "seat": False, "footrests": True}


async def test_keys_typed_ahead_of_screens_closing_reach_the_screen_below(make_app, store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _burst(app, "f2", "x", "escape", "escape", *"Rosa")  # a form opened, left (twice: it had a change)
        await _settle(pilot)
        assert not isinstance(app.screen, RegisterScreen)
        assert app.screen.query_one("#search").value == "Rosa"
        _burst(app, "ctrl+q")
        await _settle(pilot)
    assert app.return_code == 0
