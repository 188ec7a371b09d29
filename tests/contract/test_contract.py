"""The plugin contract, run over every installed plugin, and shown to catch broken ones."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ayni.core import (
    Choice, DiagnosisCode, EquipmentItem, Field, FieldType, FormSpec, Measurement, PdfSection, ProcedureCode,
    ProcedureDone, Specialty, Text, hookimpl, load_plugins,
)
from ayni.core.hooks.contract import assert_plugin_ok, check_plugin, check_plugins

INSTALLED = load_plugins()


@pytest.mark.parametrize(("name", "plugin"), INSTALLED.pm.list_name_plugin(), ids=[n for n, _ in INSTALLED.pm.list_name_plugin()])
def test_every_installed_plugin_keeps_the_contract(name, plugin):
    assert check_plugin(plugin, name) == []


def test_the_installation_has_no_failures_or_clashes():
    assert INSTALLED.failures == []
    assert check_plugins(INSTALLED) == []


def test_the_five_builtin_specialties_are_registered():
    assert set(INSTALLED.specialties) >= {"general", "dental", "optometry", "physio", "surgery"}


class BrokenPlugin:
    """A plugin making the mistakes the contract exists to catch."""

    @hookimpl
    def ayni_specialties(self):
        return [Specialty("bad", Text("Malo", "Bad"), stations=("desk",), forms=("bad.missing",))]

    @hookimpl
    def ayni_procedure_codes(self):
        return [
            ProcedureCode("extraction", Text("Extracción", "Extraction"), Decimal("5.00")),
            ProcedureCode("bad.refund", Text("Devolución", "Refund"), Decimal("-5.00")),
            ProcedureCode("bad.float_fee", Text("Flotante", "Float"), 4.5),
            ProcedureCode("bad.fraction", Text("Fracción", "Fraction"), Decimal("1.005")),
            ProcedureCode("bad.knee", Text("Rodilla", "Knee"), Decimal("1.00"), target="knee"),
        ]

    @hookimpl
    def ayni_diagnosis_codes(self):
        return [DiagnosisCode("flu", Text("Gripe", "Flu"))]

    @hookimpl
    def ayni_forms(self):
        return [
            FormSpec(
                key="bad.form",
                version=0,
                title=Text("Formulario", "Form"),
                specialty="bad",
                fields=(
                    Field("weight", FieldType.DECIMAL, Text("Peso", "Weight"), min=Decimal("300"), max=Decimal("2")),
                    Field("weight", FieldType.INTEGER, Text("Peso otra vez", "Weight again")),
                    Field("colour", FieldType.CHOICE, Text("Color", "Colour")),
                    Field("score", FieldType.DECIMAL, Text("Puntaje", "Score"), derived=True),
                    Field("mood", FieldType.SCALE, Text("Ánimo", "Mood"), min=0, max=3,
                          choices=(Choice("0", Text("Nunca", "Never")), Choice("4", Text("Siempre", "Always")))),
                ),
            ),
            FormSpec(key="triage", version=1, title=Text("Triaje", "Triage"), specialty="bad",
                     fields=(Field("x", FieldType.TEXT, Text("X", "X")),)),
        ]


def test_the_contract_catches_a_broken_plugin():
    problems = "\n".join(check_plugin(BrokenPlugin(), "broken"))
    expected = [
        "procedure 'extraction': the code must be namespaced",
        "procedure 'bad.refund': the fee -5.00 must be S/ 0.00 or more",
        "procedure 'bad.float_fee': the fee must be a Decimal",
        "procedure 'bad.fraction': the fee 1.005 has more than 2 decimals",
        "procedure 'bad.knee': target 'knee'",
        "diagnosis 'flu': does not look like an ICD-10 code",
        "station 'desk' has no Text label",
        "lists form 'bad.missing', which the plugin does not declare",
        "form 'bad.form': version must be an int of at least 1",
        "field 'weight' is declared twice",
        "field 'weight': min 300 is above max 2",
        "field 'colour': a choice field needs choices",
        "field 'score': a derived field needs the form's derive function",
        "form 'triage': the key must be namespaced",
        "field 'mood': choice '4' of a scale must be one of its steps, with a Text label",
    ]
    for message in expected:
        assert message in problems
    assert all(line.startswith("broken: ") for line in problems.splitlines())


def test_assert_plugin_ok_lists_the_problems():
    with pytest.raises(AssertionError, match="fee -5.00 must be S/ 0.00 or more"):
        assert_plugin_ok(BrokenPlugin(), "broken")


class TypoPlugin:
    """Implements a hook that does not exist (``ayni_form`` for ``ayni_forms``)."""

    @hookimpl
    def ayni_form(self):
        return []


def test_a_misspelt_hook_is_reported():
    problems = check_plugin(TypoPlugin(), "typo")
    assert len(problems) == 1
    assert "cannot be registered" in problems[0] and "ayni_form" in problems[0]


class FittedPlugin:
    """Items handed out only fitted: one names a form nobody declares, one a form of its own."""

    @hookimpl
    def ayni_specialties(self):
        return [Specialty("rehab", Text("Rehabilitación", "Rehabilitation"), stations=("desk",),
                          station_labels={"desk": Text("Mesa", "Desk")})]

    @hookimpl
    def ayni_forms(self):  # a fitting form need not be listed in the specialty's forms
        return [FormSpec("rehab.fit_cane", 1, Text("Adaptación de bastón", "Cane fitting"),
                         (Field("height_cm", FieldType.INTEGER, Text("Altura", "Height"), min=50, max=110),),
                         "rehab")]

    @hookimpl
    def ayni_equipment(self):
        return [EquipmentItem("rehab.cane", Text("Bastón", "Cane"), fitting_form="rehab.fit_cane"),
                EquipmentItem("rehab.splint", Text("Férula", "Splint"), fitting_form="rehab.fit_splint")]


class FittedAndDispensing(FittedPlugin):
    """The same, checking its fittings itself."""

    @hookimpl
    def ayni_equipment(self):
        return super().ayni_equipment()[:1]

    @hookimpl
    def ayni_dispense(self, item_key, fitting):
        return None


def test_a_fitting_form_must_be_declared_and_checked_by_the_plugin():
    assert check_plugin(FittedPlugin(), "fitted", run_hooks=False) == [
        "fitted: equipment 'rehab.splint': fitting_form 'rehab.fit_splint' is not a form the plugin declares "
        "(return it from ayni_forms)",
        "fitted: equipment 'rehab.cane' has a fitting_form, so the plugin must implement ayni_dispense (check the "
        "fitting and hand it out)",
    ]
    assert check_plugin(FittedAndDispensing(), "fitted") == []


class HandedOutAsAProcedure(FittedAndDispensing):
    """A splint whose hand-out is a procedure the plugin does not declare, and a cane whose is."""

    @hookimpl
    def ayni_procedure_codes(self):
        return [ProcedureCode("rehab.cane_fitting", Text("Entrega de bastón", "Cane fitting"), Decimal("2.00"))]

    @hookimpl
    def ayni_equipment(self):
        return [EquipmentItem("rehab.cane", Text("Bastón", "Cane"), fitting_form="rehab.fit_cane",
                              procedure="rehab.cane_fitting"),
                EquipmentItem("rehab.splint", Text("Férula", "Splint"), procedure="rehab.splint_fitting")]


def test_the_procedure_a_hand_out_records_must_be_the_plugins():
    assert check_plugin(HandedOutAsAProcedure(), "fitted", run_hooks=False) == [
        "fitted: equipment 'rehab.splint': procedure 'rehab.splint_fitting' is not a procedure code the plugin "
        "declares (return it from ayni_procedure_codes)",
    ]


class MislabelledStock(FittedAndDispensing):
    """Labels an attribute its item does not have, and a value with a plain string."""

    @hookimpl
    def ayni_equipment(self):
        return [EquipmentItem("rehab.cane", Text("Bastón", "Cane"), attributes=("height",),
                              fitting_form="rehab.fit_cane", attribute_labels={"colour": Text("Color", "Colour")},
                              value_labels={"height": {"short": "corto"}})]


def test_stock_labels_must_name_the_items_attributes_with_texts():
    assert check_plugin(MislabelledStock(), "labels", run_hooks=False) == [
        "labels: equipment 'rehab.cane': attribute_labels['colour'] must label one of its attributes with a "
        "Text(es, en)",
        "labels: equipment 'rehab.cane': value_labels['height'] must map values of one of its attributes to "
        "Text(es, en)",
    ]


class NosyPlugin:
    """A well-declared plugin whose PDF hook answers for every encounter, and whose report hook crashes."""

    @hookimpl
    def ayni_specialties(self):
        return [Specialty("nosy", Text("Curioso", "Nosy"), stations=("desk",),
                          station_labels={"desk": Text("Mesa", "Desk")})]

    @hookimpl
    def ayni_pdf_sections(self, visit, lang):
        return [PdfSection(title="Nosy", html="<p>always</p>")]

    @hookimpl
    def ayni_report_rows(self, store, campaign, day):
        raise RuntimeError("no table nosy_counts")


def test_hooks_are_run_on_an_empty_encounter_and_database():
    problems = "\n".join(check_plugin(NosyPlugin(), "nosy"))
    assert "ayni_pdf_sections returned sections for another specialty's encounter" in problems
    assert "ayni_report_rows raised RuntimeError: no table nosy_counts" in problems


class Coder:
    """Sends its records to the health system with the mistakes a hand-written mapping makes."""

    @hookimpl
    def ayni_specialties(self):
        return [Specialty("coder", Text("Codificador", "Coder"), stations=("desk",),
                          station_labels={"desk": Text("Mesa", "Desk")})]

    @hookimpl
    def ayni_exchange_records(self, visit, store):
        if visit.encounter.specialty != "coder":
            return []
        return [
            Measurement("8310-5", Text("Temperatura", "Temperature"), True, "Cel"),
            Measurement("temp", Text("Temperatura", "Temperature"), Decimal("37.0"), "Cel"),
            Measurement("temp", Text("Temperatura", "Temperature"), Decimal("37.0"), "Cel", system="my codes"),
            Measurement("8310-5", "Temperatura", Decimal("37.0"), "Cel"),
            ProcedureDone("extraction", Text("Extracción", "Extraction")),
            Measurement("coder.ok", Text("Bien", "Fine"), 1, "1", system="urn:ayni:fhir:coder"),
        ]


def test_the_contract_checks_what_a_plugin_sends_to_the_health_system():
    problems = check_plugin(Coder(), "coder")
    assert len(problems) == 5, problems
    assert sum("must be a number (int or Decimal) with its UCUM unit" in p for p in problems) == 1
    assert sum("must be a LOINC code (NNNN-N), or its own code with its system's URI" in p for p in problems) == 2
    assert sum("label (and a panel's label) must be a Text" in p for p in problems) == 1
    assert sum("a ProcedureDone needs a code of the plugin's catalogue (namespaced)" in p for p in problems) == 1


class Clinic:
    """Declares the same procedure code as another plugin and relabels an ICD-10 code."""

    def __init__(self, key: str, label: str):
        self.key, self.label = key, label

    @hookimpl
    def ayni_specialties(self):
        return [Specialty(self.key, Text("Clínica", "Clinic"), stations=("desk",),
                          station_labels={"desk": Text("Mesa", "Desk")})]

    @hookimpl
    def ayni_procedure_codes(self):
        return [ProcedureCode("shared.visit", Text("Visita", "EncounterRecord"), Decimal("1.00"))]

    @hookimpl
    def ayni_diagnosis_codes(self):
        return [DiagnosisCode("J00", Text(self.label, self.label))]


def test_clashes_between_plugins_are_reported():
    plugins = load_plugins(builtins=(), entry_points=False, extra=(Clinic("shared", "Resfriado"), Clinic("shared", "Catarro")))
    problems = "\n".join(check_plugins(plugins, run_hooks=False))
    assert "specialty 'shared' is already declared by" in problems
    assert "procedure 'shared.visit' is already declared by" in problems
    assert "diagnosis 'J00' is labelled differently by" in problems


def test_a_plugin_that_fails_to_import_is_reported_and_the_rest_still_load():
    plugins = load_plugins(builtins=("ayni.plugins.general", "ayni.plugins.does_not_exist", "ayni.plugins.dental"),
                           entry_points=False)
    assert [f.name for f in plugins.failures] == ["ayni.plugins.does_not_exist"]
    assert "ModuleNotFoundError" in plugins.failures[0].error
    assert set(plugins.specialties) == {"general", "dental"}
    assert "general.triage" in plugins.forms
    problems = check_plugins(plugins, run_hooks=False)
    assert problems == [f"ayni.plugins.does_not_exist: failed to load: {plugins.failures[0].error}"]


def test_choice_fields_and_steps_are_checked():
    class StepPlugin:
        @hookimpl
        def ayni_specialties(self):
            return [Specialty("eyes", Text("Ojos", "Eyes"), stations=("desk",), forms=("eyes.exam",),
                              station_labels={"desk": Text("Mesa", "Desk")})]

        @hookimpl
        def ayni_forms(self):
            return [FormSpec("eyes.exam", 1, Text("Examen", "Exam"), specialty="eyes", fields=(
                Field("sphere", FieldType.DECIMAL, Text("Esfera", "Sphere"), min=Decimal("-20.10"),
                      max=Decimal("20"), step=Decimal("0.25")),
                Field("eye", FieldType.CHOICE, Text("Ojo", "Eye"), choices=(
                    Choice("od", Text("Derecho", "Right")), Choice("od", Text("Derecho", "Right")))),
                Field("axis", FieldType.INTEGER, Text("Eje", "Axis"), min=0.0, max=180),
            ))]

    problems = "\n".join(check_plugin(StepPlugin(), "steps"))
    assert "field 'sphere': min -20.10 is not a multiple of step 0.25" in problems
    assert "field 'eye': choice 'od' is listed twice" in problems
    assert "field 'axis': min must be an int or Decimal, never a float" in problems


def test_the_guides_third_party_plugin_keeps_the_contract_and_works_beside_the_builtins():
    import pediatrics_example

    assert_plugin_ok(pediatrics_example)
    plugins = load_plugins(entry_points=False, extra=(pediatrics_example,))
    assert check_plugins(plugins) == []
    assert plugins.forms_of("pediatrics") == [pediatrics_example.GROWTH]


def test_a_misspelt_hook_name_is_reported_and_the_plugin_left_out(monkeypatch):
    """``ayni_form`` instead of ``ayni_forms`` would silently do nothing: it is refused at load."""
    import sys
    import types

    from ayni.core import hookimpl

    misspelt = types.ModuleType("misspelt_plugin")
    misspelt.ayni_form = hookimpl(lambda: [])
    monkeypatch.setitem(sys.modules, "misspelt_plugin", misspelt)
    plugins = load_plugins(builtins=("ayni.plugins.general", "misspelt_plugin"), entry_points=False)
    assert [f.name for f in plugins.failures] == ["misspelt_plugin"]
    assert "ayni_form" in plugins.failures[0].error
    assert "misspelt_plugin" not in plugins.names()
    assert "general" in plugins.specialties


def test_the_guide_quotes_the_example_plugin_as_it_is_tested():
    """docs/plugins.md teaches with tests/contract/pediatrics_example.py: the two must not drift."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    guide = (root / "docs" / "plugins.md").read_text(encoding="utf-8")
    example = (root / "tests" / "contract" / "pediatrics_example.py").read_text(encoding="utf-8")
    code = example.split('"""', 2)[2].strip()  # the example without its module docstring
    assert code in guide


