"""What closing an optometry encounter does with its plan: hand out readers, sunglasses and drops
from stock (those not handed out at «Entregas» already), place the custom glasses order, refer the
patient.

It runs inside the closing transaction (``ayni_encounter_closing``): any refusal (nothing of that
power in stock, an order without a refraction) refuses the close, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from ayni.core import FieldError, Text, ValidationError, of_same_person, signed_number, stock
from ayni.core.clinical import encounters, referrals
from ayni.core.clinical.encounters import EncounterRecord
from ayni.core.clinical.forms import load_json
from ayni.core.dates import today_in_lima

from . import orders
from .codes import LUBRICANT, READERS, REFERRAL_REASONS, SUNGLASSES
from .forms import EXAM, GLASSES_ORDER, PLAN, READERS_POWER, SPECIALTY
from .refraction import lenses, nearest_power, reader_target

EYE_CODES = {"od": "OD", "os": "OI/OS", "ou": "AO/OU"}


def latest_exam(store, visit: EncounterRecord) -> dict:
    """The eye exam that goes with this visit: its own, else the patient's latest in the campaign
    (the exam is often done at one station and the glasses handed out at another)."""
    own = visit.form(EXAM.key)
    if own:
        return own
    row = store.db.execute(
        "SELECT f.data FROM form_data f JOIN encounters e ON e.id = f.encounter_id "
        f"WHERE {of_same_person('e.patient_id')} AND e.campaign_id = ? AND f.form_key = ? "
        "ORDER BY f.saved_at DESC, f.revision DESC LIMIT 1",
        [visit.patient.id, visit.campaign.id, EXAM.key],
    ).fetchone()
    return load_json(row[0]) if row else {}


def _power(value) -> Decimal | None:
    try:
        power = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return power if power.is_finite() else None


def readers_on_hand(store, today: dt.date | None = None) -> dict[Decimal, list]:
    """Reading glasses that can be handed out today, by power: ``{Decimal("2.00"): [lot balances]}``
    (oldest expiry first). A lot's ``power`` may be written «+2.00», «2» or «2,00»."""
    today = today or today_in_lima()
    found: dict[Decimal, list] = {}
    for balance in stock.available(store, READERS):
        power = _power(balance.lot.attributes.get("power"))
        if power is not None and not balance.expired(today):
            found.setdefault(power, []).append(balance)
    return found


def _powers_text(on_hand: dict[Decimal, list]) -> str:
    return ", ".join(f"{signed_number(p)} ({sum(b.quantity for b in lots)})" for p, lots in sorted(on_hand.items()))


def _readers_error(es: str, en: str) -> FieldError:
    return FieldError(READERS_POWER.key, "bad_pattern", READERS_POWER.label, {"hint": Text(es, en)})


def choose_readers(store, plan: dict, exam: dict, today: dt.date | None = None) -> tuple[Decimal, dict]:
    """The power to hand out and the stock attributes to take it by: the power asked for, or the
    one in stock nearest the patient's reading need (:func:`reader_target`). Raises
    :class:`ValidationError` naming the field when there is none to give."""
    on_hand = readers_on_hand(store, today)
    wanted = _power(plan["readers_power"]) if plan.get("readers_power") is not None else None
    if wanted is None:
        target = reader_target(exam)
        if target is None:
            raise ValidationError([_readers_error(
                "indique la potencia, o anote la adición en el examen visual.",
                "give the power, or enter the addition in the eye examination.")])
        wanted = nearest_power(target, on_hand)
    if wanted is None or wanted not in on_hand:
        asked = "" if wanted is None else f" {signed_number(wanted)}"
        if on_hand:
            raise ValidationError([_readers_error(
                f"no quedan lentes de lectura{asked} en stock; hay {_powers_text(on_hand)}.",
                f"no reading glasses{asked} left in stock; there are {_powers_text(on_hand)}.")])
        raise ValidationError([_readers_error("no quedan lentes de lectura en stock.",
                                              "no reading glasses left in stock.")])
    return wanted, dict(on_hand[wanted][0].lot.attributes)


def suggested_readers(store, encounter_id: str) -> dict | None:
    """The stock attributes of the readers this encounter's saved plan or exam calls for, as closing
    would hand them out (:func:`choose_readers`); ``None`` when it calls for none in stock."""
    visit = encounters.get_encounter_record(store, encounter_id)
    try:
        return choose_readers(store, visit.form(PLAN.key) or {}, latest_exam(store, visit), today_in_lima())[1]
    except ValidationError:
        return None


