"""The hookspecs are the one source of truth: the guide lists every hook as it is declared, and every
hook documents each of its arguments and what it returns."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from ayni.core import load_plugins
from ayni.core.hooks import hookspecs

GUIDE = (Path(__file__).parents[2] / "docs" / "plugins.md").read_text(encoding="utf-8")
HOOKS = {name: fn for name, fn in vars(hookspecs).items() if name.startswith("ayni_") and callable(fn)}


def _signature(fn) -> str:
    return f"{fn.__name__}({', '.join(inspect.signature(fn).parameters)})"


def _guide_table() -> dict[str, str]:
    """The hooks of the guide's table («| `ayni_x(a, b)` | …»): signature → the whole row."""
    rows = re.findall(r"^\| `(ayni_\w+\([^)]*\))` \|(.*)$", GUIDE, flags=re.MULTILINE)
    return {signature: row for signature, row in rows}


def test_the_guide_lists_every_hook_with_its_signature():
    assert sorted(_guide_table()) == sorted(_signature(fn) for fn in HOOKS.values())


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_each_hook_documents_its_arguments_and_its_return(name):
    fn = HOOKS[name]
    doc = inspect.getdoc(fn) or ""
    for argument in inspect.signature(fn).parameters:
        assert f":param {argument}:" in doc, f"{name} does not document {argument}"
    if inspect.signature(fn).return_annotation not in (None, "None"):
        assert ":return:" in doc, f"{name} does not say what it returns"


def test_the_guide_says_which_hooks_stop_at_the_first_answer():
    table = _guide_table()
    for fn in HOOKS.values():
        first = fn.ayni_spec["firstresult"]
        assert ("first plugin" in table[_signature(fn)]) == first, fn.__name__


def test_the_guide_and_the_spec_agree_that_a_misspelt_hook_is_refused():
    plugins = load_plugins(builtins=(), entry_points=False, extra=[type("Typo", (), {
        "ayni_form": staticmethod(hookspecs.pluggy.HookimplMarker("ayni")(lambda: []))})()])
    assert len(plugins.failures) == 1 and "ayni_form" in plugins.failures[0].error
    for text in (GUIDE, hookspecs.__doc__):
        assert "silently ignored" not in text
        assert "misspelt" in text and "refused" in text


def test_tracing_shows_every_hook_call(monkeypatch, capsys):
    monkeypatch.setenv("AYNI_TRACE_PLUGINS", "1")
    plugins = load_plugins(entry_points=False)
    assert plugins.specialties
    assert "ayni_specialties" in capsys.readouterr().err


def test_without_the_switch_nothing_is_traced(monkeypatch, capsys):
    monkeypatch.delenv("AYNI_TRACE_PLUGINS", raising=False)
    assert load_plugins(entry_points=False).specialties
    assert "ayni_specialties" not in capsys.readouterr().err