class EarPlugin:
    """An audiology specialty whose procedures are done on an ear, a target of its own."""

    def __init__(self, targets):
        self.targets = targets

    @hookimpl
    def ayni_specialties(self):
        return [Specialty("audiology", Text("Audiología", "Audiology"), stations=("booth",),
                          station_labels={"booth": Text("Cabina", "Booth")})]

    @hookimpl
    def ayni_procedure_targets(self):
        return self.targets

    @hookimpl
    def ayni_procedure_codes(self):
        return [ProcedureCode("audiology.wash", Text("Lavado de oído", "Ear wash"), Decimal("3.00"),
                              target="audiology.ear")]


def test_a_plugin_may_declare_what_its_procedures_are_done_on():
    from ayni.core import ProcedureTarget

    ear = ProcedureTarget("audiology.ear", Text("Oído", "Ear"), choices=(
        Choice("right", Text("derecho", "right")), Choice("left", Text("izquierdo", "left"))))
    assert check_plugin(EarPlugin([ear]), "ears") == []
    assert load_plugins(builtins=(), entry_points=False, extra=[EarPlugin([ear])]).targets["audiology.ear"] == ear


def test_a_target_must_be_declared_once_and_well():
    from ayni.core import ProcedureTarget

    problems = check_plugin(EarPlugin([
        ProcedureTarget("eye", Text("Ojo", "Eye")),
        ProcedureTarget("audiology.nose", "Nariz", choices=(Choice("x", Text("a", "a")), Choice("x", Text("b", "b")))),
    ]), "ears")
    assert any("'eye': the core already declares it" in p for p in problems)
    assert any("'audiology.nose': the label must be a Text" in p for p in problems)
    assert any("the choice 'x' is declared twice" in p for p in problems)
    assert any("target 'audiology.ear' must be one of" in p and "ayni_procedure_targets" in p for p in problems)


