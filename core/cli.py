"""The ``ayni`` command: create the database, seed the demo campaign, open the UI, list plugins, print PDFs.

Nothing heavy is imported at module level (no Textual, no WeasyPrint, not even the storage layer),
so ``ayni --help`` answers at once; each command imports what it needs. Every :class:`AyniError`
(and any file or SQLite error that escapes) becomes one clean message in the chosen language on
stderr with exit code 1, never a traceback.
"""

from __future__ import annotations

import getpass
import re
import sqlite3
from pathlib import Path

import click

from .i18n import Text

#: What the command itself says; the core's own messages come from ``ayni.core.i18n``.
SAY = {
    "db_ready": Text("Base de datos lista: {path} ({patients} pacientes).",
                     "Database ready: {path} ({patients} patients)."),
    "demo_skipped": Text("La base de datos {path} ya tiene {patients} pacientes: no se agregó la campaña demo.",
                         "The database {path} already has {patients} patients: the demo campaign was not added."),
    "demo_done": Text("Campaña demo «{campaign}» creada en {path}: {patients} pacientes, {encounters} atenciones, "
                      "{payments} pagos ({seconds:.1f} s).",
                      "Demo campaign «{campaign}» created in {path}: {patients} patients, {encounters} encounters, "
                      "{payments} payments ({seconds:.1f} s)."),
    "plugins_loaded": Text("Plugins cargados ({count}):", "Plugins loaded ({count}):"),
    "plugins_failed": Text("Plugins que NO se cargaron ({count}):", "Plugins that did NOT load ({count}):"),
    "plugin_row": Text("{name}: especialidades {specialties}; {forms} formularios, {procedures} procedimientos",
                       "{name}: specialties {specialties}; {forms} forms, {procedures} procedures"),
    "none": Text("ninguna", "none"),
    "pdf_written": Text("PDF guardado: {path}", "PDF written: {path}"),
    "visit_not_found": Text("No existe la atención (encuentro) con id {id}.", "There is no encounter with id {id}."),
    "module_missing": Text("Esta instalación no incluye {what} ({error}).",
                           "This installation does not include {what} ({error})."),
    "file_unwritable": Text("No se puede escribir {path}: {error}.", "Cannot write {path}: {error}."),
    "bad_whole": Text("«{value}» no es un número entero entre {min} y {max}.",
                      "«{value}» is not a whole number from {min} to {max}."),
    "db_error": Text("Error de la base de datos {path}: {error}.", "Database error in {path}: {error}."),
}


def say(key: str, lang: str, **params) -> str:
    """The command's message ``key`` in ``lang``."""
    return SAY[key].get(lang).format(**params)


class Settings:
    """What the global options chose: the database file, the language and the user writing."""

    def __init__(self, db: Path, lang: str, user: str):
        self.db = db
        self.lang = lang
        self.user = user

    def open(self, login: bool = True, create: bool = False):
        """Open (migrating if needed) the database as the chosen user; with access control on, ``login``
        asks their PIN first (see ``ayni.core.users``). Only ``create`` (``ayni init``) makes a new
        database: otherwise a missing folder, missing file or empty file is refused."""
        from .store import open_store

        store = open_store(self.db, user=self.user, create=create)
        if login:
            from .cli_campaign import login_if_needed

            try:
                login_if_needed(store, self)
            except BaseException:
                store.close()
                raise
        return store


class WholeNumber(click.ParamType):
    """A whole number from ``low`` to ``high``; anything else is refused (exit code 2) in the chosen
    language, naming the option and the range, where click's own ``IntRange`` speaks only English."""

    name = "integer"

    def __init__(self, low: int, high: int):
        self.low, self.high = low, high

    def convert(self, value, param, ctx):
        text = str(value).strip()  # defaults arrive as int, typed values as str: both are checked
        if re.fullmatch(r"[+-]?[0-9]{1,18}", text) and self.low <= int(text) <= self.high:
            return int(text)
        shown = "".join(c if c.isprintable() else "?" for c in text[:40])  # no terminal escapes echoed back
        self.fail(say("bad_whole", _lang(ctx) if ctx else "es", value=shown, min=self.low, max=self.high), param, ctx)

    def get_metavar(self, param, ctx=None) -> str:
        return f"{self.low}-{self.high}"


class CliError(click.ClickException):
    """A message for a person, already in their language: printed as ``Error: …`` with exit code 1."""


class AyniGroup(click.Group):
    """A click group that turns every Ayni, SQLite and file error into a :class:`CliError`."""

    def invoke(self, ctx: click.Context):
        from .errors import AyniError

        try:
            return super().invoke(ctx)
        except AyniError as error:
            raise CliError(error.message(_lang(ctx))) from None
        except sqlite3.Error as error:
            settings = ctx.find_object(Settings)
            raise CliError(say("db_error", _lang(ctx), path=settings.db if settings else "?", error=error)) from None
        except OSError as error:
            raise CliError(say("file_unwritable", _lang(ctx), path=error.filename or "?",
                               error=error.strerror or error)) from None


def _lang(ctx: click.Context) -> str:
    settings = ctx.find_object(Settings)
    return settings.lang if settings else "es"


def _login_name() -> str:
    try:
        return getpass.getuser() or "admin"
    except Exception:  # no login name in some containers and services
        return "admin"


@click.group(cls=AyniGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), envvar="AYNI_DB",
              help="Archivo de la base de datos / database file [AYNI_DB; default: ayni.db in the user data dir].")
@click.option("--lang", type=click.Choice(["es", "en"]), envvar="AYNI_LANG", default="es", show_default=True,
              help="Idioma / language [AYNI_LANG].")
