"""Setting up and looking around: ``ayni init``, ``demo``, ``tui`` and ``plugins``."""

from __future__ import annotations

import click

from ayni.core.i18n import Plural, Text

from .context import CliError, Settings, WholeNumber, named, pass_settings, say
from .context import SAY as SHARED

SAY = {
    "db_ready": Text("Base de datos lista: {path} ({patients} pacientes).",
                     "Database ready: {path} ({patients} patients)."),
    "device_letter": Text("Este equipo es el «{letter}»: numera pacientes {letter}-0001, {letter}-0002 … y recibos "
                          "{letter}-000001 …",
                          "This laptop is «{letter}»: it numbers patients {letter}-0001, {letter}-0002 … and receipts "
                          "{letter}-000001 …"),
    "device_none": Text("Este equipo no tiene letra: numera 1, 2, 3 … Si la campaña usa más de un equipo, dele a cada "
                        "uno su propia letra: ayni --db {db} init --device B",
                        "This laptop has no letter: it numbers 1, 2, 3 … If the campaign uses more than one laptop, "
                        "give each its own letter: ayni --db {db} init --device B"),
    "demo_skipped": Text("La base de datos {path} ya tiene {patients} pacientes: no se agregó la campaña demo.",
                         "The database {path} already has {patients} patients: the demo campaign was not added."),
    "demo_done": Plural(
        "Campaña demo «{campaign}» creada en {path}: {days} días en {places}; {patients} pacientes, {encounters} "
        "atenciones de {n} especialidad, {payments} pagos ({seconds:.1f} s).",
        "Campaña demo «{campaign}» creada en {path}: {days} días en {places}; {patients} pacientes, {encounters} "
        "atenciones de {n} especialidades, {payments} pagos ({seconds:.1f} s).",
        "Demo campaign «{campaign}» created in {path}: {days} days at {places}; {patients} patients, {encounters} "
        "encounters of {n} specialty, {payments} payments ({seconds:.1f} s).",
        "Demo campaign «{campaign}» created in {path}: {days} days at {places}; {patients} patients, {encounters} "
        "encounters of {n} specialties, {payments} payments ({seconds:.1f} s)."),
    "plugins_loaded": Text("Plugins cargados ({count}):", "Plugins loaded ({count}):"),
    "plugins_failed": Text("Plugins que NO se cargaron ({count}):", "Plugins that did NOT load ({count}):"),
    "plugin_row": Text("{name}: especialidades {specialties}; {forms} formularios, {procedures} procedimientos",
                       "{name}: specialties {specialties}; {forms} forms, {procedures} procedures"),
    "none": Text("ninguna", "none"),
}


@click.command()
@click.option("--device", metavar="LETRA", help="Letra de este equipo, A–Z o AA–ZZ, para numerar pacientes y recibos "
              "(B-0042) / this laptop's letter for patient and receipt numbers.")
@pass_settings
def init(settings: Settings, device: str | None):
    """Crear o migrar la base / create or migrate the database."""
    from ayni.core.errors import ValidationError
    from ayni.core.people import patients
    from ayni.core.storage import devices

    try:
        letter = devices.check_letter(device) if device is not None else None  # refused before any file is made
    except ValidationError as refused:
        raise CliError(named(refused, {"device": "--device"}, settings.lang)) from None
    store = settings.open(create=True)
    try:
        own = devices.set_letter(store, letter) if letter else devices.this_device(store.db)
        click.echo(say(SAY, "db_ready", settings.lang, path=store.path, patients=patients.count(store)))
        if own.letter:
            click.echo(say(SAY, "device_letter", settings.lang, letter=own.letter))
        else:
            click.echo(say(SAY, "device_none", settings.lang, db=store.path))
    finally:
        store.close()


@click.command()
@click.option("--if-empty", is_flag=True, help="No hacer nada si ya hay pacientes / do nothing if there are patients.")
@click.option("--patients", "n_patients", type=WholeNumber(1, 100_000), default=200, show_default=True,
              help="Cuántos pacientes / how many patients.")
@pass_settings
def demo(settings: Settings, if_empty: bool, n_patients: int):
    """Campaña demo en una base existente (ayni init) / seed the demo campaign into an existing database."""
    import time

    from ayni.core.people import patients

    from .demo import seed

    store = settings.open()
    try:
        existing = patients.count(store)
        if if_empty and existing:
            click.echo(say(SAY, "demo_skipped", settings.lang, path=store.path, patients=existing))
            return
        started = time.perf_counter()
        summary = seed(store, patients=n_patients)
        click.echo(say(SAY, "demo_done", settings.lang, path=store.path, campaign=summary.name, days=summary.days,
                       places=" · ".join(summary.places), patients=summary.patients, encounters=summary.encounters,
                       n=summary.specialties, payments=summary.payments,
                       seconds=time.perf_counter() - started))
    finally:
        store.close()


@click.command()
@pass_settings
@click.pass_context
def tui(ctx: click.Context, settings: Settings):
    """Abrir la interfaz de terminal / open the terminal UI."""
    from ayni.core.storage.store import check_file

    check_file(settings.db)  # a damaged or unwritable file is refused here, cleanly (the app refuses a newer one)
    try:
        from ayni.tui.app import run
    except ImportError as error:
        raise CliError(say(SHARED, "module_missing", settings.lang, what="ayni.tui", error=error)) from None
    ctx.exit(run(settings.db, settings.user, settings.lang) or 0)


def plugin_report(plugins, lang: str) -> tuple[list[str], list[str]]:
    """Lines describing each loaded plugin (name, specialties, forms, procedures), and each failure."""
    def count(hook, name) -> int:
        return sum(len(impl.function() or ()) for impl in hook.get_hookimpls() if impl.plugin_name == name)

    def specialty_names(name) -> str:
        found = [s for impl in plugins.hook.ayni_specialties.get_hookimpls() if impl.plugin_name == name
                 for s in impl.function() or ()]
        return ", ".join(f"{s.key} ({s.name.get(lang)})" for s in found) or say(SAY, "none", lang)

    loaded = [
        say(SAY, "plugin_row", lang, name=name, specialties=specialty_names(name),
            forms=count(plugins.hook.ayni_forms, name), procedures=count(plugins.hook.ayni_procedure_codes, name))
        for name, plugin in plugins.pm.list_name_plugin() if plugin is not None  # in registration order
    ]
    failed = [f"{failure.name}: {failure.error}" for failure in plugins.failures]
    return loaded, failed


@click.command("plugins")
@pass_settings
def plugins_command(settings: Settings):
    """Plugins cargados y fallidos / plugins loaded and failed."""
    from ayni.core.hooks.plugins import default_plugins

    loaded, failed = plugin_report(default_plugins(), settings.lang)
    click.echo(say(SAY, "plugins_loaded", settings.lang, count=len(loaded)))
    for line in loaded:
        click.echo(f"  {line}")
    if failed:
        click.secho(say(SAY, "plugins_failed", settings.lang, count=len(failed)), fg="red", bold=True, err=True)
        for line in failed:
            click.secho(f"  ✗ {line}", fg="red", err=True)
