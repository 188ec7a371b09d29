"""Prescriptions from the campaign formulary: the parser of the prescription field, the quantity to
dispense, and the patient's instructions in plain words.

A line is «medicamento dosis frecuencia días [nota]»: ``amoxicilina_500 1 c/8h x7d`` or
``albendazol_400 1 unica``. The medicine is a formulary key (``amoxicillin_500``) or its Spanish
alias; the dose is in the medicine's unit (tablets, mL, puffs …); the frequency is ``c/4h``, ``c/6h``,
``c/8h``, ``c/12h``, ``c/24h`` (``q8h`` and ``8h`` too) or ``unica``/``once`` for a single dose; the
days ``x7d`` or ``7d``. A line as prescribers write it on paper, «Amoxicilina 500 mg VO c/8h x 7
dias», is read too when its words name one formulary medicine (the dose, unless given as «1 tab»,
is the medicine's usual one). Saved lines are shown in words (:func:`line_words`), «Amoxicilina 500 mg
(cápsula) · 1 cápsula c/8 h × 7 días», which are read back as they are. The stored value is a list of
``{"medicine", "dose", "every_h", "days", "quantity", "note"}``, the quantity computed here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from ayni.core import Field, FieldError, Plural, Text, fold, join_texts, phrase
from ayni.core.clinical.codesearch import CodeIndex
from ayni.core.clinical.prescribing import figure

from .formulary import BY_KEY, BY_TOKEN, DRUGS, PACKS, UNITS, Drug
from .messages import refuse

#: The formulary searched by name, strength or form, in either language (accents and case ignored).
FORMULARY = CodeIndex((d.key, d.medicine.label) for d in DRUGS)

INTERVALS = (4, 6, 8, 12, 24)
MAX_DAYS = 90
_ONCE = {"unica", "once", "stat", "u"}
_FREQUENCY = re.compile(r"(?:c/|q|cada)?([0-9]{1,2})h(?:oras?)?")
_DAYS = re.compile(r"x?([0-9]{1,3})(?:d|dias?|days?)?")
_DAY_WORDS = {"d", "dia", "dias", "day", "days"}

#: Times of day a dose falls on, for the pictured schedule of the receta.
TIMES = (Text("Mañana", "Morning"), Text("Mediodía", "Midday"), Text("Tarde", "Afternoon"), Text("Noche", "Night"))
_TIMES_OF = {24: (0,), 12: (0, 3), 8: (0, 2, 3), 6: (0, 1, 2, 3), 4: (0, 1, 2, 3)}


def doses_per_day(every_h: int | None) -> int:
    """How many doses a day an interval gives (a single dose: 1)."""
    return 24 // every_h if every_h else 1


def quantity(drug: Drug, dose: Decimal, every_h: int | None, days: int) -> int:
    """Dispensed units for the whole course: tablets counted one by one, bottles and inhalers by what
    they hold (rounded up), one tube of cream per course."""
    if drug.pack is None:
        return 1
    total = dose * doses_per_day(every_h) * (days if every_h else 1)
    return max(1, math.ceil(total / drug.pack))


def quantity_text(drug: Drug, count: int, lang: str) -> str:
    """The quantity to dispense as people count it: «21 cápsulas», «2 frascos», «1 tubo»."""
    singular, plural = PACKS[drug.unit] if drug.pack != 1 else UNITS[drug.unit][:2]
    return f"{count} {(singular if count == 1 else plural).get(lang)}"


def _allowed_medicines() -> str:
    return ", ".join(dict.fromkeys(d.medicine.name.es for d in DRUGS))


def _number(text) -> Decimal | None:
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _split(text: str) -> dict:
    """One typed line as a dict; tokens that are not where they should be make it a syntax error."""
    parts = text.split()
    if len(parts) < 3:
        return {"_text": text}
    medicine, dose, frequency, *rest = parts
    item = {"medicine": medicine, "dose": dose, "frequency": frequency}
    if fold(frequency) in _ONCE:
        item["note"] = " ".join(rest)
        return item
    if not rest:
        return {"_text": text}
    if len(rest) > 1 and fold(rest[1]) in _DAY_WORDS:  # «7 días», «5 days»
        rest = [rest[0] + rest[1], *rest[2:]]
    item["days"], item["note"] = rest[0], " ".join(rest[1:])
    return item


#: Words of a written line that say how it is taken, not what: the route.
_ROUTES = {"vo", "po", "via", "oral", "sl", "sublingual", "im", "iv", "top", "topica", "topico", "inh", "inhalada",
           "cutanea"}
#: Words that make the number before them a dose («1 tab», «5 ml»), not a strength («500 mg»).
_DOSE_WORDS = {"tab", "tabs", "tableta", "tabletas", "comp", "comprimido", "comprimidos", "cap", "caps", "capsula",
               "capsulas", "ml", "sobre", "sobres", "puff", "puffs", "inhalacion", "inhalaciones", "aplicacion",
               "aplicaciones"}
_SPACED = ((re.compile(r"\bcada\s+([0-9]{1,2})\s*h(?:oras?)?\b", re.I), r"c/\1h"),
           (re.compile(r"\b(?:x|por|durante|for)\s+([0-9])", re.I), r"x\1"))


def _is_frequency(word: str) -> bool:
    return word in _ONCE or _FREQUENCY.fullmatch(word) is not None


def _dose_and_name(before: list[str]) -> tuple[str | None, str, list[str]]:
    """The folded words before the frequency as (dose, its unit word, the words naming the medicine)."""
    named, dose, unit = [], None, ""
    for i, word in enumerate(before):
        if _number(word) is not None and i + 1 < len(before) and before[i + 1] in _DOSE_WORDS:
            dose, unit = word, before[i + 1]  # «1 tab», «5 ml»
        elif not (word in _ROUTES or (word == unit and before[i - 1] == dose)):
            named.append(word)
    return dose, unit, named


def _written(written: str) -> dict:
    """A line as written on paper («Amoxicilina 500 mg VO c/8h x 7 dias») as the typed form's dict,
    the medicine found by searching the formulary with the words before the frequency."""
    text = written
    for pattern, replacement in _SPACED:
        text = pattern.sub(replacement, text)
    words = text.split()
    at = next((i for i, w in enumerate(words) if _is_frequency(fold(w))), None)
    if at is None:
        return {"_text": written}
    dose, unit, named = _dose_and_name([fold(w) for w in words[:at]])
    found = FORMULARY.search(" ".join(named), limit=5) if named else []
    if not found and dose is None and len(named) > 1 and _number(named[-1]) is not None:
        *named, dose = named  # a bare number just before the frequency that names no strength: the dose
        found = FORMULARY.search(" ".join(named), limit=5)
    if len(found) != 1:
        return {"_unknown" if not found else "_ambiguous": " ".join(named), "_found": found}
    drug = BY_KEY[found[0]]
    if unit and f" {dose} {unit}" in " " + fold(drug.medicine.strength):
        dose = None  # «60 mL» is the bottle the strength names, not a dose
    item = _split(" ".join([drug.alias, dose or f"{drug.usual.dose:f}", *words[at:]]))
    return {"_text": written} if "_text" in item else item


_SEPARATOR = " · "
#: The course in words (single dose, or every so many hours), by language, as :func:`line_words` writes it.
_COURSE_WORDS = {"es": ("dosis única", "c/{every} h × {days} días"), "en": ("single dose", "every {every} h × {days} days")}
#: Each medicine by its label in either language, folded: how :func:`line_words` names it.
_BY_LABEL = {fold(d.medicine.label.get(lang)): d for d in DRUGS for lang in ("es", "en")}
_COURSE = re.compile(r"(?P<dose>[0-9]+(?:[.,][0-9]+)?) \S+ (?:(?:c/|every )(?P<every>[0-9]{1,2}) h × "
                     r"(?P<days>[0-9]{1,3}) (?:dias?|days?)|dosis unica|single dose)")


def _in_words(text: str) -> dict | None:
    """A line as :func:`line_words` writes it as the typed form's dict, or ``None`` when it is not one."""
    name, _, rest = text.partition(_SEPARATOR)
    drug = _BY_LABEL.get(fold(name.strip()))
    course, _, note = rest.partition(_SEPARATOR)
    found = _COURSE.fullmatch(fold(course.strip())) if drug else None
    if found is None:
        return None
    every = found["every"]
    return {"medicine": drug.key, "dose": found["dose"], "frequency": f"c/{every}h" if every else "unica",
            "days": found["days"], "note": note}