class CarelessHands(FittedAndDispensing):
    """Claims every item, and crashes on its own instead of refusing an empty fitting."""

    @hookimpl
    def ayni_dispense(self, item_key, fitting):
        if item_key.startswith("rehab."):
            return fitting["height_cm"] * 2  # a KeyError on an empty fitting
        return "handed out"


def test_the_contract_hands_out_and_wants_refusals_not_crashes():
    problems = check_plugin(CarelessHands(), "careless")
    assert "careless: ayni_dispense handed out an item that is not the plugin's (return None for those)" in problems
    assert any("ayni_dispense raised KeyError for 'rehab.cane'" in p for p in problems)


class BrokenScreens:
    """A widget factory that crashes and a screen factory that returns no screen."""

    @hookimpl
    def ayni_specialties(self):
        return [Specialty("ui", Text("Interfaz", "Interface"), stations=("desk",), forms=("ui.form",),
                          station_labels={"desk": Text("Mesa", "Desk")})]

    @hookimpl
    def ayni_forms(self):
        return [FormSpec("ui.form", 1, Text("Forma", "Form"),
                         (Field("dial", FieldType.INTEGER, Text("Dial", "Dial"), widget="ui.dial"),), "ui")]

    @hookimpl
    def ayni_tui_widgets(self):
        def dial(field, value, lang):
            raise ImportError("no module named 'knobs'")
        return {"ui.dial": dial}

    @hookimpl
    def ayni_tui_screens(self):
        from ayni.core import TuiScreen

        return [TuiScreen("ui.board", Text("Tablero", "Board"), lambda store, lang: "a board")]


