"""The ``ayni audit`` commands: checking that nobody has changed the audit log behind Ayni's back.

Registered on the main group by :mod:`ayni.cli`.
"""

from __future__ import annotations

import click

from .context import Settings, pass_settings


@click.group()
def audit():
    """Registro de auditoría / the audit log."""


@audit.command("verify")
@pass_settings
@click.pass_context
def audit_verify(ctx: click.Context, settings: Settings):
    """Verificar la cadena del registro / verify the audit log's hash chain (exit 1 when broken)."""
    from ayni.core.storage.auditchain import verify
    from ayni.core.people.users import require

    store = settings.open()
    try:
        require(store, "audit.read")
        report = verify(store.db)
    finally:
        store.close()
    if report.whole:
        click.echo(report.message(settings.lang))
    else:
        click.secho(report.message(settings.lang), fg="red", bold=True)
        ctx.exit(1)
