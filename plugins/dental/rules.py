"""Checks across the dental exam and the procedures of one visit (``ayni_validate_encounter``).

- a tooth procedure names a valid FDI tooth, once (quantity 1), and only surfaces that tooth has;
- a restoration has at least one surface, as many as its code says;
- a tooth missing in the exam, or already extracted in this visit, is not extracted, restored or sealed;
- primary teeth on an adult (18 or more) are refused unless the exam confirms a retained primary
  tooth; permanent teeth on a child under 3 are refused (no permanent tooth has erupted yet).
"""

from __future__ import annotations

from ayni.core import FieldError, Text, EncounterRecord
from ayni.core.dates import to_lima

from .anaesthesia import anaesthesia_stops
from .codes import PROCEDURES, RESTORATION_FOR, SPECIALTY, TOOTH_ACTIONS, ToothAction
from .forms import EXAM, ODONTOGRAM, RETAINED_PRIMARY
from .messages import refuse
from .odontogram import is_primary, procedure_site, surface_list, teeth_of

ADULT_AGE = 18
PRIMARY_ONLY_UNDER = 3

_CATALOGUE = {p.code: p for p in PROCEDURES}
_TOOTH_CODES = {p.code for p in PROCEDURES if p.target == "tooth"}


def _age(visit: EncounterRecord) -> int | None:
    return visit.patient.age(to_lima(visit.encounter.opened_at).date())


def _age_error(field: str, label: Text, tooth: int, age: int | None, retained_confirmed: bool) -> FieldError | None:
    if age is None:
        return None
    if is_primary(tooth) and age >= ADULT_AGE and not retained_confirmed:
        return refuse(field, "dental.primary_on_adult", label, tooth=tooth, age=age, confirm=RETAINED_PRIMARY.label)
    if not is_primary(tooth) and age < PRIMARY_ONLY_UNDER:
        return refuse(field, "dental.permanent_on_toddler", label, tooth=tooth, age=age, limit=PRIMARY_ONLY_UNDER)
    return None


def _surface_count_error(field: str, label: Text, code: str, action: ToothAction, tooth: int,
                         surfaces: list[str]) -> FieldError | None:
    if not surfaces:
        return refuse(field, "dental.surfaces_required", label, tooth=tooth)
    n = len(surfaces)
    if n >= action.min_surfaces and (action.max_surfaces is None or n <= action.max_surfaces):
        return None
    material = code.rsplit(".", 1)[0]
    suggested = _CATALOGUE[RESTORATION_FOR[material][min(n, 3)]].label
    expected = _CATALOGUE[code].label
    expected = Text(expected.es.split(", ")[-1], expected.en.split(", ")[-1])  # «2 superficies»
    return refuse(field, "dental.surface_count", label, tooth=tooth, expected=expected, count=n,
                  surfaces=", ".join(surfaces), suggested=suggested)


def _procedure_errors(visit: EncounterRecord, age: int | None, retained: bool, missing: set[int]) -> list[FieldError]:
    errors: list[FieldError] = []
    gone = set(missing)  # missing at the exam, then each extraction as it is recorded
    for index, procedure in enumerate(visit.procedures):
        if procedure.code not in _TOOTH_CODES:
            continue
        field, label = f"procedures.{index}", _CATALOGUE[procedure.code].label
        tooth, raw_tooth, raw_surfaces = procedure_site(procedure.detail)
        if tooth is None:
            key = "dental.tooth_required" if raw_tooth in (None, "") else "dental.bad_tooth"
            errors.append(refuse(field, key, label, value=raw_tooth))
            continue
        surfaces, error = surface_list(raw_surfaces, tooth, field, label)
        action = TOOTH_ACTIONS[procedure.code]
        if error is None and action.kind == "restoration":
            error = _surface_count_error(field, label, procedure.code, action, tooth, surfaces)
        if error is None and procedure.quantity != 1:
            error = refuse(field, "dental.one_per_tooth", label, tooth=tooth)
        if error is None and tooth in gone:
            error = refuse(field, "dental.tooth_missing", label, tooth=tooth)
        if error is None:
            error = _age_error(field, label, tooth, age, retained)
        if error is not None:
            errors.append(error)
        elif action.kind == "extraction":
            gone.add(tooth)
    return errors


def validate_visit(visit: EncounterRecord, store=None) -> list[FieldError]:
    """Every refusal for a dental visit as it would be saved; ``[]`` for other specialties."""
    if visit.encounter.specialty != SPECIALTY:
        return []
    exam = visit.form(EXAM.key)
    odontogram = exam.get(ODONTOGRAM.key) or {}
    retained = exam.get(RETAINED_PRIMARY.key) is True
    age = _age(visit)
    errors = []
    for tooth in teeth_of(odontogram):
        error = _age_error(f"{ODONTOGRAM.key}.{tooth}", ODONTOGRAM.label, tooth, age, retained)
        if error is not None:
            errors.append(error)
    missing = {int(k) for k, v in odontogram.items() if v.get("state") == "missing"}
    errors.extend(_procedure_errors(visit, age, retained, missing))
    errors.extend(anaesthesia_stops(visit, store, to_lima(visit.encounter.opened_at).date()))
    return errors


__all__ = ["ADULT_AGE", "PRIMARY_ONLY_UNDER", "validate_visit"]
