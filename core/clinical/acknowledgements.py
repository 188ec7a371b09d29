"""Warnings that need an acknowledgement («soft stops»), as distinct from refusals («hard stops»).

A rule of ``ayni_validate_encounter`` returns a :class:`FieldError` to refuse a save outright (an
absolute maximum dose), or a :class:`SoftStop` to warn about something a clinician may still decide
to do (a dose above the usual mg/kg range). ``encounters.save`` refuses a save with unacknowledged
soft stops by raising :class:`NeedsAcknowledgement`, listing each warning; the same save with a
reason for each one (``acknowledged={warning.code: reason}``) is written, and each reason is kept
as an :class:`Acknowledgement` of the encounter (who, when, which warning, why) and audited.

A warning already acknowledged in the same encounter, with the same words (so the same figures),
needs no new reason when the encounter is saved again; a changed figure is a new warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from ..errors import FieldError, ValidationError
from ..i18n import LANGUAGES, Text, fold
from ..model import new_id, utcnow
from ..storage.store import Store
from .forms import clean_text

MIN_REASON, MAX_REASON = 4, 200
REASON = Text("Motivo", "Reason")
_MESSAGES = {
    "ack_reason": Text("{field} para «{warning}»: escriba por qué se continúa ({min} a {max} caracteres), p. ej. "
                       "«dosis indicada por el pediatra».",
                       "{field} for «{warning}»: say why you go ahead ({min} to {max} characters), e.g. «dose "
                       "ordered by the paediatrician»."),
    "ack_needed": Text("Aviso que requiere un motivo para guardar: {warning}",
                       "Warning that needs a reason before saving: {warning}"),
}


@attrs.frozen
class ReasonOption:
    """A reason a warning offers (``text``), and what that answer says about the person
    (``finding``, recorded in their alerts when the save goes ahead with it), if anything."""

    text: Text
    finding: object = None  # an ayni.core.AlertFinding


@attrs.frozen
class SoftStop(FieldError):
    """A warning that a save may override with a reason: a :class:`FieldError` that does not refuse
    by itself. ``subject`` tells two warnings of one kind apart (the medicine a dose warning is
    about), so that :attr:`code`, the key an acknowledgement names, is stable across saves;
    ``options`` are reasons to offer (a question's answers)."""

    subject: str = ""
    options: tuple[ReasonOption, ...] = ()

    @property
    def code(self) -> str:
        """What an acknowledgement names this warning by: ``key`` or ``key:subject``."""
        return f"{self.key}:{self.subject}" if self.subject else self.key


class NeedsAcknowledgement(ValidationError):
    """A save refused only because of :class:`SoftStop` warnings that have no reason yet: nothing
    was written. :attr:`warnings` lists them; save again with a reason for each one."""

    def __init__(self, warnings: list[SoftStop]):
        self.warnings = list(warnings)
        super().__init__([FieldError(w.field, "ack_needed", w.label, {"warning": Text(w.message("es"), w.message("en"))},
                                     text=_MESSAGES["ack_needed"]) for w in self.warnings])


@attrs.frozen
class Acknowledgement:
    """A warning a clinician went ahead with, in one encounter: which one (``warning``, its
    :attr:`SoftStop.code`), its words as shown (``message``, ``message_en``), the reason given,
    who and when. Never changed or deleted."""

    id: str
    encounter_id: str
    warning: str
    message: str
    message_en: str
    reason: str
    acknowledged_by: str
    acknowledged_at: dt.datetime = attrs.field(factory=utcnow)


def of_encounter(store: Store, encounter_id: str) -> list[Acknowledgement]:
    """The warnings gone ahead with in an encounter, oldest first."""
    return store.rows(Acknowledgement, "acknowledgements", "encounter_id = ?", [encounter_id],
                      order_by="acknowledged_at, rowid")


def findings(warnings: list[SoftStop], new: list[Acknowledgement]) -> list:
    """What the reasons of ``new`` acknowledgements say about the person: the finding of each
    option of its warning that the reason is (in either language, ignoring case and accents)."""
    by_code = {w.code: w for w in warnings}
    found = []
    for acknowledgement in new:
        warning = by_code.get(acknowledgement.warning)
        for option in warning.options if warning else ():
            if option.finding is not None and fold(acknowledgement.reason) in {
                    fold(option.text.get(lang)) for lang in LANGUAGES}:
                found.append(option.finding)
    return found


def _reason(raw, warning: SoftStop, errors: list[FieldError]) -> str:
    params = {"warning": Text(warning.message("es"), warning.message("en")), "min": MIN_REASON, "max": MAX_REASON}
    found: list[FieldError] = []
    text = clean_text(" ".join(raw.split()) if isinstance(raw, str) else raw, warning.code, REASON, found, MAX_REASON)
    if not found and len(text) < MIN_REASON:
        found.append(FieldError(warning.code, "ack_reason", REASON, params, text=_MESSAGES["ack_reason"]))
    errors.extend(found)
    return text


def settle(store: Store, encounter_id: str, warnings: list[SoftStop],
           acknowledged: Mapping[str, str] | None) -> list[Acknowledgement]:
    """The acknowledgements to write with a save that raised ``warnings``: one per warning not
    already acknowledged in the encounter with the same words. Raises :class:`ValidationError` for
    a reason too short, too long or with a control character (its field is the warning's code), :class:`NeedsAcknowledgement` for warnings
    without a reason; reasons for warnings not raised are not kept."""
    given = dict(acknowledged or {})
    kept = {(a.warning, a.message) for a in of_encounter(store, encounter_id)}
    errors: list[FieldError] = []
    missing: list[SoftStop] = []
    new: list[Acknowledgement] = []
    for warning in dict.fromkeys(warnings):
        if (warning.code, warning.message("es")) in kept:
            continue
        if warning.code not in given:
            missing.append(warning)
            continue
        reason = _reason(given[warning.code], warning, errors)
        new.append(Acknowledgement(new_id(), encounter_id, warning.code, warning.message("es"), warning.message("en"),
                                   reason, store.user.id))
    if errors:
        raise ValidationError(errors)
    if missing:
        raise NeedsAcknowledgement(missing)
    return new
