"""Form validation from the spec alone: every field type parses what it should and refuses the rest,
with messages that name the field and what is allowed, in Spanish and English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ayni.core import (
    BODY_SIDES, EYES, Choice, Field, FieldError, FieldType, FormSpec, Text, ValidationError, display_value,
    validate_form,
)
from ayni.core.clinical.forms import to_json
from ayni.core.dates import today_in_lima

AGE = Field("age", FieldType.INTEGER, Text("Edad", "Age"), unit="años", min=0, max=120)
SPHERE = Field("sphere", FieldType.DECIMAL, Text("Esfera", "Sphere"), unit="D", min=Decimal("-20"),
               max=Decimal("20"), step=Decimal("0.25"))
VISIT_DATE = Field("seen_on", FieldType.DATE, Text("Fecha de atención", "Date seen"))
NEXT_VISIT = Field("next_visit", FieldType.DATE, Text("Próxima cita", "Next visit"), allow_future=True)
SMOKER = Field("smoker", FieldType.YES_NO, Text("Fuma", "Smokes"))
PLAN = Field("plan", FieldType.CHOICE, Text("Plan", "Plan"),
             choices=(Choice("home", Text("Alta", "Home")), Choice("refer", Text("Referir", "Refer"))))
SYMPTOMS = Field("symptoms", FieldType.MULTI_CHOICE, Text("Síntomas", "Symptoms"),
                 choices=(Choice("cough", Text("Tos", "Cough")), Choice("fever", Text("Fiebre", "Fever"))))
TEETH = Field("teeth", FieldType.TOOTH_SET, Text("Piezas", "Teeth"))
PAIN = Field("pain", FieldType.SCALE, Text("Dolor", "Pain"), min=0, max=10)
NOTE = Field("note", FieldType.TEXT, Text("Nota", "Note"), max_length=10)
ACUITY = Field("acuity", FieldType.DECIMAL, Text("Agudeza", "Acuity"), sides=EYES, min=Decimal("0"),
               max=Decimal("2"), step=Decimal("0.1"))
GRIP = Field("grip", FieldType.INTEGER, Text("Fuerza de prensión", "Grip strength"), sides=BODY_SIDES,
             required=True, min=0, max=80, unit="kg")


def form(*fields, **kw) -> FormSpec:
    return FormSpec(key="test.form", version=1, title=Text("Prueba", "Test"), fields=fields, specialty="test", **kw)


def parse(field: Field, raw):
    """The clean value of ``field`` given ``raw``."""
    return validate_form(form(field), {field.key: raw}).get(field.key)


def refusal(field: Field, raw) -> ValidationError:
    """The refusal of ``raw`` for ``field`` (fails the test if it is accepted)."""
    with pytest.raises(ValidationError) as caught:
        validate_form(form(field), {field.key: raw})
    return caught.value


# -- integers and scales -------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "value"), [("12", 12), (" 7 ", 7), (0, 0), ("120", 120), ("+3", 3)])
def test_integer_parses_whole_numbers(raw, value):
    assert parse(AGE, raw) == value


@pytest.mark.parametrize("raw", ["12a", "1.5", 3.9, 3.0, True, False, "doce", "1e2", "١٢"])
def test_integer_refuses_what_is_not_a_whole_number(raw):
    error = refusal(AGE, raw)
    assert [e.key for e in error.errors] == ["not_integer"]
    assert error.message("es") == "Edad: debe ser un número entero."
    assert error.message("en") == "Age: must be a whole number."


def test_integer_out_of_range_names_the_field_and_the_range_in_both_languages():
    error = refusal(AGE, "121")
    assert error.message("es") == "Edad: debe estar entre 0 y 120 años."
    assert error.message("en") == "Age: must be between 0 and 120 años."
    assert refusal(AGE, "-1").errors[0].key == "out_of_range"


def test_a_one_sided_range_says_only_the_bound_it_has():
    at_least = Field("n", FieldType.INTEGER, Text("Cantidad", "Count"), min=1)
    at_most = Field("m", FieldType.INTEGER, Text("Dosis", "Dose"), max=4)
    assert refusal(at_least, "0").message("es") == "Cantidad: debe ser como mínimo 1."
    assert refusal(at_most, "5").message("en") == "Dose: must be at most 4."
    assert "None" not in refusal(at_least, "0").message("en")


def test_scale_is_an_integer_within_its_steps():
    assert parse(PAIN, "10") == 10
    assert refusal(PAIN, "11").errors[0].key == "out_of_range"
    assert refusal(PAIN, "7.5").errors[0].key == "not_integer"


# -- decimals ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "value"), [
    ("-1.25", Decimal("-1.25")), ("2,50", Decimal("2.50")), ("+0.75", Decimal("0.75")), (".25", Decimal("0.25")),
    (Decimal("20"), Decimal("20")), (0.5, Decimal("0.5")), (-3, Decimal("-3")),
])
def test_decimal_parses_exactly(raw, value):
    parsed = parse(SPHERE, raw)
    assert isinstance(parsed, Decimal)
    assert parsed == value


@pytest.mark.parametrize("raw", ["-1.30", "0.1", "3.125"])
def test_decimal_off_its_step_is_refused_naming_the_step(raw):
    error = refusal(SPHERE, raw)
    assert error.message("es") == "Esfera: debe ir en pasos de 0.25."
    assert error.message("en") == "Sphere: must be in steps of 0.25."


def test_decimal_out_of_range_names_range_and_unit():
    assert refusal(SPHERE, "-20.25").message("es") == "Esfera: debe estar entre -20 y 20 D."
    assert refusal(SPHERE, "20.25").message("en") == "Sphere: must be between -20 and 20 D."


@pytest.mark.parametrize("raw", ["abc", "1e2", "NaN", "Infinity", "1.2.3", True, "--1"])
def test_decimal_refuses_what_is_not_a_plain_number(raw):
    assert [e.key for e in refusal(SPHERE, raw).errors] == ["not_number"]


def test_a_step_written_as_a_float_and_a_huge_value_do_not_crash():
    loose = Field("axis", FieldType.DECIMAL, Text("Eje", "Axis"), step=0.25)
    assert parse(loose, "1.75") == Decimal("1.75")
    assert refusal(loose, "1" + "0" * 29).errors[0].key == "bad_step"  # too many digits to divide
    assert refusal(loose, "1" + "0" * 40).message("en") == "Axis: at most 30 digits."


# -- dates ---------------------------------------------------------------------------------------

def test_date_parses_iso_and_date_objects():
    assert parse(VISIT_DATE, "2024-02-29") == dt.date(2024, 2, 29)
    assert parse(VISIT_DATE, dt.datetime(2020, 1, 2, 10, 30)) == dt.date(2020, 1, 2)


def test_date_in_the_future_is_refused_unless_allowed():
    tomorrow = today_in_lima() + dt.timedelta(days=1)
    error = refusal(VISIT_DATE, tomorrow.isoformat())
    assert error.errors[0].key == "date_in_future"
    assert error.message("es").startswith("Fecha de atención: no puede ser una fecha futura (hoy es ")
    assert today_in_lima().isoformat() in error.message("en")
    assert parse(NEXT_VISIT, tomorrow.isoformat()) == tomorrow
    assert parse(VISIT_DATE, today_in_lima()) == today_in_lima()


def test_date_before_1900_is_refused():
    error = refusal(VISIT_DATE, "1899-12-31")
    assert error.message("es") == "Fecha de atención: no puede ser anterior a 1900-01-01."
    assert error.message("en") == "Date seen: cannot be before 1900-01-01."
    assert parse(VISIT_DATE, "1900-01-01") == dt.date(1900, 1, 1)


def test_date_bounds_of_the_field_are_kept():
    surgery = Field("surgery", FieldType.DATE, Text("Cirugía", "Surgery"), allow_future=True,
                    min=dt.date(2026, 1, 1), max=dt.date(2026, 12, 31))
    assert refusal(surgery, "2025-12-31").errors[0].key == "date_too_old"
    assert refusal(surgery, "2027-01-01").message("en") == "Surgery: cannot be after 2026-12-31."


@pytest.mark.parametrize("raw", ["31/12/2020", "2021-02-30", "ayer", 20200101, "2020-W01-1", "2020-1-5", True])
def test_invalid_dates_explain_the_format(raw):
    error = refusal(VISIT_DATE, raw)
    assert error.message("es") == "Fecha de atención: fecha no válida; use AAAA-MM-DD."
    assert error.message("en") == "Date seen: invalid date; use YYYY-MM-DD."


# -- choices and yes/no --------------------------------------------------------------------------

def test_choice_accepts_known_values_and_refuses_others_listing_them():
    assert parse(PLAN, "refer") == "refer"
    error = refusal(PLAN, "surgery")
    assert error.message("es") == "Plan: elija una de: home, refer."
    assert error.message("en") == "Plan: choose one of: home, refer."


def test_multi_choice_keeps_order_drops_repeats_and_refuses_unknown():
    assert parse(SYMPTOMS, "fever, cough fever") == ["fever", "cough"]
    assert parse(SYMPTOMS, ["cough"]) == ["cough"]
    assert refusal(SYMPTOMS, ["cough", "rash"]).errors[0].key == "bad_choice"


@pytest.mark.parametrize(("raw", "value"), [
    ("sí", True), ("SI", True), ("yes", True), ("1", True), (True, True),
    ("no", False), ("N", False), ("0", False), (False, False),
])
def test_yes_no(raw, value):
    assert parse(SMOKER, raw) is value


@pytest.mark.parametrize("raw", ["tal vez", "2", "ok"])
def test_yes_no_refuses_anything_else(raw):
    assert refusal(SMOKER, raw).message("es") == "Fuma: responda sí o no."


# -- teeth ---------------------------------------------------------------------------------------

def test_tooth_set_takes_permanent_and_primary_fdi_numbers_sorted():
    assert parse(TEETH, "48 11, 85 11") == [11, 48, 85]
    assert parse(TEETH, [21, "55"]) == [21, 55]
    assert parse(TEETH, 18) == [18]


@pytest.mark.parametrize("raw", ["19", "56", "10", "90", "1", "118", "²", [11, "x"], True])
def test_tooth_set_refuses_what_is_not_a_tooth(raw):
    error = refusal(TEETH, raw)
    assert error.errors[0].key == "bad_tooth"
    assert error.message("es").startswith("Piezas: «")
    assert "11–18" in error.message("es") and "51–55" in error.message("en")


def test_tooth_19_is_named_in_the_message():
    assert "«19»" in refusal(TEETH, "11 19").message("en")


# -- text and required ---------------------------------------------------------------------------

def test_text_is_trimmed_and_limited():
    assert parse(NOTE, "  dolor  ") == "dolor"
    assert refusal(NOTE, "x" * 11).message("es") == "Nota: máximo 10 caracteres."


def test_required_field_empty_or_only_separators_is_refused():
    required = Field("symptoms", FieldType.MULTI_CHOICE, Text("Síntomas", "Symptoms"), required=True,
                     choices=SYMPTOMS.choices)
    for raw in (None, "", "   ", [], " , ;"):
        assert refusal(required, raw).message("en") == "Symptoms: is required."


def test_empty_optional_fields_are_left_out():
    assert validate_form(form(AGE, NOTE, SYMPTOMS), {"age": "", "note": "  ", "symptoms": ","}) == {}


# -- paired fields (eyes, body sides) ------------------------------------------------------------

def test_paired_field_values_are_per_side():
    assert parse(ACUITY, {"od": "0.5", "os": "1.0"}) == {"od": Decimal("0.5"), "os": Decimal("1.0")}
    assert parse(ACUITY, {"od": "0.5"}) == {"od": Decimal("0.5")}


def test_paired_field_errors_are_per_side_and_name_the_side():
    error = refusal(ACUITY, {"od": "2.5", "os": "x"})
    assert error.fields() == {"acuity.od", "acuity.os"}
    assert error.message("es") == (
        "Agudeza OD (ojo derecho): debe estar entre 0 y 2.\n"
        "Agudeza OI (ojo izquierdo): debe ser un número."
    )
    assert "Acuity OS (left eye): must be a number." in error.message("en")


def test_required_pair_needs_both_sides():
    error = refusal(GRIP, {"right": "30"})
    assert error.fields() == {"grip.left"}
    assert error.message("es") == "Fuerza de prensión izquierdo: es obligatorio."
    assert error.message("en") == "Grip strength left: is required."


@pytest.mark.parametrize("raw", ["0.5", {"ou": "0.5"}, {"od": "0.5", "left": "1"}])
def test_paired_field_given_one_value_or_an_unknown_side_is_refused_not_dropped(raw):
    error = refusal(ACUITY, raw)
    assert error.errors[0].key == "bad_sides"
    assert error.message("es") == "Agudeza: indique un valor por lado (OD (ojo derecho), OI (ojo izquierdo))."
    assert error.message("en") == "Acuity: give one value per side (OD (right eye), OS (left eye))."


# -- the whole form ------------------------------------------------------------------------------

def test_validate_form_reports_every_error_at_once():
    spec = form(AGE, SPHERE, VISIT_DATE, PLAN, TEETH, GRIP)
    with pytest.raises(ValidationError) as caught:
        validate_form(spec, {"age": "12a", "sphere": "0.1", "seen_on": "2100-01-01", "plan": "x",
                             "teeth": "19", "grip": {"right": "90"}})
    assert caught.value.fields() == {"age", "sphere", "seen_on", "plan", "teeth", "grip.right", "grip.left"}
    lines = caught.value.message("es").splitlines()
    assert len(lines) == 7
    assert lines[0] == "Edad: debe ser un número entero."


def test_unknown_keys_are_ignored_and_values_are_typed():
    values = validate_form(form(AGE, SMOKER, VISIT_DATE), {"age": "40", "smoker": "no", "seen_on": "2020-05-01",
                                                           "hack": "x"})
    assert values == {"age": 40, "smoker": False, "seen_on": dt.date(2020, 5, 1)}


def test_derive_adds_computed_values_and_derived_input_is_ignored():
    weight = Field("weight", FieldType.DECIMAL, Text("Peso", "Weight"), required=True)
    height = Field("height", FieldType.DECIMAL, Text("Talla", "Height"), required=True)
    bmi = Field("bmi", FieldType.DECIMAL, Text("IMC", "BMI"), derived=True)
    spec = form(weight, height, bmi,
                derive=lambda v: {"bmi": (v["weight"] / v["height"] ** 2).quantize(Decimal("0.1"))})
    assert validate_form(spec, {"weight": "64", "height": "1.60", "bmi": "99"})["bmi"] == Decimal("25.0")


def test_checks_refuse_combinations_and_run_only_on_valid_fields():
    seen = []

    def checks(values):
        seen.append(values)
        if values["systolic"] <= values["diastolic"]:
            return [FieldError("systolic", "bp_order", Text("Presión sistólica", "Systolic pressure"))]
        return []

    systolic = Field("systolic", FieldType.INTEGER, Text("Presión sistólica", "Systolic pressure"), required=True)
    diastolic = Field("diastolic", FieldType.INTEGER, Text("Presión diastólica", "Diastolic pressure"), required=True)
    spec = form(systolic, diastolic, checks=checks)
    with pytest.raises(ValidationError) as caught:
        validate_form(spec, {"systolic": "80", "diastolic": "90"})
    assert caught.value.message("es") == "Presión sistólica: la sistólica debe ser mayor que la diastólica."
    assert validate_form(spec, {"systolic": "120", "diastolic": "80"}) == {"systolic": 120, "diastolic": 80}
    with pytest.raises(ValidationError):
        validate_form(spec, {"systolic": "x", "diastolic": "80"})
    assert len(seen) == 2  # not called while a field is refused


# -- showing values ------------------------------------------------------------------------------

def test_display_value_and_json():
    values = validate_form(form(SPHERE, SMOKER, PLAN, ACUITY, VISIT_DATE),
                           {"sphere": "-1.25", "smoker": "si", "plan": "refer", "acuity": {"od": "0.5"},
                            "seen_on": "2020-01-02"})
    stored = to_json(values)
    assert stored == {"sphere": Decimal("-1.25"), "smoker": True, "plan": "refer", "acuity": {"od": Decimal("0.5")},
                      "seen_on": "2020-01-02"}
    assert display_value(SPHERE, stored["sphere"], "es") == "-1.25 D"
    assert display_value(SMOKER, True, "es") == "sí"
    assert display_value(SMOKER, False, "en") == "no"
    assert display_value(PLAN, "refer", "en") == "Refer"
    assert display_value(ACUITY, stored["acuity"], "es") == "OD (ojo derecho): 0.5"
    assert display_value(SYMPTOMS, ["cough", "fever"], "es") == "Tos, Fiebre"
    assert display_value(NOTE, None, "es") == ""



# -- hostile input: huge numbers, control characters, wrong types, a parser that raises -------------

def test_five_thousand_digits_are_refused_with_the_range_before_any_conversion():
    assert refusal(AGE, "9" * 5000).message("es") == "Edad: debe estar entre 0 y 120 años."
    assert refusal(AGE, 10 ** 5000).message("en") == "Age: must be between 0 and 120 años."
    assert refusal(SPHERE, "9" * 5000).errors[0].key == "out_of_range"
    assert refusal(SPHERE, 10 ** 5000).errors[0].key == "out_of_range"
    assert parse(AGE, "0" * 5000 + "42") == 42  # leading zeros need no digits of the range


def test_a_decimal_with_more_places_than_it_can_need_is_refused():
    assert refusal(SPHERE, "0." + "25" * 2500).message("en") == "Sphere: at most 6 decimal places."
    assert parse(SPHERE, "1.250") == Decimal("1.250")


@pytest.mark.parametrize("raw", ["Ana\x00", "a\x1b[31m", "tab\there", "line\nbreak", "\u202eanA", "x\x7f", "\ud800"])
def test_control_characters_in_text_are_refused_naming_the_field_and_the_character(raw):
    error = refusal(NOTE, raw)
    assert error.errors[0].key == "control_character"
    assert error.message("es").startswith("Nota: contiene un carácter de control (U+")


def test_a_multiline_note_keeps_newlines_and_tabs_but_not_escapes():
    notes = Field("notes", FieldType.TEXT, Text("Notas", "Notes"), max_length=2000)
    assert notes.multiline and not NOTE.multiline
    assert parse(notes, "dolor\n\tleve") == "dolor\n\tleve"
    assert refusal(notes, "dolor\x1b[2J").message("en").startswith("Notes: contains a control character (U+001B, position 6)")


@pytest.mark.parametrize(("field", "raw", "key"), [
    (NOTE, ["a"], "not_text"), (NOTE, {"a": 1}, "not_text"), (NOTE, True, "not_text"),
    (AGE, [1], "not_integer"), (AGE, {"x": 1}, "not_integer"), (SPHERE, [1], "not_number"),
    (VISIT_DATE, 20240101, "bad_date"), (PLAN, ["home"], "bad_choice"), (SMOKER, [1], "bad_yes_no"),
    (SYMPTOMS, [["cough"]], "bad_choice"), (TEETH, [{"11": 1}], "bad_tooth"), (TEETH, 10 ** 5000, "bad_tooth"),
], ids=lambda value: type(value).__name__)
def test_a_value_of_the_wrong_type_is_refused_not_coerced(field, raw, key):
    assert [e.key for e in refusal(field, raw).errors] == [key]


def test_a_plugin_parser_that_raises_becomes_a_refusal_naming_the_field():
    def fragile(field, raw):
        return int(raw) // 0, None

    odd = Field("odd", FieldType.TEXT, Text("Valor raro", "Odd value"), parse=fragile)
    assert refusal(odd, "7").message("es") == "Valor raro: no se puede leer este valor; revise lo escrito."
    assert refusal(odd, {"x": ["a\x00"]}).errors[0].key == "control_character"
    assert refusal(odd, [10 ** 5000]).errors[0].key == "too_many_digits"
    assert refusal(odd, "x" * 501).errors[0].key == "too_long"
    clock = Field("start", FieldType.TEXT, Text("Hora", "Time"), max_length=5, parse=lambda f, raw: (raw.strip(), None))
    assert parse(clock, "  09:30  ") == "09:30"  # the limit counts what is left after trimming


def test_max_input_length_is_what_the_range_can_need():
    from ayni.core.clinical.forms import max_input_length

    assert max_input_length(AGE) == 3
    assert max_input_length(Field("t", FieldType.INTEGER, Text("T", "T"), min=-40, max=60)) == 3
    assert max_input_length(SPHERE) == 1 + 2 + 1 + 6
    assert max_input_length(NOTE) == 10


def test_an_integer_may_go_in_steps():
    threshold = FormSpec("t.audio", 1, Text("Audiometría", "Audiometry"), specialty="t", fields=(
        Field("db", FieldType.INTEGER, Text("Umbral", "Threshold"), unit="dB", min=-10, max=120, step=5),))
    assert validate_form(threshold, {"db": "35"}) == {"db": 35}
    assert validate_form(threshold, {"db": "-10"}) == {"db": -10}
    with pytest.raises(ValidationError) as refused:
        validate_form(threshold, {"db": "37"})
    assert refused.value.message("es") == "Umbral: debe ir en pasos de 5."
    assert refused.value.message("en") == "Threshold: must be in steps of 5."


EARS = (Choice("right", Text("oído derecho", "right ear")), Choice("left", Text("oído izquierdo", "left ear")))


def test_a_plugin_declares_its_own_pair_of_sides_shown_in_that_order():
    field = Field("db", FieldType.INTEGER, Text("Umbral", "Threshold"), unit="dB", min=-10, max=120, sides=EARS)
    spec = FormSpec("t.audio", 1, Text("Audiometría", "Audiometry"), specialty="t", fields=(field,))
    assert validate_form(spec, {"db": {"left": "30", "right": "25"}}) == {"db": {"right": 25, "left": 30}}
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"db": {"right": "200"}})
    assert refused.value.message("en").startswith("Threshold right ear: must be between -10 and 120")
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"db": {"od": "20"}})
    assert "oído derecho, oído izquierdo" in refused.value.message("es")
    stored = {"left": 30, "right": 25}  # as JSON keys come back from the database: not in the declared order
    assert display_value(field, stored, "es") == "oído derecho: 25 dB; oído izquierdo: 30 dB"
