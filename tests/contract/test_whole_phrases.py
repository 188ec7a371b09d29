"""Messages are whole phrases: no code outside the allowed places below picks a language's half of a
:class:`~ayni.core.Text` (``label.es``, ``label.en``) to glue it into a sentence, or branches on
``lang == "en"`` to choose between two sentences. Such code hides the sentence from the translator
and cannot speak a third language; write ``phrase(Text("Horas en {room}", "Hours in {room}"),
room=label)``, a ``Text`` with ``.get(lang)``, or a :class:`~ayni.core.Plural` instead. Read from the
source of the core, the command line, the UI and the built-in plugins."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("core", "cli", "tui", "plugins")

#: (file, function) where reading one language's half is the point, and why.
ALLOWED_HALVES = {
    ("core/i18n.py", "get"): "Text.get itself",
    ("core/i18n.py", "matches"): "search folds both languages",
    ("core/i18n.py", "join_texts"): "joins each language apart",
    ("core/clinical/codesearch.py", "__init__"): "search words from both labels",
    ("plugins/general/allergies.py", "class_of"): "search words of a medicine's name",
    ("core/people/alerts.py", "_finding_values"): "stores the Spanish and English texts in their own columns",
    ("core/people/alerts.py", "_english"): "stores the Spanish and English texts in their own columns",
    ("core/model.py", "identifier_text"): "an identifier line for records, always Spanish («DNI 45678912»)",
    ("plugins/general/prescriptions.py", "_allowed_medicines"): "medicine names typed at the keyboard, Spanish",
    ("plugins/physio/forms.py", "<module>"): "the faces scale's help is typed in Spanish",
    ("plugins/optometry/acuity.py", "__init__"): "the exception's own (developer) text",
    ("plugins/dental/rules.py", "_surface_count_error"): "takes the last item of a list in each language",
    ("plugins/dental/odontogram.py", "_allowed_states"): "lower-cases each state name in its language",
    ("core/documents/reports/figures.py", "_counted"): "lower-cases a label's first letter in each language",
    ("core/documents/reports/figures.py", "plugin_headline"): "a figure's key, made from its English label",
    ("core/stock/__init__.py", "_as_item"): "a stock kind's key, made from its English label",
}
#: (file, function) that may compare a language with "en", and why.
ALLOWED_BRANCHES = {
    ("core/i18n.py", "get"): "Text.get and Plural.get choose the language",
    ("core/documents/pdf.py", "_acknowledged"): "a warning's Spanish and English are stored in their own columns",
    ("core/people/alerts.py", "label"): "a stored alert has its English only when one was typed",
    ("cli/clickwords.py", "_gettext"): "Click's messages are English already",
    ("cli/clickwords.py", "_ngettext"): "Click's messages are English already",
}


def _functions(tree: ast.AST):
    """Every node with the name of the function (or ``<module>``) it is in."""
    def walk(node, name):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else name
            yield child, inner
            yield from walk(child, inner)
    yield from walk(tree, "<module>")


def _is_en(node) -> bool:
    return isinstance(node, ast.Constant) and node.value == "en"


def scan(source: str, name: str):
    """(kind, file, function, line) of every half picked and every branch on "en" in ``source``."""
    for node, function in _functions(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ("es", "en") and isinstance(node.ctx, ast.Load):
            yield "half", name, function, node.lineno
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops) \
                and any(_is_en(n) for n in (node.left, *node.comparators)):
            yield "branch", name, function, node.lineno


def findings():
    """What :func:`scan` finds in every module of :data:`PACKAGES`."""
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield from scan(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())


def test_no_sentence_is_glued_from_halves_and_no_code_branches_on_english():
    allowed = {"half": ALLOWED_HALVES, "branch": ALLOWED_BRANCHES}
    wrong = [f"{file}:{line} ({function}): " + ("uses .es/.en" if kind == "half" else 'compares with "en"')
             for kind, file, function, line in findings() if (file, function) not in allowed[kind]]
    assert not wrong, "write whole phrases instead:\n" + "\n".join(wrong)


def test_every_allowed_place_still_exists():
    found = {(kind, file, function) for kind, file, function, _ in findings()}
    stale = [key for kind, table in (("half", ALLOWED_HALVES), ("branch", ALLOWED_BRANCHES))
             for key in table if (kind, *key) not in found]
    assert not stale, f"remove these from the allowed lists: {stale}"


def test_the_scan_catches_a_new_glued_phrase():
    source = 'def label(x, lang):\n    return f"Horas en {x.es}" if lang != "en" else "Hours"\n'
    assert sorted(kind for kind, *_ in scan(source, "new.py")) == ["branch", "half"]
