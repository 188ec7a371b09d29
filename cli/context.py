"""What every ``ayni`` command shares: the global settings, the error handling, the messages.

Nothing heavy is imported at module level (no Textual, no WeasyPrint, not even the storage layer),
so ``ayni --help`` answers at once; each command imports what it needs. Every :class:`AyniError`
(and any file or SQLite error that escapes) becomes one clean message in the chosen language on
stderr with exit code 1, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
import sqlite3
import sys
from pathlib import Path

import attrs
import click

from ayni.core.i18n import Plural, Text

#: The messages more than one command module says; each module keeps its own in its ``SAY``.
SAY = {
    "pdf_written": Text("PDF guardado: {path}", "PDF written: {path}"),
    "module_missing": Text("Esta instalación no incluye {what} ({error}).",
                           "This installation does not include {what} ({error})."),
    "file_unwritable": Text("No se puede escribir {path}: {error}.", "Cannot write {path}: {error}."),
    "bad_whole": Text("«{value}» no es un número entero entre {min} y {max}.",
                      "«{value}» is not a whole number from {min} to {max}."),
    "db_error": Text("Error de la base de datos {path}: {error}.", "Database error in {path}: {error}."),
    "pin_of": Text("PIN de {name}", "PIN of {name}"),
    "plugin_commands_failed": Text("El plugin {name} no pudo agregar sus comandos: {error}",
                                   "The plugin {name} could not add its commands: {error}"),
    "bad_lang": Text("«{value}» no es un idioma disponible; elija uno de: {allowed}.",
                     "«{value}» is not an available language; choose one of: {allowed}."),
}


def say(messages: dict[str, Text | Plural], key: str, lang: str, **params) -> str:
    """The message ``key`` of ``messages`` in ``lang``, filled with ``params``; a :class:`Plural` in
    the form its ``n`` needs."""
    if isinstance(messages[key], Plural):
        return messages[key].format(lang, **params)
    return messages[key].get(lang).format(**params)


class Settings:
    """What the global options chose: the database file, the language and the user writing.
    ``chosen_lang`` is the language only when the person gave one (``--lang`` or ``AYNI_LANG``): a
    document handed to a patient is otherwise in the patient's language."""

    def __init__(self, db: Path, lang: str, user: str, chosen_lang: str | None = None):
        self.db = db
        self.lang = lang
        self.user = user
        self.chosen_lang = chosen_lang

    def open(self, login: bool = True, create: bool = False):
        """Open (migrating if needed) the database as the chosen user; with access control on, ``login``
        asks their PIN first (see ``ayni.core.people.users``). Only ``create`` (``ayni init``) makes a new
        database: otherwise a missing folder, missing file or empty file is refused."""
        from ayni.core.storage.store import open_store

        store = open_store(self.db, user=self.user, create=create)
        if login:
            try:
                login_if_needed(store, self)
            except BaseException:
                store.close()
                raise
        return store


pass_settings = click.make_pass_decorator(Settings)


def login_if_needed(store, settings: Settings) -> None:
    """With access control on, ask the PIN of ``--user`` (hidden) and log them in."""
    from ayni.core.people.users import access_control_on, login

    if access_control_on(store.db) and store.session is None:
        pin = click.prompt(say(SAY, "pin_of", settings.lang, name=settings.user), hide_input=True, err=True)
        login(store, settings.user, pin.strip())


def login_name() -> str:
    """The login name of whoever runs ``ayni`` (``admin`` where there is none)."""
    try:
        return getpass.getuser() or "admin"
    except Exception:  # no login name in some containers and services
        return "admin"


def whole_in_range(text: str, low: int, high: int) -> int | None:
    """``text`` as a whole number from ``low`` to ``high``, or ``None`` when it is not one (at most 18
    digits are read, so a pasted flood of digits costs nothing)."""
    text = text.strip()
    if re.fullmatch(r"[+-]?[0-9]{1,18}", text) and low <= int(text) <= high:
        return int(text)
    return None


