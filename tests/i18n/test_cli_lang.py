"""``--lang`` takes the UI's languages and those a patient's documents can be printed in: ``qu``
prints the receipt from the Quechua catalogue and leaves the command's own messages in Spanish; a
language without a catalogue is refused, listing those that exist, and nothing is written."""

from __future__ import annotations

import io

import pytest
from catalogue_files import write_catalogue
from click.testing import CliRunner
from pypdf import PdfReader

from ayni.cli import main
from ayni.core import default_plugins, open_store
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.people import patients


@pytest.fixture
def db(tmp_path, patient_form):
    """Rosa, a Quechua speaker, with an unpaid consultation."""
    path = tmp_path / "a.db"
    store = open_store(path, user="setup", plugins=default_plugins())
    rosa = patients.register(store, patient_form(language="qu"))
    e = encounters.open_encounter(store, rosa.id, "general", "consultation")
    encounters.save(store, e.id, procedures=[ProcedureEntry("general.consultation")])
    store.close()
    return path, e.id


@pytest.fixture
def quechua_receipt(only_registered):
    write_catalogue(only_registered.directory, "ayni", "qu", '''
msgid "Gracias. Conserve este recibo."
msgstr "Sulpayki. Kay chaskisqa qillqata waqaychay."
''')


def _pay(path, encounter, receipt, *lang):
    return CliRunner().invoke(main, ["--db", str(path), *lang, "cashier", "pay", encounter, "-o", str(receipt)])


def _text(path) -> str:
    return " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def test_lang_qu_prints_the_receipt_in_quechua_and_speaks_spanish(db, tmp_path, quechua_receipt):
    path, encounter = db
    result = _pay(path, encounter, tmp_path / "r.pdf", "--lang", "qu")
    assert result.exit_code == 0, result.output
    assert "Pago registrado" in result.output
    receipt = _text(tmp_path / "r.pdf")
    assert "Sulpayki. Kay chaskisqa qillqata waqaychay." in receipt and "Conserve este recibo" not in receipt
    assert "Recibo" in receipt  # not translated: Spanish


def test_a_quechua_speakers_receipt_is_in_quechua_without_lang(db, tmp_path, quechua_receipt):
    path, encounter = db
    assert _pay(path, encounter, tmp_path / "r.pdf").exit_code == 0
    assert "Sulpayki." in _text(tmp_path / "r.pdf")


def test_lang_es_prints_a_quechua_speakers_receipt_in_spanish(db, tmp_path, quechua_receipt):
    path, encounter = db
    assert _pay(path, encounter, tmp_path / "r.pdf", "--lang", "es").exit_code == 0
    assert "Gracias. Conserve este recibo." in _text(tmp_path / "r.pdf")


@pytest.mark.parametrize("lang", ["ay", "xx", "ES"])
def test_a_language_without_a_catalogue_is_refused_listing_those_that_exist(db, tmp_path, lang):
    path, encounter = db
    result = _pay(path, encounter, tmp_path / "r.pdf", "--lang", lang)
    assert result.exit_code == 2
    assert f"«{lang}» no es un idioma disponible; elija uno de: es, en, qu." in result.output
    assert "Traceback" not in result.output and not (tmp_path / "r.pdf").exists()
    store = open_store(path, plugins=default_plugins())
    try:
        assert store.db["payments"].count == 0
    finally:
        store.close()
