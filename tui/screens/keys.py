"""F1: every key of the screen underneath, in the UI's language, those the footer has no room for too."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ..text import tr
from ..widgets.tables import fill_table
from .base import AyniModal

#: What Textual's screens bind themselves (Tab, Shift+Tab, copy), said in our own words below instead.
_TEXTUAL_SCREEN_ACTIONS = {binding.action for binding in Screen.BINDINGS}


def _actions(kind: type) -> set[str]:
    return {b.action if isinstance(b, Binding) else b[1] for b in vars(kind).get("BINDINGS", ())}


def _textual_own(node, action: str) -> bool:
    """Whether only Textual binds ``action`` on ``node``'s kind of widget (a list's «Show menu»), even
    when ``node`` is one of ours made from Textual's (``ChoiceSelect`` from ``Select``)."""
    kinds = type(node).__mro__
    return (any(action in _actions(k) for k in kinds if k.__module__.startswith("textual."))
            and not any(action in _actions(k) for k in kinds if not k.__module__.startswith("textual.")))


def screen_keys(screen: Screen, lang: str) -> list[tuple[str, str]]:
    """``[(keys, what they do)]`` on ``screen`` as it is now: its bindings and the app's (shown in the
    footer or not), one row per action, then the keys every form shares.

    Textual's own widget bindings (moving the cursor inside a field, and so on) are left out: they
    have English descriptions and work as in any other program.
    """
    by_action: dict[str, tuple[list[str], str]] = {}
    for node, binding, enabled, _ in screen.active_bindings.values():
        if (binding.system or not enabled or not binding.description or binding.action in _TEXTUAL_SCREEN_ACTIONS
                or _textual_own(node, binding.action)):
            continue
        keys, _ = by_action.setdefault(binding.action, ([], binding.description))
        keys.append(screen.app.get_key_display(binding))
    rows = [(" ".join(dict.fromkeys(keys)), description) for keys, description in by_action.values()]
    return rows + [("tab ⇧+tab", tr("keys_next_field", lang)), ("↑ ↓ ← →", tr("keys_move", lang))]


class KeysScreen(AyniModal):
    """The keys that work on ``under`` (the screen F1 was pressed on), with what each does."""

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide keys"):
            yield Static("", id="dialog-title", markup=False)
            yield DataTable(id="keys", cursor_type="row", show_header=False, zebra_stripes=True)
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#dialog-title", Static).update(self.tr("keys_title"))
        rows = screen_keys(self.under, self.lang)
        fill_table(self.query_one("#keys", DataTable), ["", ""], [(str(i), row) for i, row in enumerate(rows)])
