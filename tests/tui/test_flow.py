"""The whole visit by keyboard: open an encounter at general/consultation, fill triage and consultation,
add a procedure and a diagnosis, save, pay (a waiver without reason is refused, then a sliding scale),
close and print the visit summary."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Input, OptionList, TabbedContent, TextArea

from ayni.core.clinical import encounters
from ayni.tui.screens.encounter import EncounterScreen
from ayni.tui.screens.patient import NewEncounterScreen
from ayni.tui.screens.payment import PaymentScreen
from tuikit import SIZE, text_of

TRIAGE = {"bp_systolic": "118", "bp_diastolic": "76", "heart_rate": "80", "respiratory_rate": "18",
          "temperature": "37,2", "spo2": "91", "weight": "60", "height": "155"}


def _fill(view, values: dict) -> None:
    """Type into a form's inputs (the keys themselves are exercised in the registration test)."""
    for key, value in values.items():
        editor = view.rows[key].editors[None]
        if isinstance(editor, TextArea):
            editor.text = value
        else:
            editor.value = value


async def test_visit_from_opening_to_printed_summary(make_app, store, people, tmp_path):
    rosa = people[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"nunez", "enter", "e")
        assert isinstance(app.screen, NewEncounterScreen)
        stations = app.screen.query_one("#stations", OptionList)
        stations.highlighted = [o.id for o in stations._options].index("general\tconsultation")
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, EncounterScreen)
        [encounter] = encounters.of_patient(store, rosa.id)
        assert (encounter.specialty, encounter.station) == ("general", "consultation")
        assert screen.query_one(TabbedContent).active == "tab-general-consultation"  # the station's own form

        # consultation: the cursor starts in the chief complaint
        await pilot.press(*"Tos")
        _fill(screen.views["general.consultation"], {"plan": "Paracetamol 500 mg c/8 h, 3 días"})
        await pilot.press("alt+left")  # triage tab
        _fill(screen.views["general.triage"], TRIAGE)
        await pilot.press("alt+p")  # procedures: Enter adds the highlighted one
        await pilot.press("enter")
        assert "S/ 10.00" in text_of(screen.query_one(".running-total"))
        await pilot.press("alt+d", *"j06", "enter")  # diagnoses: search by code
        await pilot.press("ctrl+s")

        visit = encounters.get_encounter_record(store, encounter.id)
        assert visit.form("general.consultation")["chief_complaint"] == "Tos"
        assert visit.form("general.triage")["bmi"] == Decimal("25.0")  # derived on save
        assert [p.code for p in visit.procedures] == ["general.consultation"]
        assert [d.code for d in visit.diagnoses] == ["J06.9"]
        assert "25.0" in text_of(screen.views["general.triage"].rows["bmi"].query_one(".field-derived"))

        # payment: a waiver needs a reason
        await pilot.press("f6")
        assert isinstance(app.screen, PaymentScreen)
        await pilot.press("right", "right", "enter", "ctrl+s")
        assert app.screen.query_one("#row-reason").has_class("-invalid")
        assert "motivo" in text_of(app.screen.query_one("#row-reason .field-error"))
        assert encounters.get_encounter_record(store, encounter.id).payment is None
        # then the sliding scale at 50 %
        await pilot.press("shift+tab", "left", "enter", "tab", "enter", "down", "down", "enter", "ctrl+s")
        assert app.screen is screen
        payment = encounters.get_encounter_record(store, encounter.id).payment
        assert (payment.kind, payment.level, payment.amount) == ("sliding", Decimal("0.50"), Decimal("5.00"))

        # close and print
        await pilot.press("f8", "s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert encounters.get_encounter_record(store, encounter.id).encounter.status == "closed"
        assert screen.query_one("#tab-general-triage Input", Input).disabled
    [pdf] = (tmp_path / "prints").glob("*.pdf")
    assert pdf.name.startswith("nunez-quispe-rosa-elena_")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Núñez" in text and "J06.9" in text
