"""Nothing hidden at the bottom of a screen at 80×24: every key of its footer shows whole, in both
languages, and an open list stays above the footer."""

from __future__ import annotations

import pytest
from textual.widgets import Footer, Select
from textual.widgets._footer import FooterKey
from textual.widgets._select import SelectOverlay

from ayni.core.clinical import encounters
from ayni.tui.screens.keys import screen_keys

TERMINAL = (80, 24)


async def _encounter_at(app, store, patient, pilot, specialty: str, station: str):
    app.open_patient(patient.id)
    app.open_encounter(encounters.open_encounter(store, patient.id, specialty, station).id)
    await pilot.pause()
    return app.screen


def _footer(screen) -> tuple[list[str], list[str]]:
    """The descriptions of the footer's keys (F1 stands for the palette's, hidden), and those not drawn whole."""
    keys = [key for key in screen.query(FooterKey) if not key.has_class("-command-palette")]
    width = screen.region.width
    return [k.description for k in keys], [k.description for k in keys if not k.region or k.region.right > width]


MATTER = {"es": ["Guardar", "Pago", "Cerrar e imprimir", "Teclas"], "en": ["Save", "Payment", "Close and print", "Keys"]}
COPY = {"es": "Copiar OD→OI", "en": "Copy OD→OS"}
REMOVE = {"es": "Quitar", "en": "Remove"}
LANGUAGE_KEY = {"es": "English", "en": "Español"}


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_every_key_of_the_eye_exam_shows_whole_with_a_paired_list_open(make_app, store, patient, lang):
    """The widest footer of an encounter: the copy key of a paired field, with its list open."""
    app = make_app(lang)
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _encounter_at(app, store, patient, pilot, "optometry", "exam")
        choice = screen.views["optometry.exam"].rows["cataract"].editors["od"]
        choice.focus()
        await pilot.pause()
        shown, cut = _footer(screen)
        assert COPY[lang] in shown and set(MATTER[lang]) <= set(shown) and cut == []
        assert ("f12 ^l", LANGUAGE_KEY[lang]) in screen_keys(screen, lang)  # F1 still lists the language
        await pilot.press("enter")
        await pilot.pause()
        shown, cut = _footer(screen)
        assert choice.expanded and COPY[lang] in shown and set(MATTER[lang]) <= set(shown) and cut == []


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_every_key_of_the_procedures_shows_whole(make_app, store, patient, lang):
    from ayni.tui.widgets.procedures import AddedTable

    app = make_app(lang)
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _encounter_at(app, store, patient, pilot, "general", "consultation")
        screen.action_show_tab("tab-procedures")
        screen.query_one(AddedTable).focus()
        await pilot.pause()
        shown, cut = _footer(screen)
        assert REMOVE[lang] in shown and set(MATTER[lang]) <= set(shown) and cut == []


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_the_footer_of_every_full_screen_shows_whole(make_app, store, patient, lang):
    closed = encounters.open_encounter(store, patient.id, "general", "triage")
    encounters.close(store, closed.id)
    app = make_app(lang)
    async with app.run_test(size=TERMINAL) as pilot:
        async def whole(what: str) -> None:
            await pilot.pause()
            shown, cut = _footer(app.screen)
            assert shown and cut == [], what

        await whole("search")
        await pilot.press("f2")
        await whole("registration")
        await pilot.press("escape")
        app.open_patient(patient.id)
        await whole("patient")
        app.open_encounter(closed.id)
        await whole("closed encounter")
        for key, what in (("f4", "stock"), ("f5", "cash desk"), ("f7", "queue"), ("f8", "reports"),
                          ("f11", "dashboard")):
            await pilot.press(key)
            await whole(what)
            await pilot.press("escape")


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_long_option_list_opens_above_the_footer(make_app, store, patient, lang):
    """The safety actions, near the bottom of the screen (the first wraps at 80 columns in Spanish): the open
    list is pushed up, never over the keys."""
    app = make_app(lang)
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _encounter_at(app, store, patient, pilot, "general", "mental_health")
        choice = screen.views["general.mental_health"].rows["safety_action"].query_one(Select)
        choice.focus()
        await pilot.press("enter")
        await pilot.pause()
        overlay = choice.query_one(SelectOverlay)
        assert choice.expanded and overlay.region.height >= overlay.option_count
        assert overlay.region.bottom <= screen.query_one(Footer).region.y
