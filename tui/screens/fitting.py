"""The fitting form of an item that is handed out only fitted (a walker, a wheelchair, a splint):
the plugin's form drawn by the generic renderer, prefilled with the size chosen in stock. Ctrl+S hands
the item out through ``ayni.core.stock.hand_out`` (the plugin checks the fitting and dispenses in one
transaction); a refusal shows each message by its field and writes nothing; Esc hands nothing out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from ayni.core import AyniError, FormSpec, Text, stock

from ..widgets.form import FormView, HintLine
from .base import AyniScreen
from ..widgets.errors import ErrorSummary, show_refusal


class FittingScreen(AyniScreen):
    """Fit ``quantity`` of ``item_key`` for an encounter, then hand it out. Dismissed with what the
    plugin recorded, or ``None`` when nothing was handed out."""

    BINDINGS = [Binding("ctrl+s", "hand_out", "b_dispense", priority=True)]

    def __init__(self, store, encounter_id: str, item_key: str, label: Text, spec: FormSpec, quantity: int,
                 attributes: dict):
        super().__init__()
        self.store = store
        self.encounter_id, self.item_key, self.label = encounter_id, item_key, label
        self.spec, self.quantity, self.attributes = spec, quantity, dict(attributes)

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield ErrorSummary()
        with VerticalScroll(id="form-scroll", can_focus=False):
            yield FormView(self.spec, self.lang, values=self.attributes, widgets=self.app.tui_widgets,
                           id="fitting-form")
        yield HintLine()
        yield Footer(compact=True)

    @property
    def view(self) -> FormView:
        return self.query_one("#fitting-form", FormView)

    def relabel(self) -> None:
        self.query_one("#title", Static).update(
            self.tr("fitting_title", form=self.spec.title.get(self.lang), item=self.label.get(self.lang),
                    n=self.quantity))
        self.view.relabel(self.lang)

    def action_hand_out(self) -> None:
        """Check the fitting and hand the item out; on a refusal show every message, write nothing."""
        try:
            done = stock.hand_out(self.store, self.encounter_id, self.item_key, self.quantity, self.attributes,
                                  fitting=self.view.values())
        except AyniError as refused:  # a field at fault, or the encounter was closed meanwhile
            show_refusal(self.query_one(ErrorSummary), self.view, refused, self.lang)
            return
        self.dismiss(done)

    def action_back(self) -> None:
        self.dismiss(None)
