"""Form data saved before numbers were JSON numbers: the decimals a form declares were written as
text (``"weight": "8.6"``), which SQL compares as text. :func:`numbers_in_stored_forms` rewrites
them as the JSON numbers they are, for the core's ``form_data`` (migration 0022), for a plugin
that keeps forms in a table of its own and for the decimals nested in a plugin's own value shape
(``FormSpec.number_paths``: a prescription's doses), each in its own migration; a merge of an
export from before 0022 converts its rows on the way in by the same rule
(:func:`numbers_in_form_text`).

Which values are numbers is read from the registered :class:`FormSpec` of each row's form, not
guessed from how a value looks: a text field holding digits (a phone, a lot number, «007») stays
text. The specs are those of the plugins being opened (:func:`forms_known`, set by ``open_store``
around the migrations); a form no loaded plugin declares is left as it was and counted in the note.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import re
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal

from ..clinical.forms import FieldType, FormSpec, dump_json, load_json
from ..model import utcnow
from .auditchain import append as append_audit

#: The forms of the plugins of the database being opened, while its migrations run.
_KNOWN_FORMS: contextvars.ContextVar[Mapping[str, FormSpec]] = contextvars.ContextVar("known_forms", default={})

_NUMBER_TYPES = {FieldType.INTEGER: int, FieldType.SCALE: int, FieldType.DECIMAL: Decimal}
#: A number as :func:`ayni.core.clinical.forms.to_json` used to write it (``str`` of a ``Decimal``:
#: «8.6», and «1E+1» for a whole dose of 10 normalised).
_STORED_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?(?:E[+-]?[0-9]+)?")


@contextlib.contextmanager
def forms_known(forms: Mapping[str, FormSpec]):
    """Inside it, :func:`known_forms` are ``forms``: the migrations of one database see its plugins' forms."""
    token = _KNOWN_FORMS.set(forms)
    try:
        yield
    finally:
        _KNOWN_FORMS.reset(token)


def known_forms() -> Mapping[str, FormSpec]:
    """The forms of the plugins of the database whose migrations are running (empty outside them)."""
    return _KNOWN_FORMS.get()


def _as_number(kind: type, value):
    if not (isinstance(value, str) and _STORED_NUMBER.fullmatch(value)):
        return value
    number = Decimal(value)
    if kind is int:
        return int(number) if number == number.to_integral_value() else value  # «7.5» is no whole number
    return number


def _numbers_at(value, steps: list[str]):
    """``value`` with the decimals written as text where ``steps`` lead (keys, ``*`` for every item
    of a list or value of a mapping) turned into numbers; whatever has another shape is kept."""
    if not steps:
        return _as_number(Decimal, value)
    step, rest = steps[0], steps[1:]
    if isinstance(value, Mapping):
        return {k: _numbers_at(v, rest) if step in ("*", k) else v for k, v in value.items()}
    if isinstance(value, list) and step == "*":
        return [_numbers_at(v, rest) for v in value]
    return value


def numbers_as_numbers(data: Mapping, spec: FormSpec) -> dict:
    """``data`` with every value of a number field of ``spec`` (each side of a pair too), and every
    value at one of its ``number_paths``, that was stored as text turned into the number:
    ``Decimal`` for a decimal, ``int`` for a whole number. Anything else (text that is not a plain
    number, a structure of another shape) stays as it was."""
    converted = dict(data)
    for field in spec.fields:
        kind = _NUMBER_TYPES.get(field.type)
        if kind is None or field.key not in data:
            continue
        value = data[field.key]
        if field.sides and isinstance(value, Mapping):
            converted[field.key] = {side: _as_number(kind, v) for side, v in value.items()}
        else:
            converted[field.key] = _as_number(kind, value)
    for path in spec.number_paths:
        converted = _numbers_at(converted, path.split("."))
    return converted


def numbers_in_form_text(text: str | None, spec: FormSpec) -> str | None:
    """The saved form ``text`` (JSON) of ``spec`` rewritten with its numbers as JSON numbers
    (:func:`numbers_as_numbers`), or ``None`` when nothing in it changes (it is then kept as it was
    written, byte for byte). The one rule of the migrations and of a merge."""
    if not text:
        return None
    data = load_json(text)
    converted = numbers_as_numbers(data, spec)
    return dump_json(converted) if converted != data else None


def numbers_in_stored_forms(db, table: str, column: str, migration: str,
                            forms: Mapping[str, FormSpec] | None = None, owned: bool = False) -> dict:
    """Rewrite the form data of ``table`` (JSON in ``column``, its form named by ``form_key``) with
    its numbers as JSON numbers, in place, inside the running migration.

    The values do not change, only how they are written, so no revision is added: the change is
    noted once in the audit log (action ``storage_format``, by ``migration``) with the rows rewritten
    per form and the rows of forms no spec was found for, which are kept as they were (no note when
    the table has no form rows at all). ``forms``
    defaults to :func:`known_forms`. With ``owned``, only the rows of ``forms`` are read: a plugin's
    own forms in the core's ``form_data``, which it shares with other plugins' forms (neither
    rewritten nor counted). Returns that note.
    """
    forms = known_forms() if forms is None else forms
    rewritten: Counter = Counter()
    unknown: Counter = Counter()
    updates = []
    query = f"SELECT rowid, form_key, [{column}] FROM [{table}]"
    if owned:
        query += f" WHERE form_key IN ({', '.join('?' for _ in forms)})"
    for rowid, form_key, text in db.execute(query, list(forms) if owned else []).fetchall():
        spec = forms.get(form_key)
        if spec is None:
            unknown[form_key] += 1
            continue
        converted = numbers_in_form_text(text, spec)
        if converted is not None:
            updates.append((converted, rowid))
            rewritten[form_key] += 1
    db.conn.executemany(f"UPDATE [{table}] SET [{column}] = ? WHERE rowid = ?", updates)
    note = {"migration": migration, "column": column, "rewritten": dict(sorted(rewritten.items())),
            "unknown_forms_kept": dict(sorted(unknown.items()))}
    if rewritten or unknown:
        append_audit(db, [{"at": utcnow().isoformat(), "user_id": "", "action": "storage_format", "table_name": table,
                           "record_id": "", "data": json.dumps(note, ensure_ascii=False), "previous": None}])
    return note
