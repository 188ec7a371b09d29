"""What closing a general-medicine encounter writes: the referral its referral form asks for, through
``ayni.core.clinical.referrals`` (so the receiving team sees it among open referrals)."""

from __future__ import annotations

from ayni.core import EncounterRecord
from ayni.core.clinical import referrals

from .forms import REFERRAL, SPECIALTY


def destination(values: dict) -> str:
    """The referral's ``to``: «hospital:Hospital Regional del Cusco»."""
    return f"{values['destination_kind']}:{values['destination']}"


def refer_on_close(store, visit: EncounterRecord) -> None:
    """Open the referral of a closing visit whose referral form was filled, once."""
    if visit.encounter.specialty != SPECIALTY:
        return
    values = visit.form(REFERRAL.key)
    if not values.get("destination") or referrals.of_encounter(store, visit.encounter.id):
        return
    referrals.refer(store, visit.encounter.id, to=destination(values), reason=values["reason"],
                    urgency=values["urgency"], notes=values.get("treatment_given", ""))
