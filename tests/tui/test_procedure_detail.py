"""Adding a procedure done on a tooth, an eye or a limb asks which in a small dialog; the detail is
saved in the shape the plugins validate, and a plugin's refusal shows on save with nothing written."""

from __future__ import annotations

from textual.widgets import OptionList

import sample_plugin
from ayni.core import load_plugins
from ayni.core.clinical import encounters
from ayni.core.documents import pdf
from ayni.tui.screens.detail import ProcedureDetailScreen
from ayni.tui.widgets.procedures import ProcedurePicker
from tuikit import SIZE, text_of


async def _at_procedures(app, pilot, encounter_id) -> ProcedurePicker:
    app.open_encounter(encounter_id)
    await pilot.pause()
    await pilot.press("alt+p")
    picker = app.screen.query_one(ProcedurePicker)
    for _ in range(50):  # the tab puts the cursor on the catalogue once drawn
        if app.focused is picker.query_one(".catalogue"):
            break
        await pilot.pause(0.02)
    return picker


async def _choose(pilot, picker: ProcedurePicker, code: str) -> None:
    catalogue = picker.query_one(".catalogue", OptionList)
    catalogue.screen.set_focus(catalogue)
    catalogue.highlighted = list(picker.catalogue).index(code)
    await pilot.press("enter")


async def test_a_restoration_asks_tooth_and_surfaces_and_the_plugin_checks_them(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "dental", "treatment")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        picker = await _at_procedures(app, pilot, encounter.id)
        await _choose(pilot, picker, "dental.resin.s2")
        dialog = app.screen
        assert isinstance(dialog, ProcedureDetailScreen)
        await pilot.press(*"19", "enter")  # not an FDI tooth: said, and the dialog stays
        assert app.screen is dialog
        assert "«19» no es un número FDI" in text_of(dialog.query_one("#detail-error"))
        await pilot.press("backspace", "6", "enter")  # 16: on to its surfaces
        await pilot.press("o", "enter")  # one surface for a two-surface code
        assert picker.pending[-1].detail == {"tooth": 16, "surfaces": ["O"]}
        await pilot.press("ctrl+s")
        screen = app.screen
        assert "2 superficies" in text_of(screen.query_one(".error-summary"))  # the dental plugin's refusal
        assert screen.query_one("#tabs").active == "tab-procedures"
        assert encounters.get_encounter_record(store, encounter.id).procedures == ()

        picker.query_one(".added").focus()
        await pilot.press("delete")
        await _choose(pilot, picker, "dental.resin.s2")
        await pilot.press(*"16", "enter")
        await pilot.press(*"od", "enter")
        assert "16 OD" in str(picker.query_one(".added").get_row_at(0)[1])
        await pilot.press("ctrl+s")
    [saved] = encounters.get_encounter_record(store, encounter.id).procedures
    assert (saved.code, saved.detail) == ("dental.resin.s2", {"tooth": 16, "surfaces": ["O", "D"]})


async def test_an_extraction_asks_only_the_tooth_and_esc_adds_nothing(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "dental", "treatment")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        picker = await _at_procedures(app, pilot, encounter.id)
        await _choose(pilot, picker, "dental.extraction.simple")
        await pilot.press("escape")
        assert picker.pending == []
        await _choose(pilot, picker, "dental.extraction.simple")
        await pilot.press(*"38", "enter")  # Enter on the tooth adds it: an extraction has no surfaces
        assert [(e.code, e.detail) for e in picker.pending] == [("dental.extraction.simple", {"tooth": 38})]


async def test_an_eye_and_a_side_are_chosen_from_a_list(make_app, store, patient):
    eye = encounters.open_encounter(store, patient.id, "optometry", "exam")
    limb = encounters.open_encounter(store, patient.id, "physio", "treatment")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        picker = await _at_procedures(app, pilot, eye.id)
        await _choose(pilot, picker, "optometry.tonometry")
        options = app.screen.query_one("#detail-choices", OptionList)
        assert [str(o.prompt) for o in options.options] == ["OD (right eye)", "OS (left eye)", "OU (both eyes)"]
        await pilot.press("down", "down", "enter")
        assert picker.pending[-1].detail == {"eye": "ou"}
        await pilot.press("ctrl+s", "escape")
        picker = await _at_procedures(app, pilot, limb.id)
        await _choose(pilot, picker, "physio.tens")
        await pilot.press("down", "enter")
        assert picker.pending[-1].detail == {"side": "left"}
        await pilot.press("ctrl+s")
    assert encounters.get_encounter_record(store, eye.id).procedures[0].detail == {"eye": "ou"}
    assert encounters.get_encounter_record(store, limb.id).procedures[0].detail == {"side": "left"}


async def test_a_plugins_own_target_asks_its_choices_in_the_order_declared(make_app, tmp_path, patient_form):
    from ayni.core import open_store
    from ayni.core.people import patients

    plugins = load_plugins(builtins=(), entry_points=False, extra=[sample_plugin])
    store = open_store(tmp_path / "ear.db", user="tester", plugins=plugins)
    patient = patients.register(store, patient_form())
    encounter = encounters.open_encounter(store, patient.id, "sample", "desk")
    app = make_app(plugins=plugins, path=store.path)
    async with app.run_test(size=SIZE) as pilot:
        picker = await _at_procedures(app, pilot, encounter.id)
        await _choose(pilot, picker, "sample.ear_wash")
        options = app.screen.query_one("#detail-choices", OptionList)
        assert [str(o.prompt) for o in options.options] == ["oído izquierdo", "oído derecho"]
        assert "Oído (↑↓ y Enter)" in text_of(app.screen.query_one("#dialog-title"))
        await pilot.press("down", "enter")
        assert picker.pending[-1].detail == {"sample.ear": "right"}
        assert "Oído: oído derecho" in str(picker.query_one(".added").get_row_at(0)[1])
        await pilot.press("ctrl+s")
    [saved] = encounters.get_encounter_record(store, encounter.id).procedures
    assert saved.detail == {"sample.ear": "right"}
    assert pdf.detail_text(saved.detail, "en", plugins.targets) == "Ear: right ear"
    store.close()