def test_the_contract_builds_the_widgets_and_screens():
    problems = check_plugin(BrokenScreens(), "ui")
    assert "ui: ayni_tui_widgets: the widget 'ui.dial' for field 'dial' failed: ImportError: no module named 'knobs'" \
        in problems
    assert "ui: ayni_tui_screens: the screen 'ui.board' is a str, not a Textual Screen" in problems


def _stepped(step):
    class Stepped:
        @hookimpl
        def ayni_specialties(self):
            return [Specialty("audio", Text("Audiología", "Audiology"), stations=("booth",), forms=("audio.test",),
                              station_labels={"booth": Text("Cabina", "Booth")})]

        @hookimpl
        def ayni_forms(self):
            return [FormSpec("audio.test", 1, Text("Prueba", "Test"), (
                Field("db", FieldType.INTEGER, Text("Umbral", "Threshold"), min=-10, max=120, step=step),), "audio")]
    return Stepped()


def test_an_integer_step_is_a_positive_int_that_divides_the_bounds():
    assert check_plugin(_stepped(5), "audio") == []
    assert any("the step of an integer must be a positive int" in p for p in check_plugin(_stepped(2.5), "audio"))
    assert any("min -10 is not a multiple of step 3" in p for p in check_plugin(_stepped(3), "audio"))


