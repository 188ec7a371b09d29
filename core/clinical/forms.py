"""Declarative forms: a :class:`FormSpec` is data, and :func:`validate_form` is the one validator.

The UI, the CLI, imports and tests all validate a filled form from its spec alone, so a value
refused in one place is refused everywhere, with a message that names the field and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from ..dates import today_in_lima
from ..errors import FieldError, ValidationError
from ..formatting import signed_number
from ..i18n import Text, join_texts, phrase


class FieldType(enum.StrEnum):
    """What kind of value a field holds; the UI picks a widget from it."""

    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    DATE = "date"
    YES_NO = "yes_no"
    CODE = "code"  # one or more codes from a long list (ICD-10), picked by searching
    SCALE = "scale"  # a small integer scale (pain 0–10, GMFCS I–V) picked from its steps, which choices may name
    TOOTH_SET = "tooth_set"  # FDI tooth numbers


#: The ``widget`` of a choice field picked by typing part of its label (a long list: operations),
#: which the UI draws as a search instead of a drop-down.
SEARCH = "search"

#: The sides a paired field can be recorded for.
EYES = ("od", "os")
BODY_SIDES = ("right", "left")
SIDE_LABELS = {
    "od": Text("OD (ojo derecho)", "OD (right eye)"),
    "os": Text("OI (ojo izquierdo)", "OS (left eye)"),
    "ou": Text("AO (ambos ojos)", "OU (both eyes)"),
    "right": Text("derecho", "right"),
    "left": Text("izquierdo", "left"),
}

PERMANENT_TEETH = frozenset(q * 10 + n for q in (1, 2, 3, 4) for n in range(1, 9))
PRIMARY_TEETH = frozenset(q * 10 + n for q in (5, 6, 7, 8) for n in range(1, 6))
ALL_TEETH = PERMANENT_TEETH | PRIMARY_TEETH

#: Text fields allowed more characters than this are multi-line notes (the UI gives them a text area).
MULTILINE_LENGTH = 500
#: The most digits a number without a range may have; a range says how many it needs.
UNBOUNDED_DIGITS = 30
#: The most decimal places a decimal may have when its step does not need more.
DECIMAL_PLACES = 6

_YES = {"1", "true", "yes", "y", "si", "sí", "s"}
_NO = {"0", "false", "no", "n"}


@attrs.frozen
class Choice:
    """One allowed value of a choice, multi-choice or code field, with its label, and the other
    words people search it by in a field with the ``SEARCH`` widget («faco» for a cataract extraction)."""

    value: str
    label: Text
    synonyms: tuple[str, ...] = attrs.field(default=(), converter=tuple)


@attrs.frozen
class Field:
    """One field of a form.

    ``min``/``max`` bound numbers and dates (inclusive); ``step`` is the granularity of a decimal
    (0.25 D for a lens) or of an integer (a hearing threshold in steps of 5 dB), counted from 0;
    ``sides`` makes the field a pair, one value per side, shown in the order given: the core's eyes
    (:data:`EYES`) or body sides (:data:`BODY_SIDES`), or a plugin's own sides as :class:`Choice`
    (``Choice("right", Text("oído derecho", "right ear"))``); ``derived`` fields are computed by the
    form's ``derive`` and shown read-only. A plugin with a value no field type describes (a visual acuity, an
    odontogram) gives ``parse(field, raw) -> (value, FieldError | None)``, used by the one
    validator instead of the type's own parser, and may name a ``widget`` it supplies through
    ``ayni_tui_widgets``; ``type`` still picks the generic widget when none is supplied. Such a
    value gives ``summary(value, lang) -> str`` too, the one line people read wherever it is shown
    (the history, a form table): «16 caries · 26 obturado», never the stored structure. A
    ``signed`` decimal is written with its sign wherever it is read, as opticians write dioptres:
    «+0.50», «-1.25», zero «0.00» (:func:`number_text`).
    """

    key: str
    type: FieldType
    label: Text
    required: bool = False
    unit: str = ""
    min: Any = None
    max: Any = None
    step: Decimal | int | None = None
    choices: tuple[Choice, ...] = ()
    sides: tuple[str | Choice, ...] = ()
    max_length: int = 500
    allow_future: bool = False
    derived: bool = False
    help: Text | None = None
    section: Text | None = None
    parse: Callable[[Field, Any], tuple[Any, FieldError | None]] | None = attrs.field(default=None, eq=False)
    widget: str = ""
    summary: Callable[[Any, str], str] | None = attrs.field(default=None, eq=False)
    signed: bool = False

    @property
    def multiline(self) -> bool:
        """True for a long text field (a note), where newlines and tabs are part of the text."""
        return self.type == FieldType.TEXT and self.max_length > MULTILINE_LENGTH

    def side_choices(self) -> tuple[Choice, ...]:
        """The sides of a paired field with their labels, in the order declared."""
        return tuple(s if isinstance(s, Choice) else Choice(s, SIDE_LABELS.get(s, Text(s, s))) for s in self.sides)

    def side_label(self, side: str) -> Text:
        """The label of one side («OD (ojo derecho)», «oído derecho»), or the side itself."""
        return next((c.label for c in self.side_choices() if c.value == side), Text(side, side))

    def choice_label(self, value: str, lang: str) -> str:
        """The label of a choice value, or the value itself when it is not a known choice."""
        for c in self.choices:
            if c.value == value:
                return c.label.get(lang)
        return str(value)

    def step_text(self, step, lang: str) -> str:
        """One step of a scale as a person reads it: «2 — Más de la mitad de los días» when its steps
        have words, else «2»."""
        label = self.choice_label(str(step), lang)
        return str(step) if label == str(step) else f"{step} — {label}"


@attrs.frozen
class FormSpec:
    """A versioned form a plugin offers for an encounter.

    ``derive(values) -> dict`` adds computed values (BMI from weight and height);
    ``checks(values) -> list[FieldError]`` refuses combinations a single field cannot see
    (systolic not above diastolic). Both receive the already-validated values.
    ``copy_sides=("od", "os")`` declares the pairs worth copying from one side to the other: the UI
    then offers one key that copies a paired field's first side into its second (the right eye's
    refraction into the left eye's).
    ``tab_title`` is a short name for the encounter's tab (about 12 characters), when the title is
    longer; :attr:`tab` is the one to show.
    ``number_paths`` say where a value of the plugin's own shape (a field's ``parse``, a ``derive``)
    holds decimals, from the form's data: keys joined by dots, ``*`` for every item of a list or
    every value of a mapping (``"items.*.dose"``, ``"logmar.*.*"``). Saves write them as JSON numbers
    like any decimal; the same rule turns old rows' text into numbers
    (``ayni.core.storage.formnumbers.numbers_as_numbers``), in migrations and merges.
    """

    key: str  # namespaced: "general.triage"
    version: int
    title: Text
    fields: tuple[Field, ...]
    specialty: str
    derive: Callable[[dict], dict] | None = attrs.field(default=None, eq=False)
    checks: Callable[[dict], list[FieldError]] | None = attrs.field(default=None, eq=False)
    copy_sides: tuple[str, str] | None = None
    tab_title: Text | None = None
    number_paths: tuple[str, ...] = ()

    @property
    def tab(self) -> Text:
        """What the encounter's tab for this form says: its short title, else its title."""
        return self.tab_title or self.title

    def field(self, key: str) -> Field:
        """The field called ``key``."""
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


