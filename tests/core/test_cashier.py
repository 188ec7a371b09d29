"""The cash desk: who is waiting, payments that name their approver, numbered receipts on an 80 mm
roll, and the end-of-day closing of expected against counted cash."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from decimal import Decimal

import pytest
from pypdf import PdfReader

from ayni.core import ValidationError
from ayni.core.clinical import encounters as enc
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.dates import today_in_lima
from ayni.core.money import cashier, payments
from ayni.core.people import patients

MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture
def rosa_visit(store, campaign, patient):
    """Rosa's consultation and wound care: S/ 25.50 suggested."""
    e = enc.open_encounter(store, patient.id, "clinic", "consult")
    enc.save(store, e.id, procedures=[ProcedureEntry("clinic.consult"), ProcedureEntry("clinic.wound")])
    return e.id


@pytest.fixture
def juan_visit(store, campaign, patient_form):
    """Juan's consultation, closed: S/ 10.00 suggested."""
    juan = patients.register(store, patient_form(given_names="Juan", paternal_surname="Mamani", id_kind="none",
                                                 id_number=""))
    e = enc.open_encounter(store, juan.id, "clinic", "triage")
    enc.save(store, e.id, procedures=[ProcedureEntry("clinic.consult")])
    enc.close(store, e.id)
    return e.id


def refused(row_counts, action, *args, **kwargs) -> ValidationError:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        action(*args, **kwargs)
    assert row_counts() == before
    return caught.value


