"""``ayni cashier pay``: a payment from the command line; with access control on, the cashier's PIN
and, for a reduction or waiver, the approver's own PIN are asked (hidden); a second payment needs
``--correction``. Refusals are one clean message naming the argument, and write nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import default_plugins, open_store
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.people import patients
from ayni.core.people import users as accounts


def run(db, *args, pins=(), lang="es"):
    return CliRunner().invoke(main, ["--db", str(db), "--lang", lang, "--user", "Caja", "cashier", "pay", *args],
                              input="".join(f"{pin}\n" for pin in pins))


@pytest.fixture
def db(tmp_path, patient_form):
    """Access control on (an admin, a coordinator, a cashier, a clinician) and Rosa's unpaid consultation."""
    path = tmp_path / "a.db"
    store = open_store(path, user="setup", plugins=default_plugins())
    accounts.add(store, "Ana", "admin", "1234")
    accounts.login(store, "Ana", "1234")
    for name, role, pin in (("Coord", "coordinator", "2468"), ("Caja", "cashier", "5555"),
                            ("Doc", "clinician:general", "3333")):
        accounts.add(store, name, role, pin)
    accounts.login(store, "Doc", "3333")
    rosa = patients.register(store, patient_form())
    e = encounters.open_encounter(store, rosa.id, "general", "consultation")
    encounters.save(store, e.id, procedures=[ProcedureEntry("general.consultation")])
    store.close()
    return path, e.id


def payments_of(path) -> list[dict]:
    store = open_store(path, plugins=default_plugins())
    try:
        return list(store.db["payments"].rows)
    finally:
        store.close()


def test_a_waiver_asks_the_approvers_pin(db):
    path, encounter = db
    wrong = run(path, encounter, "--kind", "waiver", "--reason", "adulto mayor", "--approver", "Coord",
                pins=("5555", "0000"))
    assert wrong.exit_code == 1 and "PIN incorrecto para Coord" in wrong.output and "Traceback" not in wrong.output
    assert payments_of(path) == []
    done = run(path, encounter, "--kind", "waiver", "--reason", "adulto mayor", "--approver", "Coord",
               pins=("5555", "2468"))
    assert done.exit_code == 0, done.output
    assert "Pago registrado: S/ 0.00 (Exonerado) · recibo N.º 000001." in done.output
    assert "2468" not in done.output


def test_a_second_payment_needs_a_correction(db):
    path, encounter = db
    assert run(path, encounter, pins=("5555",)).exit_code == 0
    again = run(path, encounter, pins=("5555",), lang="en")
    assert again.exit_code == 1 and "--correction: this encounter is already paid (receipt No. 000001)" in again.output
    assert len(payments_of(path)) == 1
    corrected = run(path, encounter, "--correction", "cobro duplicado en papel", pins=("5555",))
    assert corrected.exit_code == 0 and "recibo N.º 000002" in corrected.output


def test_a_bad_kind_names_the_argument(db):
    path, encounter = db
    result = run(path, encounter, "--kind", "gratis", pins=("5555",))
    assert result.exit_code == 1 and "--kind" in result.output and "full, sliding, waiver" in result.output


def _receipt_text(path) -> str:
    import io

    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_the_receipt_is_in_the_patients_language_unless_lang_is_given(db, tmp_path):
    """Rosa speaks Quechua: her receipt is Spanish; ``--lang en`` given by the cashier prints it in English."""
    path, encounter = db
    own = tmp_path / "recibo.pdf"
    paid = CliRunner().invoke(main, ["--db", str(path), "--user", "Caja", "cashier", "pay", encounter, "-o", str(own)],
                              input="5555\n", env={"AYNI_LANG": None})
    assert paid.exit_code == 0, paid.output
    assert f"PDF guardado: {own}" in paid.output
    assert "Recibo" in _receipt_text(own) and "Receipt" not in _receipt_text(own)
    chosen = tmp_path / "receipt.pdf"
    again = run(path, encounter, "--correction", "reimpresión en inglés", "-o", str(chosen), pins=("5555",), lang="en")
    assert again.exit_code == 0, again.output
    assert "Receipt" in _receipt_text(chosen) and "Thank you" in _receipt_text(chosen)


def set_cashier_printer(path, spec: str) -> None:
    from ayni.core.documents import printers

    store = open_store(path, plugins=default_plugins())
    try:
        accounts.login(store, "Ana", "1234")
        printers.set_printer(store, "cashier", spec, 80)
    finally:
        store.close()


def test_print_sends_the_receipt_to_the_cash_desks_printer(db, network_printer):
    path, encounter = db
    address, received = network_printer
    set_cashier_printer(path, address)
    paid = run(path, encounter, "--print", pins=("5555",))
    assert paid.exit_code == 0, paid.output
    assert "Pago registrado: S/ 10.00 (Tarifa sugerida) · recibo N.º 000001." in paid.output
    assert f"Recibo impreso en {address}." in paid.output
    data = received()
    assert b"Recibo N" in data and b"000001" in data and data.endswith(b"\x1dV\x00")  # the receipt, then the cut
    assert not (path.parent / "prints").exists()  # printed, so no PDF


def test_a_printer_failing_after_the_payment_says_it_is_recorded_and_writes_the_pdf(db):
    pytest.importorskip("weasyprint")
    path, encounter = db
    set_cashier_printer(path, "net:127.0.0.1:9")  # nothing listens there
    paid = run(path, encounter, "--print", pins=("5555",))
    assert paid.exit_code == 0, paid.output
    pdf = path.parent / "prints" / "recibo-000001.pdf"
    assert "Pago registrado" in paid.output and "Traceback" not in paid.output
    assert ("El pago ESTÁ registrado (recibo N.º 000001). La impresora falló (No se pudo imprimir en "
            "net:127.0.0.1:9") in paid.output and f"el recibo se guardó en PDF: {pdf}" in paid.output
    assert "Recibo" in _receipt_text(pdf)
    assert len(payments_of(path)) == 1
    english = run(path, encounter, "--correction", "segundo recibo", "--print", "-o", str(path.parent / "r.pdf"),
                  pins=("5555",), lang="en")
    assert english.exit_code == 0, english.output
    assert "The payment IS recorded (receipt No. 000002)" in english.output
    assert f"the receipt was written as PDF instead: {path.parent / 'r.pdf'}" in english.output


def test_print_without_a_cash_desk_printer_writes_the_pdf_and_says_how_to_set_one(db):
    pytest.importorskip("weasyprint")
    path, encounter = db
    paid = run(path, encounter, "--print", pins=("5555",))
    assert paid.exit_code == 0, paid.output
    pdf = path.parent / "prints" / "recibo-000001.pdf"
    assert f"La caja no tiene impresora térmica (ayni printer set --station cashier …); el recibo se guardó en PDF: {pdf}" \
        in paid.output and pdf.exists()


def test_a_receipt_neither_printed_nor_written_still_says_the_payment_stands(db, tmp_path):
    pytest.importorskip("weasyprint")
    path, encounter = db
    set_cashier_printer(path, "net:127.0.0.1:9")
    paid = run(path, encounter, "--print", "-o", str(tmp_path / "no-such-folder" / "r.pdf"), pins=("5555",))
    assert paid.exit_code == 1 and "Traceback" not in paid.output
    assert "El pago ESTÁ registrado (recibo N.º 000001): no lo cobre otra vez." in paid.output
    assert len(payments_of(path)) == 1
