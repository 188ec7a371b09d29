"""Phonetic keys: the spellings of one name share a key, different names keep different keys."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from ayni.core.people.names import deletions, max_edits, name_keys, name_terms, phonetic_key, term_variants, words

#: Spellings of the same name, as registration desks write them.
SAME = [
    ("Quispe", "Kispe"), ("Quispe", "Qispe"), ("Huamán", "Waman"), ("Huamán", "Guamán"), ("Waman", "Guaman"),
    ("Yupanqui", "Llupanki"), ("Yupanqui", "Yupanki"), ("Ccahuana", "Cahuana"), ("Ccahuana", "Kahuana"),
    ("Chávez", "Chaves"), ("Vásquez", "Basques"), ("Vásquez", "Vasquez"), ("Hernández", "Ernandes"),
    ("Núñez", "Nunes"), ("Núñez", "NUÑEZ"), ("Ñahui", "Nahui"), ("Huillca", "Willca"), ("Huillca", "Willka"),
    ("Llallahui", "Yayawi"), ("Cconislla", "Conisya"), ("Allcca", "Allca"), ("Huaccachi", "Huacachi"),
    ("Quicaño", "Kikaño"), ("Pacotaype", "Pacotaipe"), ("Huamaní", "Huamany"), ("Cecilia", "Sesilia"),
    ("Gerónimo", "Jerónimo"), ("Sánchez", "Sanches"), ("García", "Garsía"), ("Quintanilla", "Kintaniya"),
    ("Benigna", "Venigna"), ("Briceño", "Briseño"), ("González", "Gonzales"), ("Rafael", "Raphael"),
    ("Auccatoma", "Aucatoma"), ("Gutiérrez", "Gutierres"), ("Ana", "Anna"),
]

#: Different names that must not be confused.
DIFFERENT = [
    ("Quispe", "Mamani"), ("Peña", "Piña"), ("Rojas", "Rosas"), ("Huamán", "Huamaní"), ("Mendoza", "Méndez"),
    ("Condori", "Ccori"), ("Luz", "Lucas"), ("Tito", "Tita"), ("Ticona", "Tacona"), ("Cusi", "Cuzco"),
    ("Vargas", "Vegas"), ("Chávez", "Chacón"), ("Rosa", "Rocío"), ("Mamani", "Manani"), ("Huillca", "Huilca"),
    ("Ramos", "Ramón"), ("Gómez", "Gámez"), ("Quispe", "Quisbert"), ("Yupanqui", "Yupa"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_spellings_of_one_name_share_a_key(one, other):
    assert phonetic_key(one) == phonetic_key(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_names_keep_different_keys(one, other):
    assert phonetic_key(one) != phonetic_key(other)


@pytest.mark.parametrize(("name", "key"), [
    ("Quispe", "kispe"), ("Huamán", "waman"), ("Ccahuana", "kawana"), ("Chávez", "chabes"), ("Ñahui", "nawi"),
    ("Hernández", "ernandes"), ("Asháninka", "ashaninka"), ("Guillermo", "giyermo"),
])
def test_the_key_is_readable(name, key):
    assert phonetic_key(name) == key


def test_a_name_is_split_into_folded_words_and_keys():
    assert words("San-José O'Brien  de la Cruz") == ["san", "jose", "o", "brien", "de", "la", "cruz"]
    assert name_keys("Ccahuana Núñez") == "kawana nunes"
    assert name_keys("") == name_keys(None) == ""
    assert words("45 678.912") == ["45", "678", "912"]


def test_short_keys_allow_no_typo_and_long_ones_two():
    assert [max_edits(k) for k in ("ana", "kispe", "mamani", "yupanki")] == [0, 1, 1, 2]
    assert max_edits("a" * 25) == 0  # no name is that long: a pasted text is not looked up letter by letter


def test_a_term_is_its_own_first_variant():
    assert term_variants("ana") == ["ana"]
    assert set(term_variants("kispe")) == {"kispe", "ispe", "kspe", "kipe", "kise", "kisp"}


def test_the_terms_of_a_name_are_its_words_and_their_keys():
    assert name_terms("Quispe Mamani") == ["kispe", "mamani", "quispe"]
    assert name_terms(None) == []


@settings(derandomize=True, max_examples=150)
@given(st.text(alphabet="abcdeiklmnoprstuwy", min_size=1, max_size=9),
       st.text(alphabet="abcdeiklmnoprstuwy", min_size=1, max_size=9))
def test_keys_within_the_allowed_edits_share_a_variant(one, other):
    depth = 2
    if OSA.distance(one, other) <= depth:
        assert deletions(one, depth) & deletions(other, depth)


@settings(derandomize=True, max_examples=200)
@given(st.text(max_size=40))
def test_any_text_has_a_key_made_of_its_own_kind_of_characters(text):
    keys = name_keys(text).split()
    assert len(keys) <= len(words(text))
    assert all(" " not in k for k in keys)
