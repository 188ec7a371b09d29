"""The "Entregas" tab of an encounter: hand out the specialty's items (readers, a walker, a hygiene kit,
medicines of its formulary) from stock, by keyboard.

Enter on an item; for an item sized by attributes (a reader's ``power``), Enter on one of the sizes in
stock; then the quantity and Enter hands it out at once through ``ayni.core.stock.hand_out`` (stock is
physical: it is written when given, not with Ctrl+S). An item with a ``fitting_form`` (a walker) opens
that form first, prefilled with the size chosen; its Ctrl+S hands it out. A refusal (out of stock,
only expired lots, a fitting rule) shows its message; a warning shows when few are left. What was
handed out in this encounter is listed underneath.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ayni.core import AyniError, stock
from ayni.core.dates import today_in_lima

from ..text import tr
from .tables import fill_table

#: A warning is shown when fewer than this many of the size handed out are left.
FEW_LEFT = 5


def specialty_items(plugins, specialty: str) -> dict:
    """The items of ``specialty`` (keys are namespaced ``specialty.item``): equipment, then medicines
    of its formulary when the installed core has one."""
    found = {k: v for k, v in plugins.equipment.items() if k.split(".", 1)[0] == specialty}
    found.update({k: v for k, v in getattr(plugins, "medicines", {}).items() if k.split(".", 1)[0] == specialty})
    return found


def _variant_key(attributes: dict) -> tuple:
    return tuple(sorted((str(k), str(v)) for k, v in attributes.items()))


class DispensePanel(Vertical):
    """Items of one specialty with what is on hand; dispense to ``encounter_id``. Esc while choosing a
    size or quantity goes back to the items (and, with nothing chosen, leaves as anywhere else)."""

    BINDINGS = [Binding("escape", "cancel_choice", "b_back", show=False)]

    class HandedOut(Message):
        """Something was handed out (a fitting may also have added its procedure to the encounter)."""

    DEFAULT_CSS = """
    DispensePanel { height: 1fr; padding: 0 1; }
    DispensePanel > OptionList { height: auto; max-height: 8; }
    DispensePanel > .dispense-quantity-line { height: auto; }
    DispensePanel > .dispense-quantity-line > Label { width: auto; padding-right: 1; }
    DispensePanel > .dispense-quantity-line > Input { width: 8; }
    /* wrapped, never cut: a fitted aid's sizes and the key that opens its fitting are read whole */
    DispensePanel > .dispense-quantity-line > .dispense-chosen { width: 1fr; height: auto; padding-left: 1; }
    DispensePanel > .dispense-message { height: auto; }
    DispensePanel > .dispense-message.-refused { color: $error; text-style: bold; }
    DispensePanel > .dispense-message.-low { color: $warning; text-style: bold; }
    DispensePanel > DataTable { height: 1fr; min-height: 3; }
    """

    def __init__(self, store, encounter_id: str, items: dict, lang: str, id: str | None = None):
        super().__init__(id=id, classes="dispense-panel")
        self.store = store
        self.encounter_id = encounter_id
        self.items = items
        self.lang = lang
        self.item_key: str | None = None
        self.attributes: dict | None = None
        #: The last message as (UI text key, params, CSS class); a param may be ``f(lang)``, so the
        #: message can be redrawn in another language.
        self._message: tuple[str, dict, str] | None = None
        #: The sizes the list shows now (:meth:`sizes` as last read): a chosen line is the size shown.
        self._shown_sizes: list[tuple[dict, int, int]] = []

    def compose(self) -> ComposeResult:
        yield Static("", classes="picker-title dispense-items-title", markup=False)
        yield OptionList(classes="dispense-items", compact=True, markup=False)
        yield Static("", classes="picker-title dispense-sizes-title", markup=False)
        yield OptionList(classes="dispense-sizes", compact=True, markup=False)
        with Horizontal(classes="dispense-quantity-line"):
            yield Label("", classes="dispense-quantity-label", markup=False)
            yield Input("1", type="integer", compact=True, max_length=6, classes="dispense-quantity",
                        select_on_focus=True)
            yield Static("", classes="dispense-chosen", markup=False)
        yield Static("", classes="dispense-message", markup=False)
        yield Static("", classes="picker-title dispensed-title", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True, classes="dispensed")

    def on_mount(self) -> None:
        self._show_step()
        self.relabel(self.lang, force=True)

    # -- drawing ------------------------------------------------------------------------------------

    def _size_text(self, item_key: str | None, attributes: dict, lang: str | None = None) -> str:
        """«potencia +2.00», «tipo estándar · talla M»: a lot's size as the item's plugin names it
        (in ``lang``, else the panel's language; ``""`` for no attributes)."""
        return self.store.plugins.describe_stock(item_key or "", attributes, lang or self.lang)

    def relabel(self, lang: str, force: bool = False) -> None:
        """Show the tab in ``lang``, keeping the choice under way."""
        if lang == self.lang and not force:
            return
        self.lang = lang
        self.query_one(".dispense-items-title", Static).update(tr("dispense_items", lang))
        self.query_one(".dispense-sizes-title", Static).update(tr("dispense_sizes", lang, item=self._item_label()))
        self.query_one(".dispense-quantity-label", Label).update(tr("dispense_quantity", lang))
        size = self._size_text(self.item_key, self.attributes or {})
        self.query_one(".dispense-chosen", Static).update(
            tr("dispense_chosen_fitted" if self._fitting_form() else "dispense_chosen", lang,
               item=f"{self._item_label()} ({size})" if size else self._item_label()))
        self.query_one(".dispensed-title", Static).update(tr("dispensed_title", lang))
        self._refresh_items()
        self._refresh_sizes()
        self._refresh_dispensed()
        self._redraw_message()

    def _item_label(self) -> str:
        item = self.items.get(self.item_key)
        return item.label.get(self.lang) if item else ""

    def _fitting_form(self):
        """The fitting form of the chosen item (a FormSpec), or ``None`` when it is handed out as is."""
        key = getattr(self.items.get(self.item_key), "fitting_form", None)
        return self.store.plugins.forms.get(key) if key else None

    def _refresh_items(self) -> None:
        options = self.query_one(".dispense-items", OptionList)
        highlighted = options.highlighted
        if not self.items:
            options.set_options([Option(tr("dispense_no_items", self.lang), disabled=True)])
            return
        options.set_options(
            Option(tr("dispense_item_line", self.lang, item=item.label.get(self.lang),
                      n=stock.on_hand(self.store, key)), id=key)
            for key, item in self.items.items())
        options.highlighted = highlighted if highlighted is not None else 0

    def sizes(self) -> list[tuple[dict, int, int]]:
        """The sizes of the chosen item in stock, in order: ``(attributes, usable units, units in expired
        lots)``."""
        if self.item_key is None:
            return []
        today = today_in_lima()
        grouped: dict[tuple, list] = {}
        for balance in stock.available(self.store, self.item_key):
            entry = grouped.setdefault(_variant_key(balance.lot.attributes), [dict(balance.lot.attributes), 0, 0])
            entry[2 if balance.expired(today) else 1] += balance.quantity
        return [tuple(grouped[key]) for key in sorted(grouped)]  # by size, whatever order lots came in

    def _refresh_sizes(self) -> None:
        options = self.query_one(".dispense-sizes", OptionList)
        highlighted = options.highlighted
        lines = []
        self._shown_sizes = self.sizes()
        for attributes, usable, expired in self._shown_sizes:
            key = "dispense_size_expired" if expired else "dispense_size_line"
            lines.append(Option(tr(key, self.lang, size=self._size_text(self.item_key, attributes) or "—", n=usable, expired=expired),
                                id=str(len(lines))))
        options.set_options(lines)
        if lines:
            options.highlighted = min(highlighted or 0, len(lines) - 1)

    def _refresh_dispensed(self) -> None:
        rows = []
        for lot, given in stock.dispensed(self.store, self.encounter_id):
            item = self.items.get(lot.item_key)
            rows.append((None, (item.label.get(self.lang) if item else lot.item_key, self._size_text(lot.item_key, lot.attributes),
                                str(given), " ".join(x for x in (lot.lot, lot.expiry.isoformat() if lot.expiry else "")
                                                     if x))))
        if not rows:
            rows = [(None, (tr("dispensed_none", self.lang), "", "", ""))]
        fill_table(self.query_one(".dispensed", DataTable),
                   [tr(k, self.lang) for k in ("col_item", "col_size", "col_quantity", "col_lot")], rows, wrap=True)

    def _show_step(self) -> None:
        """Show the sizes only while choosing one, the quantity only once the item (and size) is chosen."""
        sizing = self.item_key is not None and self.attributes is None and self._sized()
        self.query_one(".dispense-sizes-title").display = sizing
        self.query_one(".dispense-sizes").display = sizing
        self.query_one(".dispense-quantity-line").display = self.item_key is not None and not sizing

    def _sized(self) -> bool:
        """True when the chosen item comes in sizes that are in stock."""
        return any(attributes for attributes, _, _ in self._shown_sizes)

    def _say(self, key: str, params: dict, kind: str = "") -> None:
        self._message = (key, params, kind)
        self._redraw_message()

    def _redraw_message(self) -> None:
        message = self.query_one(".dispense-message", Static)
        message.remove_class("-refused", "-low")
        if self._message is None:
            message.update("")
            return
        key, params, kind = self._message
        message.update(tr(key, self.lang, **{k: v(self.lang) if callable(v) else v for k, v in params.items()}))
        if kind:
            message.add_class(kind)

    def _focus(self, widget) -> None:
        """Move the cursor now, not after the queue: keys typed right after Enter land in the next box."""
        self.screen.set_focus(widget)

    def set_enabled(self, enabled: bool) -> None:
        """A closed encounter hands nothing out; what it handed out stays listed."""
        for widget in self.query(OptionList).results():
            widget.disabled = not enabled
        self.query_one(".dispense-quantity", Input).disabled = not enabled

    # -- choosing and handing out ----------------------------------------------------------------

    @property
    def choosing(self) -> bool:
        """True while an item is chosen and not yet handed out (its size or quantity is asked)."""
        return self.item_key is not None

    def focus_choice(self) -> None:
        """Put the cursor back where the chosen item waits: on its sizes, or on its quantity."""
        waiting = ".dispense-sizes" if self.attributes is None else ".dispense-quantity"
        self._focus(self.query_one(waiting))

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "cancel_choice":
            return self.item_key is not None
        return True

    def action_cancel_choice(self) -> None:
        """Back to the list of items, handing nothing out."""
        self.item_key, self.attributes = None, None
        self._show_step()
        self._focus(self.query_one(".dispense-items", OptionList))

    @on(OptionList.OptionSelected, ".dispense-items")
    def _item_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.item_key, self.attributes = event.option.id, None
        self._message = None
        self.relabel(self.lang, force=True)
        if not self._sized():
            self.attributes = {}
        else:
            self._start_at_suggested_size()
        self._ask_next()

    def _start_at_suggested_size(self) -> None:
        """Put the cursor on the size this encounter calls for (``ayni_suggested_size``: readers at
        the power of the plan or the exam) when it is in stock, else on the first."""
        suggested = self.store.plugins.suggested_size(self.store, self.encounter_id, self.item_key)
        keys = [_variant_key(attributes) for attributes, _, _ in self._shown_sizes]
        if keys:
            wanted = _variant_key(suggested) if suggested else None
            self.query_one(".dispense-sizes", OptionList).highlighted = keys.index(wanted) if wanted in keys else 0

    @on(OptionList.OptionSelected, ".dispense-sizes")
    def _size_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.attributes = self._shown_sizes[int(event.option.id)][0]
        self.relabel(self.lang, force=True)
        self._ask_next()

    def _ask_next(self) -> None:
        self._show_step()
        if self.attributes is None:
            self._focus(self.query_one(".dispense-sizes", OptionList))
        else:
            quantity = self.query_one(".dispense-quantity", Input)
            quantity.value = "1"
            self._focus(quantity)

    @on(Input.Submitted, ".dispense-quantity")
    def _quantity_given(self, event: Input.Submitted) -> None:
        event.stop()
        self.dispense(event.value)

    def dispense(self, quantity_text: str) -> bool:
        """Hand out ``quantity_text`` units of the chosen item and size; True when it was written. An
        item with a fitting form opens it instead (its Ctrl+S hands the item out)."""
        if self.item_key is None:
            return False
        key, attributes = self.item_key, dict(self.attributes or {})
        try:
            quantity = int(quantity_text.strip() or "0")
        except ValueError:
            quantity = 0
        form = self._fitting_form()
        if form is not None:
            self._ask_fitting(key, attributes, quantity, form)
            return False
        try:
            stock.hand_out(self.store, self.encounter_id, key, quantity, attributes or None)
        except AyniError as refused:  # a refusal, access denied, or the database refused the write
            self._say("dispense_refused", {"message": refused.message}, "-refused")
            self._focus(self.query_one(".dispense-quantity", Input))
            return False
        self._handed_out(key, attributes, quantity)
        return True

    def _ask_fitting(self, key: str, attributes: dict, quantity: int, form) -> None:
        from ..screens.fitting import FittingScreen

        def fitted(done) -> None:
            if done is None:  # Esc: nothing handed out, the choice stays
                self._say("fitting_cancelled", {})
                self._focus(self.query_one(".dispense-quantity", Input))
                return
            given = stock.dispensed(self.store, self.encounter_id)  # the lot the fitting picked
            self._handed_out(key, dict(given[-1][0].attributes) if given else attributes, quantity)

        self.app.push_screen(FittingScreen(self.store, self.encounter_id, key, self.items[key].label, form, quantity,
                                           attributes), fitted)

    def _handed_out(self, key: str, attributes: dict, quantity: int) -> None:
        """Say what was handed out (warning when few are left) and go back to the items."""
        self.post_message(self.HandedOut())
        left = stock.on_hand(self.store, key, attributes or None)

        def what(lang: str) -> str:
            label = self.items[key].label.get(lang)
            size = self._size_text(key, attributes, lang)
            return f"{label} ({size})" if size else label

        params = {"n": quantity, "item": what, "left": left}
        low = _core_warning(self.store, key, self.lang)
        if low or left < FEW_LEFT:
            self._say("dispensed_low", {**params, "warning": lambda lang: _core_warning(self.store, key, lang)}, "-low")
            self.app.notify(tr("dispensed_low", self.lang, n=quantity, item=what(self.lang), left=left, warning=low),
                            severity="warning")
        else:
            self._say("dispensed_ok", params)
        self.item_key, self.attributes = None, None
        self.relabel(self.lang, force=True)
        self._show_step()
        self._focus(self.query_one(".dispense-items", OptionList))


def _core_warning(store, item_key: str, lang: str) -> str:
    """The core's low-stock line for the item (its threshold), where the installed core has one."""
    warning = getattr(stock, "warning", None)
    return warning(store, item_key, lang) if warning is not None else ""
