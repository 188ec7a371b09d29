"""Looking a label up beyond Spanish and English: the catalogues' translation of the Spanish msgid,
Spanish whenever they have none (unknown language, missing, empty or fuzzy entry, placeholders
changed), never an empty string; plugin domains before the core's; nothing read for es/en."""

from __future__ import annotations

import pytest

from ayni.core import Plural, Text, catalogues

from catalogue_files import write_catalogue

PATIENT = Text("Paciente", "Patient")
REQUIRED = Text("{field}: es obligatorio.", "{field}: is required.")
PATIENTS = Plural("{n} paciente", "{n} pacientes", "{n} patient", "{n} patients")


@pytest.fixture
def quechua(tmp_path, only_registered):
    """A core catalogue for ``qu`` with a translated, an empty, a fuzzy and a broken entry."""
    return write_catalogue(only_registered.directory, "ayni", "qu", '''
msgid "Paciente"
msgstr "Unquq"

msgid "Receta médica"
msgstr ""

#, fuzzy
msgid "Sede"
msgstr "Llaqta"

msgid "{field}: es obligatorio."
msgstr "{field}: churanayki tiyan."

msgid "{field}: debe ser un número."
msgstr "{campo}: yupay kanan."

msgid "{field}: debe ser un texto."
msgstr "{field: qillqa kanan."

msgid "{n} paciente"
msgid_plural "{n} pacientes"
msgstr[0] "{n} unquq"

msgid "{n} cama"
msgid_plural "{n} camas"
msgstr[0] ""
''')


def test_a_translated_label_is_printed_in_the_language(quechua):
    assert PATIENT.get("qu") == "Unquq"
    assert REQUIRED.get("qu").format(field="DNI") == "DNI: churanayki tiyan."


@pytest.mark.parametrize("spanish", ["Receta médica", "Sede", "Fecha de nacimiento"])
def test_an_empty_fuzzy_or_missing_entry_prints_the_spanish(quechua, spanish):
    assert Text(spanish, "English").get("qu") == spanish


@pytest.mark.parametrize("spanish", ["{field}: debe ser un número.", "{field}: debe ser un texto."])
def test_a_translation_that_changes_the_placeholders_is_refused(quechua, spanish):
    assert Text(spanish, "English").get("qu") == spanish


@pytest.mark.parametrize("lang", ["ay", "xx", "qu_PE"])
def test_a_language_without_a_catalogue_prints_the_spanish(quechua, lang):
    assert PATIENT.get(lang) == "Paciente"
    assert PATIENTS.format(lang, 3) == "3 pacientes"


@pytest.mark.parametrize("lang", [None, ""])
def test_no_language_is_spanish(quechua, lang):
    assert PATIENT.get(lang) == "Paciente" and PATIENTS.get(lang, 1) == "{n} paciente"


def test_spanish_and_english_stay_the_pair(quechua):
    assert (PATIENT.get("es"), PATIENT.get("en")) == ("Paciente", "Patient")
    assert (PATIENTS.format("es", 1), PATIENTS.format("en", 2)) == ("1 paciente", "2 patients")


@pytest.mark.parametrize("n", [0, 1, 2, 7])
def test_a_plural_takes_the_form_the_language_uses_for_the_count(quechua, n):
    assert PATIENTS.format("qu", n) == f"{n} unquq"  # one form for every count (nplurals=1)


@pytest.mark.parametrize(("n", "spanish"), [(1, "1 cama"), (4, "4 camas")])
def test_an_untranslated_plural_prints_the_spanish_form_for_the_count(quechua, n, spanish):
    assert Plural("{n} cama", "{n} camas", "{n} bed", "{n} beds").format("qu", n) == spanish


def test_a_plugin_domain_is_asked_before_the_core_and_the_core_after_it(tmp_path, quechua):
    catalogues.register(write_catalogue(tmp_path / "plugin", "ayni_tiny", "qu", '''
msgid "Paciente"
msgstr "Unquq runa"

msgid "Diente"
msgstr "Kiru"
'''))
    assert PATIENT.get("qu") == "Unquq runa"
    assert Text("Diente", "Tooth").get("qu") == "Kiru"
    assert REQUIRED.get("qu") == "{field}: churanayki tiyan."  # only the core has it


def test_registering_a_domain_after_a_lookup_reads_the_language_again(tmp_path, quechua):
    assert Text("Diente", "Tooth").get("qu") == "Diente"
    catalogues.register(write_catalogue(tmp_path / "plugin", "ayni_tiny", "qu", 'msgid "Diente"\nmsgstr "Kiru"\n'))
    assert Text("Diente", "Tooth").get("qu") == "Kiru"


def test_catalogues_are_read_once_per_language_and_never_for_spanish_or_english(quechua, monkeypatch):
    reads = []
    load = catalogues.Catalogue.load
    monkeypatch.setattr(catalogues.Catalogue, "load", lambda self, lang: reads.append(lang) or load(self, lang))
    for lang in ("es", "en"):
        PATIENT.get(lang), PATIENTS.get(lang, 2)
    assert reads == []
    for _ in range(3):
        PATIENT.get("qu"), PATIENTS.get("qu", 2), PATIENT.get("ay")
    assert reads == ["qu", "ay"]


def test_the_placeholder_check_names_each_refused_entry(quechua):
    problems = catalogues.check(quechua.path("qu", ".po"))
    assert len(problems) == 2
    assert any("{campo}: yupay kanan." in p for p in problems)
    assert any("{field: qillqa kanan." in p for p in problems)
