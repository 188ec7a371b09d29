"""``ayni printer set / list / clear / test`` and ``ayni patients card / labels``: a printer address or
width refused names the accepted forms, one clean message, nothing written; the card as a PDF in the
patient's language unless ``--lang``."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from ayni.cli import main
from ayni.core import open_store
from ayni.core.documents import printers
from ayni.core.people import patients
from ayni.core.storage.devices import set_letter


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def db(tmp_path, patient_form):
    """A database whose laptop is «A», with Rosa (A-0001, a Quechua speaker)."""
    path = tmp_path / "p.db"
    store = open_store(path, user="tester")
    set_letter(store, "A")
    patients.register(store, patient_form())
    store.close()
    return path


def _settings(db) -> list[tuple[str, str, int]]:
    store = open_store(db, user="tester")
    try:
        return [(s.station, s.spec, s.width_mm) for s in printers.settings(store)]
    finally:
        store.close()


def test_a_printer_is_set_per_station_and_listed(db):
    done = run("--db", db, "printer", "set", "--station", "cashier", "net:192.168.1.50", "--width", "58")
    assert done.exit_code == 0, done.output
    assert "Impresora de cashier: net:192.168.1.50, papel de 58 mm (32 columnas)." in done.output
    run("--db", db, "printer", "set", "usb:0x04b8:0x0202")
    listed = run("--db", db, "--lang", "en", "printer", "list")
    assert "every station of this laptop" in listed.output and "usb:0x04b8:0x0202" in listed.output
    assert "cashier" in listed.output and "58 mm" in listed.output
    assert run("--db", db, "printer", "clear", "--station", "cashier").exit_code == 0
    assert _settings(db) == [("", "usb:0x04b8:0x0202", 80), ("cashier", "", 80)]


@pytest.mark.parametrize(("args", "said"), [
    (["usb:0x04b8"], ["PRINTER", "usb:0x04b8:0x0202", "serial:/dev/ttyUSB0", "net:192.168.1.50"]),
    (["lpt1"], ["PRINTER", "usb:VENDEDOR:PRODUCTO"]),
    (["net:192.168.1.50", "--width", "76"], ["--width", "58, 80"]),
    (["net:192.168.1.50", "--width", "ochenta"], ["--width: elija una de: 58, 80"]),
    (["--station", "cocina", "net:192.168.1.50"], ["--station", "cashier", "registration", "triage"]),
])
def test_a_bad_printer_names_what_is_accepted_and_writes_nothing(db, args, said):
    refused = run("--db", db, "printer", "set", *args)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert all(s in refused.output for s in said), refused.output
    assert _settings(db) == []


def test_printing_on_a_station_without_printer_says_how_to_set_one(db):
    refused = run("--db", db, "printer", "test", "--station", "triage")
    assert refused.exit_code == 1 and "ayni printer set --station triage" in refused.output
    card = run("--db", db, "--lang", "en", "patients", "card", "A-0001", "--print")
    assert card.exit_code == 1 and "registration has no thermal printer" in card.output


def test_an_unreachable_printer_is_one_clean_message(db):
    run("--db", db, "printer", "set", "--station", "registration", "net:127.0.0.1:9")
    failed = run("--db", db, "patients", "card", "a0001", "--print")
    assert failed.exit_code == 1 and "No se pudo imprimir en net:127.0.0.1:9" in failed.output
    assert "Traceback" not in failed.output


def test_the_card_as_pdf_in_the_patients_language_or_the_one_chosen(db, tmp_path):
    pytest.importorskip("weasyprint")
    written = run("--db", db, "patients", "card", "A-0001", "-o", tmp_path / "card.pdf")
    assert written.exit_code == 0, written.output
    text = PdfReader(io.BytesIO((tmp_path / "card.pdf").read_bytes())).pages[0].extract_text()
    assert "UNQUQPA TARJETAN" in text and "A-0001" in text and "Rosa Elena Núñez Quispe" in text  # she speaks Quechua
    run("--db", db, "--lang", "en", "patients", "card", "A-0001", "-o", tmp_path / "card-en.pdf")
    assert "PATIENT CARD" in PdfReader(io.BytesIO((tmp_path / "card-en.pdf").read_bytes())).pages[0].extract_text()
    neither = run("--db", db, "patients", "card", "A-0001")
    assert neither.exit_code == 1 and "-o ARCHIVO.pdf o --print" in neither.output
    unknown = run("--db", db, "patients", "card", "A-0099", "-o", tmp_path / "x.pdf")
    assert unknown.exit_code == 1 and not (tmp_path / "x.pdf").exists()


def test_a_patient_without_labels_is_told_so(db, tmp_path):
    refused = run("--db", db, "patients", "labels", "A-0001", "-o", tmp_path / "labels.pdf")
    assert refused.exit_code == 1 and "no tiene etiquetas por imprimir" in refused.output
