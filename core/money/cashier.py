"""The cashier: who is waiting to pay, taking the payment, the receipt, and closing the day.

Payments are recorded by :func:`ayni.core.money.payments.record` (this module only insists that a
sliding-scale payment or a waiver names who approved it). The end-of-day closing compares the
cash expected from the day's payments with the cash the cashier counted, records both and the
difference (append-only, audited), and totals what was collected and waived by specialty. A
shortfall needs an observation, and encounters of the day still waiting for payment are listed
and closed over only once confirmed. A payment taken after the close counts in the next day's
cash (:func:`ayni.core.money.payments.cash_day_of`), and :func:`late_payment_note` says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ..clinical.encounters import get_encounter_record, place_text
from ..clinical.forms import clean_text
from ..dates import format_date, format_datetime, to_lima, today_in_lima
from ..documents.reporting import LIMA_MODIFIER
from ..errors import AyniError, FieldError, ValidationError
from ..i18n import DEFAULT_LANG, Plural, Text, document_language
from ..model import Encounter, Patient, Payment, new_id, utcnow
from ..people.merges import kept_record
from ..people.users import require
from ..storage.convert import from_row
from ..storage.searchindex import tidy_search_index
from ..storage.store import Store
from . import payments
from .fees import (
    PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, PaymentKind, PaymentMethod, format_soles, from_cents, parse_soles,
    total,
)

COUNTED = Text("Efectivo contado", "Counted cash")
DAY = Text("Fecha", "Date")
NOTE = Text("Observación", "Note")
MAX_NOTE = 200
SHORTFALL_NOTE = Text("{field}: faltan {shortfall} en caja (contado {counted}, esperado {expected}); escriba una "
                      "observación que explique el faltante (hasta {max} caracteres).",
                      "{field}: the cash is {shortfall} short (counted {counted}, expected {expected}); write a note "
                      "explaining the shortfall (up to {max} characters).")
LATE_PAYMENT = Text("La caja del {day} ya está cerrada; este pago queda en la caja del {cash_day}.",
                    "The cash of {day} is closed already; this payment counts in the cash of {cash_day}.")


@attrs.frozen
class Waiting:
    """An encounter with procedures and no payment yet, whom it is for (the person's kept record),
    and the total its procedures suggest."""

    encounter: Encounter
    patient: Patient
    total: Decimal
    procedures: int


@attrs.frozen
class SpecialtyTotals:
    """One specialty's takings on a day: payments, cash collected, payments in kind, and what was
    forgiven (the suggested total less what was paid, for sliding-scale payments and waivers)."""

    specialty: str
    payments: int
    collected: Decimal
    in_kind: int
    waived: Decimal


@attrs.frozen
class DaySummary:
    """What a day's payments add up to: the cash that should be in the box, and per specialty."""

    day: dt.date
    expected: Decimal
    collected: Decimal
    waived: Decimal
    payments: tuple[Payment, ...]
    by_specialty: tuple[SpecialtyTotals, ...]


@attrs.frozen
class DayClose:
    """An end-of-day closing as recorded: expected and counted cash and their difference (counted
    minus expected: positive is a surplus, negative a shortfall). A recount is a new closing."""

    id: str
    day: dt.date
    expected: Decimal
    counted: Decimal
    difference: Decimal
    collected: Decimal
    waived: Decimal
    payments: int
    campaign_id: str | None = None
    note: str = ""
    closed_at: dt.datetime = attrs.field(factory=utcnow)
    closed_by: str = ""


class UnpaidAtClose(AyniError):
    """The day's cash was not closed: encounters of that day still wait for payment. ``waiting``
    lists them; closing again with ``confirm_waiting=True`` closes over them."""

    MESSAGES = {
        "unpaid_at_close": Plural("Espera pago {n} atención de este día:\n{lines}\nConfirme para cerrar la caja igual.",
                                  "Esperan pago {n} atenciones de este día:\n{lines}\nConfirme para cerrar la caja igual.",
                                  "{n} encounter of this day still waits for payment:\n{lines}\n"
                                  "Confirm to close the cash all the same.",
                                  "{n} encounters of this day still wait for payment:\n{lines}\n"
                                  "Confirm to close the cash all the same."),
    }

    def __init__(self, waiting: list[Waiting], lines: Text):
        self.waiting = waiting
        super().__init__("unpaid_at_close", n=len(waiting), lines=lines)


# -- who is waiting ---------------------------------------------------------------------------------


def waiting(store: Store, campaign_id: str | None = None, include_free: bool = False) -> list[Waiting]:
    """Encounters (open or closed, not cancelled) with procedures and no payment, oldest first; those
    whose procedures are all free (a triage) only with ``include_free``."""
    where, params = ("AND e.campaign_id = ?", [campaign_id]) if campaign_id else ("", [])
    having = "" if include_free else "HAVING SUM(p.fee * p.quantity) > 0"
    rows = store.db.execute(
        "SELECT e.id, SUM(p.fee * p.quantity), COUNT(p.id) FROM encounters e JOIN procedures p ON p.encounter_id = e.id "
        "WHERE e.status != 'cancelled' AND NOT EXISTS (SELECT 1 FROM payments WHERE payments.encounter_id = e.id) "
        f"{where} "
        f"GROUP BY e.id {having} ORDER BY e.opened_at, e.rowid",
        params,
    ).fetchall()
    found = []
    for encounter_id, cents, n in rows:
        encounter = store.get(Encounter, "encounters", encounter_id)
        found.append(Waiting(encounter, kept_record(store, encounter.patient_id), from_cents(cents), n))
    return found


def waiting_on(store: Store, day: dt.date, campaign_id: str | None = None) -> list[Waiting]:
    """The encounters opened on ``day`` (Lima time) that still wait for a payment, oldest first."""
    return [w for w in waiting(store, campaign_id) if to_lima(w.encounter.opened_at).date() == day]


def waiting_line(store: Store, entry: Waiting, lang: str) -> str:
    """One waiting encounter as the cashier reads it: «A-0042 Rosa Núñez Quispe — Optometría, examen»."""
    return f"{entry.patient.card_number} {entry.patient.full_name} — {place_text(store, entry.encounter, lang)}"


def _waiting_lines(store: Store, entries: list[Waiting]) -> Text:
    return Text(*("\n".join(f"  {waiting_line(store, w, lang)}" for w in entries) for lang in ("es", "en")))


def late_payment_note(payment: Payment, lang: str) -> str:
    """«La caja del 1 de diciembre ya está cerrada; este pago queda en la caja del 2 de diciembre»
    for a payment taken after its day's cash was closed, else ``""``."""
    received = to_lima(payment.received_at).date()
    if payment.cash_day is None or payment.cash_day == received:
        return ""
    return LATE_PAYMENT.get(lang).format(day=format_date(received, lang), cash_day=format_date(payment.cash_day, lang))


def pay(store: Store, encounter_id: str, kind: str, *, level=None, amount=None, reason: str = "",
        approved_by: str = "", method: str = "cash", in_kind_description: str = "", approver_pin: str | None = None,
        correction: str = "") -> Payment:
    """Take a payment at the cash desk: :func:`ayni.core.money.payments.record`, where a sliding-scale
    payment or a waiver must name who approved it (blank is refused; with access control, their PIN too)."""
    return payments.record(store, encounter_id, kind, amount=amount, level=level, reason=reason, method=method,
                           in_kind_description=in_kind_description, approved_by=approved_by or "",
                           approver_pin=approver_pin, correction=correction)


# -- the end of the day --------------------------------------------------------------------------------


def day_payments(store: Store, day: dt.date, campaign_id: str | None = None) -> list[tuple[Payment, str]]:
    """The payments of the cash day ``day`` that still stand (received that day in Lima, or the day
    before after its cash was closed), each with its encounter's specialty: when a payment was
    corrected, only the latest one of the encounter counts."""
    where, params = ("AND e.campaign_id = ?", [campaign_id]) if campaign_id else ("", [])
    rows = store.db.execute(
        "SELECT payments.*, e.specialty AS specialty FROM payments JOIN encounters e ON e.id = payments.encounter_id "
        "WHERE payments.rowid IN (SELECT MAX(rowid) FROM payments GROUP BY encounter_id) "
        f"AND COALESCE(cash_day, date(received_at, '{LIMA_MODIFIER}')) = ? {where} ORDER BY received_at, payments.rowid",
        [day.isoformat(), *params],
    )
    names = [d[0] for d in rows.description]
    found = []
    for values in rows.fetchall():
        row = dict(zip(names, values))
        found.append((from_row(Payment, row), row["specialty"]))
    return found


def _waived(payment: Payment) -> Decimal:
    if payment.kind == PaymentKind.FULL:
        return Decimal("0.00")
    return max(payment.suggested - payment.amount, Decimal("0.00"))


def _cash(payment: Payment) -> Decimal:
    return payment.amount if payment.method == PaymentMethod.CASH else Decimal("0.00")


def day_summary(store: Store, day: dt.date | None = None, campaign_id: str | None = None) -> DaySummary:
    """The day's takings: expected cash (cash payments that stand), and by specialty, read in one
    snapshot (within the closing's own transaction when :func:`close_day` asks)."""
    day = day or today_in_lima()
    with store.reading():
        found = day_payments(store, day, campaign_id)
    groups: dict[str, list[Payment]] = {}
    for payment, specialty in found:
        groups.setdefault(specialty, []).append(payment)
    by_specialty = tuple(
        SpecialtyTotals(key, len(ps), total(map(_cash, ps)), sum(p.method == PaymentMethod.IN_KIND for p in ps),
                        total(map(_waived, ps)))
        for key, ps in sorted(groups.items())
    )
    expected = total(_cash(p) for p, _ in found)
    return DaySummary(day, expected, expected, total(_waived(p) for p, _ in found), tuple(p for p, _ in found),
                      by_specialty)


def close_day(store: Store, counted, day: dt.date | None = None, campaign_id: str | None = None,
              note: str = "", confirm_waiting: bool = False) -> DayClose:
    """Record the end-of-day closing: the cash the cashier ``counted`` (S/ 0.00–999,999.99) against
    what the day's payments say should be there. A day in the future, a negative or malformed
    amount, a note over 200 characters, or a shortfall (counted less than expected) without a note
    is refused and nothing is written. Encounters of the day still waiting for payment refuse it
    with :class:`UnpaidAtClose` (which lists them) unless ``confirm_waiting``. Once closed, the
    search index is merged a little (:func:`~ayni.core.storage.searchindex.tidy_search_index`)."""
    require(store, "cashier.close")
    errors: list[FieldError] = []
    today = today_in_lima()
    day = day or today
    try:
        counted = parse_soles(counted, "counted", COUNTED)
    except ValidationError as refused:
        errors.extend(refused.errors)
    if not isinstance(day, dt.date):
        errors.append(FieldError("day", "bad_date", DAY))
    elif day > today:
        errors.append(FieldError("day", "date_in_future", DAY, {"today": today.isoformat()}))
    note = clean_text(" ".join(note.split()) if isinstance(note, str) else note, "note", NOTE, errors, MAX_NOTE)
    if errors:
        raise ValidationError(errors)
    with store.write():
        summary = day_summary(store, day, campaign_id)
        if counted < summary.expected and not note:
            raise ValidationError([FieldError("note", "shortfall_note", NOTE, {
                "shortfall": format_soles(summary.expected - counted), "counted": format_soles(counted),
                "expected": format_soles(summary.expected), "max": MAX_NOTE}, text=SHORTFALL_NOTE)])
        unpaid = waiting_on(store, day, campaign_id)
        if unpaid and not confirm_waiting:
            raise UnpaidAtClose(unpaid, _waiting_lines(store, unpaid))
        record = DayClose(
            id=new_id(), day=day, expected=summary.expected, counted=counted, difference=counted - summary.expected,
            collected=summary.collected, waived=summary.waived, payments=len(summary.payments),
            campaign_id=campaign_id, note=note, closed_by=store.user.id,
        )
        store.insert("day_closes", record)
    tidy_search_index(store.db.conn)  # the end of a day is a quiet moment for it
    return record


def closings(store: Store, day: dt.date) -> list[DayClose]:
    """Every closing recorded for ``day``, the latest last."""
    return store.rows(DayClose, "day_closes", "day = ?", [day.isoformat()], order_by="rowid")


# -- documents -------------------------------------------------------------------------------------------

LABELS = {
    "receipt": Text("Recibo", "Receipt"),
    "receipt_no": Text("Recibo N.º", "Receipt No."),
    "patient_no": Text("Paciente N.º", "Patient No."),
    "cashier": Text("Cajero", "Cashier"),
    "thanks": Text("Gracias. Conserve este recibo.", "Thank you. Please keep this receipt."),
    "reconciliation": Text("Cierre de caja", "End-of-day reconciliation"),
    "day": Text("Día", "Day"),
    "expected": Text("Efectivo esperado", "Expected cash"),
    "counted": Text("Efectivo contado", "Counted cash"),
    "difference": Text("Diferencia", "Difference"),
    "surplus": Text("sobrante", "surplus"),
    "shortfall": Text("faltante", "shortfall"),
    "balanced": Text("cuadra", "balanced"),
    "collected": Text("Cobrado en efectivo", "Collected in cash"),
    "waived": Text("Exonerado o rebajado", "Waived or reduced"),
    "payments": Text("Pagos", "Payments"),
    "in_kind_n": Text("En especie", "In kind"),
    "by_specialty": Text("Por especialidad", "By specialty"),
    "reductions": Text("Rebajas y exoneraciones", "Reductions and waivers"),
    "no_reductions": Text("Ninguna rebaja ni exoneración este día.", "No reductions or waivers this day."),
    "closed_by": Text("Cerrado por", "Closed by"),
    "note": Text("Observación", "Note"),
    "totals": Text("Totales", "Totals"),
    "cashier_signature": Text("Firma del cajero", "Cashier's signature"),
    "coordinator_signature": Text("Firma del coordinador", "Coordinator's signature"),
}


def _specialty_name(store: Store, key: str, lang: str) -> str:
    specialty = store.plugins.specialties.get(key)
    return specialty.name.get(lang) if specialty else key


def _kind_text(payment: Payment, lang: str) -> str:
    text = PAYMENT_KIND_LABELS[PaymentKind(payment.kind)].get(lang)
    if payment.level is not None:
        text += f" ({(payment.level * 100).normalize():f}\u00a0%)"
    return text


def _method_text(payment: Payment, lang: str) -> str:
    text = PAYMENT_METHOD_LABELS[PaymentMethod(payment.method)].get(lang)
    return f"{text}: {payment.in_kind_description}" if payment.in_kind_description else text


def receipt_context(store: Store, payment_id: str, lang: str | None = None) -> dict:
    """Everything ``receipt.html`` prints, as text ready for people, in ``lang`` (its key ``lang``):
    the one the person printing chose, else the patient's (:func:`~ayni.core.i18n.document_language`)."""
    from ..documents.pdf import campaign_header, user_name

    payment = store.get(Payment, "payments", payment_id)
    receipt = payments.receipt_of(store, payment_id)
    visit = get_encounter_record(store, payment.encounter_id)
    lang = document_language(visit.patient.language, lang)
    lines = []
    for p in visit.procedures:
        code = store.plugins.procedures.get(p.code)
        lines.append({"label": code.label.get(lang) if code else p.code, "quantity": p.quantity,
                      "subtotal": format_soles(p.fee * p.quantity)})
    return {
        "lang": lang,
        "campaign": campaign_header(store, visit.campaign.id, lang),
        "patient": {"full_name": visit.patient.full_name, "number": visit.patient.card_number},
        "title": LABELS["receipt"].get(lang),
        "number": receipt.card_number,
        "specialty": _specialty_name(store, visit.encounter.specialty, lang),
        "lines": lines,
        "suggested": format_soles(payment.suggested),
        "paid": format_soles(payment.amount),
        "kind": _kind_text(payment, lang),
        "method": _method_text(payment, lang),
        "reason": payment.reason,
        "approved_by": user_name(store, payment.approved_by),
        "received": format_datetime(payment.received_at, lang),
        "cashier": user_name(store, payment.received_by),
    }


def render_receipt(store: Store, payment_id: str, lang: str | None = None) -> bytes:
    """The receipt of a payment as a small PDF for an 80 mm thermal roll, in the patient's language
    unless the person printing chose ``lang`` (see :func:`receipt_context`)."""
    from ..documents.pdf import render

    context = receipt_context(store, payment_id, lang)
    return render("receipt.html", context, context["lang"], extra_labels=LABELS)


def receipt_slip(store: Store, payment_id: str, lang: str | None = None):
    """The same receipt for a thermal roll (:mod:`ayni.core.documents.thermal`): the lines, the sums
    and who took the payment, in the language :func:`receipt_context` chooses."""
    from ..documents.pdf import labels
    from ..documents.thermal import Line, Pair, Rule, Slip

    c = receipt_context(store, payment_id, lang)
    L = labels(c["lang"], LABELS)
    facts = [(L["payment_kind"], c["kind"]), (L["method"], c["method"]), (L["reason"], c["reason"]),
             (L["approved_by"], c["approved_by"]), (L["cashier"], c["cashier"])]
    return Slip((
        Line(c["campaign"]["name"], align="center", bold=True),
        Line(f"{L['receipt_no']} {c['number']}", align="center", bold=True),
        Rule(),
        Line(c["patient"]["full_name"], bold=True),
        Line(f"{L['patient_no']} {c['patient']['number']} · {c['specialty']}" if c["patient"]["number"] else c["specialty"]),
        Line(c["received"]),
        Rule(),
        *(Pair(f"{line['quantity']} × {line['label']}" if line["quantity"] > 1 else line["label"], line["subtotal"])
          for line in c["lines"]),
        Pair(L["suggested"], c["suggested"]),
        Line(f"{L['paid']}: {c['paid']}", bold=True, big=True),
        Rule(),
        *(Line(f"{name}: {value}") for name, value in facts if value),
        Line(L["thanks"], align="center"),
    ))


def signed_soles(amount: Decimal, lang: str) -> str:
    """A cash difference with its sign and meaning: «+S/ 2.50 (sobrante)», «−S/ 1.00 (faltante)»."""
    if amount > 0:
        return f"+{format_soles(amount)} ({LABELS['surplus'].get(lang)})"
    if amount < 0:
        return f"−{format_soles(-amount)} ({LABELS['shortfall'].get(lang)})"
    return f"{format_soles(amount)} ({LABELS['balanced'].get(lang)})"


def reconciliation_context(store: Store, close_id: str, lang: str = DEFAULT_LANG) -> dict:
    """Everything ``reconciliation.html`` prints, as text ready for people, read in one snapshot."""
    with store.reading():
        return _reconciliation_context(store, close_id, lang)


def _reconciliation_context(store: Store, close_id: str, lang: str) -> dict:
    from ..documents.pdf import campaign_header, user_name

    close = store.get(DayClose, "day_closes", close_id)
    summary = day_summary(store, close.day, close.campaign_id)
    reductions = []
    for payment in summary.payments:
        if payment.kind == PaymentKind.FULL:
            continue
        encounter = store.get(Encounter, "encounters", payment.encounter_id)
        patient = kept_record(store, encounter.patient_id)
        reductions.append({
            "receipt": payments.receipt_of(store, payment.id).card_number,
            "patient": patient.full_name,
            "specialty": _specialty_name(store, encounter.specialty, lang),
            "suggested": format_soles(payment.suggested),
            "paid": format_soles(payment.amount),
            "kind": _kind_text(payment, lang),
            "reason": payment.reason,
            "approved_by": user_name(store, payment.approved_by),
        })
    return {
        "campaign": campaign_header(store, close.campaign_id, lang),
        "title": f"{LABELS['reconciliation'].get(lang)} — {format_date(close.day, lang)}",
        "expected": format_soles(close.expected),
        "counted": format_soles(close.counted),
        "difference": signed_soles(close.difference, lang),
        "short": close.difference < 0,
        "collected": format_soles(close.collected),
        "waived": format_soles(close.waived),
        "payments": close.payments,
        "note": close.note,
        "closed_by": user_name(store, close.closed_by),
        "closed_at": format_datetime(close.closed_at, lang),
        "specialties": [
            {"name": _specialty_name(store, s.specialty, lang), "payments": s.payments,
             "collected": format_soles(s.collected), "in_kind": s.in_kind, "waived": format_soles(s.waived)}
            for s in summary.by_specialty
        ],
        "in_kind": sum(s.in_kind for s in summary.by_specialty),
        "reductions": reductions,
    }


def render_reconciliation(store: Store, close_id: str, lang: str = DEFAULT_LANG) -> bytes:
    """The end-of-day reconciliation of closing ``close_id`` as an A4 PDF."""
    from ..documents.pdf import render

    return render("reconciliation.html", reconciliation_context(store, close_id, lang), lang, extra_labels=LABELS)
