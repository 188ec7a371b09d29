"""The one cattrs converter: records to SQLite rows and back.

Money (``Decimal``) is stored as integer céntimos, dates and times as ISO text in UTC, nested
records and dicts as JSON text. A plain ``dict`` field is JSON data (form values, a procedure's
detail): a ``Decimal`` in it is a measurement, written as an exact JSON number and read back as
``Decimal`` (``ayni.core.clinical.forms.dump_json``/``load_json``), never turned into céntimos.
Structuring is strict: a wrong type is an error naming the field, never a silent coercion.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from decimal import Decimal

from collections.abc import Mapping

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.preconf.json import make_converter

from ..clinical.forms import dump_json, load_json
from ..money.fees import from_cents, to_cents

converter = make_converter()


def _strict(kind: type):
    def structure(value, tp):
        if tp is not kind:  # a subclass, such as a StrEnum (Sex): built from its value
            return tp(value)
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return structure


# cattrs dispatches str and int by class before any predicate hook, so the strict hooks are registered
# by class too (a predicate hook for ``tp is str`` would never be reached).
for _kind in (str, int, bool):
    converter.register_structure_hook(_kind, _strict(_kind))

_COLLECTIONS = (list, tuple, set, frozenset)


def _is_collection(tp) -> bool:
    return (typing.get_origin(tp) or tp) in _COLLECTIONS


def _strict_collection(tp, conv):
    """cattrs would turn the string ``"abc"`` given for ``list[str]`` into ``['a', 'b', 'c']``:
    refuse strings and mappings, then structure the items as cattrs does."""
    origin, args = typing.get_origin(tp) or tp, typing.get_args(tp)
    if origin is list:
        inner = list_structure_factory(tp, conv)
    elif origin is tuple and (not args or args[-1] is Ellipsis):
        inner = homogenous_tuple_structure_factory(tp, conv)
    elif origin is tuple:
        inner = conv._structure_tuple
    else:
        inner = conv._structure_set

    def structure(value, cl):
        if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return inner(value, cl)

    return structure


converter.register_structure_hook_factory(_is_collection, _strict_collection)

def _is_enum(tp) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


converter.register_unstructure_hook_func(_is_enum, lambda v: v.value)
converter.register_structure_hook_func(_is_enum, lambda v, tp: tp(v))
converter.register_unstructure_hook(Decimal, to_cents)
converter.register_structure_hook(Decimal, lambda v, _: from_cents(v) if type(v) is int else _bad(v, "céntimos"))
converter.register_unstructure_hook(dt.datetime, lambda v: v.astimezone(dt.timezone.utc).isoformat())
converter.register_structure_hook(dt.datetime, lambda v, _: dt.datetime.fromisoformat(v))
converter.register_unstructure_hook(dt.date, lambda v: v.isoformat())
converter.register_structure_hook(dt.date, lambda v, _: dt.date.fromisoformat(v))


def _json_data(value):
    """A plain ``dict`` field's data, unstructured as everything else except its decimals, which
    stay ``Decimal`` for :func:`dump_json` (they are measurements, not money)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Mapping):
        return {k: _json_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_data(v) for v in value]
    return converter.unstructure(value)


converter.register_unstructure_hook(dict, _json_data)


def _bad(value, expected: str):
    raise TypeError(f"expected {expected}, got {value!r}")


def _is_json_column(tp) -> bool:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return len(args) == 1 and _is_json_column(args[0])
    return origin in (tuple, dict, list) or tp is dict or attrs.has(tp)


def _json_fields(cls) -> tuple[str, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(f.name for f in attrs.fields(cls) if _is_json_column(hints[f.name]))


_JSON_FIELDS: dict[type, tuple[str, ...]] = {}


def json_fields(cls) -> tuple[str, ...]:
    """The fields of ``cls`` stored as JSON text."""
    if cls not in _JSON_FIELDS:
        _JSON_FIELDS[cls] = _json_fields(cls)
    return _JSON_FIELDS[cls]


def to_row(record) -> dict:
    """A record as a row for its table."""
    row = converter.unstructure(record)
    for name in json_fields(type(record)):
        if row[name] is not None:
            row[name] = dump_json(row[name])
    return row


_BOOL_FIELDS: dict[type, frozenset[str]] = {}


def _bool_fields(cls) -> frozenset[str]:
    """The fields of ``cls`` typed ``bool`` (looked up once: ``get_type_hints`` is slow)."""
    if cls not in _BOOL_FIELDS:
        hints = typing.get_type_hints(cls)
        _BOOL_FIELDS[cls] = frozenset(f.name for f in attrs.fields(cls) if hints[f.name] is bool)
    return _BOOL_FIELDS[cls]


@functools.cache  # attrs.fields_dict builds a new dict on every call
def _field_names(cls) -> frozenset[str]:
    return frozenset(attrs.fields_dict(cls))


def from_row(cls, row: dict):
    """A row back into a record of ``cls``; raises ``cattrs`` errors naming the bad field.

    Columns the record does not have (such as ``identifier_numbers``) are ignored.
    """
    known = _field_names(cls)
    data = {k: v for k, v in row.items() if k in known}
    for name in json_fields(cls):
        if isinstance(data.get(name), str):
            data[name] = load_json(data[name])
    for name in _bool_fields(cls):
        if type(data.get(name)) is int and data[name] in (0, 1):
            data[name] = bool(data[name])  # SQLite has no boolean: 0/1 come back as integers
    return converter.structure(data, cls)


def describe(error: Exception) -> list[str]:
    """cattrs errors as lines that name the field path."""
    if isinstance(error, cattrs.BaseValidationError):
        return cattrs.transform_error(error)
    return [str(error)]
