"""The surgery screens inside the Ayni app at 80×24, as a surgeon and a nurse use them on an old
laptop: the day's list shows every column (the status too), and each footer shows its keys whole,
«f1 Teclas» last."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from ayni.core.dates import today_in_lima
from ayni.plugins.surgery import cases
from ayni.plugins.surgery.screens import CaseScreen, ScheduleScreen

TERMINAL = (80, 24)


@pytest.fixture
def on_the_list(store, campaign, patient):
    """A lipoma excision and a cataract extraction on today's list of theatre 1."""
    made = []
    for procedure, side in (("surgery.lipoma_excision", "left"), ("surgery.cataract_extraction", "left")):
        case = cases.create_case(store, patient.id, {"procedure": procedure, "side": side}, campaign_id=campaign.id)
        made.append(cases.schedule(store, case.id, {"day": today_in_lima().isoformat(), "theatre": "q1",
                                                     "surgeon": "Dra. Peña"}))
    cases.save_form(store, made[0].id, "surgery.preop", {"asa": "I", "consent": "sí", "consent_witness": "Lic. Mamani",
                                                         "anaesthesia_plan": "local"})
    cases.advance(store, made[0].id)
    return made


def _footer_cut(screen) -> list[str]:
    """The footer's keys drawn narrower than their key and words, or past the 80th column (but the
    command palette's, which no footer at 80 columns has room for: F1 lists it)."""
    return [f"{key.key_display} {key.description}" for key in screen.query(FooterKey)
            if not key.has_class("-command-palette") and key.region.width < cell_len(key.key_display) + 1 + cell_len(key.description)
            or key.region.right > TERMINAL[0]]


async def test_the_days_list_shows_every_column_and_the_status_at_80_columns(make_app, on_the_list):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        await app.push_screen(ScheduleScreen(app.store, "es", today_in_lima()))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["Quirófano", "#", "Paciente", "Operación",
                                                                  "Cirujano", "Estado"]
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= TERMINAL[0] - 2
        assert [str(table.get_row_at(i)[5]) for i in range(2)] == ["Preoperatorio completo", "Programado"]
        assert _footer_cut(app.screen) == []


async def test_the_case_footer_shows_f1_whole_at_80_columns(make_app, on_the_list):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        await app.push_screen(CaseScreen(app.store, on_the_list[1].id, "es"))
        await pilot.pause()
        assert {key.key_display for key in app.screen.query(FooterKey)} >= {"a", "s", "o", "n", "k", "f1"}
        assert _footer_cut(app.screen) == []


async def test_the_sign_ins_last_question_shows_whole_when_reached(make_app, on_the_list):
    from textual.containers import VerticalScroll

    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        await app.push_screen(CaseScreen(app.store, on_the_list[0].id, "es"))
        await pilot.pause()
        await pilot.press("k", *["tab"] * 6)  # to «¿Riesgo de hemorragia > 500 ml (7 ml/kg en niños)?»
        await pilot.pause()
        row = app.screen.query_one("#field-blood_loss_risk")
        label = row.query_one(".field-label")
        assert "(7 ml/kg en niños)? *" in str(label.render())
        assert app.screen.query_one("#kit-form-scroll", VerticalScroll).region.contains_region(label.region)


async def test_f1_on_a_case_says_in_words_the_keys_the_footer_leaves_out(make_app, on_the_list):
    from ayni.tui.screens.keys import screen_keys

    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        await app.push_screen(CaseScreen(app.store, on_the_list[1].id, "es"))
        await pilot.pause()
        listed = dict(screen_keys(app.screen, "es"))
        assert (listed["d"], listed["l"]) == ("Control postoperatorio día 1", "Alta")