class PushySizes(FittedAndDispensing):
    """Suggests a size for every item, its own as a number instead of text."""

    @hookimpl
    def ayni_suggested_size(self, item_key):
        return {"height_cm": 120} if item_key.startswith("rehab.") else {"power": "+2.00"}


class PushyDetails(HandedOutAsAProcedure):
    """Offers a detail for every code, its own as one dict instead of a list."""

    @hookimpl
    def ayni_equipment(self):
        return super().ayni_equipment()[:1]

    @hookimpl
    def ayni_suggested_detail(self, code):
        return {"side": "right"} if code.startswith("rehab.") else [{"tooth": 36}]


def test_the_contract_wants_details_offered_only_for_its_own_codes_and_as_a_list():
    problems = check_plugin(PushyDetails(), "pushy")
    assert problems == [
        "pushy: ayni_suggested_detail offered a detail for a code that is not the plugin's (return None for those)",
        "pushy: ayni_suggested_detail: 'rehab.cane_fitting' must be None or a list of details, not {'side': 'right'}"]


def test_the_contract_wants_sizes_suggested_only_for_its_own_items_and_as_text():
    problems = check_plugin(PushySizes(), "pushy")
    assert "pushy: ayni_suggested_size suggested a size for an item that is not the plugin's (return None for those)" \
        in problems
    assert "pushy: ayni_suggested_size: 'rehab.cane' must be None or {attribute: text}, not {'height_cm': 120}" in problems
    assert check_plugin(FittedAndDispensing(), "fitted") == []