# C0 and C1 control characters (NUL, ESC that starts a terminal sequence, DEL), line and paragraph
# separators, the bidirectional overrides that make a name display as another, and lone surrogates,
# which cannot even be written to the database as UTF-8. Newline and tab are listed apart.
_CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL_SINGLE_LINE = re.compile(f"[\t\n{_CONTROL_CHARS}]")
_CONTROL_MULTILINE = re.compile(f"[{_CONTROL_CHARS}]")


def control_character_error(key: str, label: Text | None, text: str, multiline: bool = False) -> FieldError | None:
    """The refusal of ``text`` when it holds a control character, or ``None`` when it is plain text.

    Refuses, never strips: the person who typed it is told which character and where, and fixes it
    themselves, so nothing they meant is silently dropped. Newlines and tabs are plain text only in a
    ``multiline`` note. This is the one check every text that reaches the database passes through.
    """
    match = (_CONTROL_MULTILINE if multiline else _CONTROL_SINGLE_LINE).search(text)
    if match is None:
        return None
    return FieldError(key, "control_character", label, {"char": f"U+{ord(match[0]):04X}", "position": match.start() + 1})


def clean_text(value, key: str, label: Text, errors: list[FieldError], max_length: int = MULTILINE_LENGTH,
               multiline: bool = False, required: bool = False) -> str:
    """``value`` (``None`` is empty) as typed text without surrounding blanks; a control character
    (see :func:`control_character_error`), more than ``max_length`` characters, a value that is not
    text, or nothing at all when ``required``, add their refusal to ``errors``."""
    if value is not None and not isinstance(value, str):
        errors.append(FieldError(key, "not_text", label))
        return ""
    text = (value or "").strip()
    error = control_character_error(key, label, text, multiline)
    if error is None and len(text) > max_length:
        error = FieldError(key, "too_long", label, {"max": max_length})
    if error is None and required and not text:
        error = FieldError(key, "required", label)
    if error is not None:
        errors.append(error)
    return text


