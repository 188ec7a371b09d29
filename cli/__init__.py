"""The ``ayni`` command: the global options, the built-in commands, and the plugins' own commands.

The command line sits above the core and the terminal UI (it starts the UI with ``ayni tui``); the
core never imports it. Plugins add commands through the ``ayni_commands`` hook, asked only when the
command lists its commands (``ayni --help``) or meets a name it does not have, so the built-in
commands never wait for the plugins to load.
"""

from __future__ import annotations

from pathlib import Path

import click

from ayni.core.i18n import DEFAULT_LANG, LANGUAGES

from .context import (
    SAY, AyniGroup, CliError, Settings, WholeNumber, Language, lang_of, login_name, pass_settings, say,
)

__all__ = ["main", "AyniGroup", "CliError", "Settings", "WholeNumber", "pass_settings", "say"]

#: The built-in commands: name → ``module:attribute`` in this package. A command's module is imported
#: only when the command runs or is listed (``ayni --help``), so ``ayni tui`` loads none of the others.
#: Modules, not their commands, are named: the ``demo`` command must not hide ``ayni.cli.demo``.
BUILT_IN = {
    "init": "setup:init", "demo": "setup:demo", "tui": "setup:tui", "plugins": "setup:plugins_command",
    "pdf": "documents:pdf", "report": "documents:report", "stock": "stock:stock", "cashier": "cashier:cashier",
    "users": "users:users", "serve": "campaign:serve", "backup": "campaign:backup", "restore": "campaign:restore",
    "audit": "audit:audit", "patients": "patients:patients", "export": "exchange:export_command",
    "merge": "exchange:merge_command", "conflicts": "exchange:conflicts_command", "fhir": "fhir:fhir",
    "encounters": "encounters:encounters", "printer": "printer:printer",
    "datasette-metadata": "analysis:datasette_metadata",
}


class MainGroup(AyniGroup):
    """The ``ayni`` group: the built-in commands of :data:`BUILT_IN`, each imported when first needed, and
    those the plugins add the first time they are needed."""

    plugin_commands_added = False

    def get_command(self, ctx: click.Context, name: str):
        self._add_built_in(name)
        found = super().get_command(ctx, name)
        if found is None and self._add_plugin_commands(ctx):
            found = super().get_command(ctx, name)
        if found is None:  # Click suggests a near name («Did you mean 'tui'?») from the commands it holds
            for other in BUILT_IN:
                self._add_built_in(other)
        return found

    def list_commands(self, ctx: click.Context):
        self._add_plugin_commands(ctx)
        return sorted(set(super().list_commands(ctx)) | set(BUILT_IN))

    def _add_built_in(self, name: str) -> None:
        if name in BUILT_IN and name not in self.commands:
            from .clickwords import import_as_at_start

            module, attribute = BUILT_IN[name].split(":")
            self.add_command(getattr(import_as_at_start(f".{module}", __name__), attribute), name)

    def _add_plugin_commands(self, ctx: click.Context) -> bool:
        """Ask every plugin's ``ayni_commands`` once; True if it was asked now. A plugin whose hook
        raises is reported on stderr and skipped."""
        if self.plugin_commands_added:
            return False
        self.plugin_commands_added = True
        from ayni.core.hooks.plugins import default_plugins

        for impl in default_plugins().hook.ayni_commands.get_hookimpls():
            try:
                impl.function(**{name: self for name in impl.argnames})
            except Exception as error:  # noqa: BLE001 - one plugin's bug must not take the command away
                click.secho(say(SAY, "plugin_commands_failed", lang_of(ctx), name=impl.plugin_name,
                                error=f"{type(error).__name__}: {error}"), fg="red", err=True)
        return True


@click.group(cls=MainGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), envvar="AYNI_DB",
              help="Archivo de la base de datos / database file [AYNI_DB; default: ayni.db in the user data dir].")
@click.option("--lang", type=Language(), envvar="AYNI_LANG", default="es", show_default=True,
              help="Idioma: es o en; los documentos del paciente también en un idioma con catálogo (qu) / "
                   "language: es or en; a patient's documents also in a language with a catalogue (qu) [AYNI_LANG].")
@click.option("--user", envvar="AYNI_USER", default=login_name, show_default="login name",
              help="Quién escribe / who is writing [AYNI_USER].")
@click.version_option(package_name="ayni")
@click.pass_context
def main(ctx: click.Context, db: Path | None, lang: str, user: str):
    """Ayni: historias clínicas para campañas médicas, sin internet.

    Ayni: clinical records for medical mission campaigns, offline.
    """
    if db is None:
        from ayni.core.storage.store import default_db_path

        db = default_db_path()
    given = ctx.get_parameter_source("lang") is not click.core.ParameterSource.DEFAULT
    # a language only documents are printed in (qu) leaves the messages in Spanish
    shown = lang if lang in LANGUAGES else DEFAULT_LANG
    ctx.obj = Settings(db, shown, user.strip() or "admin", chosen_lang=lang if given else None)
