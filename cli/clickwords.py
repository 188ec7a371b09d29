"""Click's own messages («Usage:», «No such option», «Show this message and exit.») in Spanish.

Click marks every message it prints for gettext and looks it up through the ``gettext`` and
``ngettext`` functions of Python's :mod:`gettext` module, which each of its modules imported by
name. :func:`speak` points those names at :data:`SPANISH` while the command line speaks Spanish,
and back at Python's own (Click's English) otherwise, so no catalogue file has to be found on disk
before the first word is printed. A message missing here stays in Click's English.
"""

from __future__ import annotations

import gettext
import importlib
import sys

#: Click's message ids (exactly as Click writes them) and their Spanish.
SPANISH: dict[str, str] = {
    "Usage:": "Uso:",
    "Options": "Opciones",
    "Commands": "Comandos",
    "Positional arguments": "Argumentos",
    "Show this message and exit.": "Muestra este mensaje y sale.",
    "Show the version and exit.": "Muestra la versión y sale.",
    "%(prog)s, version %(version)s": "%(prog)s, versión %(version)s",
    "Error: {message}": "Error: {message}",
    "Try '{command} {option}' for help.": "Escriba «{command} {option}» para ver la ayuda.",
    "Aborted!": "Cancelado.",
    "No such option {name!r}.": "Opción no válida: {name}.",
    "No such command {name!r}.": "Comando no válido: {name}.",
    "Missing command.": "Falta el comando.",
    "Missing argument": "Falta el argumento",
    "Missing option": "Falta la opción",
    "Missing parameter": "Falta el parámetro",
    "Missing {param_type}": "Falta {param_type}",
    "Missing parameter: {param_name}": "Falta el parámetro: {param_name}",
    "Invalid value: {message}": "Valor no válido: {message}",
    "Invalid value for {param_hint}: {message}": "Valor no válido para {param_hint}: {message}",
    "Option {name!r} does not take a value.": "La opción {name} no lleva valor.",
    "Argument {name!r} takes {nargs} values.": "El argumento {name} lleva {nargs} valores.",
    "Invalid start character for option ({option})": "Carácter inicial no válido para una opción ({option})",
    "{value!r} is not a valid {number_type}.": "«{value}» no es un {number_type} válido.",
    "{value} is not in the range {range}.": "{value} no está en el rango {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "«{value}» no es sí/no válido. Valores reconocidos: {states}",
    "{value!r} is not a valid UUID.": "«{value}» no es un UUID válido.",
    "{value!r} does not match the format {format}.": "«{value}» no tiene el formato {format}.",
    "file": "el archivo",
    "directory": "la carpeta",
    "path": "la ruta",
    "{name} {filename!r} does not exist.": "No existe {name} «{filename}».",
    "{name} {filename!r} is a file.": "{name} «{filename}» es un archivo.",
    "{name} {filename!r} is a directory.": "{name} «{filename}» es una carpeta.",
    "{name} {filename!r} is not readable.": "No se puede leer {name} «{filename}».",
    "{name} {filename!r} is not writable.": "No se puede escribir {name} «{filename}».",
    "Could not open file {filename!r}: {message}": "No se pudo abrir el archivo «{filename}»: {message}",
    "env var: {var}": "variable de entorno: {var}",
    "default: {default}": "por omisión: {default}",
    "required": "obligatorio",
    "(dynamic)": "(variable)",
    "Do you want to continue?": "¿Desea continuar?",
    "Confirm the action without prompting.": "Confirma la acción sin preguntar.",
    "Repeat for confirmation": "Repita para confirmar",
    "Error: The two entered values do not match.": "Error: los dos valores escritos no coinciden.",
    "Error: invalid input": "Error: valor no válido",
    "Press any key to continue...": "Pulse una tecla para continuar…",
    "Choose from:\n\t{choices}": "Elija entre:\n\t{choices}",
    "unknown error": "error desconocido",
}

#: Click's singular message ids, with the Spanish for one and for more.
SPANISH_PLURAL: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": ("Sobra un argumento ({args})", "Sobran argumentos ({args})"),
    "Option {name!r} requires an argument.": ("La opción {name} necesita un valor.",
                                               "La opción {name} necesita {nargs} valores."),
    "Did you mean {possibility}?": ("¿Quiso decir {possibility}?", "(¿Quiso decir una de: {possibilities}?)"),
    "{value!r} is not {choice}.": ("«{value}» no es {choice}.", "«{value}» no es una de: {choices}."),
    "Takes {nargs} values but 1 was given.": ("Lleva {nargs} valores, pero se dio 1.",
                                              "Lleva {nargs} valores, pero se dieron {len}."),
}

_language = "en"


def _gettext(message: str) -> str:
    return SPANISH.get(message, message) if _language != "en" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    if _language != "en" and singular in SPANISH_PLURAL:
        return SPANISH_PLURAL[singular][n != 1]
    return singular if n == 1 else plural


def speak(lang: str, command=None) -> None:
    """From now on Click speaks ``lang``: English for ``en``, Spanish for every other language.
    ``command`` (the root command) has the ``--help`` texts Click already made refreshed."""
    global _language
    _language = lang
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) in (gettext.gettext, _gettext):
                module._ = _gettext
            if getattr(module, "ngettext", None) in (gettext.ngettext, _ngettext):
                module.ngettext = _ngettext
    if command is not None:
        _refresh_help_options(command)


def import_as_at_start(name: str, package: str):
    """Import the module ``name`` (relative to ``package``) with Click speaking English, as it did when
    every command's module was imported at start-up: the words Click fixes when an option is declared
    (``click.Path``'s «FILE») are then the same whichever language runs and whatever ran before."""
    global _language
    spoken, _language = _language, "en"
    try:
        return importlib.import_module(name, package)
    finally:
        _language = spoken


def _refresh_help_options(command) -> None:
    # Click (≥ 8.1.8) keeps each command's --help option once made, with its text already looked up.
    option = getattr(command, "_help_option", None)
    if option is not None:
        option.help = _gettext("Show this message and exit.")
    for sub in getattr(command, "commands", {}).values():
        _refresh_help_options(sub)


def chosen_language(args: list[str], environ) -> str:
    """The language ``--lang`` (or ``AYNI_LANG``) will choose, read before Click parses anything,
    so that a mistake in the command line itself is already explained in that language."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
    return environ.get("AYNI_LANG") or "es"
