"""Visual acuity: read what the examiner types, in any usual notation, as one canonical value.

Accepted notations (spaces, case and a decimal comma do not matter):

- Snellen fractions in feet or metres: ``20/40``, ``6/12``, ``6/7.5``, ``3/60``. Only the ratio
  counts, so 20/40 = 6/12 = logMAR 0.30.
- The denominator alone, for the 20-foot chart campaigns use: ``40`` is 20/40, ``20`` is 20/20. A
  whole number from 10 up; decimal acuity never goes above 2.0, so the two cannot be confused.
  Metre charts are written in full (``6/18``), and the field shows «20/40» once left, so a
  shorthand never goes unseen.
- Decimal acuity: ``0.5``, ``1.0`` (0.01 to 2.0).
- logMAR, marked as such (a bare number is decimal acuity): ``logMAR 0.3``, ``LM 0.3``, ``0.3 logMAR``.
- For near vision also the N print sizes at 40 cm: ``N5``, ``N8`` (N8 ≈ 1 M ≈ logMAR 0.40 at 40 cm).
- Below the chart, in English or Spanish: counting fingers ``CF``/``CD``, hand motion ``HM``/``MM``,
  light perception ``LP``/``PL``, no light perception ``NLP``/``NPL``.

Tumbling E and picture charts use the same scale: the chart is recorded in its own field.

Below the chart there is no letter to measure, so a conventional logMAR stands in: CF 2.0,
HM 2.3, LP 2.7, NLP 3.0. Conventions differ between studies (some put CF at 1.9 or HM at 2.4);
these keep the four steps in order, beyond every chart value (at most logMAR 2.0), and are used
only to sort, to take the better eye and to place a patient in a WHO category, never as measured
letters. NLP is always WHO category 5, whatever its number.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import attrs

from ayni.core import FieldError, Text, fold, phrase

#: logMAR kept to two decimals (a letter on an ETDRS chart is 0.02).
PLACES = Decimal("0.01")
BEST = Decimal("-0.30")  # 20/10: better than this is a typing error
WORST_MEASURED = Decimal("2.00")  # 20/2000, decimal 0.01

#: Canonical codes below the chart, their conventional logMAR, and how each language writes them.
LOW_VISION = {
    "CF": (Decimal("2.00"), Text("CD", "CF"), Text("cuenta dedos", "counting fingers")),
    "HM": (Decimal("2.30"), Text("MM", "HM"), Text("movimiento de manos", "hand motion")),
    "LP": (Decimal("2.70"), Text("PL", "LP"), Text("percepción de luz", "light perception")),
    "NLP": (Decimal("3.00"), Text("NPL", "NLP"), Text("no percibe luz", "no light perception")),
}
_LOW_WORDS = {
    "CF": ("cf", "cd", "counting fingers", "counts fingers", "cuenta dedos", "cuenta los dedos"),
    "HM": ("hm", "mm", "mmo", "hand motion", "hand movements", "movimiento de manos", "movimientos de manos"),
    "LP": ("lp", "pl", "light perception", "percepcion de luz", "percibe luz"),
    "NLP": ("nlp", "npl", "no light perception", "no percibe luz", "sin percepcion de luz", "no pl"),
}
_LOW_LOOKUP = {word: code for code, words in _LOW_WORDS.items() for word in words}

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_FRACTION = re.compile(rf"({_NUMBER})\s*/\s*({_NUMBER})")
_LOGMAR = re.compile(rf"(?:log\s*mar|lm)\s*([+-]?{_NUMBER})|([+-]?{_NUMBER})\s*(?:log\s*mar|lm)")
_DECIMAL = re.compile(_NUMBER)
_DENOMINATOR = re.compile(r"[1-9][0-9]+")
#: The chart distance a bare denominator is read at: 20 feet.
SHORTHAND_DISTANCE = 20
_N_SIZE = re.compile(rf"n\s*({_NUMBER})")

HINT = Text(
    "use 20/40, 6/12, decimal 0.5, logMAR 0.3 (con la palabra logMAR), CD, MM, PL o NPL; «40» es 20/40",
    "use 20/40, 6/12, decimal 0.5, logMAR 0.3 (with the word logMAR), CF, HM, LP or NLP; «40» is 20/40",
)
NEAR_HINT = Text(
    "use N8, 20/40, 6/12, decimal 0.5, logMAR 0.3 (con la palabra logMAR), CD, MM, PL o NPL; «40» es 20/40",
    "use N8, 20/40, 6/12, decimal 0.5, logMAR 0.3 (with the word logMAR), CF, HM, LP or NLP; «40» is 20/40",
)


class AcuityError(ValueError):
    """Text that is not a visual acuity; ``hint`` says, in both languages, what is accepted."""

    def __init__(self, hint: Text):
        super().__init__(hint.en)
        self.hint = hint


@attrs.frozen
class Acuity:
    """One acuity: ``notation`` as entered (tidied: ``20/40``, ``0.5``, ``logMAR 0.30``, ``N8``,
    ``CF``) and its ``logmar`` (two decimals; conventional below the chart)."""

    notation: str
    logmar: Decimal

    @property
    def below_chart(self) -> bool:
        """CF, HM, LP or NLP."""
        return self.notation in LOW_VISION

    @property
    def no_light(self) -> bool:
        return self.notation == "NLP"

    def display(self, lang: str) -> str:
        """As a clinician writes it in ``lang``: «20/40», «CD» (es) / «CF» (en)."""
        if self.below_chart:
            return LOW_VISION[self.notation][1].get(lang)
        return self.notation


def to_logmar(ratio: float) -> Decimal:
    """logMAR of a Snellen ratio (denominator / numerator), to two decimals."""
    return _round(math.log10(ratio))


def _round(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(PLACES, rounding=ROUND_HALF_UP) + 0  # + 0 turns −0.00 into 0.00


def _number(text: str) -> Decimal:
    value = Decimal(text)
    return value.normalize() if value == value.to_integral() else value


def _plain(value: Decimal) -> str:
    """«6», «7.5», «0.5»: no exponent, no trailing zeros beyond what was typed."""
    return format(value, "f")


def _refused(text: str, near: bool, what: Text | None = None) -> AcuityError:
    hint = NEAR_HINT if near else HINT
    lead = what or phrase(Text("«{text}» no es una agudeza visual", "«{text}» is not a visual acuity"), text=text)
    return AcuityError(phrase(Text("{lead}; {hint}.", "{lead}; {hint}."), lead=lead, hint=hint))


def _in_chart(text: str, logmar: Decimal, near: bool) -> Decimal:
    if not BEST <= logmar <= WORST_MEASURED:
        raise _refused(text, near, Text(
            f"«{text}» está fuera de la cartilla (logMAR {BEST} a {WORST_MEASURED}, 20/10 a 20/2000)",
            f"«{text}» is off the chart (logMAR {BEST} to {WORST_MEASURED}, 20/10 to 20/2000)"))
    return logmar


def parse(raw, near: bool = False) -> Acuity:
    """The :class:`Acuity` written in ``raw``; :class:`AcuityError` when it is none of the notations.

    Parsing a canonical notation gives it back unchanged, so stored values read back as they are.
    """
    text = " ".join(str(raw).strip().split())
    key = fold(text).replace(",", ".").rstrip(".")
    if key in _LOW_LOOKUP:
        code = _LOW_LOOKUP[key]
        return Acuity(code, LOW_VISION[code][0])
    try:
        if match := _FRACTION.fullmatch(key):
            top, bottom = _number(match[1]), _number(match[2])
            if not (0 < top <= 20 and bottom > 0):
                raise _refused(text, near, Text(
                    f"«{text}»: escriba distancia/tamaño, la distancia de 1 a 20 (pies o metros)",
                    f"«{text}»: write distance/size, the distance 1 to 20 (feet or metres)"))
            logmar = _in_chart(text, to_logmar(float(bottom / top)), near)
            return Acuity(f"{_plain(top)}/{_plain(bottom)}", logmar)
        if _DENOMINATOR.fullmatch(key):
            denominator = int(key)
            logmar = _in_chart(text, to_logmar(denominator / SHORTHAND_DISTANCE), near)
            return Acuity(f"{SHORTHAND_DISTANCE}/{denominator}", logmar)
        if match := _LOGMAR.fullmatch(key):
            value = Decimal(match[1] or match[2]).quantize(PLACES, rounding=ROUND_HALF_UP) + 0
            return Acuity(f"logMAR {value}", _in_chart(text, value, near))
        if match := _DECIMAL.fullmatch(key):
            value = _number(match[0])
            if not Decimal("0.01") <= value <= Decimal("2.0"):
                raise _refused(text, near, Text(
                    f"«{text}»: la agudeza decimal va de 0.01 a 2.0 (para logMAR escriba «logMAR {text}»)",
                    f"«{text}»: decimal acuity is 0.01 to 2.0 (for logMAR write «logMAR {text}»)"))
            notation = _plain(value) if "." in _plain(value) else f"{_plain(value)}.0"
            return Acuity(notation, _in_chart(text, to_logmar(1 / float(value)), near))
        if near and (match := _N_SIZE.fullmatch(key)):
            size = _number(match[1])
            if not 1 <= size <= 100:
                raise _refused(text, near)
            # N8 is about 1 M; M units at 0.4 m: logMAR = log10(M / 0.4)
            return Acuity(f"N{_plain(size)}", _in_chart(text, to_logmar(float(size) / 8 / 0.4), near))
    except (InvalidOperation, ZeroDivisionError):
        pass
    raise _refused(text, near)


def field_parser(near: bool = False):
    """A ``Field.parse`` for acuity fields: the value stored is the canonical notation (text);
    a refusal names the field (and the eye) and lists the accepted notations."""

    def parse_field(field, raw):
        try:
            return parse(raw, near).notation, None
        except AcuityError as error:
            return None, FieldError(field.key, "bad_pattern", field.label, {"hint": error.hint})

    return parse_field


def logmar_of(notation: str | None, near: bool = False) -> Decimal | None:
    """The logMAR of a stored notation (``None`` for none)."""
    if not notation:
        return None
    return parse(notation, near).logmar


# -- other notations ------------------------------------------------------------------------------

def as_snellen(logmar: Decimal, distance: int = 20) -> str:
    """«20/40» (feet, ``distance=20``) or «6/12» (metres, ``distance=6``) for a chart logMAR."""
    bottom = distance * 10 ** float(logmar)
    if bottom < 10:
        rounded = Decimal(str(round(bottom * 2) / 2))
    else:
        rounded = Decimal(round(bottom))
    return f"{distance}/{_plain(_number(str(rounded)))}"


def as_decimal(logmar: Decimal) -> Decimal:
    """Decimal acuity (0.5 for logMAR 0.30), to two decimals."""
    return Decimal(repr(10 ** -float(logmar))).quantize(PLACES, rounding=ROUND_HALF_UP)


# -- WHO categories of visual impairment (ICD-10 H54 / ICD-11 9D90), from presenting acuity --------

#: The upper logMAR of each category 0–3 (same rounding as every stored value): 6/18, 6/60, 3/60, 1/60.
WHO_LIMITS = ((0, to_logmar(18 / 6)), (1, to_logmar(60 / 6)), (2, to_logmar(60 / 3)), (3, to_logmar(60 / 1)))
WHO_LABELS = {
    0: Text("0 · Sin deficiencia o leve (6/18 o mejor)", "0 · None or mild (6/18 or better)"),
    1: Text("1 · Moderada (peor que 6/18 hasta 6/60)", "1 · Moderate (worse than 6/18 to 6/60)"),
    2: Text("2 · Grave (peor que 6/60 hasta 3/60)", "2 · Severe (worse than 6/60 to 3/60)"),
    3: Text("3 · Ceguera (peor que 3/60 hasta 1/60)", "3 · Blindness (worse than 3/60 to 1/60)"),
    4: Text("4 · Ceguera (peor que 1/60 hasta percepción de luz)", "4 · Blindness (worse than 1/60 to light perception)"),
    5: Text("5 · Ceguera (no percibe luz)", "5 · Blindness (no light perception)"),
    9: Text("9 · Sin agudeza registrada", "9 · Acuity not recorded"),
}


def who_category(acuity: Acuity | None) -> int:
    """The WHO category (0–5, 9 when not recorded) of an acuity, usually the better eye's presenting one."""
    if acuity is None:
        return 9
    if acuity.no_light:
        return 5
    for category, limit in WHO_LIMITS:
        if acuity.logmar <= limit:
            return category
    return 4


def better(*acuities: Acuity | None) -> Acuity | None:
    """The best (lowest logMAR) of the acuities given, ignoring missing ones."""
    known = [a for a in acuities if a is not None]
    return min(known, key=lambda a: a.logmar) if known else None
