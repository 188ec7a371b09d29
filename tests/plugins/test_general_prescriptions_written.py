"""Prescriptions written as on paper («Amoxicilina 500 mg VO c/8h x 7 dias») are read when they name
one formulary medicine; every medicine declares its usual course; the formulary is searched by name or
strength ignoring accents; quantities read as people count them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.core import ValidationError, validate_form
from ayni.plugins.general import prescriptions
from ayni.plugins.general.formulary import BY_KEY, DRUGS
from ayni.plugins.general.forms import PRESCRIPTION


def _items(text):
    return validate_form(PRESCRIPTION, {"items": text})["items"]


@pytest.mark.parametrize(("written", "typed"), [
    ("Amoxicilina 500 mg VO c/8h x 7 dias", "amoxicilina_500 1 c/8h x7d"),
    ("Amoxicillin 500 mg PO c/8h x 7 days", "amoxicilina_500 1 c/8h x7d"),
    ("Ibuprofeno 400 mg 1 tab VO cada 8 horas x 3 días con comida", "ibuprofeno_400 1 c/8h x3d con comida"),
    ("paracetamol jarabe 7.5 ml c/6h x 3 dias", "paracetamol_jarabe 7.5 c/6h x3d"),
    ("Cefalexina 500 c/6h x7d", "cefalexina_500 1 c/6h x7d"),
    ("Amoxicilina 500 mg 2 c/8h x7d", "amoxicilina_500 2 c/8h x7d"),
    ("Albendazol 400 mg única", "albendazol_400 1 unica"),
])
def test_a_line_written_as_on_paper_reads_as_the_typed_one(written, typed):
    assert _items(written) == _items(typed)


def test_the_written_amoxicillin_course_dispenses_21_capsules():
    [line] = _items("Amoxicilina 500 mg VO c/8h x 7 dias")
    assert (line["medicine"], line["quantity"]) == ("general.amoxicillin_500", 21)
    assert prescriptions.quantity_text(BY_KEY[line["medicine"]], line["quantity"], "es") == "21 cápsulas"


def test_a_name_that_fits_two_medicines_is_refused_naming_both(row_counts):
    with pytest.raises(ValidationError) as refused:
        _items("Paracetamol c/8h x 3 dias")
    assert refused.value.message("es") == (
        "Medicamentos: «paracetamol» puede ser «Paracetamol 500 mg (tableta)», «Paracetamol 120 mg/5 mL, 60 mL "
        "(jarabe)»; añada la concentración o la forma.")
    assert refused.value.message("en").startswith("Medicines: «paracetamol» could be «Paracetamol 500 mg (tablet)»")


def test_a_written_line_without_days_is_refused_as_written():
    with pytest.raises(ValidationError) as refused:
        _items("Amoxicilina 500 mg VO c/8h")
    assert "línea 1 «Amoxicilina 500 mg VO c/8h»: escriba medicamento, dosis, frecuencia y días" in \
        refused.value.message("es")


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.short)
def test_every_usual_course_is_a_valid_prescription(drug):
    course = drug.usual
    line = {"medicine": drug.key, "dose": course.dose, "every_h": course.every_h, "days": course.days}
    [item] = _items(prescriptions.line_text(line))
    assert (item["dose"], item["every_h"], item["days"]) == (course.dose, course.every_h, course.days)


@pytest.mark.parametrize(("typed", "found"), [
    ("amox", ["general.amoxicillin_500", "general.amoxicillin_250_susp"]),
    ("AMOXICILÍNA 500", ["general.amoxicillin_500"]),
    ("sulfato", ["general.ferrous_sulfate_300", "general.zinc_20"]),  # a name that begins with it first
    ("20 mg", ["general.zinc_20", "general.omeprazole_20"]),
])
def test_the_formulary_is_searched_by_name_or_strength_ignoring_accents(typed, found):
    assert prescriptions.FORMULARY.search(typed) == found


@pytest.mark.parametrize(("key", "count", "es", "en"), [
    ("general.paracetamol_500", 1, "1 tableta", "1 tablet"),
    ("general.amoxicillin_250_susp", 2, "2 frascos", "2 bottles"),
    ("general.salbutamol_inhaler", 1, "1 inhalador", "1 inhaler"),
    ("general.permethrin_cream", 1, "1 tubo", "1 tube"),
])
def test_quantities_read_as_people_count_them(key, count, es, en):
    drug = BY_KEY[key]
    assert (prescriptions.quantity_text(drug, count, "es"), prescriptions.quantity_text(drug, count, "en")) == (es, en)


@settings(derandomize=True, database=None, max_examples=80, deadline=None)
@given(drug=st.sampled_from(DRUGS), every_h=st.sampled_from((*prescriptions.INTERVALS, None)),
       days=st.integers(1, prescriptions.MAX_DAYS), lang=st.sampled_from(("es", "en")))
def test_any_medicine_written_by_name_and_strength_reads_with_its_usual_dose(drug, every_h, days, lang):
    frequency = f"c/{every_h}h x {days} {'dias' if lang == 'es' else 'days'}" if every_h else "unica"
    [line] = _items(f"{drug.medicine.name.get(lang)} {drug.medicine.strength} VO {frequency}")
    assert (line["medicine"], line["dose"], line["every_h"]) == (drug.key, drug.usual.dose, every_h)
    assert line["days"] == (days if every_h else 1)


@st.composite
def _prescribed(draw):
    """A line as the picker or the parser gives it: any formulary medicine, a dose in quarter units up
    to its largest, any allowed frequency (or a single dose), 1–90 days, an optional short note."""
    drug = draw(st.sampled_from(DRUGS))
    quarters = draw(st.integers(1, int(drug.max_dose * 4)))
    every = draw(st.sampled_from((*prescriptions.INTERVALS, None)))
    days = draw(st.integers(1, prescriptions.MAX_DAYS)) if every else 1
    note = draw(st.text(st.sampled_from("abcñáé ·"), max_size=12)).strip()
    dose = Decimal(quarters) / 4
    line = {"medicine": drug.key, "dose": dose.normalize() if dose == dose.to_integral() else dose,
            "every_h": every, "days": days, "note": note}
    return {**line, "quantity": prescriptions.quantity(drug, line["dose"], every, days)}


@settings(derandomize=True, database=None, max_examples=150, deadline=None)
@given(line=_prescribed(), lang=st.sampled_from(("es", "en")))
def test_a_line_in_words_parses_back_to_the_same_prescription(line, lang):
    worded = prescriptions.line_words(line, lang)
    assert "_" not in worded.partition(" · ")[0]  # the medicine is named, not keyed
    assert _items(worded) == [line]


def test_a_picked_medicine_reads_in_words_a_clinician_reads():
    line = _items("paracetamol_jarabe 15 c/8h x3d")[0]
    assert prescriptions.line_words(line, "es") == "Paracetamol 120 mg/5 mL, 60 mL (jarabe) · 15 mL c/8 h × 3 días"
    assert prescriptions.line_words(line, "en") == "Paracetamol 120 mg/5 mL, 60 mL (syrup) · 15 mL every 8 h × 3 days"
    once = _items("albendazol_400 1 unica tras comer")[0]
    assert prescriptions.line_words(once, "es") == "Albendazol 400 mg (tableta) · 1 tableta dosis única · tras comer"