def _typed_or_written(text: str) -> dict:
    worded = _in_words(text)
    if worded is not None:
        return worded
    first = fold(text.split()[0])
    return _split(text) if first in BY_TOKEN else _written(text)


def _lines(raw) -> list[dict | None]:
    if isinstance(raw, (list, tuple)):
        return [dict(item) if isinstance(item, Mapping) else None for item in raw]
    return [_typed_or_written(text.strip()) for text in re.split(r"[;\n]+", str(raw)) if text.strip()]


def _frequency(item: Mapping) -> tuple[bool, int | None]:
    """(valid, hours between doses or None for a single dose)."""
    if "every_h" in item:
        every = item["every_h"]
        if every in (None, "", 0):
            return True, None
        return (True, int(every)) if str(every).isdigit() and int(every) in INTERVALS else (False, None)
    text = fold(str(item.get("frequency", "")).strip())
    if text in _ONCE:
        return True, None
    match = _FREQUENCY.fullmatch(text)
    if match and int(match.group(1)) in INTERVALS:
        return True, int(match.group(1))
    return False, None


def _days(item: Mapping, every_h: int | None) -> int | None:
    if every_h is None:
        return 1
    raw = item.get("days")
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if 1 <= raw <= MAX_DAYS else None
    match = _DAYS.fullmatch(fold(str(raw or "").strip()))
    value = int(match.group(1)) if match else None
    return value if value is not None and 1 <= value <= MAX_DAYS else None