def shown(value, limit: int = 40) -> str:
    """A refused value as a message may quote it: control characters escaped, cut to ``limit``."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        return "…"  # too long to write out, and str() of it would raise
    text = _CONTROL_SINGLE_LINE.sub(lambda m: f"\\u{ord(m[0]):04x}", str(value))
    return text if len(text) <= limit else text[:limit] + "…"


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value in ([], (), {})


def _as_text(value) -> str | None:
    """One value as the text a person would have typed it: a string or a number; ``None`` for a
    list, a mapping, another object or an integer too long to write."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value.bit_length() <= 4 * UNBOUNDED_DIGITS else None
    if isinstance(value, (float, Decimal)):
        return str(value)
    return None


def _range_error(field: Field) -> FieldError:
    unit = f" {field.unit}" if field.unit else ""
    params = {"min": field.min, "max": field.max, "unit": unit}
    if field.max is None:
        return FieldError(field.key, "below_min", field.label, params)
    if field.min is None:
        return FieldError(field.key, "above_max", field.label, params)
    return FieldError(field.key, "out_of_range", field.label, params)


def _check_range(field: Field, value) -> FieldError | None:
    if (field.min is not None and value < field.min) or (field.max is not None and value > field.max):
        return _range_error(field)
    return None


def _check_step(field: Field, value: int | Decimal) -> FieldError | None:
    """The refusal of a number off the field's ``step`` (counted from 0), or ``None``."""
    if field.step is None:
        return None
    step = Decimal(str(field.step))  # a plugin may write a decimal's step as a float (0.25)
    try:
        off_step = Decimal(value) % step != 0
    except InvalidOperation:  # too many digits to divide: certainly not a value on the scale
        off_step = True
    return FieldError(field.key, "bad_step", field.label, {"step": step}) if off_step else None


def _digits_needed(field: Field) -> int:
    """How many digits before the decimal point a value of ``field`` can need: its bounds', or
    :data:`UNBOUNDED_DIGITS` when it has no range."""
    if field.min is None or field.max is None:
        return UNBOUNDED_DIGITS
    return max(len(str(int(abs(bound)))) for bound in (field.min, field.max))


def max_input_length(field: Field) -> int:
    """The most characters a person may type for one value of ``field``: the digits (with sign and
    decimals) its range can need for a number, ``max_length`` for anything else."""
    if field.type not in (FieldType.INTEGER, FieldType.SCALE, FieldType.DECIMAL):
        return field.max_length
    sign = 1 if field.signed or field.min is None or field.min < 0 else 0
    if field.type != FieldType.DECIMAL:
        return sign + _digits_needed(field)
    return sign + _digits_needed(field) + 1 + _decimal_places(field)


