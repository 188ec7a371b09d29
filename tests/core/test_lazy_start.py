"""Start-up imports only what it needs: ``ayni.core`` loads a public name's module when the name is first
asked for, and ``ayni`` imports a command's module only when the command runs or is listed."""

from __future__ import annotations

import importlib
import subprocess
import sys

import ayni.core


def test_every_public_name_of_the_core_resolves_to_its_module_s_object():
    for name in ayni.core.__all__:
        value = getattr(ayni.core, name)
        home = ayni.core._HOME.get(name)
        if home is not None:
            assert value is getattr(importlib.import_module(f"ayni.core.{home}"), name), name
    assert set(ayni.core._HOME) <= set(ayni.core.__all__)
    assert set(ayni.core.__all__) <= set(dir(ayni.core))


def test_star_import_gives_every_public_name():
    names: dict = {}
    exec("from ayni.core import *", names)
    assert set(ayni.core.__all__) <= set(names)


def test_an_unknown_name_is_refused_as_python_refuses_one():
    try:
        ayni.core.NoSuchThing  # noqa: B018
    except AttributeError as error:
        assert "NoSuchThing" in str(error)
    else:
        raise AssertionError("an unknown name resolved")


def _imported_after(code: str) -> list[str]:
    """The ``ayni`` modules a fresh interpreter holds after running ``code``."""
    probe = (f"import sys\n{code}\n"
             "print(' '.join(sorted(m for m in sys.modules if m.startswith('ayni'))), file=sys.stderr)")
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stderr.split()


def test_importing_the_core_package_loads_none_of_its_subjects():
    assert set(_imported_after("import ayni.core")) <= {"ayni", "ayni.core", "ayni.core._moved"}


def test_the_command_line_imports_only_the_command_it_runs():
    loaded = _imported_after("from ayni.cli import main\nmain(['tui', '--help'], standalone_mode=False)")
    commands = {m for m in loaded if m.startswith("ayni.cli.")}
    assert commands == {"ayni.cli.clickwords", "ayni.cli.context", "ayni.cli.setup"}
    assert "ayni.tui.app" not in loaded and "ayni.core.documents" not in loaded


def test_help_still_lists_every_built_in_command():
    from click.testing import CliRunner

    from ayni.cli import BUILT_IN, main

    listed = CliRunner().invoke(main, ["--help"]).output
    assert all(f"  {name} " in listed for name in BUILT_IN)