def _not_one_medicine(field: Field, item: Mapping) -> FieldError:
    if "_ambiguous" in item:
        return refuse(field.key, "general.rx_ambiguous", field.label, value=item["_ambiguous"],
                      candidates=join_texts(phrase(Text("«{medicine}»", "«{medicine}»"), medicine=BY_KEY[k].medicine.label)
                                            for k in item["_found"]))
    return refuse(field.key, "general.rx_unknown", field.label, value=item.get("_unknown", item.get("medicine", "")),
                  allowed=_allowed_medicines())


def _line(field: Field, item: Mapping) -> tuple[dict | None, FieldError | None]:
    token = fold(str(item.get("medicine", "")).strip())
    drug = BY_TOKEN.get(token)
    if drug is None:
        return None, _not_one_medicine(field, item)
    name = drug.medicine.label
    dose = _number(item.get("dose", ""))
    unit = UNITS[drug.unit][1]
    if dose is None or dose <= 0 or dose > drug.max_dose or dose % Decimal("0.25"):
        return None, refuse(field.key, "general.rx_dose", field.label, medicine=name, min="0.25",
                            max=drug.max_dose, unit=unit)
    valid, every_h = _frequency(item)
    if not valid:
        return None, refuse(field.key, "general.rx_frequency", field.label, medicine=name,
                            value=item.get("frequency", item.get("every_h", "")))
    days = _days(item, every_h)
    if days is None:
        return None, refuse(field.key, "general.rx_days", field.label, medicine=name, max=MAX_DAYS)
    dose = dose.normalize() if dose == dose.to_integral() else dose
    return {"medicine": drug.key, "dose": dose, "every_h": every_h, "days": days,
            "quantity": quantity(drug, dose, every_h, days), "note": str(item.get("note") or "").strip()}, None


def parse_prescription(field: Field, raw) -> tuple[list[dict] | None, FieldError | None]:
    """The prescription field's parser (``Field.parse``): each line a formulary medicine with a dose
    within its range, an allowed frequency and 1–90 days; the quantity to dispense is computed."""
    lines: list[dict] = []
    for number, item in enumerate(_lines(raw), start=1):
        if item is None or "_text" in item:
            return None, refuse(field.key, "general.rx_syntax", field.label, line=number,
                                value=item["_text"] if item else "")
        line, error = _line(field, item)
        if error is not None:
            return None, error
        if any(previous["medicine"] == line["medicine"] for previous in lines):
            return None, refuse(field.key, "general.rx_twice", field.label, medicine=BY_KEY[line["medicine"]].medicine.label)
        lines.append(line)
    return lines, None


# -- what the patient reads -----------------------------------------------------------------------

#: Finer than any dose the formulary allows, so that a dose is written exactly as it was given.
DOSE_PLACES = "0.0001"


