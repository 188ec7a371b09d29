"""A composed phrase (``phrase``/``counted``) is filled in per language when it is looked up: a third
language translates the template, not the filled sentence, and puts each label value in that same
language; Spanish and English are as they always were."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.core import Plural, Text, counted, phrase

from catalogue_files import write_catalogue

EVERY = Text("Tome {dose} cada {hours} horas", "Take {dose} every {hours} hours")
CAPSULE = Text("cápsula", "capsule")
DAYS = Plural("durante {n} día", "durante {n} días", "for {n} day", "for {n} days")
UNTRANSLATED = Text("Vuelva en {days} días", "Come back in {days} days")


@pytest.fixture
def quechua(only_registered):
    return write_catalogue(only_registered.directory, "ayni", "qu", '''
msgid "Tome {dose} cada {hours} horas"
msgstr "Sapa {hours} horas {dose} upyay"

msgid "cápsula"
msgstr "kapsula"

msgid "durante {n} día"
msgid_plural "durante {n} días"
msgstr[0] "{n} p'unchaw"
''')


def test_a_phrase_is_filled_in_from_the_translated_template(quechua):
    dose = phrase(EVERY, dose=CAPSULE, hours=8)
    assert dose.get("qu") == "Sapa 8 horas kapsula upyay"
    assert (dose.es, dose.en) == ("Tome cápsula cada 8 horas", "Take capsule every 8 hours")
    assert (dose.get("es"), dose.get("en")) == (dose.es, dose.en)


def test_a_counted_phrase_takes_the_languages_form(quechua):
    days = counted(DAYS, 5)
    assert days.get("qu") == "5 p'unchaw"
    assert (days.es, days.en) == ("durante 5 días", "for 5 days")
    assert counted(DAYS, 1).en == "for 1 day"


def test_a_phrase_inside_a_phrase_is_in_the_same_language(quechua):
    inner = phrase(Text("{what}", "{what}"), what=CAPSULE)
    assert phrase(EVERY, dose=inner, hours=12).get("qu") == "Sapa 12 horas kapsula upyay"
    assert phrase(EVERY, dose=counted(DAYS, 2), hours=6).get("qu") == "Sapa 6 horas 2 p'unchaw upyay"


def test_an_untranslated_template_prints_in_spanish(quechua):
    assert phrase(UNTRANSLATED, days=7).get("qu") == "Vuelva en 7 días"
    assert counted(Plural("{n} cama", "{n} camas", "{n} bed", "{n} beds"), 3).get("qu") == "3 camas"


def test_phrases_of_the_same_template_and_values_are_equal():
    assert phrase(EVERY, dose=CAPSULE, hours=8) == phrase(EVERY, hours=8, dose=CAPSULE)
    assert hash(phrase(EVERY, dose=CAPSULE, hours=8)) == hash(phrase(EVERY, hours=8, dose=CAPSULE))
    assert phrase(EVERY, dose=CAPSULE, hours=8) != phrase(EVERY, dose=CAPSULE, hours=6)
    assert counted(DAYS, 2) != counted(DAYS, 3)
    assert phrase(EVERY, dose=CAPSULE, hours=8).matches("capsule every")


@settings(derandomize=True, database=None, max_examples=60, deadline=None)
@given(word=st.text(min_size=1, max_size=12).filter(str.strip), hours=st.integers(0, 48), days=st.integers(0, 90))
def test_spanish_and_english_are_the_template_filled_in_as_it_always_was(word, hours, days):
    dose = Text(word, word.upper())
    made = phrase(EVERY, dose=dose, hours=hours)
    assert made.es == EVERY.es.format(dose=word, hours=hours) and made.get("es") == made.es
    assert made.en == EVERY.en.format(dose=word.upper(), hours=hours) and made.get("en") == made.en
    during = counted(DAYS, days, extra=dose)
    assert (during.es, during.en) == (DAYS.format("es", days), DAYS.format("en", days))
