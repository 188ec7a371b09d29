"""`make catalogues` extracts the Spanish of every Text and Plural as the message ids; the templates
and catalogues are committed, and the compiled ``.mo`` files are built at install, beside them."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import ayni.core
from ayni.core import catalogues, document_languages

ROOT = Path(__file__).parents[2]
DOMAINS = {"ayni": ROOT / "core" / "locale"} | {
    f"ayni_{key}": ROOT / "plugins" / key / "locale" for key in ("general", "dental", "optometry", "physio", "surgery")}

SAMPLE = '''
from ayni.core import Plural, Text

LABELS = {"kit": Text("Cepillo de dientes", "Toothbrush"), "rinse": Text(
    "Enjuague con {amount} mL", "Rinse with {amount} mL")}
TEETH = Plural("{n} diente", "{n} dientes", "{n} tooth", "{n} teeth")
NOT_OURS = _("ignorado")
'''


def _read(path: Path):
    with path.open("rb") as source:
        return read_po(source)


def _extract_command() -> list[str]:
    """The extraction `make catalogues` runs, with this interpreter's tools."""
    printed = subprocess.run(
        ["make", "-s", f"BIN={Path(sys.executable).parent}", "--eval", "print-extract: ; @echo $(EXTRACT)",
         "print-extract"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return shlex.split(printed)


def test_the_extraction_takes_the_spanish_of_every_text_and_plural(tmp_path):
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "labels.py").write_text(SAMPLE, encoding="utf-8")
    subprocess.run([*_extract_command(), "-o", str(tmp_path / "sample.pot"), str(sample)], cwd=ROOT, check=True,
                   capture_output=True)
    ids = {message.id for message in _read(tmp_path / "sample.pot") if message.id}
    assert ids == {"Cepillo de dientes", "Enjuague con {amount} mL", ("{n} diente", "{n} dientes")}


@pytest.mark.parametrize(("domain", "msgid"), [
    ("ayni", "{field}: es obligatorio."), ("ayni", "Paciente"), ("ayni_general", "Receta médica"),
    ("ayni_dental", "Odontología"), ("ayni_physio", "Fisioterapia"),
])
def test_the_templates_hold_the_spanish_message_ids(domain, msgid):
    assert msgid in _read(DOMAINS[domain] / f"{domain}.pot")


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_each_domain_has_a_quechua_catalogue_awaiting_review(domain):
    catalog = _read(DOMAINS[domain] / "qu" / "LC_MESSAGES" / f"{domain}.po")
    assert "awaiting review by a native speaker" in catalog.language_team
    assert "EN ESPERA DE REVISIÓN POR UN HABLANTE NATIVO" in catalog.header_comment
    assert catalog.plural_forms == "nplurals=1; plural=0;"
    template = _read(DOMAINS[domain] / f"{domain}.pot")
    assert {m.id for m in template} <= {m.id for m in catalog}, "run make catalogues"


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_no_catalogue_changes_the_placeholders_of_its_message_ids(domain):
    for po in sorted(DOMAINS[domain].glob(f"*/LC_MESSAGES/{domain}.po")):
        assert catalogues.check(po) == []


def test_every_catalogue_of_the_installed_package_is_compiled_beside_it():
    installed = [catalogues.CORE.directory] + [
        Path(ayni.core.__file__).parents[1] / "plugins" / key / "locale"
        for key in ("general", "dental", "optometry", "physio", "surgery")]
    sources = [po for folder in installed for po in folder.glob("*/LC_MESSAGES/*.po")]
    assert len(sources) >= 6
    for po in sources:
        mo = po.with_suffix(".mo")
        assert mo.is_file(), f"{mo} missing: reinstall (pip install -e .) or run make catalogues"
        assert mo.stat().st_mtime >= po.stat().st_mtime, f"{po} changed since it was compiled: run make catalogues"


def test_documents_can_be_printed_in_each_language_the_core_has_a_catalogue_for():
    assert document_languages() == ("es", "en", "qu")
