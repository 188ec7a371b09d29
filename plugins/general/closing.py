"""What closing a general-medicine encounter writes: the referral its referral form asks for, through
``ayni.core.clinical.referrals`` (so the receiving team sees it among open referrals), and each
vaccine dose given taken out of stock from its lot; an urgent referral promised for a safety answer
is not closed without its referral, and its referral form starts at «Urgente»."""

from __future__ import annotations

from ayni.core import EncounterRecord, ValidationError, stock
from ayni.core.clinical import referrals

from . import vaccines
from .forms import MENTAL_HEALTH, REFERRAL, SAFETY_ACTION, SPECIALTY, URGENT_REFERRAL, VACCINATION
from .messages import refuse


def destination(values: dict) -> str:
    """The referral's ``to``: «hospital:Hospital Regional del Cusco»."""
    return f"{values['destination_kind']}:{values['destination']}"


def refer_on_close(store, visit: EncounterRecord) -> None:
    """Open the referral of a closing visit whose referral form was filled, once. A safety answer met
    with «Referencia urgente» refuses the close while no referral is filled in."""
    if visit.encounter.specialty != SPECIALTY:
        return
    values = visit.form(REFERRAL.key)
    if not values.get("destination") and urgent_referral_promised(visit):
        field = REFERRAL.field("destination")
        raise ValidationError([refuse(field.key, "general.urgent_referral_missing", field.label)])
    if not values.get("destination") or referrals.of_encounter(store, visit.encounter.id):
        return
    referrals.refer(store, visit.encounter.id, to=destination(values), reason=values["reason"],
                    urgency=values["urgency"], notes=values.get("treatment_given", ""))


def urgent_referral_promised(visit: EncounterRecord) -> bool:
    """The safety action is «Referencia urgente»: the close waits for that referral, which is urgent."""
    return visit.form(MENTAL_HEALTH.key).get(SAFETY_ACTION.key) == URGENT_REFERRAL


def referral_prefill(visit: EncounterRecord) -> dict | None:
    """What a referral form not yet typed in starts with: «Urgente» when an urgent referral was promised."""
    return {"urgency": "urgent"} if urgent_referral_promised(visit) else None


def take_doses_from_stock(store, visit: EncounterRecord) -> None:
    """Take each dose of a closing visit's vaccination register out of stock: one from the lot it
    was given from, once however often the close is retried. An expired or empty lot refuses the
    close (:func:`ayni.core.stock.dispense`), so nothing is recorded as given that was not in stock."""
    if visit.encounter.specialty != SPECIALTY:
        return
    for dose in visit.form(VACCINATION.key).get("doses") or []:
        vaccine = vaccines.BY_KEY.get(dose.get("vaccine"))
        if vaccine is not None:
            stock.dispense_planned(store, visit.encounter.id, vaccine.item_key, 1, lot=dose["lot"])
