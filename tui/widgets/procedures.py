"""Pick procedures from a specialty's catalogue (a few letters of a name jump to it): label and
suggested fee, what was added (saved or still to save), and the running suggested total. A procedure
done on a tooth, an eye or a limb asks which in a small dialog (:mod:`ayni.tui.screens.detail`)
before it is added."""

from __future__ import annotations

import re

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from ayni.core import Procedure, ProcedureCode, ProcedureEntry, ProcedureTarget, fold, format_soles
from ayni.core.hooks.declarations import CORE_TARGETS, detail_parts

from ..text import tr
from .tables import fill_table

class AddedTable(DataTable):
    """The procedures of the encounter; Del removes the highlighted one if it is not saved yet."""

    BINDINGS = [Binding("delete,backspace", "remove", "b_remove")]

    class Removed(Message):
        """Remove the row at ``index``."""

        def __init__(self, index: int):
            super().__init__()
            self.index = index

    def action_remove(self) -> None:
        if self.row_count:
            self.post_message(self.Removed(self.cursor_row))


class Catalogue(OptionList):
    """The catalogue list with type-ahead: letters typed jump to the first procedure whose name, or a
    word of it, begins with them (accents and case ignored), else a word of its code (what the
    odontogram calls an extraction, «extr», reaches «Exodoncia simple», ``dental.extraction.simple``);
    a letter that matches nothing after them starts again from it."""

    def __init__(self, *options, **kwargs):
        super().__init__(*options, **kwargs)
        self.typed = ""

    def _first_match(self, typed: str) -> int | None:
        for words_of in (lambda option: fold(str(option.prompt)).split(),
                         lambda option: re.split(r"[._]", option.id or "")):
            for index, option in enumerate(self.options):
                if not option.disabled and any(word.startswith(typed) for word in words_of(option)):
                    return index
        return None

    def on_key(self, event) -> None:
        character = event.character or ""
        if len(character) != 1 or not character.isprintable() or character == " ":
            self.typed = ""
            return
        typed = fold(self.typed + character)
        found = self._first_match(typed)
        if found is None:
            typed, found = fold(character), self._first_match(fold(character))
        self.typed = typed if found is not None else ""
        if found is not None:
            self.highlighted = found
        event.stop()
        event.prevent_default()


