"""Plugins add their own commands to ``ayni`` through ``ayni_commands``; one that fails costs only its own."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import hookimpl, load_plugins


class Census:
    """A plugin with one command of its own."""

    @staticmethod
    @hookimpl
    def ayni_commands(cli):
        @cli.command("census")
        @click.argument("village")
        def census(village):
            """Count a village."""
            click.echo(f"censo de {village}")


class Broken:
    """A plugin whose hook raises."""

    @staticmethod
    @hookimpl
    def ayni_commands(cli):
        raise RuntimeError("no village list")


@pytest.fixture
def fresh_main(monkeypatch):
    """``main`` as a new process finds it, with the given extra plugins installed."""
    def install(*extra):
        plugins = load_plugins(entry_points=False, extra=list(extra))
        monkeypatch.setattr("ayni.core.hooks.plugins.default_plugins", lambda: plugins)
        monkeypatch.setattr(main, "commands", dict(main.commands))
        monkeypatch.setattr(main, "plugin_commands_added", False)
        return main
    return install


def test_a_plugin_command_runs_and_is_listed(fresh_main):
    cli = fresh_main(Census())
    result = CliRunner().invoke(cli, ["census", "Ocongate"])
    assert result.exit_code == 0, result.output
    assert result.output == "censo de Ocongate\n"
    assert "census" in CliRunner().invoke(cli, ["--help"]).output


def test_a_plugin_whose_hook_raises_is_reported_and_the_rest_still_work(fresh_main, tmp_path):
    cli = fresh_main(Broken(), Census())
    result = CliRunner().invoke(cli, ["--lang", "en", "census", "Ccatca"])
    assert result.exit_code == 0, result.output
    assert "censo de Ccatca" in result.stdout
    assert "could not add its commands: RuntimeError: no village list" in result.stderr
    assert CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "init"]).exit_code == 0


def test_an_unknown_command_is_still_refused(fresh_main):
    result = CliRunner().invoke(fresh_main(Census()), ["censo"])
    assert result.exit_code == 2 and "Comando no válido: censo." in result.output