def _too_many_digits(field: Field) -> FieldError:
    if field.min is None or field.max is None:
        return FieldError(field.key, "too_many_digits", field.label, {"max": UNBOUNDED_DIGITS})
    return _range_error(field)


def _is_int(raw) -> bool:
    return isinstance(raw, int) and not isinstance(raw, bool)


def _parse_integer(field: Field, raw):
    if not (_is_int(raw) or isinstance(raw, str)):
        return None, FieldError(field.key, "not_integer", field.label)
    text = _as_text(raw)
    if text is None:  # an int too long to write out: refused with the range, like the same digits typed
        return None, _too_many_digits(field)
    text = text.strip()
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        return None, FieldError(field.key, "not_integer", field.label)
    sign, digits = ("-" if text.startswith("-") else ""), text.lstrip("+-").lstrip("0") or "0"
    if len(digits) > _digits_needed(field):  # before int(), which raises past 4,300 digits
        return None, _too_many_digits(field)
    value = int(sign + digits)
    return value, _check_range(field, value) or _check_step(field, value)


_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")


def _step_places(field: Field) -> int:
    return -Decimal(str(field.step)).as_tuple().exponent if field.step is not None else 0


def _decimal_places(field: Field) -> int:
    return max(DECIMAL_PLACES, _step_places(field))


def number_text(field: Field, value) -> str:
    """A value of a decimal field as people write it: with its step's places at least («1» → «1.00»
    in steps of 0.25), with its sign when the field is ``signed`` («+0.50», «-1.25», zero «0.00»).
    Any other value as it is."""
    if field.type != FieldType.DECIMAL or isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return str(value)
    value = Decimal(value)
    places = max(-value.as_tuple().exponent, _step_places(field), 0)
    if field.signed:
        return signed_number(value, places)
    return str(value.quantize(Decimal(1).scaleb(-places)))


def _parse_decimal(field: Field, raw):
    if not (_is_int(raw) or isinstance(raw, (float, Decimal, str))):
        return None, FieldError(field.key, "not_number", field.label)
    if _as_text(raw) is None:
        return None, _too_many_digits(field)
    if not isinstance(raw, str):
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)  # a float: its shortest repr
    elif _DECIMAL.fullmatch(text := raw.strip()):  # plain digits only: no "1e5", "NaN", "Infinity"
        value = Decimal(text.replace(",", "."))
    else:
        return None, FieldError(field.key, "not_number", field.label)
    if not value.is_finite():
        return None, FieldError(field.key, "not_number", field.label)
    if value and value.adjusted() >= _digits_needed(field):
        return None, _too_many_digits(field)
    error = _check_range(field, value)
    if error is None and -value.as_tuple().exponent > _decimal_places(field):
        error = FieldError(field.key, "too_many_places", field.label, {"places": _decimal_places(field)})
    return value, error or _check_step(field, value)


def _bad_choice(field: Field, raw) -> FieldError:
    allowed = ", ".join(c.value for c in field.choices[:12]) + (" …" if len(field.choices) > 12 else "")
    if field.type == FieldType.CODE:
        return FieldError(field.key, "bad_code", field.label, {"value": shown(raw)})
    return FieldError(field.key, "bad_choice", field.label, {"allowed": allowed})


def _parse_choice(field: Field, raw):
    text = _as_text(raw)
    value = text.strip() if text is not None else None
    if value not in {c.value for c in field.choices}:
        return None, _bad_choice(field, raw)
    return value, None


def _as_list(raw) -> list:
    if isinstance(raw, str):
        return [part for part in re.split(r"[,;\s]+", raw.strip()) if part]
    if isinstance(raw, (list, tuple, set, frozenset)):
        return list(raw)
    return [raw]  # a single value (one tooth given as the number 18)


