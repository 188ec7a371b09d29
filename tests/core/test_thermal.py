"""Thermal printing (ESC/POS) checked against python-escpos's ``Dummy`` printer: the text encoded in
the printer's code page, the native QR command (GS ( k) and the cut (GS V); the layout for 32 and 48
columns; printer addresses as written; and each station's printer, set once and audited."""

from __future__ import annotations

import pytest
from escpos.printer import Dummy

from ayni.core import ValidationError
from ayni.core.campaign import stations
from ayni.core.clinical import encounters as enc
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.documents import card, printers, tickets
from ayni.core.documents.thermal import (
    QR, Line, Pair, PrinterError, Rule, Slip, WriteOn, layout, parse_printer, print_at, print_slip,
)
from ayni.core.money import cashier
from ayni.core.storage.devices import set_letter

QR_STORE = b"\x1d(k"  # GS ( k: the QR symbol commands
CUT = b"\x1dV"  # GS V: cut the paper


def _printed(slip: Slip, width: int = 80) -> bytes:
    printer = Dummy()
    print_slip(printer, slip, width)
    return printer.output


@pytest.fixture
def lettered(store, campaign, patient_form):
    set_letter(store, "A")
    from ayni.core.people import patients

    return patients.register(store, patient_form(given_names="Señora Ñusta", id_number="22222222"))


@pytest.fixture
def paid(store, campaign, lettered):
    e = enc.open_encounter(store, lettered.id, "clinic", "consult")
    enc.save(store, e.id, procedures=[ProcedureEntry("clinic.consult"), ProcedureEntry("clinic.wound")])
    return cashier.pay(store, e.id, "full")


def test_accents_and_soles_are_sent_in_the_printers_code_page():
    data = _printed(Slip((Line("Núñez, niño: S/ 12.50 «pagado» ¿sí?"),)))
    # python-escpos's magic encoding selects a code page (ESC t n) that has ñ, ú, «, ¿ and í: PC437 here
    assert b"\x1bt\x00" in data
    assert "Núñez, niño: S/ 12.50 «pagado» ¿sí?".encode("cp437") in data
    assert data.endswith(CUT + b"\x00")


def test_the_qr_code_is_the_printers_own_and_holds_the_number():
    data = _printed(Slip((QR("A-0042"),)))
    assert data.count(QR_STORE) == 5  # model, module size, error level, store the data, print it
    assert QR_STORE + b"\x09\x001P0A-0042" in data  # the «store data» command: its length, then «A-0042»
    assert data.rindex(CUT) > data.rindex(QR_STORE)


@pytest.mark.parametrize(("width", "columns"), [(58, 32), (80, 48)])
def test_the_layout_fits_the_paper_and_grows_with_the_content(width, columns):
    slip = Slip((Line("Campaña de salud Chinchero 2026 · I.E. 50123 San Martín de Porres", align="center"),
                 Rule(), Pair("Consulta de medicina general", "S/ 10.00"), Pair("Total", "S/ 25.50"),
                 Line("A-0042", align="center", big=True), WriteOn("Próxima estación o cita")))
    lines = layout(slip, width)
    assert all(len(line) <= columns for line in lines) and "-" * columns in lines
    assert f"Total{' ' * (columns - 13)}S/ 25.50" in lines
    at = next(n for n, line in enumerate(lines) if line.startswith("Próxima estación o cita:"))
    assert lines[at].endswith("_" * 8) or lines[at + 1] == "_" * columns  # room to write, beside or below
    longer = layout(Slip(slip.blocks + (Pair("Curación de herida", "S/ 15.50"),) * 10), width)
    assert len(longer) == len(lines) + 10  # no fixed page: the slip is as long as what it holds


def test_the_receipt_prints_its_lines_total_and_cut(store, paid):
    slip = cashier.receipt_slip(store, paid.id, "es")
    text = "\n".join(layout(slip, 58))
    assert "Recibo N.º A-000001" in text and "Señora Ñusta Núñez Quispe" in text
    assert "Total sugerido" in text and "S/ 25.50" in text and "Pagado" not in text
    data = _printed(slip, 58)
    assert "Señora Ñusta Núñez Quispe".encode("cp437") in data and b"S/ 25.50" in data and CUT in data
    assert "Receipt No. A-000001" in "\n".join(layout(cashier.receipt_slip(store, paid.id, "en"), 80))



def test_a_quechua_speaker_s_receipt_slip_is_in_quechua_with_babel_s_month_names(store, lettered, paid):
    from babel import Locale

    from ayni.core.dates import to_lima

    assert lettered.language == "qu"  # so her receipt is printed in Quechua unasked
    text = "\n".join(layout(cashier.receipt_slip(store, paid.id), 80))
    assert "Recibo N.º A-000001" in text and "Sulpayki. Kay recibota waqaychay." in text
    day = to_lima(paid.received_at)
    month = Locale.parse("qu_PE").months["format"]["wide"][day.month]  # CLDR's Quechua, not a table of ours
    assert f"{day.day} {month} {day.year}, " in text

