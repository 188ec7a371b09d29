"""A home programme as prescribed: which exercises, and how much of each.

The form picks exercises from the catalogue (a code field, searched by name) and may change the
usual dose of some in a short text, «bridging 15x3 2/d; 7 10x2», one exercise per part: its key or
catalogue number, repetitions × sets, optionally times a day. The text is stored in that canonical
form, so the generic form editor shows it back as it will be read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from ayni.core import Field, FieldError, Plural, Text, phrase

from .exercises import BY_KEY, CATALOGUE, Exercise

REPS = (1, 50)
SETS = (1, 10)
PER_DAY = (1, 24)

_PART = re.compile(
    r"(?P<exercise>[a-z_]+|[0-9]+)\s*:?\s*(?P<reps>[0-9]+)\s*[x×*]\s*(?P<sets>[0-9]+)"
    r"(?:\s*,?\s*(?P<per_day>[0-9]+)\s*/\s*d(?:[ií]a|ay)?)?",
    re.IGNORECASE,
)

DOSING_HELP = Text(
    "Solo si cambia la dosis usual: «ejercicio repeticiones x series veces/d», p. ej. «bridging 15x3 2/d; 7 10x2».",
    "Only to change the usual dose: «exercise reps x sets times/d», e.g. «bridging 15x3 2/d; 7 10x2».",
)
_BAD_PART = Text("«{part}» no se entiende; escriba p. ej. «bridging 15x3 2/d».",
                 "«{part}» is not understood; write e.g. «bridging 15x3 2/d».")
_UNKNOWN = Text("«{part}» no es un ejercicio del catálogo (use su clave o su número, 1 a {count}).",
                "«{part}» is not an exercise of the catalogue (use its key or its number, 1 to {count}).")
_BAD_DOSE = Text("en «{part}», {what} debe estar entre {min} y {max}.",
                 "in «{part}», {what} must be between {min} and {max}.")
_WHAT = {"reps": Text("las repeticiones", "repetitions"), "sets": Text("las series", "sets"),
         "per_day": Text("las veces al día", "times a day")}


@attrs.frozen
class Dose:
    """How much of one exercise: repetitions, sets, times a day."""

    reps: int
    sets: int
    per_day: int


@attrs.frozen
class Prescribed:
    """One exercise of a programme and its dose."""

    exercise: Exercise
    dose: Dose


def _hint(field: Field, text: Text, **params) -> FieldError:
    return FieldError(field.key, "bad_pattern", field.label,
                      {"hint": phrase(text, **params)})


def _exercise_key(token: str) -> str | None:
    if token.isdigit():
        number = int(token)
        return CATALOGUE[number - 1].key if 1 <= number <= len(CATALOGUE) else None
    return token.lower() if token.lower() in BY_KEY else None


def parse_dosing(field: Field, raw) -> tuple[str | None, FieldError | None]:
    """``Field.parse`` of the dose changes: each part checked, then written back canonically
    («bridging 15x3 2/d; heel_slides 10x2»)."""
    parts = [p.strip() for p in re.split(r"[;\n]+", str(raw)) if p.strip()]
    canonical = []
    for part in parts:
        match = _PART.fullmatch(part)
        if match is None:
            return None, _hint(field, _BAD_PART, part=part)
        key = _exercise_key(match["exercise"])
        if key is None:
            return None, _hint(field, _UNKNOWN, part=match["exercise"], count=len(CATALOGUE))
        for name, (low, high) in (("reps", REPS), ("sets", SETS), ("per_day", PER_DAY)):
            if match[name] is not None and not low <= int(match[name]) <= high:
                what = _WHAT[name]
                return None, FieldError(field.key, "bad_pattern", field.label,
                                        {"hint": phrase(_BAD_DOSE, part=part, what=what, min=low, max=high)})
        text = f"{key} {int(match['reps'])}x{int(match['sets'])}"
        if match["per_day"] is not None:
            text += f" {int(match['per_day'])}/d"
        canonical.append(text)
    return "; ".join(canonical), None


def dose_changes(text: str | None) -> dict[str, dict[str, int]]:
    """The canonical dose text as ``{exercise key: {"reps": …, "sets": …, "per_day": …}}``."""
    changes: dict[str, dict[str, int]] = {}
    for part in (text or "").split(";"):
        match = _PART.fullmatch(part.strip())
        if match is None:
            continue
        key = _exercise_key(match["exercise"])
        if key is not None:
            changes[key] = {k: int(match[k]) for k in ("reps", "sets", "per_day") if match[k] is not None}
    return changes


def programme(values: Mapping) -> list[Prescribed]:
    """The exercises of a filled home-programme form, in the order picked, each with its dose (the
    catalogue's, changed where the form says so). Unknown keys (from a newer catalogue) are skipped."""
    changes = dose_changes(values.get("dosing"))
    prescribed = []
    for key in values.get("exercises") or ():
        exercise = BY_KEY.get(key)
        if exercise is None:
            continue
        dose = {"reps": exercise.reps, "sets": exercise.sets, "per_day": exercise.per_day, **changes.get(key, {})}
        prescribed.append(Prescribed(exercise, Dose(**dose)))
    return prescribed


#: The parts of a dose, each counted in the form its number needs.
DOSE_WORDS: dict[str, Plural] = {
    "minutes": Plural("{n} minuto", "{n} minutos", "{n} minute", "{n} minutes"),
    "reps": Plural("{n} vez", "{n} veces", "{n} time", "{n} times"),
    "sets": Plural("{n} serie", "{n} series", "{n} set", "{n} sets"),
    "hold": Plural("mantenga {n} segundo", "mantenga {n} segundos", "hold {n} second", "hold {n} seconds"),
    "per_day": Plural("{n} vez al día", "{n} veces al día", "once a day", "{n} times a day"),
}


def dose_text(item: Prescribed, lang: str) -> str:
    """The dose in plain words: «10 veces · 2 series · 2 veces al día · mantenga 5 segundos»."""
    exercise, dose = item.exercise, item.dose
    parts = []
    if exercise.minutes:
        parts.append(DOSE_WORDS["minutes"].format(lang, exercise.minutes))
    else:
        parts.append(DOSE_WORDS["reps"].format(lang, dose.reps))
        if dose.sets > 1:
            parts.append(DOSE_WORDS["sets"].format(lang, dose.sets))
    if exercise.hold_s:
        parts.append(DOSE_WORDS["hold"].format(lang, exercise.hold_s))
    parts.append(DOSE_WORDS["per_day"].format(lang, dose.per_day))
    return " · ".join(parts)