def _parse_multi(field: Field, raw):
    allowed = {c.value for c in field.choices}
    values = []
    for item in _as_list(raw):
        text = _as_text(item)
        if text is None or text.strip() not in allowed:
            return None, _bad_choice(field, item)
        if text.strip() not in values:
            values.append(text.strip())
    return values, None


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(field: Field, raw):
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        value = raw
    else:
        text = raw.strip() if isinstance(raw, str) else ""
        try:  # only AAAA-MM-DD: fromisoformat also takes "20200101" and week dates ("2020-W01-1")
            value = dt.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
        except ValueError:
            value = None
        if value is None:
            return None, FieldError(field.key, "bad_date", field.label)
    earliest = field.min or dt.date(1900, 1, 1)
    if value < earliest:
        return None, FieldError(field.key, "date_too_old", field.label, {"min": earliest.isoformat()})
    today = today_in_lima()
    if not field.allow_future and value > today:
        return None, FieldError(field.key, "date_in_future", field.label, {"today": today.isoformat()})
    if field.max is not None and value > field.max:
        return None, FieldError(field.key, "date_too_late", field.label, {"max": field.max.isoformat()})
    return value, None


def _parse_yes_no(field: Field, raw):
    if isinstance(raw, bool):
        return raw, None
    text = (_as_text(raw) or "").strip().casefold()
    if text in _YES:
        return True, None
    if text in _NO:
        return False, None
    return None, FieldError(field.key, "bad_yes_no", field.label)


def _parse_text(field: Field, raw):
    text = _as_text(raw)  # a number is text too (a phone given as 987654321)
    if text is None:
        return None, FieldError(field.key, "not_text", field.label)
    errors: list[FieldError] = []
    value = clean_text(text, field.key, field.label, errors, field.max_length, field.multiline)
    return (None, errors[0]) if errors else (value, None)


def _parse_teeth(field: Field, raw):
    teeth = []
    for item in _as_list(raw):
        text = (_as_text(item) or "").strip()
        if isinstance(item, bool) or not re.fullmatch(r"[0-9]{2}", text) or int(text) not in ALL_TEETH:
            return None, FieldError(field.key, "bad_tooth", field.label, {"value": shown(item)})
        if int(text) not in teeth:
            teeth.append(int(text))
    return sorted(teeth), None


_PARSERS = {
    FieldType.TEXT: _parse_text,
    FieldType.INTEGER: _parse_integer,
    FieldType.SCALE: _parse_integer,
    FieldType.DECIMAL: _parse_decimal,
    FieldType.CHOICE: _parse_choice,
    FieldType.MULTI_CHOICE: _parse_multi,
    FieldType.CODE: _parse_multi,
    FieldType.DATE: _parse_date,
    FieldType.YES_NO: _parse_yes_no,
    FieldType.TOOTH_SET: _parse_teeth,
}


def _scalars(raw):
    """Every single value in ``raw``, however deeply it sits in lists and mappings (keys too)."""
    if isinstance(raw, Mapping):
        for key, value in raw.items():
            yield from _scalars(key)
            yield from _scalars(value)
    elif isinstance(raw, (list, tuple, set, frozenset)):
        for item in raw:
            yield from _scalars(item)
    else:
        yield raw


def control_character_in(key: str, label: Text | None, raw) -> FieldError | None:
    """The refusal of the first text anywhere in ``raw`` (in lists and mappings, keys too) holding a
    control character, as :func:`control_character_error` with its lines and tabs allowed; ``None``
    when there is none. For structured values (a procedure's detail, a widget's list of lines)."""
    for value in _scalars(raw):
        if isinstance(value, str) and (error := control_character_error(key, label, value, multiline=True)):
            return error
    return None


