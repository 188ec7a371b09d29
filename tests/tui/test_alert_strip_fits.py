"""The alerts under an encounter's title at 80×24: a child's triage raises four, each wrapping on two
lines; the strip shows whole alerts only, most serious first, and its last line says how many more
there are, instead of cutting one mid-sentence and hiding the count."""

from __future__ import annotations

from ayni.core import hookimpl, load_plugins
from ayni.core.clinical import encounters
from ayni.core.people import patients
from ayni.tui.widgets.alerts import AlertStrip

CHILD = {"given_names": "Sumaq Rosa", "paternal_surname": "Núñez", "maternal_surname": "Huamán", "sex": "F",
         "age_years": "3", "id_kind": "none", "community": "Taccra",
         "guardian_name": "Nélida Huamán Ñahui", "guardian_relationship": "Madre"}
#: Tachycardia and tachypnoea for 1–4 years, fever: with the priority, four alerts.
FEVERISH = {"heart_rate": 150, "respiratory_rate": 45, "temperature": "39.2", "weight": "12", "height": "90"}


def _drawn(widget) -> list[str]:
    return [widget.render_line(y).text.rstrip() for y in range(widget.region.height)]


async def test_a_childs_four_alerts_show_whole_or_are_counted_at_80_by_24(make_app, store):
    child = patients.register(store, CHILD)
    triage = encounters.open_encounter(store, child.id, "general", "triage")
    encounters.save(store, triage.id, forms={"general.triage": FEVERISH})
    consultation = encounters.open_encounter(store, child.id, "general", "consultation")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_patient(child.id)
        app.open_encounter(consultation.id)
        await pilot.pause()
        strip = app.screen.query_one(AlertStrip)
        drawn = _drawn(strip)
        assert len(drawn) <= 4
        joined = " ".join(line.strip() for line in drawn)
        assert joined.startswith("!  Atención: Prioridad III")
        assert "taquicardia (más de 140 para la edad: 1 a 4 años)." in joined
        assert drawn[-1].strip() in ("… y 1 alerta más: Alt+A la muestra",
                                     "… y 2 alertas más: Alt+A las muestra"), drawn
        said = joined.removesuffix(drawn[-1].strip())
        assert said.rstrip().endswith(("años).", "°C.")), drawn  # the last alert shown is whole


async def test_a_refused_prescriptions_messages_show_whole_or_are_counted_at_80_by_24(make_app, store):
    """Sulfas for a child allergic to them, and a paracetamol dose twice the limit for her weight: five
    messages; the summary at the top shows whole ones and says how many more are under the field."""
    from ayni.plugins.general.widgets import LinesArea, PrescriptionEditor
    from ayni.tui.widgets.errors import ErrorSummary

    child = patients.register(store, CHILD)
    triage = encounters.open_encounter(store, child.id, "general", "triage")
    encounters.save(store, triage.id, forms={"general.triage": {**FEVERISH, "allergies": ["sulfonamide"]}})
    consultation = encounters.open_encounter(store, child.id, "general", "consultation")
    encounters.save(store, consultation.id, forms={"general.consultation": {
        "chief_complaint": "Fiebre y tos", "plan": "Antitérmico, control en 48 h"}})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_patient(child.id)
        app.open_encounter(consultation.id)
        await pilot.pause()
        app.screen.query_one(PrescriptionEditor).query_one(LinesArea).text = (
            "cotrimoxazol_800 1 c/12h x7d\nparacetamol_jarabe 15 c/8h x3d")
        await pilot.press("ctrl+s")
        await pilot.pause()
        summary = app.screen.query_one(ErrorSummary)
        drawn = _drawn(summary)
        assert len(drawn) <= 6 and drawn[0].startswith("No se guardó nada. Corrija "), drawn
        assert drawn[-1].strip().startswith("… y ") and drawn[-1].strip().endswith("bajo su campo."), drawn
        shown = " ".join(line.strip() for line in drawn[1:-1])
        assert shown.startswith("⚠ Medicamentos: no se puede recetar Sulfametoxazol") and shown.endswith("."), drawn


class _BrokenAlerts:
    """A plugin whose alerts fail."""

    @staticmethod
    @hookimpl
    def ayni_alerts(visit, store):
        raise RuntimeError("tabla de referencia ausente")


async def test_alerts_a_plugin_cannot_work_out_are_said_and_said_again_after_a_resize(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    app = make_app(plugins=load_plugins(extra=[_BrokenAlerts]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_encounter(encounter.id)
        await pilot.pause()
        strip = app.screen.query_one(AlertStrip)
        said = "No se pudieron calcular las alertas: tabla de referencia ausente"
        assert said in str(strip.content)
        await pilot.resize_terminal(100, 30)  # drawn again at the new width
        await pilot.pause()
        assert said in str(strip.content)
