"""The built-in plugins import from the core only what a plugin may: ``ayni.core`` and the modules of
``PLUGIN_IMPORTS``, read from their source (imports inside functions included)."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import warnings
from pathlib import Path

import pytest

from ayni.core.hooks.contract import PLUGIN_IMPORTS

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "plugins").rglob("*.py"))


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def core_imports(source: str, package: str = "ayni.core") -> list[tuple[int, str]]:
    """Every ``ayni.core…`` (or other ``package``) module the source imports, with its line;
    ``from ayni.core.x import y`` counts as importing ``ayni.core.x.y`` when ``y`` is a module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, f"{node.module}.{alias.name}" if _is_module(f"{node.module}.{alias.name}")
                       else node.module) for alias in node.names]
    return [(line, name) for line, name in found if name == package or name.startswith(f"{package}.")]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_plugin_imports_only_the_public_core(path):
    outside = [f"{path.relative_to(ROOT)}:{line} imports {name}"
               for line, name in core_imports(path.read_text(encoding="utf-8")) if name not in PLUGIN_IMPORTS]
    assert not outside, "\n".join(outside)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_plugin_imports_from_the_ui_only_its_kit(path):
    outside = [f"{path.relative_to(ROOT)}:{line} imports {name}"
               for line, name in core_imports(path.read_text(encoding="utf-8"), "ayni.tui") if name != "ayni.tui.kit"]
    assert not outside, "\n".join(outside)


def test_the_check_sees_what_it_must_refuse():
    source = ("from ayni.core import Text, stock\nfrom ayni.core.people import users\n"
              "def f():\n    import ayni.core.storage.store\n    from ayni.core.store import Store\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # ayni.core.store is an old name, and says so
        found = core_imports(source)
    assert [name for _, name in found if name not in PLUGIN_IMPORTS] == [
        "ayni.core.people.users", "ayni.core.storage.store", "ayni.core.store"]
    ui = "from ayni.tui.kit import PluginScreen\nfrom ayni.tui.screens.base import AyniScreen\n"
    assert [name for _, name in core_imports(ui, "ayni.tui")] == ["ayni.tui.kit", "ayni.tui.screens.base"]


def test_every_listed_module_exists_and_the_guide_lists_it():
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    table = set(re.findall(r"^\| `(ayni\.core\.[a-z_.]+)` \|", guide, flags=re.MULTILINE))
    assert table == set(PLUGIN_IMPORTS) - {"ayni.core"}
    for name in PLUGIN_IMPORTS:
        importlib.import_module(name)
