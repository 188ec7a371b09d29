"""The surgery screens with keys: the operative note's operation is found by typing part of its name
(accents ignored) instead of scrolling a list, and «En sala» is refused on screen until the WHO
«Entrada» is done, naming what is missing."""

from __future__ import annotations

import pytest
from test_surgery_screens import Host
from textual.widgets import Input, Static

from ayni.plugins.surgery import cases
from ayni.plugins.surgery.checklist import SIGN_IN
from ayni.plugins.surgery.screens import CaseScreen, ScheduleScreen
from ayni.tui.kit import FormDialog, SearchPicker

PREOP = {"asa": "I", "consent": "sí", "consent_witness": "Lic. Mamani", "anaesthesia_plan": "local"}


@pytest.fixture
def preop_done(store, campaign, patient):
    """A hernia repair on the campaign's first day (yesterday), its pre-op done."""
    case = cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair"},
                             campaign_id=campaign.id)
    cases.schedule(store, case.id, {"day": campaign.start_date.isoformat(), "theatre": "q1", "surgeon": "Dr. Smith"})
    cases.save_form(store, case.id, "surgery.preop", PREOP)
    return cases.advance(store, case.id)


async def test_in_theatre_is_refused_on_screen_until_the_sign_in_is_done(store, preop_done):
    screen = ScheduleScreen(store, "es", preop_done.day)
    async with Host(screen).run_test() as pilot:
        await pilot.press("a")
        message = str(screen.query_one("#kit-message", Static).render())
        assert message.startswith("Lista de verificación de la seguridad de la cirugía (OMS): complete la «Entrada» "
                                  "antes de pasar el caso a «En sala»; falta: «El paciente confirmó su identidad")
        assert cases.get_case(store, preop_done.id).status == "preop_done"
        cases.record_checklist(store, preop_done.id, "sign_in",
                               {item.key: "yes" if item.confirm else "no" for item in SIGN_IN.items})
        await pilot.press("a")
        assert cases.get_case(store, preop_done.id).status == "in_theatre"


async def test_the_operative_note_finds_the_operation_by_typing(store, preop_done):
    cases.record_checklist(store, preop_done.id, "sign_in",
                           {item.key: "yes" if item.confirm else "no" for item in SIGN_IN.items})
    cases.advance(store, preop_done.id)
    screen = CaseScreen(store, preop_done.id, "es")
    async with Host(screen).run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        picker = dialog.query_one("#field-procedure_performed SearchPicker", SearchPicker)
        assert picker.query_one(Input).has_focus
        await pilot.press(*"hernioplastia ingu")
        results = picker.query_one(".picker-results")
        assert [str(o.prompt) for o in results.options] == ["Hernioplastía inguinal"]
        await pilot.press("enter")
        assert picker.value == "surgery.inguinal_hernia_repair"
        assert str(picker.query_one(".picker-chosen", Static).render()) == "✔ Hernioplastía inguinal"
        dialog.query_one("#field-start_time Input", Input).value = "09:10"
        dialog.query_one("#field-end_time Input", Input).value = "10:25"
        await pilot.press("ctrl+s")
        assert pilot.app.screen is screen
    note = cases.latest_form(store, preop_done.id, "surgery.operative_note")
    assert note["procedure_performed"] == "surgery.inguinal_hernia_repair"


@pytest.mark.parametrize("typed, found", [("faco", "Extracción de catarata con lente intraocular"),
                                          ("amigdalas", "Amigdalectomía")])
async def test_the_operative_note_finds_an_operation_by_the_word_surgeons_use(store, preop_done, typed, found):
    screen = CaseScreen(store, preop_done.id, "es")
    async with Host(screen).run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        picker = pilot.app.screen.query_one("#field-procedure_performed SearchPicker", SearchPicker)
        await pilot.press(*typed)
        assert [str(o.prompt) for o in picker.query_one(".picker-results").options][:1] == [found]