class ProcedurePicker(Vertical):
    """The "Procedures" tab: the catalogue (Enter adds), the added list and the running total."""

    class Changed(Message):
        """The list of procedures to save changed."""

    def __init__(self, catalogue: Sequence[ProcedureCode], saved: Iterable[Procedure], lang: str,
                 targets: Mapping[str, ProcedureTarget] | None = None, id: str | None = None,
                 suggest: Callable[[str, Sequence[ProcedureEntry]], list[dict]] | None = None):
        super().__init__(id=id, classes="procedure-picker")
        #: ``suggest(code, pending)``: the details the encounter indicates for adding ``code``.
        self.suggest = suggest
        self.catalogue = {p.code: p for p in catalogue}
        self.targets = dict(targets) if targets is not None else {t.key: t for t in CORE_TARGETS}
        self.saved = list(saved)
        self.pending: list[ProcedureEntry] = []
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Static(tr("catalogue", self.lang), classes="picker-title catalogue-title")
        yield Catalogue(*self._catalogue_options(), classes="catalogue", compact=True, markup=False)
        yield Static(tr("added", self.lang), classes="picker-title added-title")
        table = AddedTable(cursor_type="row", zebra_stripes=True, classes="added")
        yield table
        yield Static("", classes="running-total")

    def on_mount(self) -> None:
        self._refresh()

    def _catalogue_options(self) -> list[Option]:
        if not self.catalogue:
            return [Option(tr("no_procedures", self.lang), disabled=True)]
        return [Option(f"{p.label.get(self.lang)} · {format_soles(p.fee)}", id=p.code) for p in self.catalogue.values()]

    def _label(self, code: str) -> str:
        known = self.catalogue.get(code)
        return known.label.get(self.lang) if known else code

    @property
    def total(self) -> Decimal:
        """The suggested total of saved and pending procedures."""
        saved = sum((p.fee * p.quantity for p in self.saved), Decimal("0"))
        pending = sum((self.catalogue[e.code].fee * e.quantity for e in self.pending if e.code in self.catalogue),
                      Decimal("0"))
        return saved + pending

    def _refresh(self) -> None:
        rows = [(None, (self._label(p.code), detail_text(p.detail, self.lang, self.targets), format_soles(p.fee * p.quantity),
                        tr("saved_mark", self.lang))) for p in self.saved]
        rows += [(None, (self._label(e.code), detail_text(e.detail, self.lang, self.targets),
                         format_soles(self.catalogue[e.code].fee * e.quantity), tr("pending_mark", self.lang)))
                 for e in self.pending]
        fill_table(self.query_one(AddedTable),
                   [tr(k, self.lang) for k in ("col_procedure", "col_detail", "col_fee", "col_saved")], rows)
        self.query_one(".running-total", Static).update(tr("running_total", self.lang, total=format_soles(self.total)))

    def add(self, code: str, detail: dict | None = None) -> None:
        """Add a procedure to be saved."""
        self.pending.append(ProcedureEntry(code, dict(detail or {})))
        self._refresh()
        self.post_message(self.Changed())

    def mark_saved(self, saved: Iterable[Procedure], keep_pending: bool = False) -> None:
        """After a save: the saved procedures replace the pending ones. ``keep_pending`` keeps what is
        not saved yet (a procedure another action saved, such as an aid's fitting, joins the list)."""
        self.saved = list(saved)
        if not keep_pending:
            self.pending = []
        self._refresh()

    def set_enabled(self, enabled: bool) -> None:
        """Allow or stop adding and removing."""
        self.query_one(".catalogue", OptionList).disabled = not enabled
        self.query_one(AddedTable).disabled = not enabled

    def relabel(self, lang: str) -> None:
        """Show the tab in ``lang`` (nothing to do if it is already in it)."""
        if lang == self.lang:
            return
        self.lang = lang
        self.query_one(".catalogue-title", Static).update(tr("catalogue", lang))
        self.query_one(".added-title", Static).update(tr("added", lang))
        catalogue = self.query_one(".catalogue", OptionList)
        highlighted = catalogue.highlighted
        catalogue.set_options(self._catalogue_options())
        catalogue.highlighted = highlighted
        self._refresh()

    @on(OptionList.OptionSelected, ".catalogue")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        code = self.catalogue.get(event.option.id)
        if code is None:
            return
        from ..screens.detail import ProcedureDetailScreen, needs_detail

        target = self.targets.get(code.target)
        if not needs_detail(code, target):
            self.add(code.code)
            return

        def given(detail: dict | None) -> None:
            if detail is not None:
                self.add(code.code, detail)

        offered = self.suggest(code.code, self.pending) if self.suggest is not None else []
        self.app.push_screen(ProcedureDetailScreen(code, target, offered), given)

    @on(AddedTable.Removed)
    def _removed(self, event: AddedTable.Removed) -> None:
        event.stop()
        index = event.index - len(self.saved)
        if 0 <= index < len(self.pending):
            del self.pending[index]
            self._refresh()
            self.post_message(self.Changed())


def detail_text(detail: dict, lang: str, targets: Mapping[str, ProcedureTarget] | None = None) -> str:
    """What a procedure was done on, briefly: «16 OD», «OD», «derecho», «Oído: derecho»."""
    targets = targets if targets is not None else {t.key: t for t in CORE_TARGETS}
    chosen = {t.answer_key: t for t in targets.values() if t.choices}
    parts = []
    for key, value in detail.items():
        if key == "tooth":
            parts.append(f"{value} {''.join(detail.get('surfaces') or ())}".strip())
        elif key in ("eye", "side") and chosen.get(key) and chosen[key].choice_label(value):
            parts.append(chosen[key].choice_label(value).get(lang).split(" (")[0])
        elif key != "surfaces":
            parts.extend(f"{label}: {text}" for label, text in detail_parts({key: value}, lang, targets))
    return ", ".join(parts)