def _unfit_for_parse(field: Field, raw) -> FieldError | None:
    """What no parser should be handed: a control character, text beyond ``max_length`` (lines and
    tabs are allowed: a prescription is one medicine per line), an integer too long to write out."""
    if error := control_character_in(field.key, field.label, raw):
        return error
    for value in _scalars(raw):
        if isinstance(value, str):
            if len(value.strip()) > field.max_length:  # surrounding blanks are trimmed, as in any text
                return FieldError(field.key, "too_long", field.label, {"max": field.max_length})
        elif _is_int(value) and _as_text(value) is None:
            return FieldError(field.key, "too_many_digits", field.label, {"max": UNBOUNDED_DIGITS})
    return None


def _plugin_parse(field: Field, raw) -> tuple[Any, FieldError | None]:
    """A plugin's own parser, handed only what passes :func:`_unfit_for_parse`. Whatever the parser
    raises becomes a refusal naming the field, so a value it did not foresee never loses the form."""
    if error := _unfit_for_parse(field, raw):
        return None, error
    try:
        return field.parse(field, raw)
    except Exception:  # a plugin's parser is not ours to trust: refuse the value, keep the app and the form
        return None, FieldError(field.key, "unreadable", field.label)


def _validate_value(field: Field, raw) -> tuple[Any, FieldError | None]:
    parser = _plugin_parse if field.parse else _PARSERS[field.type]
    value, error = (None, None) if _empty(raw) else parser(field, raw)
    if error is None and _empty(value):  # nothing given, or only separators (" , ") for a list
        if field.required:
            return None, FieldError(field.key, "required", field.label)
        return None, None
    return value, error


def read_value(field: Field, raw) -> tuple[Any, FieldError | None]:
    """What one editor's ``raw`` value reads as (one side of a pair: ``field`` without sides), and
    its refusal, exactly as :func:`validate_form` reads it; ``(None, None)`` for nothing given."""
    return _validate_value(field, raw)


def _validate_field(field: Field, raw) -> tuple[Any, list[FieldError]]:
    if not field.sides:
        value, error = _validate_value(field, raw)
        return value, [error] if error else []
    if _empty(raw):
        raw = {}
    choices = field.side_choices()
    unknown = set(raw) - {c.value for c in choices} if isinstance(raw, Mapping) else {None}
    if unknown:  # one value for a pair, or a side the field does not have: never drop it silently
        sides = join_texts(c.label for c in choices)
        return None, [FieldError(field.key, "bad_sides", field.label, {"sides": sides})]
    values, errors = {}, []
    for side in (c.value for c in choices):
        sided = attrs.evolve(field, key=f"{field.key}.{side}", label=_sided_label(field, side))
        value, error = _validate_value(sided, raw.get(side))
        if error:
            errors.append(error)
        elif value is not None:
            values[side] = value
    return (values or None), errors


def _sided_label(field: Field, side: str) -> Text:
    side_label = field.side_label(side)
    return phrase(Text("{field} {side}", "{field} {side}"), field=field.label, side=side_label)


def sided_label(field: Field, side: str) -> Text:
    """The label of one side of a paired field, as its messages name it: «Eje OD (ojo derecho)»."""
    return _sided_label(field, side)