@click.option("--user", envvar="AYNI_USER", default=_login_name, show_default="login name",
              help="Quién escribe / who is writing [AYNI_USER].")
@click.version_option(package_name="ayni")
@click.pass_context
def main(ctx: click.Context, db: Path | None, lang: str, user: str):
    """Ayni: historias clínicas para campañas médicas, sin internet.

    Ayni: clinical records for medical mission campaigns, offline.
    """
    if db is None:
        from .store import default_db_path

        db = default_db_path()
    ctx.obj = Settings(db, lang, user.strip() or "admin")


pass_settings = click.make_pass_decorator(Settings)


@main.command()
@pass_settings
def init(settings: Settings):
    """Crear o migrar la base / create or migrate the database."""
    from . import patients

    store = settings.open(create=True)
    try:
        click.echo(say("db_ready", settings.lang, path=store.path, patients=patients.count(store)))
    finally:
        store.close()


@main.command()
@click.option("--if-empty", is_flag=True, help="No hacer nada si ya hay pacientes / do nothing if there are patients.")
@click.option("--patients", "n_patients", type=WholeNumber(1, 100_000), default=200, show_default=True,
              help="Cuántos pacientes / how many patients.")
@pass_settings
def demo(settings: Settings, if_empty: bool, n_patients: int):
    """Campaña demo en una base existente (ayni init) / seed the demo campaign into an existing database."""
    import time

    from . import demo as demo_data
    from . import patients

    store = settings.open()
    try:
        existing = patients.count(store)
        if if_empty and existing:
            click.echo(say("demo_skipped", settings.lang, path=store.path, patients=existing))
            return
        started = time.perf_counter()
        summary = demo_data.seed(store, patients=n_patients)
        click.echo(say("demo_done", settings.lang, path=store.path, campaign=summary.campaign.name,
                       patients=summary.patients, encounters=summary.encounters, payments=summary.payments,
                       seconds=time.perf_counter() - started))
    finally:
        store.close()


@main.command()
@pass_settings
@click.pass_context
def tui(ctx: click.Context, settings: Settings):
    """Abrir la interfaz de terminal / open the terminal UI."""
    from .store import check_file

    check_file(settings.db)  # a damaged or unwritable file is refused here, cleanly (the app refuses a newer one)
    try:
        from ayni.tui.app import run
    except ImportError as error:
        raise CliError(say("module_missing", settings.lang, what="ayni.tui", error=error)) from None
    ctx.exit(run(settings.db, settings.user, settings.lang) or 0)


def plugin_report(plugins, lang: str) -> tuple[list[str], list[str]]:
    """Lines describing each loaded plugin (name, specialties, forms, procedures), and each failure."""
    def count(hook, name) -> int:
        return sum(len(impl.function() or ()) for impl in hook.get_hookimpls() if impl.plugin_name == name)

    def specialty_names(name) -> str:
        found = [s for impl in plugins.hook.ayni_specialties.get_hookimpls() if impl.plugin_name == name
                 for s in impl.function() or ()]
        return ", ".join(f"{s.key} ({s.name.get(lang)})" for s in found) or say("none", lang)

    loaded = [
        say("plugin_row", lang, name=name, specialties=specialty_names(name),
            forms=count(plugins.hook.ayni_forms, name), procedures=count(plugins.hook.ayni_procedure_codes, name))
        for name, plugin in plugins.pm.list_name_plugin() if plugin is not None  # in registration order
    ]
    failed = [f"{failure.name}: {failure.error}" for failure in plugins.failures]
    return loaded, failed


@main.command("plugins")
@pass_settings
def plugins_command(settings: Settings):
    """Plugins cargados y fallidos / plugins loaded and failed."""
    from .plugins import default_plugins

    loaded, failed = plugin_report(default_plugins(), settings.lang)
    click.echo(say("plugins_loaded", settings.lang, count=len(loaded)))
    for line in loaded:
        click.echo(f"  {line}")
    if failed:
        click.secho(say("plugins_failed", settings.lang, count=len(failed)), fg="red", bold=True, err=True)
        for line in failed:
            click.secho(f"  ✗ {line}", fg="red", err=True)


@main.group()
def pdf():
    """Imprimir documentos en PDF / print PDF documents."""


@pdf.command("visit")
@click.argument("encounter_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Archivo PDF a escribir / PDF file to write.")
@pass_settings
def pdf_visit(settings: Settings, encounter_id: str, output: Path):
    """Resumen de una atención / visit summary of one encounter."""
    store = settings.open()
    try:
        if store.row("encounters", encounter_id) is None:
            raise CliError(say("visit_not_found", settings.lang, id=encounter_id))
        try:
            from .pdf import render_visit
        except ImportError as error:
            raise CliError(say("module_missing", settings.lang, what="ayni.core.pdf", error=error)) from None
        data = render_visit(store, encounter_id, settings.lang)
    finally:
        store.close()
    from .files import write_file

    write_file(output, data)
    click.echo(say("pdf_written", settings.lang, path=output))


from .cli_stock import cashier, stock  # noqa: E402 - they use the group and settings above

main.add_command(stock)
main.add_command(cashier)


from .cli_campaign import backup, restore, serve, users  # noqa: E402  (they use the names above)

for _command in (users, serve, backup, restore):
    main.add_command(_command)

from .cli_audit import audit  # noqa: E402 - uses the settings above

main.add_command(audit)

from .reports.cli import add_commands as _add_report_commands  # noqa: E402 - uses the groups above

_add_report_commands(main, pdf)
