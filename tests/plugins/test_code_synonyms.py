"""The ICD-10 search finds a code by the everyday words a Peruvian clinician or volunteer types
(every built-in plugin's codes), with or without accents, among the first three it offers."""

from __future__ import annotations

import pytest

from ayni.core import DiagnosisCode, Text, default_plugins
from ayni.core.clinical.codesearch import CodeIndex, search_diagnoses

EVERYDAY = [
    # general medicine
    ("presión alta", "I10"), ("presion alta", "I10"), ("hipertensión arterial", "I10"), ("dolor de cabeza", "R51"),
    ("depresión", "F32.9"), ("depresion", "F32.9"), ("tristeza", "F32.9"), ("azúcar alta", "E11.9"),
    ("azucar alta", "E11.9"), ("gripe", "J11.1"), ("resfrío", "J00"), ("dolor de garganta", "J02.9"),
    ("dolor de barriga", "R10.4"), ("acidez", "K21.9"), ("lombrices", "B82.9"), ("parasitos", "B82.9"),
    ("pulmonía", "J18.9"), ("silbido de pecho", "J45.9"), ("dolor de oído", "H66.9"), ("vómitos y diarrea", "A09"),
    ("falta de hierro", "D50.9"), ("colesterol alto", "E78.5"), ("sobrepeso", "E66.9"), ("várices", "I83.9"),
    ("granos", "L70.0"), ("hongos en los pies", "B35.3"), ("piojos", "B85.0"), ("dolor de espalda", "M54.5"),
    ("dolor de cintura", "M54.5"), ("dolor de cuello", "M54.2"), ("dolor de huesos", "M25.5"),
    ("ardor al orinar", "N39.0"), ("infeccion urinaria", "N39.0"), ("flujo vaginal", "N76.0"),
    ("cólico menstrual", "N94.6"), ("menopausia", "N95.1"), ("embarazada", "Z34.9"), ("nervios", "F41.1"),
    ("no puede dormir", "F51.0"), ("soroche", "T70.2"), ("calentura", "R50.9"), ("susto", "F43.0"),
    ("náuseas del embarazo", "O21.0"), ("presión alta en el embarazo", "O13"), ("alcoholismo", "F10.2"),
    ("violencia familiar", "Y07.0"), ("piedras en la vesícula", "K80.2"), ("terciana", "B54"),
    # dental
    ("muela picada", "K02.1"), ("dolor de muela", "K04.0"), ("flemón", "K04.7"), ("encías inflamadas", "K05.0"),
    ("diente roto", "S02.5"), ("piorrea", "K05.3"),
    # optometry
    ("vista cansada", "H52.4"), ("no ve de lejos", "H52.1"), ("ojo rojo", "H10.9"), ("nube en el ojo", "H25.9"),
    ("ojo desviado", "H50.9"), ("bizco", "H50.9"), ("ojo vago", "H53.0"), ("párpado caído", "H02.4"),
    ("ciego", "H54.0"),
    # physiotherapy
    ("derrame cerebral", "I69.4"), ("embolia", "I69.4"), ("pie chueco", "Q66.0"), ("columna torcida", "M41.9"),
    ("dolor de hombro", "M75.1"), ("amputado", "Z89.5"),
    # surgery
    ("hernia del ombligo", "K42.9"), ("bola de grasa", "D17.9"), ("coto", "E04.9"),
    ("agua en el testículo", "N43.3"), ("labio partido", "Q36.9"), ("paladar hendido", "Q35.9"),
    ("matriz caída", "N81.9"), ("quiste en el ovario", "N83.2"), ("tabique desviado", "J34.2"),
]


@pytest.fixture(scope="module")
def plugins():
    return default_plugins()


@pytest.mark.parametrize(("query", "code"), EVERYDAY)
def test_an_everyday_phrase_finds_its_code_among_the_first_three(plugins, query, code):
    assert code in plugins.diagnoses, f"{code} is not bundled"
    assert code in [d.code for d in search_diagnoses(plugins, query, limit=3)]


def test_every_specialty_bundles_everyday_words_for_its_codes(plugins):
    with_words = {d.code for found in plugins.hook.ayni_diagnosis_codes() for d in found if d.synonyms}
    for prefix in ("K0", "H5", "I69", "K42", "I10"):  # dental, optometry, physio, surgery, general
        assert any(code.startswith(prefix) for code in with_words)


def test_a_phrase_a_label_begins_with_outranks_scattered_words():
    index = CodeIndex([("X1", Text("Presión en el pecho, fiebre alta", "Chest pressure, high fever")),
                       ("X2", Text("Presión arterial", "Blood pressure"))],
                      {"X2": ("presión alta",)})
    assert index.search("presion alta") == ["X2", "X1"]
    assert index.search("alta") == ["X1", "X2"]  # a word alone keeps the catalogue order


def test_synonyms_are_plain_words_beside_the_code():
    code = DiagnosisCode("I10", Text("Hipertensión esencial (primaria)", "Essential (primary) hypertension"),
                         synonyms=["presión alta"])
    assert code.synonyms == ("presión alta",)
    assert DiagnosisCode("R51", Text("Cefalea", "Headache")).synonyms == ()