class WholeNumber(click.ParamType):
    """A whole number from ``low`` to ``high``; anything else is refused (exit code 2) in the chosen
    language, naming the option and the range, where click's own ``IntRange`` speaks only English."""

    name = "integer"

    def __init__(self, low: int, high: int):
        self.low, self.high = low, high

    def convert(self, value, param, ctx):
        text = str(value).strip()  # defaults arrive as int, typed values as str: both are checked
        number = whole_in_range(text, self.low, self.high)
        if number is not None:
            return number
        self.fail(say(SAY, "bad_whole", lang_of(ctx) if ctx else "es", value=shown_value(text), min=self.low,
                      max=self.high),
                  param, ctx)

    def get_metavar(self, param, ctx=None) -> str:
        return f"{self.low}-{self.high}"


class Language(click.ParamType):
    """A language of the UI (es, en) or one a patient's documents can be printed in
    (:func:`~ayni.core.i18n.document_languages`, e.g. qu); anything else is refused (exit code 2),
    listing those that exist."""

    name = "language"

    def convert(self, value, param, ctx):
        from ayni.core.i18n import LANGUAGES, document_languages

        if value in LANGUAGES:  # the UI's own: no catalogue is looked for
            return value
        printable = document_languages()
        if value in printable:
            return value
        self.fail(say(SAY, "bad_lang", "es", value=shown_value(str(value)), allowed=", ".join(printable)), param, ctx)

    def get_metavar(self, param, ctx=None) -> str:
        from ayni.core.i18n import document_languages

        return "|".join(document_languages())


class CliError(click.ClickException):
    """A message for a person, already in their language: printed as ``Error: …`` with exit code 1."""


class AyniGroup(click.Group):
    """A click group that turns every Ayni, SQLite and file error into a :class:`CliError`, and whose
    Click messages («Uso:», «Opción no válida») are in the language ``--lang`` chose."""

    def main(self, args=None, *rest, **kwargs):
        from .clickwords import chosen_language, speak

        args = sys.argv[1:] if args is None else list(args)
        speak(chosen_language(args, os.environ), self)
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx: click.Context):
        from ayni.core.errors import AyniError

        try:
            return super().invoke(ctx)
        except AyniError as error:
            raise CliError(error.message(lang_of(ctx))) from None
        except sqlite3.Error as error:
            settings = ctx.find_object(Settings)
            raise CliError(say(SAY, "db_error", lang_of(ctx), path=settings.db if settings else "?",
                               error=error)) from None
        except BrokenPipeError:  # the reader went away (``ayni stock list | head``): nothing more to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the flush at exit is quiet too
            ctx.exit(1)
        except OSError as error:
            raise CliError(say(SAY, "file_unwritable", lang_of(ctx), path=error.filename or "?",
                               error=error.strerror or error)) from None


def lang_of(ctx: click.Context) -> str:
    """The language the global ``--lang`` chose (Spanish before it is parsed)."""
    settings = ctx.find_object(Settings)
    return settings.lang if settings else ctx.find_root().params.get("lang") or "es"


# -- arguments read here, refused in the person's language -------------------------------------


def named(error, names: dict[str, str], lang: str) -> str:
    """A core refusal, each message naming the command-line argument instead of the form field."""
    from ayni.core.errors import ValidationError

    if not isinstance(error, ValidationError):
        return error.message(lang)
    lines = []
    for e in error.errors:
        arg = names.get(e.field)
        lines.append((attrs.evolve(e, label=Text(arg, arg)) if arg else e).message(lang))
    return "\n".join(lines)


def refuse(field: str, key: str, arg: str, lang: str, **params) -> CliError:
    """The core's message ``key`` about the argument ``arg``, as a :class:`CliError`."""
    from ayni.core.errors import FieldError

    return CliError(FieldError(field, key, Text(arg, arg), params).message(lang))