def test_the_card_and_the_queue_ticket_print_the_number_as_a_native_qr_code(store, campaign, lettered):
    data = _printed(card.card_slip(store, lettered.id, "es"), 58)
    assert "Tarjeta del paciente".encode("cp437") in data and b"1P0A-0001" in data and data.endswith(CUT + b"\x00")
    assert "Próxima estación o cita: ____" in "\n".join(layout(card.card_slip(store, lettered.id, "es"), 80))
    entry = stations.enqueue(store, lettered.id, stations.TRIAGE)
    ticket = "\n".join(layout(tickets.ticket_slip(store, entry.id, "es"), 80))
    assert "Turno" in ticket and "A-0001" in ticket and "Señora Ñusta Núñez Quispe" in ticket
    assert "Estación: Triaje" in ticket and "[QR A-0001]" in ticket
    assert "Próxima estación o cita: Triaje" in "\n".join(layout(card.card_slip(store, lettered.id, "es"), 80))
    quechua = "\n".join(layout(tickets.ticket_slip(store, entry.id), 80))  # she speaks Quechua
    assert "Turnoyki" in quechua and "Maypi: Triaje" in quechua and "Suyay, yupayniykiwan qayasunaykikama." in quechua
    assert "Unquqpa tarjetan" in "\n".join(layout(card.card_slip(store, lettered.id), 80))
    assert b"1P0A-0001" in _printed(tickets.ticket_slip(store, entry.id, "en"))


@pytest.mark.parametrize(("written", "kind", "where"), [
    ("usb:0x04b8:0x0202", "usb", (0x04B8, 0x0202)), ("usb:04b8:0e15", "usb", (0x04B8, 0x0E15)),
    ("serial:/dev/ttyUSB0", "serial", "/dev/ttyUSB0"), ("net:192.168.1.50", "net", ("192.168.1.50", 9100)),
    (" net:impresora.local:9101 ", "net", ("impresora.local", 9101)),
])
def test_printer_addresses_as_written(written, kind, where):
    address = parse_printer(written)
    assert address.kind == kind
    assert {"usb": (address.vendor, address.product), "serial": address.device,
            "net": (address.host, address.port)}[kind] == where


@pytest.mark.parametrize("written", ["", "usb", "usb:0x04b8", "usb:zz:0202", "lpt1", "serial:ttyUSB0",
                                     "net:", "net:192.168.1.50:99999", "192.168.1.50"])
def test_a_bad_printer_address_names_the_accepted_forms(written):
    with pytest.raises(ValidationError) as refused:
        parse_printer(written)
    message = refused.value.message("es")
    assert message.startswith("Impresora:") and "usb:0x04b8:0x0202" in message and "serial:/dev/ttyUSB0" in message
    assert "net:192.168.1.50" in message and "net:ADDRESS[:PORT]" in refused.value.message("en")


def test_an_unreachable_printer_is_a_clear_error():
    with pytest.raises(PrinterError) as failed:
        print_at(parse_printer("net:127.0.0.1:9"), Slip((Line("x"),)), 80)
    assert "No se pudo imprimir en net:127.0.0.1:9" in failed.value.message("es")
    assert "print the PDF" in failed.value.message("en")


def test_each_station_has_its_printer_set_once_and_audited(store, campaign, row_counts):
    assert printers.printer_of(store, "cashier") is None  # nothing set: PDF
    printers.set_printer(store, "", "usb:0x04b8:0x0202", 80)
    printers.set_printer(store, "cashier", "net:192.168.1.50", 58)
    assert (printers.printer_of(store, "cashier").spec, printers.printer_of(store, "cashier").width_mm) == (
        "net:192.168.1.50", 58)
    assert printers.printer_of(store, "registration").spec == "usb:0x04b8:0x0202"  # the laptop's own
    printers.set_printer(store, "cashier", None)  # «none»: this station prints PDF
    assert printers.printer_of(store, "cashier") is None
    assert [(s.station, s.spec) for s in printers.settings(store)] == [("", "usb:0x04b8:0x0202"), ("cashier", "")]
    assert [a["table_name"] for a in store.audit()].count("station_printers") == 3
    before = row_counts()
    for station, spec, width, field in (("cashier", "usb:1", 80, "printer"), ("cashier", "net:10.0.0.9", 76, "width"),
                                        ("nowhere", "net:10.0.0.9", 80, "station")):
        with pytest.raises(ValidationError) as refused:
            printers.set_printer(store, station, spec, width)
        assert [e.field for e in refused.value.errors] == [field]
    assert "58, 80" in _message(printers.set_printer, store, "cashier", "net:10.0.0.9", 76)
    assert row_counts() == before


def test_a_printer_model_chooses_the_code_pages_and_an_unknown_one_is_refused(store, campaign):
    printer = Dummy(profile="TM-T88III")
    print_slip(printer, Slip((Line("ÁNGELA Íñigo"),)), 80)
    assert b"\x1bt\x10" + "ÁNGELA Íñigo".encode("cp1252") in printer.output  # that model's WPC1252 page
    setting = printers.set_printer(store, "cashier", "net:192.168.1.50", 80, "TM-T88III")
    assert printers.printer_of(store, "cashier").profile == setting.profile == "TM-T88III"
    message = _message(printers.set_printer, store, "cashier", "net:192.168.1.50", 80, "TM-T99")
    assert message.startswith("Modelo de impresora (--profile): elija una de:") and "TM-T88V" in message


def _message(call, *args) -> str:
    with pytest.raises(ValidationError) as refused:
        call(*args)
    return refused.value.message("es")