def _amount(dose: Decimal, drug: Drug, lang: str) -> str:
    singular, plural, _ = UNITS[drug.unit]
    number = figure(dose, DOSE_PLACES).get(lang)  # a decimal comma in every language but English
    word = singular if dose == 1 else plural
    return f"{number} {word.get(lang)}"


#: The sentences of a prescription's instructions for the patient.
INSTRUCTION: dict[str, Text] = {
    "on_skin": Text("en la piel", "on the skin"),
    "once": Text("{verb} {amount} una sola vez.", "{verb} {amount} once only."),
    "daily": Text("una vez al día", "once a day"),
    "every": Text("cada {every} horas ({times} veces al día)", "every {every} hours ({times} times a day)"),
    "course": Text("{verb} {amount} {how_often} durante {during}.", "{verb} {amount} {how_often} for {during}."),
}
DAYS_COUNT = Plural("{n} día", "{n} días", "{n} day", "{n} days")


def instruction(line: Mapping, lang: str) -> str:
    """How to take one prescribed medicine, in plain words, with the prescriber's note: «Tome 1 cápsula
    cada 8 horas (3 veces al día) durante 7 días. Si hay dolor»."""
    drug = BY_KEY[line["medicine"]]
    dose = Decimal(str(line["dose"]))
    verb = UNITS[drug.unit][2].get(lang)
    amount = _amount(dose, drug, lang) if drug.unit != "application" else INSTRUCTION["on_skin"].get(lang)
    every, days = line.get("every_h"), int(line.get("days") or 1)
    if not every:
        text = INSTRUCTION["once"].get(lang).format(verb=verb, amount=amount)
    else:
        times = doses_per_day(every)
        how_often = (INSTRUCTION["daily"].get(lang) if times == 1
                     else INSTRUCTION["every"].get(lang).format(every=every, times=times))
        text = INSTRUCTION["course"].get(lang).format(verb=verb, amount=amount, how_often=how_often,
                                                      during=DAYS_COUNT.format(lang, days))
    note = str(line.get("note") or "").strip()
    return text + (f" {note[:1].upper()}{note[1:]}" if note else "")


def schedule(line: Mapping) -> tuple[bool, ...]:
    """Which of :data:`TIMES` a dose falls on (a single dose: the morning)."""
    slots = _TIMES_OF.get(line.get("every_h") or 24, (0,))
    return tuple(i in slots for i in range(len(TIMES)))


def line_text(line: Mapping) -> str:
    """One line (stored, or as a picker fills it in) in the typed form: «amoxicilina_500 1 c/8h x7d»."""
    drug = BY_KEY.get(line.get("medicine"))
    every = line.get("every_h")
    words = [drug.alias if drug else str(line.get("medicine")), f"{Decimal(str(line['dose'])):f}",
             f"c/{every}h x{line.get('days')}d" if every else "unica", str(line.get("note") or "")]
    return " ".join(w for w in words if w)


def line_words(line: Mapping, lang: str = "es") -> str:
    """One line in the words a clinician reads, which :func:`parse_prescription` takes back as it is:
    «Paracetamol 120 mg/5 mL, 60 mL (jarabe) · 5 mL c/8 h × 3 días · si hay fiebre». A medicine no
    longer in the formulary keeps its typed form."""
    drug = BY_KEY.get(line.get("medicine"))
    if drug is None:
        return line_text(line)
    every, days = line.get("every_h"), int(line.get("days") or 1)
    course = _COURSE_WORDS[lang if lang in _COURSE_WORDS else "es"][bool(every)].format(every=every, days=days)
    note = str(line.get("note") or "").strip()
    parts = [drug.medicine.label.get(lang), f"{_amount(Decimal(str(line['dose'])), drug, lang)} {course}", note]
    return _SEPARATOR.join(part for part in parts if part)


def to_text(lines, lang: str = "es") -> str:
    """Stored lines in words, one per line (what the editor shows; it parses back the same)."""
    return "\n".join(line_words(line, lang) for line in lines or [])


def lines_of(values: Mapping) -> list[dict]:
    """The prescribed lines of a prescription form's values, skipping medicines no longer in the
    formulary (a plugin update removed one: it is still shown by key in the summary)."""
    return [line for line in values.get("items") or [] if line.get("medicine") in BY_KEY]
