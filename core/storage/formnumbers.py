"""Form data saved before numbers were JSON numbers: the decimals a form declares were written as
text (``"weight": "8.6"``), which SQL compares as text. :func:`numbers_in_stored_forms` rewrites
them as the JSON numbers they are, for the core's ``form_data`` (migration 0020) and for a plugin
that keeps forms in a table of its own (in its own migration).

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
#: A number as :func:`ayni.core.clinical.forms.to_json` used to write it (``str`` of a ``Decimal``).
_STORED_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


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
    if isinstance(value, str) and _STORED_NUMBER.fullmatch(value):
        return kind(value)
    return value


def numbers_as_numbers(data: Mapping, spec: FormSpec) -> dict:
    """``data`` with every value of a number field of ``spec`` (each side of a pair too) that was
    stored as text turned into the number: ``Decimal`` for a decimal, ``int`` for a whole number.
    Anything else (text that is not a plain number, a plugin's own structure) stays as it was."""
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
    return converted


def numbers_in_stored_forms(db, table: str, column: str, migration: str,
                            forms: Mapping[str, FormSpec] | None = None) -> dict:
    """Rewrite the form data of ``table`` (JSON in ``column``, its form named by ``form_key``) with
    its numbers as JSON numbers, in place, inside the running migration.

    The values do not change, only how they are written, so no revision is added: the change is
    noted once in the audit log (action ``storage_format``, by ``migration``) with the rows rewritten
    per form and the rows of forms no spec was found for, which are kept as they were (no note when
    the table has no form rows at all). ``forms``
    defaults to :func:`known_forms`. Returns that note.
    """
    forms = known_forms() if forms is None else forms
    rewritten: Counter = Counter()
    unknown: Counter = Counter()
    updates = []
    for rowid, form_key, text in db.execute(f"SELECT rowid, form_key, [{column}] FROM [{table}]").fetchall():
        spec = forms.get(form_key)
        if spec is None:
            unknown[form_key] += 1
            continue
        if not text:
            continue
        data = load_json(text)
        converted = numbers_as_numbers(data, spec)
        if converted != data:
            updates.append((dump_json(converted), rowid))
            rewritten[form_key] += 1
    db.conn.executemany(f"UPDATE [{table}] SET [{column}] = ? WHERE rowid = ?", updates)
    note = {"migration": migration, "column": column, "rewritten": dict(sorted(rewritten.items())),
            "unknown_forms_kept": dict(sorted(unknown.items()))}
    if rewritten or unknown:
        append_audit(db, [{"at": utcnow().isoformat(), "user_id": "", "action": "storage_format", "table_name": table,
                           "record_id": "", "data": json.dumps(note, ensure_ascii=False), "previous": None}])
    return note
