"""The ``ayni audit`` commands: checking that nobody has changed the audit log behind Ayni's back.

Registered on the main group by :mod:`ayni.cli`.
"""

from __future__ import annotations

import click

from ayni.core.i18n import Text

from .context import Settings, pass_settings, say

SAY = {
    "merged_whole": Text("Cadena del equipo {device} (unida aquí): {rows} filas íntegras.",
                         "Chain of laptop {device} (merged here): {rows} rows whole."),
    "merged_broken": Text("Cadena del equipo {device} (unida aquí) ROTA: sus {rows} filas ya no se enlazan.",
                          "Chain of laptop {device} (merged here) BROKEN: its {rows} rows no longer link."),
}


@click.group()
def audit():
    """Registro de auditoría / the audit log."""


@audit.command("verify")
@pass_settings
@click.pass_context
def audit_verify(ctx: click.Context, settings: Settings):
    """Verificar la cadena del registro / verify the audit log's hash chain (exit 1 when broken)."""
    from ayni.core.storage.auditchain import verify
    from ayni.core.storage.exchange import verify_merged
    from ayni.core.people.users import require

    store = settings.open()
    try:
        require(store, "audit.read")
        report = verify(store.db)
        merged = verify_merged(store.db.conn)
    finally:
        store.close()
    if report.whole:
        click.echo(report.message(settings.lang))
    else:
        click.secho(report.message(settings.lang), fg="red", bold=True)
    for chain in merged:  # each other laptop's chain, kept as it wrote it, checked on its own
        line = say(SAY, "merged_whole" if chain.whole else "merged_broken", settings.lang, rows=chain.rows,
                   device=chain.letter or chain.origin[:8])
        click.secho(line, fg=None if chain.whole else "red", bold=not chain.whole)
    if not report.whole or not all(chain.whole for chain in merged):
        ctx.exit(1)
