"""The odontogram: FDI teeth, their surfaces and states, the one parser of an odontogram value, the
DMFT / dmft indices, and the odontogram *after* a visit's procedures.

A value is a JSON-able dict keyed by FDI number (as text), holding only teeth that are not sound::

    {"16": {"state": "caries", "surfaces": {"O": "caries", "D": "caries"}},
     "36": {"state": "missing"}}

The form stores what the exam *found*; what was *done* is the visit's procedures, and
:func:`after_treatment` derives the odontogram at the end of the visit from both, so neither is
stored twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from ayni.core import PERMANENT_TEETH, PRIMARY_TEETH, Field, FieldError, Text, lower_first

from .codes import TOOTH_ACTIONS
from .messages import refuse

ALL_TEETH = PERMANENT_TEETH | PRIMARY_TEETH

#: Tooth states, in the order keys and legends show them.
STATES: dict[str, Text] = {
    "sound": Text("Sano", "Sound"),
    "caries": Text("Caries", "Caries"),
    "filled": Text("Obturado", "Filled"),
    "missing": Text("Ausente", "Missing"),
    "fractured": Text("Fracturado", "Fractured"),
    "extraction": Text("Extracción indicada", "Extraction indicated"),
    "sealed": Text("Sellado", "Sealed"),
}
#: The letter of each state, printed and shown on screen beside its colour (never colour alone).
STATE_LETTERS = {"sound": "·", "caries": "C", "filled": "O", "missing": "M", "fractured": "F",
                 "extraction": "X", "sealed": "S"}
_STATE_BY_LETTER = {letter.casefold(): state for state, letter in STATE_LETTERS.items() if state != "sound"}

#: Marks a single surface can carry.
MARKS: dict[str, Text] = {
    "caries": Text("caries", "caries"),
    "filled": Text("obturada", "filled"),
    "sealed": Text("sellada", "sealed"),
}
MARK_LETTERS = {"caries": "c", "filled": "o", "sealed": "s"}

SURFACES: dict[str, Text] = {
    "M": Text("Mesial", "Mesial"),
    "O": Text("Oclusal", "Occlusal"),
    "I": Text("Incisal", "Incisal"),
    "D": Text("Distal", "Distal"),
    "V": Text("Vestibular", "Buccal"),
    "L": Text("Lingual / palatina", "Lingual / palatal"),
}
#: Other letters dentists use for a surface: B (bucal), P (palatina).
SURFACE_ALIASES = {"B": "V", "P": "L"}
SURFACE_ORDER = "MOIDVL"


def is_anterior(tooth: int) -> bool:
    """Incisors and canines (positions 1–3 of each quadrant, permanent and primary)."""
    return tooth % 10 <= 3


def is_primary(tooth: int) -> bool:
    """A primary (deciduous) tooth, 51–85."""
    return tooth in PRIMARY_TEETH


def surfaces_of(tooth: int) -> tuple[str, ...]:
    """The surfaces a tooth has: incisal on anterior teeth, occlusal on posterior ones."""
    return ("M", "I", "D", "V", "L") if is_anterior(tooth) else ("M", "O", "D", "V", "L")


def biting_surface(tooth: int) -> str:
    """``I`` for an anterior tooth, ``O`` for a posterior one (the O/I key)."""
    return "I" if is_anterior(tooth) else "O"


def is_upper(tooth: int) -> bool:
    """An upper (maxillary) tooth: quadrants 1, 2, 5, 6."""
    return tooth // 10 in (1, 2, 5, 6)


def mesial_on_right(tooth: int) -> bool:
    """Drawn as the dentist faces the patient, the mesial side of quadrants 1, 4, 5, 8 (the
    patient's right, on the viewer's left) points right, towards the midline."""
    return tooth // 10 in (1, 4, 5, 8)


def surface_positions(tooth: int) -> dict[str, str]:
    """Where each surface is drawn (``top``, ``bottom``, ``left``, ``right``, ``centre``): the
    vestibular surface faces out of the mouth, the mesial faces the midline."""
    top, bottom = ("V", "L") if is_upper(tooth) else ("L", "V")
    left, right = ("D", "M") if mesial_on_right(tooth) else ("M", "D")
    return {"top": top, "bottom": bottom, "left": left, "right": right, "centre": biting_surface(tooth)}


def _side(upper: Iterable[int], lower: Iterable[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(upper), tuple(lower)


#: The chart as the dentist faces the patient: upper 18…11 | 21…28, lower 48…41 | 31…38.
PERMANENT_ROWS = _side([*range(18, 10, -1), *range(21, 29)], [*range(48, 40, -1), *range(31, 39)])
PRIMARY_ROWS = _side([*range(55, 50, -1), *range(61, 66)], [*range(85, 80, -1), *range(71, 76)])


def surface_list(raw, tooth: int, field: str, label: Text) -> tuple[list[str], FieldError | None]:
    """Surfaces given as ``"MOD"``, ``"M, O"`` or ``["M", "O"]`` → canonical sorted letters
    (aliases B→V, P→L), refused when the tooth has no such surface."""
    if raw is None or raw == "":
        return [], None
    items = list(raw) if isinstance(raw, (list, tuple)) else [str(raw)]
    letters: list[str] = []
    for item in items:
        for letter in re.sub(r"[\s,;+/-]", "", str(item)).upper():
            letter = SURFACE_ALIASES.get(letter, letter)
            if letter not in surfaces_of(tooth):
                return [], refuse(field, "dental.bad_surface", label, tooth=tooth, surface=letter,
                                  allowed=", ".join(surfaces_of(tooth)))
            if letter not in letters:
                letters.append(letter)
    return sorted(letters, key=SURFACE_ORDER.index), None


def tooth_number(raw) -> int | None:
    """An FDI tooth number from ``16``, ``"16"`` or ``" 16 "``; ``None`` when it is not one."""
    if isinstance(raw, bool):
        return None
    text = str(raw).strip()
    if not re.fullmatch(r"[0-9]{2}", text) or int(text) not in ALL_TEETH:
        return None
    return int(text)


def _state(raw) -> str | None:
    text = str(raw).strip().casefold()
    if text in STATES:
        return text
    return _STATE_BY_LETTER.get(text)


def _parse_entry(tooth: int, raw, field: str, label: Text) -> tuple[dict | None, FieldError | None]:
    if isinstance(raw, str):
        raw = {"state": raw}
    if not isinstance(raw, Mapping):
        return None, refuse(field, "dental.not_odontogram", label)
    state = _state(raw.get("state", "sound"))
    if state is None:
        return None, refuse(field, "dental.bad_state", label, tooth=tooth, value=raw.get("state"),
                            allowed=_allowed_states())
    surfaces_raw = raw.get("surfaces") or {}
    if isinstance(surfaces_raw, (str, list, tuple)):  # letters only: each takes the tooth's own mark
        letters, error = surface_list(surfaces_raw, tooth, field, label)
        if error:
            return None, error
        mark = state if state in MARKS else "caries"
        surfaces_raw = {letter: mark for letter in letters}
    if not isinstance(surfaces_raw, Mapping):
        return None, refuse(field, "dental.not_odontogram", label)
    surfaces: dict[str, str] = {}
    for letter_raw, mark_raw in surfaces_raw.items():
        letters, error = surface_list(str(letter_raw), tooth, field, label)
        if error:
            return None, error
        mark = str(mark_raw).strip().casefold()
        mark = {letter: m for m, letter in MARK_LETTERS.items()}.get(mark, mark)
        if mark not in MARKS:
            return None, refuse(field, "dental.bad_mark", label, tooth=tooth, surface="".join(letters), value=mark_raw,
                                allowed=", ".join(MARKS))
        for letter in letters:
            surfaces[letter] = mark
    if surfaces and state == "missing":
        return None, refuse(field, "dental.surfaces_on_missing", label, tooth=tooth)
    if surfaces and state == "sound":
        return None, refuse(field, "dental.surfaces_on_sound", label, tooth=tooth)
    entry: dict = {"state": state}
    if surfaces:
        entry["surfaces"] = {k: surfaces[k] for k in sorted(surfaces, key=SURFACE_ORDER.index)}
    return entry, None


def _allowed_states() -> Text:
    return Text(", ".join(f"{STATE_LETTERS[s]} {t.es.lower()}" for s, t in STATES.items() if s != "sound") + ", sano",
                ", ".join(f"{STATE_LETTERS[s]} {t.en.lower()}" for s, t in STATES.items() if s != "sound") + ", sound")


_TOKEN = re.compile(r"(?P<tooth>[0-9]+)[:=](?P<state>[a-záéíóúñ_]+)(?::(?P<surfaces>[A-Za-z]+))?", re.IGNORECASE)


def _from_text(text: str):
    """``"16:c:OD 26:o:M 36:m"`` (tooth:state[:surfaces]) or a JSON object → a raw mapping."""
    text = text.strip()
    if text.startswith("{"):
        try:
            return json.loads(text)
        except ValueError:
            return None
    raw = {}
    for token in re.split(r"[\s,;]+", text):
        if not token:
            continue
        match = _TOKEN.fullmatch(token)
        if match is None:
            return None
        raw[match["tooth"]] = {"state": match["state"], "surfaces": match["surfaces"] or {}}
    return raw


def parse_odontogram(field: Field, raw) -> tuple[dict | None, FieldError | None]:
    """The one validator of an odontogram value (``Field.parse``), used by the UI, the CLI and tests.

    Accepts the canonical dict, tooth numbers as ints, a state letter for a state, surfaces as
    letters (marked with the tooth's state) or as ``{letter: mark}``, and the short text form
    ``"16:c:OD 36:m"``. Returns the canonical dict (sound teeth without marks left out, teeth in
    chart order) or the first refusal, naming the tooth and what is allowed.
    """
    if isinstance(raw, str):
        raw = _from_text(raw)
    if not isinstance(raw, Mapping):
        return None, refuse(field.key, "dental.not_odontogram", field.label)
    clean: dict[str, dict] = {}
    for key, entry in raw.items():
        tooth = tooth_number(key)
        if tooth is None:
            return None, refuse(field.key, "dental.bad_tooth", field.label, value=key)
        parsed, error = _parse_entry(tooth, entry, f"{field.key}.{tooth}", field.label)
        if error:
            return None, error
        if parsed != {"state": "sound"}:
            clean[str(tooth)] = parsed
    return {k: clean[k] for k in sorted(clean, key=chart_order)}, None


def chart_order(tooth) -> tuple[int, int]:
    """Sort key: quadrant, then position from the midline."""
    tooth = int(tooth)
    return tooth // 10, tooth % 10


# -- indices -------------------------------------------------------------------------------------


def _index_class(entry: Mapping, primary: bool) -> str | None:
    state = entry.get("state", "sound")
    marks = set((entry.get("surfaces") or {}).values())
    if state == "missing":
        return None if primary else "M"  # a missing primary tooth may simply have been shed
    if state == "extraction":
        return "M"
    if state == "caries" or "caries" in marks:
        return "D"
    if state == "filled" or "filled" in marks:
        return "F"
    return None


def dmft(odontogram: Mapping, primary: bool = False) -> dict[str, int]:
    """The caries index of the permanent teeth (DMFT, «CPO-D») or, with ``primary``, of the primary
    teeth (dmft, «ceo-d»): ``{"D": decayed, "M": missing or extraction indicated, "F": filled,
    "total": ...}``. For primary teeth ``M`` counts only teeth indicated for extraction (the «e»
    of ceo-d), since a missing primary tooth may have been shed. Each tooth counts once: caries
    over filled."""
    counts = {"D": 0, "M": 0, "F": 0}
    for key, entry in odontogram.items():
        tooth = int(key)
        if is_primary(tooth) != primary:
            continue
        kind = _index_class(entry, primary)
        if kind:
            counts[kind] += 1
    counts["total"] = sum(counts.values())
    return counts


# -- what the procedures did ---------------------------------------------------------------------


def procedure_site(detail: Mapping) -> tuple[int | None, object, object]:
    """The tooth and surfaces of a procedure's ``detail`` as given: ``{"tooth": 16, "surfaces":
    ["M", "O"]}``, or ``{"tooth": "16 MO"}`` as typed in one box. Returns ``(tooth or None, the raw
    tooth, the raw surfaces)``; surfaces are checked with :func:`surface_list`."""
    raw_tooth = detail.get("tooth")
    surfaces = detail.get("surfaces")
    if isinstance(raw_tooth, str):
        match = re.fullmatch(r"\s*([0-9]{2})\s*[:\s]\s*([A-Za-z ,]+)\s*", raw_tooth)
        if match and not surfaces:
            raw_tooth, surfaces = match[1], match[2]
    return tooth_number(raw_tooth) if raw_tooth is not None else None, raw_tooth, surfaces


def _clean_surfaces(tooth: int, raw) -> list[str]:
    letters, error = surface_list(raw, tooth, "", Text("-", "-"))
    return [] if error else letters


def after_treatment(found: Mapping, procedures: Iterable) -> tuple[dict, dict[int, list]]:
    """The odontogram at the end of the visit, and the procedures done per tooth.

    Extraction → missing; restoration → its surfaces filled (the tooth filled once no caries is
    left); sealant → its surfaces (the occlusal by default) sealed. Mouth procedures change no tooth.
    """
    after = {k: {"state": v["state"], **({"surfaces": dict(v["surfaces"])} if v.get("surfaces") else {})}
             for k, v in found.items()}
    done: dict[int, list] = {}
    for procedure in procedures:
        action = TOOTH_ACTIONS.get(procedure.code)
        tooth, _, raw_surfaces = procedure_site(procedure.detail)
        if action is None or tooth is None:
            continue
        done.setdefault(tooth, []).append(procedure)
        entry = after.setdefault(str(tooth), {"state": "sound"})
        surfaces = entry.setdefault("surfaces", {})
        if action.kind == "extraction":
            entry.clear()
            entry["state"] = "missing"
            continue
        letters = _clean_surfaces(tooth, raw_surfaces)
        if action.kind == "restoration":
            for letter in letters:
                surfaces[letter] = "filled"
            entry["state"] = "caries" if "caries" in surfaces.values() else "filled"
        elif action.kind == "sealant":
            for letter in letters or [biting_surface(tooth)]:
                if surfaces.get(letter) != "filled":
                    surfaces[letter] = "sealed"
            if entry["state"] == "sound":
                entry["state"] = "sealed"
        if not surfaces:
            entry.pop("surfaces")
    ordered = {k: after[k] for k in sorted(after, key=chart_order) if after[k] != {"state": "sound"}}
    return ordered, done


def indicated_for(code: str, found: Mapping, procedures: Iterable) -> list[dict]:
    """The teeth the exam ``found`` indicates procedure ``code`` for, as procedure details in chart
    order, less those the visit's ``procedures`` already treated: for an extraction, the teeth
    marked «x» (extraction indicated). ``[]`` for any other code."""
    action = TOOTH_ACTIONS.get(code)
    if action is None or action.kind != "extraction":
        return []
    after, _ = after_treatment(found, procedures)
    return [{"tooth": tooth} for tooth in teeth_of(after) if after[str(tooth)]["state"] == "extraction"]


def teeth_of(odontogram: Mapping) -> list[int]:
    """The teeth recorded in an odontogram, in chart order."""
    return sorted((int(k) for k in odontogram), key=chart_order)


def ordered_surfaces(entry: Mapping | None) -> dict[str, str]:
    """A tooth's surface marks in chart order (M, O, I, D, V, L), whatever order they were stored in."""
    surfaces = (entry or {}).get("surfaces") or {}
    return {k: surfaces[k] for k in sorted(surfaces, key=SURFACE_ORDER.index)}


