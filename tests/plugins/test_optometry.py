"""Optometry: acuity notations and conversions, refraction rules and transposition, the exam and plan
forms (each refusal in Spanish and English, and nothing written), the contract."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ayni.core import ValidationError, signed_number, validate_form
from ayni.core.clinical import encounters
from ayni.core.hooks.contract import assert_plugin_ok
from ayni.plugins import optometry
from ayni.plugins.optometry import acuity
from ayni.plugins.optometry.forms import EXAM, PLAN
from ayni.plugins.optometry.refraction import Lens, nearest_power, reader_target, transpose

D = Decimal


def test_the_optometry_plugin_keeps_the_contract():
    assert_plugin_ok(optometry)


# -- acuity ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["20/40", "6/12", "0.5", "0,5", "logMAR 0.3", "LM 0.30", "0.3 logmar", "10/20"])
def test_one_acuity_in_every_notation_is_logmar_0_30(typed):
    assert acuity.parse(typed).logmar == D("0.30")


@pytest.mark.parametrize(("typed", "notation"), [
    ("20/40", "20/40"), (" 6 / 7,5 ", "6/7.5"), ("1", "1.0"), ("0,50", "0.50"), ("lm -0.1", "logMAR -0.10"),
    ("cd", "CF"), ("Cuenta dedos", "CF"), ("MM", "HM"), ("hand motion", "HM"), ("PL", "LP"), ("npl", "NLP"),
    ("60", "20/60"), ("20", "20/20"), (" 200 ", "20/200"), ("10", "20/10"),  # the 20-ft chart's denominator
])
def test_the_notation_is_kept_as_entered_tidied_and_reads_back_unchanged(typed, notation):
    value = acuity.parse(typed)
    assert value.notation == notation
    assert acuity.parse(value.notation) == value


def test_below_the_chart_uses_the_documented_convention_in_order():
    values = [acuity.parse(x).logmar for x in ("CF", "HM", "LP", "NLP")]
    assert values == [D("2.00"), D("2.30"), D("2.70"), D("3.00")]
    assert acuity.parse("CF").display("es") == "CD" and acuity.parse("CF").display("en") == "CF"


def test_near_acuity_also_takes_n_print_sizes_at_40_cm():
    assert acuity.parse("N8", near=True).logmar == D("0.40")
    assert acuity.parse("N5", near=True).logmar == D("0.19")
    with pytest.raises(acuity.AcuityError):
        acuity.parse("N8")  # not a distance notation


def test_conversions_between_charts():
    logmar = acuity.parse("20/40").logmar
    assert (acuity.as_snellen(logmar), acuity.as_snellen(logmar, 6), acuity.as_decimal(logmar)) == \
        ("20/40", "6/12", D("0.50"))
    assert acuity.as_snellen(acuity.parse("6/7.5").logmar, 6) == "6/7.5"
    assert acuity.as_snellen(acuity.parse("0.1").logmar) == "20/200"


@pytest.mark.parametrize("typed", ["20/x", "J2", "20/5", "0", "3.5", "2/0", "+", "logMAR 2.5", "5", "05", "3000"])
def test_what_is_no_acuity_is_refused_listing_the_notations(typed):
    with pytest.raises(acuity.AcuityError) as refused:
        acuity.parse(typed)
    assert "20/40, 6/12, decimal 0.5, logMAR 0.3" in refused.value.hint.es
    assert "CD, MM, PL o NPL" in refused.value.hint.es and "CF, HM, LP or NLP" in refused.value.hint.en


@pytest.mark.parametrize(("typed", "category"), [
    ("20/20", 0), ("6/18", 0), ("6/19", 1), ("6/60", 1), ("6/61", 2), ("3/60", 2), ("2/60", 3), ("1/60", 3),
    ("CF", 4), ("HM", 4), ("LP", 4), ("NLP", 5),
])
def test_who_categories_follow_the_icd_limits(typed, category):
    assert acuity.who_category(acuity.parse(typed)) == category


def test_no_acuity_is_category_9_and_the_better_eye_counts():
    assert acuity.who_category(None) == 9
    assert acuity.better(acuity.parse("20/200"), None, acuity.parse("20/40")).notation == "20/40"


# -- refraction -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("before", "after"), [
    ((D("-1.00"), D("-0.50"), 180), (D("-1.50"), D("0.50"), 90)),
    ((D("+2.00"), D("-1.25"), 45), (D("0.75"), D("1.25"), 135)),
    ((D("-3.00"), D("+1.00"), 90), (D("-2.00"), D("-1.00"), 180)),
    ((D("-3.00"), D("0.00"), None), (D("-3.00"), D("0.00"), None)),
])
def test_transposition_changes_the_cylinder_sign_and_turns_the_axis(before, after):
    assert transpose(*before) == after
    assert transpose(*transpose(*before)) == before


def test_a_lens_is_shown_in_the_cylinder_asked_for():
    plus = Lens(D("-1.50"), D("0.50"), 90)
    assert plus.in_convention("minus") == Lens(D("-1.00"), D("-0.50"), 180)
    assert plus.in_convention("plus") == plus and plus.in_convention(None) == plus
    assert plus.spherical_equivalent == D("-1.25")
    assert (signed_number(D("1.25")), signed_number(D("-0.5")), signed_number(D("0")), signed_number(D("-0"))) == \
        ("+1.25", "-0.50", "0.00", "0.00")


STOCK = [D("1.00"), D("1.50"), D("2.00"), D("2.50"), D("3.00"), D("3.50")]


@pytest.mark.parametrize(("target", "power"), [
    (D("2.00"), D("2.00")), (D("2.25"), D("2.00")), (D("2.375"), D("2.50")), (D("0.75"), D("1.00")),
    (D("4.25"), D("3.50")),
])
def test_readers_are_the_nearest_stock_power_and_the_weaker_on_a_tie(target, power):
    assert nearest_power(target, STOCK) == power
    assert nearest_power(target, []) is None


def test_the_reading_need_adds_the_distance_correction():
    exam = validate_form(EXAM, {"sphere": {"od": "+1.00", "os": "+0.50"}, "cylinder": {"os": "-0.50"},
                                "axis": {"os": "90"}, "add": {"od": "2.00", "os": "2.00"}})
    assert reader_target(exam) == D("2.625")  # (1.00 + 2.00 + 0.25 + 2.00) / 2
    assert reader_target(validate_form(EXAM, {"add": {"od": "1.50", "os": "1.50"}})) == D("1.50")
    assert reader_target({}) is None


# -- the forms ------------------------------------------------------------------------------------

EXAM_DATA = {
    "va_sc": {"od": "20/40", "os": "cd", "ou": "20/40"}, "va_ph": {"od": "20/25"}, "near_sc": {"ou": "N8"},
    "sphere": {"od": "-1.25", "os": "+0.50"}, "cylinder": {"od": "-0.50"}, "axis": {"od": "180"},
    "add": {"od": "2.00", "os": "2.00"}, "va_rx": {"od": "20/20", "os": "20/30"}, "pd": "62",
    "iop": {"od": "14", "os": "31"}, "iop_method": "non_contact", "cataract": {"os": "mature"},
    "pterygium": {"od": "2"}, "glaucoma_suspect": {"os": "sí"}, "cup_disc": {"os": "0.7"},
}


def test_the_exam_stores_notations_and_their_logmar():
    values = validate_form(EXAM, EXAM_DATA)
    assert values["va_sc"] == {"od": "20/40", "os": "CF", "ou": "20/40"}
    assert values["logmar"]["va_sc"] == {"od": D("0.30"), "os": D("2.00"), "ou": D("0.30")}
    assert values["logmar"]["near_sc"] == {"ou": D("0.40")}
    assert values["sphere"] == {"od": D("-1.25"), "os": D("0.50")} and values["axis"] == {"od": 180}


def _refused(spec, data):
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, data)
    return refused.value


def test_an_acuity_that_is_no_notation_is_refused_naming_the_eye():
    refused = _refused(EXAM, {"va_sc": {"od": "20/40", "os": "bien"}})
    assert refused.fields() == {"va_sc.os"}
    assert refused.message("es").startswith("AV sin corrección OI (ojo izquierdo): «bien» no es una agudeza visual; use")
    assert refused.message("en").startswith("VA uncorrected OS (left eye): «bien» is not a visual acuity; use")


@pytest.mark.parametrize(("field", "value", "es", "en"), [
    ("sphere", "-20.25", "Esfera OD (ojo derecho): debe estar entre -20.00 y 20.00 D.",
     "Sphere OD (right eye): must be between -20.00 and 20.00 D."),
    ("sphere", "-1.30", "Esfera OD (ojo derecho): debe ir en pasos de 0.25.",
     "Sphere OD (right eye): must be in steps of 0.25."),
    ("cylinder", "10.25", "Cilindro OD (ojo derecho): debe estar entre -10.00 y 10.00 D.",
     "Cylinder OD (right eye): must be between -10.00 and 10.00 D."),
    ("axis", "181", "Eje OD (ojo derecho): debe estar entre 1 y 180 °.", "Axis OD (right eye): must be between 1 and 180 °."),
    ("axis", "90.5", "Eje OD (ojo derecho): debe ser un número entero.", "Axis OD (right eye): must be a whole number."),
    ("add", "0.50", "Adición OD (ojo derecho): debe estar entre 0.75 y 3.50 D.",
     "Near addition OD (right eye): must be between 0.75 and 3.50 D."),
    ("iop", "70", "Presión intraocular OD (ojo derecho): debe estar entre 5 y 60 mmHg.",
     "Intraocular pressure OD (right eye): must be between 5 and 60 mmHg."),
])
def test_each_refraction_and_pressure_value_is_bounded(field, value, es, en):
    data = {**EXAM_DATA, field: {**EXAM_DATA[field], "od": value}}
    refused = _refused(EXAM, data)
    assert refused.message("es") == es and refused.message("en") == en


def test_the_pupillary_distance_is_45_to_80_mm():
    refused = _refused(EXAM, {**EXAM_DATA, "pd": "40"})
    assert refused.message("es") == "Distancia interpupilar (DIP): debe estar entre 45 y 80 mm."
    assert refused.message("en") == "Pupillary distance (PD): must be between 45 and 80 mm."


def test_a_cylinder_needs_its_axis_naming_the_eye():
    refused = _refused(EXAM, {"sphere": {"os": "-2.00"}, "cylinder": {"os": "-1.00"}})
    assert refused.fields() == {"axis.os"}
    assert refused.message("es") == "Eje OI (ojo izquierdo): es obligatorio cuando el cilindro no es cero (1 a 180°)."
    assert refused.message("en") == "Axis OS (left eye): is required when the cylinder is not zero (1 to 180°)."


def test_an_axis_without_cylinder_and_a_cylinder_without_sphere_are_refused():
    refused = _refused(EXAM, {"sphere": {"od": "-1.00"}, "cylinder": {"od": "0", "os": "-0.75"},
                              "axis": {"od": "90", "os": "90"}})
    assert refused.fields() == {"axis.od", "sphere.os"}
    assert "Eje OD (ojo derecho): sin cilindro no lleva eje" in refused.message("es")
    assert "Sphere OS (left eye): is required with a cylinder (0 for plano)." in refused.message("en")


def test_a_pressure_needs_its_method():
    refused = _refused(EXAM, {"iop": {"od": "14"}})
    assert refused.message("es") == "Método de tonometría: indique con qué se midió la presión."
    assert refused.message("en") == "Tonometry method: say how the pressure was measured."


@pytest.mark.parametrize(("data", "field", "es"), [
    ({"readers_power": "2.00"}, "readers_power",
     "Potencia de lectura: solo va con «Lentes de lectura»; marque la entrega o borre la potencia."),
    ({"readers": "sí", "readers_power": "2.10"}, "readers_power", "Potencia de lectura: debe ir en pasos de 0.25."),
    ({"glasses_order": "sí"}, "lens_type", "Tipo de luna: es obligatorio."),
    ({"lens_type": "bifocal"}, "lens_type", "Tipo de luna: solo va con «Pedir lentes a medida»; marque el pedido o borre el tipo."),
    ({"referral": "cataract"}, "referral_eye", "Ojo: es obligatorio."),
    ({"referral_urgency": "urgent"}, "referral_urgency",
     "Prioridad: solo va con «Referir por»; elija el motivo o borre este dato."),
])
def test_the_plan_refuses_details_without_what_they_detail(data, field, es):
    refused = _refused(PLAN, data)
    assert refused.fields() == {field}
    assert refused.message("es") == es
    assert refused.message("en")  # and in English
    assert "Potencia" not in refused.message("en") and "obligatorio" not in refused.message("en")


def test_a_refused_exam_writes_nothing(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    counts = {t: store.db[t].count for t in ("form_data", "procedures", "diagnoses", "audit_log")}
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms={"optometry.exam": {**EXAM_DATA, "axis": {"os": "90"}}},
                        diagnoses=["H25.1"])
    assert refused.value.fields() == {"axis.od", "axis.os"}
    assert {t: store.db[t].count for t in counts} == counts


def test_an_order_without_refraction_in_the_same_visit_is_refused_at_save(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms={
            "optometry.exam": {"va_sc": {"od": "20/40"}},
            "optometry.plan": {"glasses_order": "sí", "lens_type": "single_vision", "readers": "sí"}})
    assert refused.value.message("es").splitlines() == [
        "Pedir lentes a medida: no hay refracción registrada en el examen visual.",
        "Potencia de lectura: indique la potencia, o anote la adición en el examen visual.",
    ]
    assert "Order custom glasses: there is no refraction in the eye examination." in refused.value.message("en")
    assert store.db["form_data"].count == 0


def test_the_diagnoses_cover_the_campaign_eye_codes_without_clashing(store):
    codes = store.plugins.diagnoses
    for code in ("H25.1", "H26.9", "H11.0", "H40.0", "H40.9", "H49.2", "H50.0", "H52.0", "H52.4", "H54.2",
                 "H10.9", "H10.0", "H02.4", "H33.0", "H35.3"):
        assert code in codes
    own = {d.code for d in optometry.ayni_diagnosis_codes()}
    general = {d.code for d in store.plugins.pm.get_plugin("ayni.plugins.general").ayni_diagnosis_codes()}
    assert not own & general
