"""The ``ayni users`` commands: accounts, roles and PINs.

The first user added turns access control on (see :mod:`ayni.core.people.users`); from then on only an
admin manages users, and each command asks the PIN of ``--user`` first (hidden).
"""

from __future__ import annotations

import sys

import click

from ayni.core.i18n import Text

from .context import CliError, Settings, pass_settings, say

SAY = {
    "new_pin": Text("PIN nuevo para {name} (4 a 8 dígitos)", "New PIN for {name} (4 to 8 digits)"),
    "repeat_pin": Text("Repita el PIN", "Repeat the PIN"),
    "no_pin_stdin": Text("No llegó ningún PIN por la entrada estándar.", "No PIN arrived on standard input."),
    "user_added": Text("Usuario {name} creado con el rol {role}.", "User {name} added with the role {role}."),
    "access_on": Text("El control de acceso está activo: desde ahora cada persona inicia sesión con su PIN.",
                      "Access control is on: from now on everyone logs in with their PIN."),
    "user_disabled": Text("Usuario {name} desactivado.", "User {name} disabled."),
    "users_header": Text("{name:<24} {role:<32} {state}", "{name:<24} {role:<32} {state}"),
    "state_active": Text("activo", "active"),
    "state_disabled": Text("desactivado", "disabled"),
    "state_no_pin": Text("sin PIN", "no PIN"),
    "state_locked": Text("bloqueado", "locked"),
    "no_access_control": Text("Sin control de acceso: ningún usuario tiene PIN (ayni users add NOMBRE --role admin).",
                              "No access control: no user has a PIN (ayni users add NAME --role admin)."),
}


@click.group()
def users():
    """Usuarios, roles y PIN / users, roles and PINs."""


def _new_pin(name: str, lang: str, from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline().strip()
        if not line:
            raise CliError(say(SAY, "no_pin_stdin", lang))
        return line
    return click.prompt(say(SAY, "new_pin", lang, name=name), hide_input=True, err=True,
                        confirmation_prompt=say(SAY, "repeat_pin", lang))


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, help="registration, triage, clinician:<especialidad/specialty>, cashier, "
                                            "pharmacy, coordinator, admin")
@click.option("--pin-stdin", is_flag=True, help="Leer el PIN nuevo de la entrada estándar / read the new PIN from stdin.")
@pass_settings
def users_add(settings: Settings, name: str, role: str, pin_stdin: bool):
    """Agregar un usuario con PIN / add a user with a PIN (admin only once users exist)."""
    from ayni.core.people import users as accounts

    store = settings.open()
    try:
        first = not accounts.access_control_on(store.db)
        if not first:
            accounts.require(store, "users.manage")  # refused before asking for a PIN
        accounts.check_role(store.plugins, role)
        accounts.check_name(name)  # before the PIN prompt shows the name back
        user = accounts.add(store, name, role, _new_pin(name, settings.lang, pin_stdin))
        click.echo(say(SAY, "user_added", settings.lang, name=user.name,
                       role=accounts.role_label(user.role, settings.lang, store.plugins)))
        if first:
            click.echo(say(SAY, "access_on", settings.lang))
    finally:
        store.close()


@users.command("list")
@pass_settings
def users_list(settings: Settings):
    """Listar usuarios / list users (admin only once users exist)."""
    import datetime as dt

    from ayni.core.people import users as accounts

    store = settings.open()
    try:
        on = accounts.access_control_on(store.db)
        if on:
            accounts.require(store, "users.manage")
        else:
            click.echo(say(SAY, "no_access_control", settings.lang))
        now = dt.datetime.now(dt.timezone.utc)
        for account in accounts.accounts(store):
            state = ("state_no_pin" if not account.has_pin else "state_disabled" if not account.active
                     else "state_locked" if account.locked_until and account.locked_until > now else "state_active")
            click.echo(say(SAY, "users_header", settings.lang, name=account.user.name,
                           role=accounts.role_label(account.user.role, settings.lang, store.plugins),
                           state=say(SAY, state, settings.lang)))
    finally:
        store.close()


@users.command("disable")
@click.argument("name")
@pass_settings
def users_disable(settings: Settings, name: str):
    """Desactivar un usuario / disable a user (admin only)."""
    from ayni.core.people import users as accounts

    store = settings.open()
    try:
        accounts.disable(store, name)
        click.echo(say(SAY, "user_disabled", settings.lang, name=name))
    finally:
        store.close()