def prescription(exam: dict) -> dict:
    """The refraction of an exam as text, as an order keeps it."""
    rx: dict = {}
    for eye, lens in lenses(exam).items():
        rx[eye] = {"sphere": str(lens.sphere), "cylinder": str(lens.cylinder), "axis": lens.axis,
                   "add": None if lens.add is None else str(lens.add)}
    if exam.get("pd") is not None:
        rx["pd"] = exam["pd"]
    return rx


def _attempt(errors: list[FieldError], action, *args, **kwargs):
    """Run one write; collect its refusal instead of stopping, so every problem is shown at once."""
    try:
        return action(*args, **kwargs)
    except ValidationError as refused:
        errors.extend(refused.errors)
        return None


def _readers(store, visit: EncounterRecord, plan: dict, exam: dict) -> None:
    if stock.handed_out(store, visit.encounter.id, READERS):
        return  # handed out at «Entregas» already, whatever its power: those are the plan's readers
    _, attributes = choose_readers(store, plan, exam)
    stock.dispense_planned(store, visit.encounter.id, READERS, 1, attributes=attributes)


def _order(store, visit: EncounterRecord, plan: dict, exam: dict) -> None:
    rx = prescription(exam)
    if not any(eye in rx for eye in ("od", "os")):
        raise ValidationError([FieldError(GLASSES_ORDER.key, "bad_pattern", GLASSES_ORDER.label, {"hint": Text(
            "no hay refracción registrada en el examen visual.", "there is no refraction in the eye examination.")})])
    orders.place(store, visit.encounter.id, plan["lens_type"], rx)


def _refer(store, visit: EncounterRecord, plan: dict) -> None:
    reason = plan["referral"]
    _, destination = REFERRAL_REASONS[reason]
    eye = EYE_CODES.get(plan.get("referral_eye", ""), "")
    notes = " · ".join(part for part in (eye, plan.get("referral_notes", "")) if part)
    referrals.refer(store, visit.encounter.id, destination, reason,
                    urgency=plan.get("referral_urgency") or "routine", notes=notes, side=plan.get("referral_eye") or "")


def carry_out_plan(store, visit: EncounterRecord) -> None:
    """Hand out, order and refer as the plan of ``visit`` says; raise :class:`ValidationError` with
    every problem found (the caller's transaction then writes nothing)."""
    if visit.encounter.specialty != SPECIALTY:
        return
    plan = visit.form(PLAN.key)
    if not plan:
        return
    exam = latest_exam(store, visit)
    errors: list[FieldError] = []
    if plan.get("readers"):
        _attempt(errors, _readers, store, visit, plan, exam)
    if plan.get("sunglasses"):
        _attempt(errors, stock.dispense_planned, store, visit.encounter.id, SUNGLASSES, 1)
    if plan.get("lubricant"):
        _attempt(errors, stock.dispense_planned, store, visit.encounter.id, LUBRICANT, 1)
    if plan.get("glasses_order"):
        _attempt(errors, _order, store, visit, plan, exam)
    if plan.get("referral"):
        _attempt(errors, _refer, store, visit, plan)
    if errors:
        raise ValidationError(errors)


def check_visit(visit: EncounterRecord) -> list[FieldError]:
    """What can be refused at save already, when the visit holds its own exam: an order without a
    refraction, readers with neither a power nor an addition. (An exam from another encounter is
    looked at when the encounter closes.)"""
    if visit.encounter.specialty != SPECIALTY:
        return []
    exam, plan = visit.form(EXAM.key), visit.form(PLAN.key)
    if not exam or not plan:
        return []
    errors = []
    if plan.get("glasses_order") and not lenses(exam):
        errors.append(FieldError(GLASSES_ORDER.key, "bad_pattern", GLASSES_ORDER.label, {"hint": Text(
            "no hay refracción registrada en el examen visual.", "there is no refraction in the eye examination.")}))
    if plan.get("readers") and plan.get("readers_power") is None and reader_target(exam) is None:
        errors.append(_readers_error("indique la potencia, o anote la adición en el examen visual.",
                                     "give the power, or enter the addition in the eye examination."))
    return errors