def pdf_text(data: bytes) -> str:
    """The words of a PDF, one space between each (table cells wrap, amounts keep a no-break space)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_waiting_lists_unpaid_encounters_with_procedures(store, campaign, patient, rosa_visit, juan_visit):
    nothing_done = enc.open_encounter(store, patient.id, "clinic", "triage")
    free = enc.open_encounter(store, patient.id, "clinic", "triage")
    enc.save(store, free.id, procedures=[ProcedureEntry("clinic.fluoride")])
    assert free.id in {w.encounter.id for w in cashier.waiting(store, include_free=True)}
    waiting = cashier.waiting(store)
    assert [(w.encounter.id, w.total, w.procedures) for w in waiting] == [
        (rosa_visit, Decimal("25.50"), 2), (juan_visit, Decimal("10.00"), 1)]
    assert waiting[0].patient.full_name == "Rosa Elena Núñez Quispe"
    assert nothing_done.id not in {w.encounter.id for w in waiting}
    cashier.pay(store, rosa_visit, "full")
    assert [w.encounter.id for w in cashier.waiting(store)] == [juan_visit]
    assert [w.encounter.id for w in cashier.waiting(store, campaign_id="another")] == []


@pytest.mark.parametrize("kind, extra", [("sliding", {"level": "0.5"}), ("waiver", {"reason": "sin ingresos"})])
@pytest.mark.parametrize("approver", ["", "   "])
def test_a_reduction_without_an_approver_is_refused(store, row_counts, rosa_visit, kind, extra, approver):
    error = refused(row_counts, cashier.pay, store, rosa_visit, kind, approved_by=approver, **extra)
    assert error.message("es") == ("Autorizado por: la escala reducida y la exoneración necesitan el nombre de quien "
                                   "las autorizó (1 a 80 caracteres).")
    assert error.message("en") == ("Approved by: a sliding-scale payment or a waiver needs the name of who approved "
                                   "it (1 to 80 characters).")


def test_a_waiver_without_a_reason_is_refused_whoever_approves(store, row_counts, rosa_visit):
    error = refused(row_counts, cashier.pay, store, rosa_visit, "waiver", approved_by="Dra. Peña")
    assert error.message("es") == "Motivo: la exoneración necesita un motivo."
    assert error.message("en") == "Reason: a waiver needs a reason."
    both = refused(row_counts, cashier.pay, store, rosa_visit, "waiver")
    assert both.fields() == {"reason", "approved_by"}


def test_an_approver_name_is_kept_as_written(store, rosa_visit):
    p = cashier.pay(store, rosa_visit, "waiver", reason="adulto mayor", approved_by="  Dra.  Peña Ñahui ")
    assert (p.amount, p.approved_by, p.received_by) == (Decimal("0.00"), "Dra. Peña Ñahui", store.user.id)
    full = cashier.pay(store, rosa_visit, "full", approved_by="nobody needed", correction="pagó al final")
    assert full.approved_by == ""


def test_every_payment_gets_the_next_receipt_number(store, rosa_visit, juan_visit):
    first = cashier.pay(store, rosa_visit, "full")
    second = payments.record(store, juan_visit, "sliding", level="0.25")  # the encounter screen's path
    assert [payments.receipt_of(store, p.id).number for p in (first, second)] == [1, 2]
    assert store.audit(record_id=payments.receipt_of(store, second.id).id)[0]["table_name"] == "receipts"
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("UPDATE receipts SET number = 7")


def test_the_receipt_fits_an_80_mm_roll(store, rosa_visit):
    p = cashier.pay(store, rosa_visit, "sliding", level="0.50", approved_by="Dr. Íñigo Añaños")
    data = cashier.render_receipt(store, p.id, "es")
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert round(float(page.mediabox.width) / MM) == 80
    text = pdf_text(data)
    for fragment in ("Campaña Chinchero", "Recibo", "N.º 000001", "Rosa Elena Núñez Quispe", "Consulta", "Curación",
                     "S/ 25.50", "S/ 12.75", "Escala reducida (50 %)", "Efectivo", "Dr. Íñigo Añaños"):
        assert fragment in text, fragment
    english = pdf_text(cashier.render_receipt(store, p.id, "en"))
    assert "Amount paid" in english and "Sliding scale (50 %)" in english and "Receipt" in english


def test_closing_the_day_compares_expected_and_counted_cash(store, rosa_visit, juan_visit, patient, campaign):
    cashier.pay(store, rosa_visit, "full")  # S/ 25.50 cash
    cashier.pay(store, rosa_visit, "sliding", level="0.50", approved_by="Dra. Peña",
                correction="escala olvidada")  # corrected: S/ 12.75 stands
    cashier.pay(store, juan_visit, "full", method="in_kind", in_kind_description="2 kg de papa")  # no cash
    summary = cashier.day_summary(store)
    assert (summary.expected, summary.waived, len(summary.payments)) == (Decimal("12.75"), Decimal("12.75"), 2)
    [clinic] = summary.by_specialty
    assert (clinic.specialty, clinic.payments, clinic.collected, clinic.in_kind, clinic.waived) == (
        "clinic", 2, Decimal("12.75"), 1, Decimal("12.75"))
    closed = cashier.close_day(store, "S/ 12,00", note="faltan monedas")
    assert (closed.day, closed.expected, closed.counted, closed.difference) == (
        today_in_lima(), Decimal("12.75"), Decimal("12.00"), Decimal("-0.75"))
    assert type(closed.difference) is Decimal
    assert store.audit(record_id=closed.id)[0]["table_name"] == "day_closes"
    recount = cashier.close_day(store, "12.75")
    assert [c.difference for c in cashier.closings(store, closed.day)] == [Decimal("-0.75"), Decimal("0.00")]
    assert recount.id != closed.id
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("UPDATE day_closes SET counted = 1275")


@pytest.mark.parametrize(("counted", "es", "en"), [
    ("-5", "Efectivo contado: no puede ser negativo (mínimo S/ 0.00).",
     "Counted cash: cannot be negative (minimum S/ 0.00)."),
    ("doce", "Efectivo contado: monto en soles no válido, p. ej. 12.50.", "Counted cash: invalid amount in soles, e.g. 12.50."),
])
def test_negative_or_malformed_counted_cash_is_refused(store, row_counts, rosa_visit, counted, es, en):
    error = refused(row_counts, cashier.close_day, store, counted)
    assert (error.message("es"), error.message("en")) == (es, en)


def test_a_day_in_the_future_cannot_be_closed(store, row_counts):
    tomorrow = today_in_lima() + dt.timedelta(days=1)
    error = refused(row_counts, cashier.close_day, store, "0", day=tomorrow)
    assert error.message("en") == f"Date: cannot be in the future (today is {today_in_lima().isoformat()})."


def test_the_reconciliation_pdf(store, rosa_visit, juan_visit):
    cashier.pay(store, rosa_visit, "waiver", reason="familia en extrema pobreza", approved_by="Dra. Peña")
    cashier.pay(store, juan_visit, "full")
    closed = cashier.close_day(store, "9.50", note="faltan monedas")
    text = pdf_text(cashier.render_reconciliation(store, closed.id, "es"))
    for fragment in ("Cierre de caja", "Efectivo esperado", "S/ 10.00", "S/ 9.50", "−S/ 0.50 (faltante)", "Clínica",
                     "familia en extrema pobreza", "Dra. Peña", "Rosa Elena Núñez Quispe", "000001"):
        assert fragment in text, fragment
    english = pdf_text(cashier.render_reconciliation(store, closed.id, "en"))
    assert "End-of-day reconciliation" in english and "(shortfall)" in english


def test_payments_recorded_before_receipts_existed_are_numbered_in_order(tmp_path, plugins, patient_form):
    """A database from before migration 0004: its payments get receipts 1, 2 … in the order received."""
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

    from ayni.core import open_store
    from ayni.core.storage.migrations import core

    path = tmp_path / "old.db"
    older = Migrations("core")
    for migration in core._migrations:
        if migration.name < "0004":
            older._migrations.append(migration)
    older.apply(sqlite_utils.Database(path))
    db = sqlite_utils.Database(path)
    db["payments"].insert_all([
        {"id": "p-late", "encounter_id": None, "suggested": 0, "amount": 0, "kind": "full",
         "received_at": "2026-11-20T15:00:00+00:00"},
        {"id": "p-early", "encounter_id": None, "suggested": 0, "amount": 0, "kind": "full",
         "received_at": "2026-11-20T14:00:00+00:00"},
    ])
    db.close()
    store = open_store(path, plugins=plugins)
    assert [payments.receipt_of(store, p).number for p in ("p-early", "p-late")] == [1, 2]
    store.close()


def test_a_shortfall_needs_a_note_naming_it_in_soles(store, row_counts, rosa_visit):
    cashier.pay(store, rosa_visit, "full")  # S/ 25.50 expected
    error = refused(row_counts, cashier.close_day, store, "20")
    assert error.fields() == {"note"}
    assert error.message("es") == ("Observación: faltan S/ 5.50 en caja (contado S/ 20.00, esperado S/ 25.50); escriba "
                                   "una observación que explique el faltante (hasta 200 caracteres).")
    assert error.message("en").startswith("Note: the cash is S/ 5.50 short (counted S/ 20.00, expected S/ 25.50)")
    assert cashier.close_day(store, "20", note="vuelto mal dado").difference == Decimal("-5.50")
    assert cashier.close_day(store, "30").difference == Decimal("4.50")  # a surplus needs no note


def test_encounters_still_waiting_are_listed_and_closed_over_only_when_confirmed(store, row_counts, rosa_visit,
                                                                                  juan_visit):
    cashier.pay(store, juan_visit, "full")
    before = row_counts()
    with pytest.raises(cashier.UnpaidAtClose) as caught:
        cashier.close_day(store, "10")
    assert row_counts() == before
    assert [w.encounter.id for w in caught.value.waiting] == [rosa_visit]
    assert caught.value.message("es") == ("Espera pago 1 atención de este día:\n"
                                          "  1 Rosa Elena Núñez Quispe — Clínica, consult\n"
                                          "Confirme para cerrar la caja igual.")
    assert "1 encounter of this day still waits for payment" in caught.value.message("en")
    closed = cashier.close_day(store, "10", confirm_waiting=True)
    assert (closed.expected, closed.payments) == (Decimal("10.00"), 1)


def test_a_payment_after_the_close_counts_in_the_next_days_cash(store, rosa_visit, juan_visit):
    cashier.pay(store, juan_visit, "full")
    today = today_in_lima()
    closed = cashier.close_day(store, "10", confirm_waiting=True)
    late = cashier.pay(store, rosa_visit, "full")
    tomorrow = today + dt.timedelta(days=1)
    assert late.cash_day == tomorrow
    assert store.get(type(late), "payments", late.id).cash_day == tomorrow  # as stored
    assert cashier.day_summary(store, today).expected == closed.expected == Decimal("10.00")
    assert cashier.day_summary(store, tomorrow).expected == Decimal("25.50")
    note = cashier.late_payment_note(late, "es")
    assert note.startswith("La caja del ") and "ya está cerrada; este pago queda en la caja del " in note
    [(on_time, _)] = cashier.day_payments(store, today)
    assert cashier.late_payment_note(on_time, "es") == ""
    assert cashier.close_day(store, "10").difference == Decimal("0.00")  # a recount: the late payment is not in it
