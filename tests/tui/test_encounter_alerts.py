"""The alerts of a visit under the encounter's title: every plugin's ``ayni_alerts``, most serious
first, with a mark per level that does not need colour, redrawn after each save and in the UI's
language."""

from __future__ import annotations

from ayni.core import Alert, Text
from ayni.core.clinical import encounters
from ayni.tui.widgets.alerts import AlertStrip, alert_lines
from tuikit import SIZE, text_of


async def test_a_low_spo2_typed_and_saved_shows_as_danger_in_both_languages(make_app, store, patient):
    triage = encounters.open_encounter(store, patient.id, "general", "triage")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_encounter(triage.id)
        await pilot.pause()
        strip = app.screen.query_one(AlertStrip)
        assert not strip.display  # nothing measured, nothing to notice
        # the cursor starts in the systolic pressure: diastolic, heart rate, breathing, temperature, SpO2
        await pilot.press("tab", "tab", "tab", "tab", "tab", *"84", "ctrl+s")
        assert encounters.get_encounter_record(store, triage.id).form("general.triage")["spo2"] == 84
        assert strip.display and strip.has_class("-danger")
        assert text_of(strip).splitlines() == [
            "!! PELIGRO: Prioridad I — Rojo: inmediato.",
            "!! PELIGRO: SpO2 84 %: baja (menor de 90 %, sin altitud registrada).",
        ]
        await pilot.press("f12")
        await pilot.pause()
        assert text_of(strip).splitlines()[1] == "!! DANGER: SpO2 84 %: low (below 90 %, no altitude recorded)."


def test_each_level_has_its_own_mark_and_a_long_list_is_cut_short():
    found = [Alert("x.a", "danger", Text("Uno", "One")), Alert("x.b", "warning", Text("Dos", "Two")),
             Alert("x.c", "info", Text("Tres", "Three")), Alert("x.d", "info", Text("Cuatro", "Four")),
             Alert("x.e", "info", Text("Cinco", "Five"))]
    assert alert_lines(found, "es") == ["!! PELIGRO: Uno", "!  Atención: Dos", "i  Nota: Tres",
                                        "   … y 2 alertas más: Alt+A las muestra"]
    assert alert_lines(found[1:2], "en") == ["!  Warning: Two"]
