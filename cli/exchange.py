"""Several laptops, one campaign: ``ayni export``, ``ayni merge`` and ``ayni conflicts``.

Registered on the main group by :mod:`ayni.cli`. The rules of a merge are those of
``ayni.core.storage.merge``.
"""

from __future__ import annotations

from pathlib import Path

import click

from ayni.core.i18n import Text

from .context import Settings, pass_settings, say

SAY = {
    "exported": Text("Exportado {path}: {total} registros ({patients} pacientes, {encounters} atenciones) del "
                     "equipo {device}.",
                     "Exported {path}: {total} records ({patients} patients, {encounters} encounters) of laptop "
                     "{device}."),
    "merged": Text("Unido {path} (equipo {device}): {added} registros nuevos, {replaced} reemplazados por una "
                   "versión más reciente, {audit} filas de auditoría de otros equipos.",
                   "Merged {path} (laptop {device}): {added} new records, {replaced} replaced by a newer version, "
                   "{audit} audit rows of other laptops."),
    "nothing_new": Text("{path} (equipo {device}) no trae nada nuevo: no se cambió nada.",
                        "{path} (laptop {device}) brings nothing new: nothing was changed."),
    "shared_letter": Text("¡Atención! Ni el equipo del archivo ni este tienen letra: sus números pueden repetirse. "
                          "Dele una letra a cada uno: ayni --db ARCHIVO init --device C",
                          "Warning: neither the file's laptop nor this one has a letter: their numbers may "
                          "repeat. Give each one a letter: ayni --db FILE init --device C"),
    "conflicts": Text("Para revisar ({n}):", "To check ({n}):"),
    "candidates": Text("¿Misma persona registrada en dos equipos? ({n}):",
                       "The same person registered on two laptops? ({n}):"),
    "none_listed": Text("Nada que revisar.", "Nothing to check."),
    "no_letter": Text("sin letra", "no letter"),
}


def _device(letter: str, lang: str) -> str:
    return letter or say(SAY, "no_letter", lang)


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--campaign", "campaign_id", metavar="ID", help="Solo esta campaña / only this campaign.")
@pass_settings
def export_command(settings: Settings, file: Path, campaign_id: str | None):
    """Exportar lo de este equipo a un archivo / export this laptop's records to one file (for a USB stick)."""
    from ayni.core.storage.devices import this_device
    from ayni.core.storage.exchange import export

    store = settings.open()
    try:
        written = export(store, file, campaign_id)
        letter = this_device(store.db).letter
    finally:
        store.close()
    click.echo(say(SAY, "exported", settings.lang, path=written.path, total=written.total,
                   patients=written.counts.get("patients", 0), encounters=written.counts.get("encounters", 0),
                   device=_device(letter, settings.lang)))


@click.command("merge")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_settings
def merge_command(settings: Settings, file: Path):
    """Unir la exportación de otro equipo / merge another laptop's export into this database."""
    from ayni.core.storage.merge import merge

    store = settings.open()
    try:
        report = merge(store, file)
        device = _device(report.source.device_letter, settings.lang)
        if not report.changed:
            click.echo(say(SAY, "nothing_new", settings.lang, path=file, device=device))
        else:
            click.echo(say(SAY, "merged", settings.lang, path=file, device=device, added=sum(report.added.values()),
                           replaced=sum(report.replaced.values()), audit=report.audit_rows))
        if report.shared_letter:
            click.secho(say(SAY, "shared_letter", settings.lang), fg="yellow", err=True)
        _list(store, report.conflicts, report.candidates, settings.lang)
    finally:
        store.close()


@click.command("conflicts")
@pass_settings
def conflicts_command(settings: Settings):
    """Lo que las uniones dejaron para revisar / what merges left for a person to check."""
    from ayni.core.people.users import require
    from ayni.core.storage.merge import listed

    store = settings.open()
    try:
        require(store, "campaign.merge")
        conflicts, candidates = listed(store)
        _list(store, conflicts, candidates, settings.lang)
        if not conflicts and not candidates:
            click.echo(say(SAY, "none_listed", settings.lang))
    finally:
        store.close()


def _list(store, conflicts, candidates, lang: str) -> None:
    from ayni.core.storage.merge import describe

    for key, items in (("conflicts", conflicts), ("candidates", candidates)):
        if items:
            click.echo(say(SAY, key, lang, n=len(items)))
            for item in items:
                click.echo(f"  · {describe(store, item, lang)}")
