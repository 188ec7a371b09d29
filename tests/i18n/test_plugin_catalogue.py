"""A plugin from outside the repository ships its own catalogue through the ``ayni_catalogues`` hook
and its labels are looked up in it; the built-in plugins declare theirs the same way."""

from __future__ import annotations

import importlib
import importlib.util
import shutil
from pathlib import Path

from catalogue_files import compile_po, write_catalogue

from ayni.core import Catalogue, Text, catalogues, hookimpl, load_plugins

TINY = Path(__file__).parent / "tiny_plugin"
BUILTINS = ("general", "dental", "optometry", "physio", "surgery")


def _installed_tiny_plugin(tmp_path):
    """The tiny plugin as a package installed elsewhere, its catalogue compiled as a build would."""
    package = shutil.copytree(TINY, tmp_path / "ayni_tiny")
    compile_po(package / "locale" / "qu" / "LC_MESSAGES" / "ayni_tiny.po")
    spec = importlib.util.spec_from_file_location("ayni_tiny", package / "__init__.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_outside_plugins_labels_come_from_its_own_domain(tmp_path, only_registered):
    tiny = _installed_tiny_plugin(tmp_path)
    assert tiny.WISDOM_TOOTH.get("qu") == "Muela del juicio"  # not loaded yet: Spanish
    plugins = load_plugins(builtins=(), entry_points=False, extra=[tiny])
    assert plugins.failures == []
    assert tiny.WISDOM_TOOTH.get("qu") == "Yachay kiru"
    assert tiny.WISDOM_TOOTH.get("es") == "Muela del juicio" and tiny.WISDOM_TOOTH.get("en") == "Wisdom tooth"
    assert Text("Paciente", "Patient").get("qu") == "Paciente"  # neither it nor the core translates this


def test_a_plugin_whose_catalogue_declaration_fails_is_left_out_and_reported(only_registered):
    class Broken:
        @hookimpl
        def ayni_catalogues(self):
            raise RuntimeError("no locale folder")

    plugins = load_plugins(builtins=(), entry_points=False, extra=[Broken()])
    assert len(plugins.failures) == 1 and "no locale folder" in plugins.failures[0].error
    assert plugins.names() == []


def test_each_builtin_plugin_declares_its_domain_beside_its_package(only_registered):
    load_plugins(entry_points=False)
    for key in BUILTINS:
        declared = catalogues._plugin_catalogues[f"ayni_{key}"]
        package = Path(importlib.import_module(f"ayni.plugins.{key}").__file__).parent
        assert declared == Catalogue(f"ayni_{key}", package / "locale")
        assert (declared.directory / f"ayni_{key}.pot").is_file()
        assert declared.path("qu", ".po").is_file()


def test_the_contract_checks_a_plugins_catalogues(tmp_path):
    from ayni.core.hooks.contract import check_plugin

    write_catalogue(tmp_path / "locale", "ayni_tiny", "qu", 'msgid "{n} días"\nmsgstr "{p} p\'unchaw"\n')
    (tmp_path / "locale" / "ay" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / "ay" / "LC_MESSAGES" / "ayni_tiny.po").write_text('msgid ""\nmsgstr ""\n')

    class Careless:
        @hookimpl
        def ayni_catalogues(self):
            return [Catalogue("ayni_tiny", tmp_path / "locale"), Catalogue("tiny", tmp_path / "nowhere"), "locale"]

    problems = "\n".join(check_plugin(Careless(), "careless"))
    assert "«{n} días» → «{p} p'unchaw»" in problems
    assert "ay/LC_MESSAGES/ayni_tiny.po is not compiled" in problems
    assert "the folder" in problems and "nowhere does not exist" in problems
    assert "returned 'locale', which is not a Catalogue" in problems
