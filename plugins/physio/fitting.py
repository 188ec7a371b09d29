"""Fitting and handing out an aid in one step: :func:`fit_and_dispense` checks the fitting (every
rule and every checklist item), takes the aid out of stock, records the fitting and the fitting
procedure, all in one transaction: refused, nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from ayni.core import (
    AyniError, Encounter, EncounterStatus, FieldError, Permission, ProcedureEntry, Text, ValidationError, phrase, require,
    stock, validate_form,
)
from ayni.core.clinical import encounters
from ayni.core.clinical.forms import to_json
from ayni.core.dates import today_in_lima
from ayni.core.model import new_id, utcnow

from .aids import AIDS, SPECIALTY, Aid

TABLE = "physio_fittings"
_AID = Text("Ayuda técnica", "Mobility aid")
_ENCOUNTER = Text("Atención", "Encounter")
_NOT_PHYSIO = Text("{field}: las ayudas técnicas se entregan en una atención de fisioterapia (esta es de «{specialty}»).",
                   "{field}: mobility aids are handed out in a physiotherapy encounter (this one is «{specialty}»).")
_NOT_IN_STOCK = Text("{field}: no hay en stock para entregar (quedan {available}; se pidieron {requested}). {others}",
                     "{field}: not in stock to hand out ({available} left; {requested} requested). {others}")
_IN_STOCK = Text("En stock: {lots}.", "In stock: {lots}.")
_NONE_LEFT = Text("No queda ninguna en stock.", "None left in stock.")


@attrs.frozen
class Fitting:
    """An aid fitted and handed out: the stock attributes it was taken with, every value of the
    fitting form (JSON-safe), donated or lent (and until when), and the stock movements."""

    id: str
    encounter_id: str
    patient_id: str
    item_key: str
    quantity: int
    attributes: dict
    fitting: dict
    provision: str
    return_by: dt.date | None = None
    movement_ids: tuple[str, ...] = ()
    fitted_at: dt.datetime = attrs.field(factory=utcnow)
    fitted_by: str = ""


def _aid(item_key: str) -> Aid:
    aid = AIDS.get(item_key)
    if aid is None:
        raise ValidationError([FieldError("item", "bad_code", _AID, {"value": item_key})])
    return aid


def _stock_lines(store, aid: Aid, today: dt.date) -> Text:
    """What is in stock of an aid, by size: «estándar, asiento 40 × 40 cm (3)»."""
    counts: dict[tuple, int] = {}
    for balance in stock.available(store, aid.item_key):
        if not balance.expired(today):
            key = tuple(sorted(balance.lot.attributes.items()))
            counts[key] = counts.get(key, 0) + balance.quantity
    if not counts:
        return _NONE_LEFT
    lines = {lang: "; ".join(f"{aid.describe(dict(k), lang) or '—'} ({n})" for k, n in sorted(counts.items()))
             for lang in ("es", "en")}
    return phrase(_IN_STOCK, lots=Text(lines["es"], lines["en"]))


def _not_in_stock(store, aid: Aid, attributes: dict, quantity: int, refused: ValidationError,
                  today: dt.date) -> FieldError:
    item = store.plugins.equipment[aid.item_key].label
    label = phrase(Text("{item} — {fit}", "{item} — {fit}"), item=item,
                   fit=Text(aid.describe(attributes, "es"), aid.describe(attributes, "en")))
    available = next((e.params.get("available", 0) for e in refused.errors), 0)
    return FieldError("item", "out_of_stock", label,
                      {"available": available, "requested": quantity, "others": _stock_lines(store, aid, today)},
                      text=_NOT_IN_STOCK)


#: Who may write what here (``ayni_permissions``).
PERMISSIONS = {
    "physio.fitting": Permission(Text("adaptar y entregar ayudas técnicas", "fit and hand out mobility aids"),
                                 frozenset(), clinician=True, specialty=SPECIALTY),
}


def fit_and_dispense(store, encounter_id: str, item_key: str, fitting: Mapping, quantity: int = 1,
                     today: dt.date | None = None) -> Fitting:
    """Check the fitting of an aid for the patient of a physiotherapy encounter, then hand it out.

    ``fitting`` holds the values of the aid's fitting form (``aids.AIDS[item_key].form``): its kind
    and size, the patient's measurements, the checklist (every item ``True``), donated or lent.
    In one transaction: the stock lot matching the kind and size is decremented
    (:func:`ayni.core.stock.dispense`), the fitting is recorded, and the fitting procedure is added
    to the encounter. Refused with :class:`ValidationError` (nothing written) when a rule or a check
    fails, or when no matching aid is in stock (the message says what sizes are).
    """
    require(store, "physio.fitting")
    aid = _aid(item_key)
    encounter = store.get(Encounter, "encounters", encounter_id)
    if encounter.specialty != SPECIALTY:
        raise ValidationError([FieldError("encounter", "not_physio", _ENCOUNTER, {"specialty": encounter.specialty},
                                          text=_NOT_PHYSIO)])
    values = validate_form(aid.form, fitting)
    attributes = to_json(aid.stock_attributes(values))
    today = today or today_in_lima()
    try:
        with store.write():
            if store.get(Encounter, "encounters", encounter_id).status != EncounterStatus.OPEN:
                raise AyniError("encounter_closed")
            movements = stock.dispense(store, encounter_id, item_key, quantity, attributes, today=today)
            record = Fitting(id=new_id(), encounter_id=encounter_id, patient_id=encounter.patient_id,
                             item_key=item_key, quantity=quantity, attributes=attributes, fitting=to_json(values),
                             provision=values["provision"], return_by=values.get("return_by"),
                             movement_ids=tuple(m.id for m in movements), fitted_by=store.user.id)
            store.insert(TABLE, record)
            side = values.get("side")
            detail = {"side": side} if side in ("right", "left") else {}
            encounters.save(store, encounter_id, procedures=[ProcedureEntry("physio.aid_fitting", detail=detail,
                                                                            quantity=quantity)])
    except ValidationError as refused:
        if {e.key for e in refused.errors} & {"out_of_stock", "expired_lot"}:
            raise ValidationError([_not_in_stock(store, aid, attributes, quantity, refused, today)]) from None
        raise
    return record


def fittings_of(store, encounter_id: str) -> list[Fitting]:
    """The aids fitted and handed out in an encounter, in order."""
    return store.rows(Fitting, TABLE, "encounter_id = ?", [encounter_id], order_by="fitted_at, rowid")


def describe(fitting: Fitting, lang: str) -> str:
    """The aid as people read it: «Silla de ruedas: pediátrica, asiento 30 × 30 cm»."""
    aid = AIDS.get(fitting.item_key)
    return aid.describe({**fitting.attributes, **fitting.fitting}, lang) if aid else ""
