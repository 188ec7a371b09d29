"""Several laptops, one campaign: ``ayni export``, ``ayni merge`` and ``ayni conflicts`` (``check``).

Registered on the main group by :mod:`ayni.cli`. The rules of a merge are those of
``ayni.core.storage.merge``.
"""

from __future__ import annotations

from pathlib import Path

import click

from ayni.core.i18n import Plural, Text

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
    "joined": Text("Unidos como una sola persona, por tener el mismo documento, sexo y fecha de nacimiento ({n}; "
                   "se deshace con ayni patients unmerge NÚMERO):",
                   "Joined as one person, for the same document, sex and birth date ({n}; undone with ayni "
                   "patients unmerge NUMBER):"),
    "none_listed": Text("Nada que revisar.", "Nothing to check."),
    "checked_line": Text("revisado por {who} el {when}: {note}", "checked by {who} on {when}: {note}"),
    "checked": Text("Conflicto {code} marcado como revisado.", "Conflict {code} marked as checked."),
    "all_hint": Plural("({n} ya revisado: ayni conflicts --all)", "({n} ya revisados: ayni conflicts --all)",
                       "({n} already checked: ayni conflicts --all)", "({n} already checked: ayni conflicts --all)"),
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
        _list_joined(store, report.joined, settings.lang)
        _list(store, report.conflicts, report.candidates, settings.lang)
    finally:
        store.close()


@click.group("conflicts", invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="También los ya revisados / checked ones too.")
@click.pass_context
def conflicts_command(ctx: click.Context, show_all: bool):
    """Lo que las uniones dejaron para revisar (sin revisar) / what merges left for a person to check (unchecked)."""
    from ayni.core.people.users import require
    from ayni.core.storage.merge import checks, listed, pending, unchecked

    if ctx.invoked_subcommand is not None:
        return
    settings = ctx.find_object(Settings)
    store = settings.open()
    try:
        require(store, "campaign.merge")
        everything, candidates = listed(store)
        conflicts, candidates = (everything if show_all else unchecked(store)), pending(store, candidates)
        _list(store, conflicts, candidates, settings.lang, checks(store))
        if not conflicts and not candidates:
            click.echo(say(SAY, "none_listed", settings.lang))
        if len(conflicts) < len(everything):
            click.echo(say(SAY, "all_hint", settings.lang, n=len(everything) - len(conflicts)))
    finally:
        store.close()


@conflicts_command.command("check")
@click.argument("code")
@click.option("--note", required=True, help="Qué se encontró / what was found.")
@pass_settings
def check_command(settings: Settings, code: str, note: str):
    """Marcar un conflicto como revisado / mark a conflict as checked (CODE as ayni conflicts shows it)."""
    from ayni.core.storage.merge import check_conflict

    store = settings.open()
    try:
        check = check_conflict(store, code, note)
    finally:
        store.close()
    click.echo(say(SAY, "checked", settings.lang, code=check.conflict_id[:8]))


def _list_joined(store, joined, lang: str) -> None:
    from ayni.core.storage.merge import describe_joined

    if joined:
        click.echo(say(SAY, "joined", lang, n=len(joined)))
        for pair in joined:
            click.echo(f"  · {describe_joined(store, pair, lang)}")


def _list(store, conflicts, candidates, lang: str, done: dict | None = None) -> None:
    from ayni.core.dates import format_datetime
    from ayni.core.storage.merge import code_of, describe

    for key, items in (("conflicts", conflicts), ("candidates", candidates)):
        if items:
            click.echo(say(SAY, key, lang, n=len(items)))
            for item in items:
                code = f"[{code_of(item)}] " if key == "conflicts" else ""
                click.echo(f"  · {code}{describe(store, item, lang)}")
                for check in (done or {}).get(item.id, ()):
                    who = (store.row("users", check.checked_by) or {}).get("name", check.checked_by)
                    click.echo("      ✓ " + say(SAY, "checked_line", lang, who=who, note=check.note,
                                                  when=format_datetime(check.checked_at, lang)))