def describe(entry: Mapping | None, lang: str) -> str:
    """A tooth's state in words: «Caries (O caries, D caries)», «Ausente», «Sano»."""
    if not entry:
        return STATES["sound"].get(lang)
    text = STATES[entry["state"]].get(lang)
    surfaces = ordered_surfaces(entry)
    if surfaces:
        text += " (" + ", ".join(f"{letter} {MARKS[mark].get(lang)}" for letter, mark in surfaces.items()) + ")"
    return text


def summary(odontogram: Mapping, lang: str) -> str:
    """An odontogram in one line, in chart order: «16 caries (O caries) · 26 obturado»; «sano» for
    a mouth with nothing recorded."""
    if not odontogram:
        return lower_first(STATES["sound"].get(lang))
    return " · ".join(f"{tooth} {lower_first(describe(odontogram[str(tooth)], lang))}" for tooth in teeth_of(odontogram))


def code_line(entry: Mapping | None) -> str:
    """A tooth's state in letters, as printed under it: «C·OD», «O», «M»; empty when sound."""
    if not entry or entry.get("state") == "sound":
        return ""
    state = STATE_LETTERS[entry["state"]]
    surfaces = ordered_surfaces(entry)
    groups = []
    for mark in MARKS:
        letters = "".join(letter for letter, m in surfaces.items() if m == mark)
        if letters:
            groups.append(f"{MARK_LETTERS[mark].upper()}·{letters}")
    if not any(group.startswith(state) for group in groups):
        groups.insert(0, state)
    return " ".join(groups)
