"""The patient card from the patient screen (F9, in the footer and in F1), as a PDF when the
registration station has no thermal printer; a barcode scanner reading a card into the search box
opens that patient; with a thermal printer set (a local socket standing in for a network printer)
the card and the queue ticket go to it instead; and printing brings neither python-escpos nor segno
in at start-up."""

from __future__ import annotations

import io
import socket
import subprocess
import sys

import pytest
from pypdf import PdfReader
from textual.widgets import DataTable

from ayni.core.campaign import stations
from ayni.core.documents import printers
from ayni.core.people import patients
from ayni.core.storage.devices import set_letter
from ayni.tui.screens.keys import screen_keys
from ayni.tui.screens.patient import PatientScreen
from ayni.tui.screens.search import SearchScreen
from tuikit import SIZE, cell_texts


async def test_f9_prints_the_card_in_the_patients_language(make_app, store, people, tmp_path):
    pytest.importorskip("weasyprint")
    rosa = people[0]  # a Quechua speaker: her card is in Quechua, whatever the screen's language
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        app.open_patient(rosa.id)
        await pilot.pause()
        assert isinstance(app.screen, PatientScreen)
        shown = [(b.key, b.description) for _, b, _, _ in app.screen.active_bindings.values() if b.show]
        assert ("f9", "Card") in shown  # in the footer
        assert any(description == "Card" and "F9" in keys.upper() for keys, description in screen_keys(app.screen, "en"))
        await pilot.press("f9")
        await app.workers.wait_for_complete()
    [pdf] = (tmp_path / "prints").glob("tarjeta-*.pdf")
    text = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "UNQUQPA TARJETAN" in text and "Rosa Elena Núñez Quispe" in text and str(rosa.number) in text
    assert "PATIENT CARD" not in text


async def test_a_scanned_card_opens_its_patient(make_app, store, people, patient_form):
    set_letter(store, "A")
    nina = patients.register(store, patient_form(given_names="Nina", id_number="70000001"))
    assert nina.card_number == "A-0004"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"nunez", "down")  # someone was looking through the results of a search
        assert len(cell_texts(app.screen.query_one("#results", DataTable))) == 2
        await pilot.press(*"A-0004", "enter")  # what the scanner types: the card's QR text, then Enter
        assert isinstance(app.screen, PatientScreen) and app.screen.patient_id == nina.id


def test_starting_the_ui_imports_no_printing_library():
    """Nor Babel, Jinja2, pypdf, sqlite-utils (imported when the store opens, after the first paint),
    numpy (sqlite-utils' optional import, hidden by the core), or pluggy and importlib.metadata (the
    plugins are loaded when the store opens): none is needed before the first paint."""
    code = ("import sys, ayni.cli, ayni.tui.app, ayni.tui.screens.search, ayni.tui.screens.patient, "
            "ayni.tui.screens.cashier; print(sorted(m for m in ('escpos', 'segno', 'weasyprint', 'pypdf', 'jinja2', "
            "'babel', 'sqlite_utils', 'numpy', 'pluggy', 'importlib.metadata') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_sqlite_utils_without_numpy_leaves_numpy_importable():
    """Whoever opens a store first imports sqlite-utils through the core's gateway, numpy hidden."""
    code = ("import sys, tempfile, ayni.core; ayni.core.open_store(tempfile.mktemp(suffix='.db')).close(); "
            "import sqlite_utils.db, numpy; "
            "print(sqlite_utils.db.np is None, sys.modules['numpy'] is numpy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]


async def _printed(make_app, received, open_screen, *keys) -> bytes:
    """What reaches the printer once ``open_screen(app)`` and ``keys`` are done and printing is over."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        open_screen(app)
        await pilot.pause()
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
    return received()


async def test_with_a_printer_set_f9_prints_the_card_on_the_thermal_roll(make_app, store, people, tmp_path,
                                                                         network_printer):
    address, received = network_printer
    printers.set_printer(store, stations.REGISTRATION, address, 58)
    rosa = people[0]
    data = await _printed(make_app, received, lambda app: app.open_patient(rosa.id), "f9")
    assert b"Unquqpa tarjetan" in data and "Rosa Elena Núñez Quispe".encode("cp437") in data
    assert f"1P0{rosa.card_number}".encode() in data and data.endswith(b"\x1dV\x00")  # the QR, then the cut
    assert not (tmp_path / "prints").exists()  # printed, so no PDF


async def test_a_printer_that_does_not_answer_leaves_the_card_as_a_pdf(make_app, store, people, tmp_path):
    pytest.importorskip("weasyprint")
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: the connection is refused
    printers.set_printer(store, stations.REGISTRATION, f"net:127.0.0.1:{port}", 80)
    rosa = people[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_patient(rosa.id)
        await pilot.pause()
        await pilot.press("f9")
        await app.workers.wait_for_complete()
        [said] = [n.message for n in app._notifications]
    assert f"No se pudo imprimir en net:127.0.0.1:{port}" in said and "PDF guardado en" in said
    [pdf] = (tmp_path / "prints").glob("tarjeta-*.pdf")
    assert "UNQUQPA TARJETAN" in PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()


async def test_joining_a_queue_prints_the_ticket_on_the_stations_printer(make_app, store, campaign, people,
                                                                           network_printer):
    address, received = network_printer
    printers.set_printer(store, stations.TRIAGE, address, 80)
    luz = people[2]
    data = await _printed(make_app, received, lambda app: app.open_queue(stations.TRIAGE),
                          "a", *str(luz.number), "enter", "3", "enter")
    assert b"Turno" in data and "Huamán".encode("cp437") in data and "Estación: Triaje".encode("cp437") in data
    assert f"1P0{luz.card_number}".encode() in data and data.endswith(b"\x1dV\x00")
