"""Phrases with a count take the form their number needs, in each language."""

import pytest

from ayni.core import Plural

PATIENTS = Plural("{n} paciente", "{n} pacientes", "{n} patient", "{n} patients")


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [("es", 1, "1 paciente"), ("es", 0, "0 pacientes"), ("es", 2, "2 pacientes"),
     ("en", 1, "1 patient"), ("en", 3, "3 patients"), ("xx", 2, "2 pacientes")],
)
def test_the_form_follows_the_number(lang, n, expected):
    assert PATIENTS.format(lang, n) == expected


def test_other_values_are_filled_in():
    phrase = Plural("{n} receta de {who}", "{n} recetas de {who}", "{n} prescription by {who}",
                    "{n} prescriptions by {who}")
    assert phrase.format("en", 2, who="Dr. Quispe") == "2 prescriptions by Dr. Quispe"


def test_an_empty_form_is_refused():
    with pytest.raises(ValueError):
        Plural("{n} paciente", "", "{n} patient", "{n} patients")
