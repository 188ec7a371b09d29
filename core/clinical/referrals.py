"""Referrals: from one specialty to another within the campaign (cataract → surgery) or out to a
hospital or health centre. A plugin refers through here, never by importing another plugin."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from ..errors import FieldError, ValidationError
from ..i18n import Text
from ..model import Encounter, new_id, utcnow
from ..people.users import require
from ..storage.store import Store
from .forms import clean_text

#: The most characters of a destination or a reason, and of the notes.
MAX_TEXT = 200
MAX_NOTES = 2000

URGENCIES = {
    "routine": Text("Rutina", "Routine"),
    "priority": Text("Prioritaria", "Priority"),
    "urgent": Text("Urgente", "Urgent"),
}


#: The side or eye a referral may be about; the eye codes (OD, OS/OI, OU/AO) name the same sides.
SIDES = {
    "right": Text("derecho", "right"),
    "left": Text("izquierdo", "left"),
    "bilateral": Text("ambos lados", "both sides"),
}
_SIDE_ALIASES = {"od": "right", "os": "left", "oi": "left", "ou": "bilateral", "ao": "bilateral"}


class ReferralStatus(enum.StrEnum):
    """Where a referral stands; a change is an audited update, the old status stays in the log."""

    OPEN = "open"
    ACCEPTED = "accepted"
    CLOSED = "closed"


@attrs.frozen
class Referral:
    """A patient sent from an encounter to a specialty key (``surgery``) or an outside place
    (``hospital:Hospital Regional de Ayacucho``), for a reason (a code or words), about one
    ``side`` of :data:`SIDES` when the reason has one (a cataract of the right eye), else ``""``."""

    id: str
    encounter_id: str
    patient_id: str
    from_specialty: str
    to: str
    reason: str
    urgency: str = "routine"
    notes: str = ""
    side: str = ""
    status: ReferralStatus = ReferralStatus.OPEN
    created_at: dt.datetime = attrs.field(factory=utcnow)
    created_by: str = ""


def refer(store: Store, encounter_id: str, to: str, reason: str, urgency: str = "routine", notes: str = "",
          side: str = "") -> Referral:
    """Refer the patient of an encounter, about one ``side`` of :data:`SIDES` (or an eye: ``od``,
    ``os``, ``ou``) if given. Refused (nothing written) without a destination or reason, or with an
    unknown urgency or side."""
    encounter = store.get(Encounter, "encounters", encounter_id)
    require(store, "referrals.create", encounter.specialty, encounter.station)
    errors: list[FieldError] = []
    to = clean_text(to, "to", Text("Destino", "Referred to"), errors, MAX_TEXT, required=True)
    reason = clean_text(reason, "reason", Text("Motivo", "Reason"), errors, MAX_TEXT, required=True)
    notes = clean_text(notes, "notes", Text("Notas", "Notes"), errors, MAX_NOTES, multiline=True)
    if urgency not in URGENCIES:
        errors.append(FieldError("urgency", "bad_choice", Text("Urgencia", "Urgency"), {"allowed": ", ".join(URGENCIES)}))
    side = _SIDE_ALIASES.get(side, side or "")
    if side and side not in SIDES:
        errors.append(FieldError("side", "bad_choice", Text("Lado", "Side"), {"allowed": ", ".join(SIDES)}))
    if errors:
        raise ValidationError(errors)
    referral = Referral(id=new_id(), encounter_id=encounter.id, patient_id=encounter.patient_id,
                        from_specialty=encounter.specialty, to=to, reason=reason, urgency=urgency,
                        notes=notes, side=side, created_by=store.user.id)
    with store.write():
        store.insert("referrals", referral)
    return referral


def reason_text(plugins, referral: Referral, lang: str) -> str:
    """The reason of a referral as people read it: the label of the choice it was picked from in a
    form of the referring specialty («Catarata» for ``cataract``), else the reason as written."""
    prefix = f"{referral.from_specialty}."
    for spec in plugins.forms.values():
        if spec.key.startswith(prefix):
            for field in spec.fields:
                if any(choice.value == referral.reason for choice in field.choices):
                    return field.choice_label(referral.reason, lang)
    return referral.reason


def indication_text(plugins, referral: Referral, lang: str) -> str:
    """What the referral asks to be treated, and on which side when it has one: «Catarata (izquierdo)»."""
    side = SIDES.get(referral.side)
    return reason_text(plugins, referral, lang) + (f" ({side.get(lang)})" if side else "")


def open_referrals(store: Store, to: str) -> list[Referral]:
    """Referrals to ``to`` still waiting, oldest first."""
    return store.rows(Referral, "referrals", "[to] = ? AND status = ?", [to, ReferralStatus.OPEN.value],
                      order_by="created_at")


def of_encounter(store: Store, encounter_id: str) -> list[Referral]:
    """The referrals made in an encounter."""
    return store.rows(Referral, "referrals", "encounter_id = ?", [encounter_id], order_by="created_at")


def set_status(store: Store, referral_id: str, status: str) -> Referral:
    """Move a referral to ``status`` (audited; the previous status stays in the log)."""
    require(store, "referrals.update")
    referral = store.get(Referral, "referrals", referral_id)
    updated = attrs.evolve(referral, status=ReferralStatus(status))
    with store.write():
        store.update("referrals", updated)
    return updated
