"""Errors that reach a person: each carries a message key and renders in their language."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

import attrs

from .i18n import DEFAULT_LANG, Plural, Text, t


@attrs.frozen
class FieldError:
    """One refused field: which field, why (a message key) and the values for the message.

    ``label`` is the field's own bilingual label, so the message names the field as the form does.
    A :class:`Text` among ``params`` is shown in the message's language.
    """

    field: str
    key: str
    label: Text | None = None
    params: dict = attrs.field(factory=dict, hash=False)
    text: Text | None = None  # a plugin's own message template, used instead of the core ``key``

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """The message in ``lang``, naming the field."""
        name = self.label.get(lang) if self.label else self.field
        params = {k: v.get(lang) if isinstance(v, Text) else v for k, v in self.params.items()}
        if self.text is not None:
            return self.text.get(lang).format(field=name, **params)
        return t(self.key, lang, field=name, **params)


class AyniError(Exception):
    """Base of every error Ayni shows to a person instead of a traceback.

    Its message is the core's message ``key``; a subclass with messages of its own gives them as
    :attr:`MESSAGES` (``{key: Text}``, or a :class:`Plural` counted by the ``n`` of ``params``). A :class:`Text` among ``params`` is shown in the message's language.
    """

    #: The subclass's own message templates by key (``None``: the core's, through :func:`t`).
    MESSAGES: Mapping[str, Text] | None = None

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """The message in ``lang``."""
        if self.MESSAGES is None:
            return t(self.key, lang, **self.params)
        params = {k: v.get(lang) if isinstance(v, Text) else v for k, v in self.params.items()}
        said = self.MESSAGES[self.key]
        if isinstance(said, Plural):  # counted by its ``n``
            return said.format(lang, **params)
        return said.get(lang).format(**params)


class ValidationError(AyniError):
    """Input refused: one or more :class:`FieldError`. Nothing was written."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        self.key = "validation"
        self.params = {}
        Exception.__init__(self, self.message("en"))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return "\n".join(e.message(lang) for e in self.errors)

    def fields(self) -> set[str]:
        """The keys of the refused fields."""
        return {e.field for e in self.errors}


class StoreError(AyniError):
    """The database cannot be opened or written: newer schema, damaged file, unwritable path."""


class WriteError(StoreError, sqlite3.DatabaseError):
    """The database refused a write (a full disk, a read-only file, a lock held too long, a rule such
    as «never deleted»): nothing was written. Still a ``sqlite3.DatabaseError`` for code that handles
    those; shown to a person as a message naming the file."""