def _read_fields(spec: FormSpec, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    """Each field's clean value (the sides of a pair that read well) and every field's refusal."""
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    for field in spec.fields:
        if field.derived:
            continue
        value, field_errors = _validate_field(field, raw.get(field.key))
        errors.extend(field_errors)
        if value is not None:
            clean[field.key] = value
    return clean, errors


def read_so_far(spec: FormSpec, raw: Mapping[str, Any]) -> dict[str, Any]:
    """What a form being filled says so far: the values that read well, as :func:`validate_form`
    reads them, leaving out what it would refuse (a required field still empty does not hide the
    rest); the form's checks and derived values are not applied. For suggestions, never to save."""
    return _read_fields(spec, raw)[0]


def validate_form(spec: FormSpec, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a filled form against its spec and return the clean, typed values.

    Unknown keys are ignored; empty optional fields are left out. Raises
    :class:`ValidationError` listing every refused field at once.
    """
    clean, errors = _read_fields(spec, raw)
    if not errors and spec.checks:
        errors.extend(spec.checks(clean))
    if errors:
        raise ValidationError(errors)
    if spec.derive:
        clean.update({k: v for k, v in spec.derive(clean).items() if v is not None})
    return clean


def derived_so_far(spec: FormSpec, raw: Mapping[str, Any]) -> dict[str, Any]:
    """What ``spec`` derives from the fields filled in so far that pass their own checks (a PHQ-9
    total as its last question is answered), before the form is whole or saved; nothing is refused."""
    if not spec.derive:
        return {}
    clean, errors = _read_fields(spec, raw)
    refused = {error.field.split(".")[0] for error in errors}  # a pair with one side refused: left out whole
    return {k: v for k, v in spec.derive({k: v for k, v in clean.items() if k not in refused}).items()
            if v is not None}


def to_json(values: Mapping[str, Any]) -> dict[str, Any]:
    """Clean form values as JSON data: dates become their ISO text, decimals stay ``Decimal``, which
    :func:`dump_json` writes as exact JSON numbers (never text, so SQL compares them as numbers)."""

    def convert(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, Mapping):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [convert(v) for v in value]
        return value

    return {k: convert(v) for k, v in values.items()}


def dump_json(data) -> str:
    """JSON data as text with sorted keys, each ``Decimal`` written as the JSON number of its exact
    digits (``8.6``, ``-2.25``: the digits typed, never a float's rounding), so that SQLite's
    ``json_extract(data, '$.weight') > 200`` compares numbers and :func:`load_json` reads back the
    same ``Decimal``. Raises ``ValueError`` for a decimal that is not finite (JSON has no NaN)."""
    if isinstance(data, Decimal):
        if not data.is_finite():
            raise ValueError(f"{data} is not a JSON number")
        return str(data)  # always a valid JSON number: «8.6», «-0», «1E+2»
    if isinstance(data, Mapping):
        items = sorted(data.items(), key=lambda item: str(item[0]))
        return "{" + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)}: {dump_json(v)}" for k, v in items) + "}"
    if isinstance(data, (list, tuple)):
        return "[" + ", ".join(dump_json(v) for v in data) + "]"
    return json.dumps(data, ensure_ascii=False)


#: One decoder for every read: ``json.loads(text, parse_float=…)`` builds a new one on each call,
#: which costs more than decoding a patient's identifiers.
_DECODER = json.JSONDecoder(parse_float=Decimal)


def load_json(text: str):
    """JSON text as written by :func:`dump_json`: numbers with a fraction or an exponent read as
    ``Decimal`` (exact), whole numbers as ``int``. The one reader of form data and procedure detail."""
    return _DECODER.decode(text)


def display_value(field: Field, value, lang: str) -> str:
    """A stored value as a person reads it: choice labels, units, sí/no, sides, or the field's own
    ``summary`` of a value no field type describes."""
    if value is None:
        return ""
    if field.summary is not None:
        return field.summary(value, lang)
    if field.sides and isinstance(value, Mapping):
        one = attrs.evolve(field, sides=())
        declared = [c.value for c in field.side_choices()]
        order = [*declared, *(s for s in value if s not in declared)]  # as declared, not as stored
        return "; ".join(f"{field.side_label(s).get(lang)}: {display_value(one, value[s], lang)}"
                         for s in order if s in value)
    if field.type == FieldType.YES_NO:
        return (Text("sí", "yes") if value in (True, "true", 1) else Text("no", "no")).get(lang)
    if field.type in (FieldType.CHOICE,):
        return field.choice_label(value, lang)
    if field.type == FieldType.SCALE and field.choices:
        return field.step_text(value, lang)
    if field.type in (FieldType.MULTI_CHOICE, FieldType.CODE):
        return ", ".join(field.choice_label(v, lang) for v in value)
    if field.type == FieldType.TOOTH_SET:
        return ", ".join(str(v) for v in value)
    return f"{number_text(field, value) if field.signed else value} {field.unit}".strip()