def whole_argument(raw: str | None, arg: str, low: int, high: int, lang: str) -> int | None:
    """The whole number from ``low`` to ``high`` given as ``arg`` (``None`` when not given)."""
    if raw is None:
        return None
    value = whole_in_range(raw, low, high)
    if value is None:
        raise refuse(arg, "out_of_range", arg, lang, min=low, max=high, unit="")
    return value


def date_argument(raw: str | None, arg: str, lang: str) -> dt.date | None:
    """The ``YYYY-MM-DD`` date given as ``arg`` (``None`` when not given)."""
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise refuse(arg, "bad_date", arg, lang) from None


# -- patients and encounters as a person names them ------------------------------------------------

REFERENCES = {
    "patient": Text("Paciente", "Patient"),
    "encounter": Text("Atención", "Encounter"),
    "patient_not_found": Text(
        "{arg}: no hay ningún paciente «{value}»; escriba el número de su tarjeta (A-0042, o 42) o su id.",
        "{arg}: there is no patient «{value}»; give their card number (A-0042, or 42) or their id."),
    "encounter_not_found": Text(
        "{arg}: no hay ninguna atención «{value}»; escriba la referencia que muestran la atención y la historia "
        "(p. ej. 3f2a9c1b; basta su comienzo) o su id.",
        "{arg}: there is no encounter «{value}»; give the reference the encounter and the history show "
        "(e.g. 3f2a9c1b; its start is enough) or its id."),
    "patient_ambiguous": Text(
        "{arg}: «{value}» es el número de más de un paciente: {matches}; escriba el número con su letra.",
        "{arg}: «{value}» is the number of more than one patient: {matches}; give the number with its letter."),
    "encounter_ambiguous": Text(
        "{arg}: «{value}» es el comienzo de más de una atención: {matches}; escriba más caracteres.",
        "{arg}: «{value}» is the start of more than one encounter: {matches}; type more characters."),
}


def shown_value(text: str) -> str:
    """What a person typed, fit to be echoed back: its first 40 characters, control characters as «?»
    (no terminal escapes)."""
    return "".join(c if c.isprintable() else "?" for c in text[:40])


def resolve(store, kind: str, typed: str, lang: str, arg: str | None = None) -> str:
    """The id of the ``kind`` (``"patient"`` or ``"encounter"``) a person typed: a patient by card
    number («A-0042», «42», preferring this laptop's) or id; an encounter by the reference the
    screens show (any prefix of its id of at least four characters) or id. None, or more than one
    that fit equally, is a :class:`CliError` naming the option ``arg`` (else the argument, «Paciente»
    or «Atención») and the matches."""
    arg = arg or say(REFERENCES, kind, lang)
    text = typed.strip()
    matches = (_patients_named if kind == "patient" else _encounters_named)(store, text)
    if not matches:
        raise CliError(say(REFERENCES, f"{kind}_not_found", lang, arg=arg, value=shown_value(text)))
    if len(matches) > 1:
        raise CliError(say(REFERENCES, f"{kind}_ambiguous", lang, arg=arg, value=shown_value(text),
                           matches=", ".join(matches.values())))
    return next(iter(matches))


def _patients_named(store, text: str) -> dict[str, str]:
    """``{id: card number}`` of the patients a card number names (the unlettered or this laptop's
    alone when digits fit several laptops' numbers), else of the patient with that id."""
    from ayni.core.people import patients
    from ayni.core.storage.devices import this_device

    found = patients.by_number(store, text)
    if found and found[0].device in ("", this_device(store.db).letter):
        found = found[:1]
    if not found and store.row("patients", text):
        return {text: text}
    return {p.id: p.card_number for p in found}


def _encounters_named(store, text: str) -> dict[str, str]:
    """``{id: reference}`` of the encounter with id ``text``, else of those its reference fits."""
    from ayni.core.clinical.encounters import by_reference, reference

    ids = [text] if store.row("encounters", text) else by_reference(store, text)
    return {i: reference(i) for i in ids}
