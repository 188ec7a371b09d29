"""Oral-hygiene kits from the campaign's stock: a child's kit or an adult's, by the patient's age."""

from __future__ import annotations

from ayni.core import EncounterRecord, stock
from ayni.core.dates import to_lima

from .codes import HYGIENE_KIT, KIT_CHILD_UNDER


def kit_attributes(visit: EncounterRecord) -> dict[str, str]:
    """``{"age_group": "child"}`` under 12 years on the day of the visit, else ``"adult"`` (an
    unknown age gets the adult kit)."""
    age = visit.patient.age(to_lima(visit.encounter.opened_at).date())
    return {"age_group": "child" if age is not None and age < KIT_CHILD_UNDER else "adult"}


def give_kit(store, visit: EncounterRecord, quantity: int = 1):
    """Hand out the patient's hygiene kit(s) from stock for this visit (oldest expiry first).

    Refused with :class:`ayni.core.ValidationError`, nothing written, when there are not enough
    unexpired kits of that age group."""
    return stock.dispense(store, visit.encounter.id, HYGIENE_KIT, quantity, attributes=kit_attributes(visit))
