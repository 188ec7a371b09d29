"""The stock screen: every item with what is usable, what expires soon and what is low, marked by a
character (not only colour); the lots of the highlighted item below. R receives a lot, C records a
physical count, A adjusts with a reason; each opens a small form."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Input, Select, Static

from ayni.core import FieldError, Text, ValidationError, stock
from ayni.core.dates import today_in_lima

from ..text import UI
from ..widgets.rows import FormRow
from ..widgets.tables import fill_table
from .base import AyniScreen
from .modal_form import FormModal

#: The most characters of a quantity typed: «-100000».
QUANTITY_LENGTH = len(f"-{stock.MAX_QUANTITY}")

#: The words of the stock screen and its forms (added to the UI table on import).
TEXT = {
    "st_title": Text("Stock de medicamentos y equipos", "Medicine and equipment stock"),
    "st_legend": Text("Marcas: ! stock bajo · ~ vence en {days} días · X lotes vencidos en el estante · "
                      "R recibir · C contar · A ajustar",
                      "Marks: ! low stock · ~ expires within {days} days · X expired lots on the shelf · "
                      "R receive · C count · A adjust"),
    "st_col_marks": Text("Marca", "Mark"),
    "st_col_item": Text("Artículo", "Item"),
    "st_col_kind": Text("Tipo", "Kind"),
    "st_col_on_hand": Text("Disponible", "On hand"),
    "st_col_threshold": Text("Umbral", "Threshold"),
    "st_col_expiring": Text("Vence pronto", "Expiring"),
    "st_col_expired": Text("Vencido", "Expired"),
    "st_col_next": Text("Próx. venc.", "Next expiry"),
    "st_col_lot": Text("Lote", "Lot"),
    "st_col_expiry": Text("Vencimiento", "Expiry"),
    "st_col_location": Text("Ubicación", "Location"),
    "st_col_quantity": Text("Cantidad", "Quantity"),
    "st_lots_of": Text("Lotes de «{item}»", "Lots of «{item}»"),
    "st_no_lots": Text("Sin lotes con stock: R recibe uno.", "No lots with stock: R receives one."),
    "st_no_items": Text("Ningún plugin declara artículos de stock.", "No plugin declares stock items."),
    "st_receive_title": Text("Recibir un lote (Ctrl+S guarda · Esc cancela)", "Receive a lot (Ctrl+S saves · Esc cancels)"),
    "st_count_title": Text("Conteo físico (Ctrl+S guarda · Esc cancela)", "Physical count (Ctrl+S saves · Esc cancels)"),
    "st_adjust_title": Text("Ajuste con motivo (Ctrl+S guarda · Esc cancela)",
                            "Adjustment with a reason (Ctrl+S saves · Esc cancels)"),
    "st_item_line": Text("Artículo: {item} · disponible {n}", "Item: {item} · on hand {n}"),
    "st_quantity": Text("Cantidad (1–100000)", "Quantity (1–100000)"),
    "st_lot": Text("Número de lote", "Lot number"),
    "st_expiry": Text("Vencimiento (AAAA-MM-DD)", "Expiry (YYYY-MM-DD)"),
    "st_location": Text("Ubicación", "Location"),
    "st_which_lot": Text("Lote", "Lot"),
    "st_counted": Text("Contado (0–100000)", "Counted (0–100000)"),
    "st_note": Text("Detalle", "Detail"),
    "st_delta": Text("Cantidad (+ entra, − sale)", "Quantity (+ in, − out)"),
    "st_reason": Text("Motivo", "Reason"),
    "st_received": Text("Recibido: {n} × {item}.", "Received: {n} × {item}."),
    "st_counted_done": Text("Conteo registrado (diferencia {diff:+d}).", "Count recorded (difference {diff:+d})."),
    "st_adjusted": Text("Ajuste registrado ({diff:+d}).", "Adjustment recorded ({diff:+d})."),
    "st_need_lot": Text("Este artículo no tiene lotes con stock.", "This item has no lots with stock."),
    "st_no_expiry": Text("sin vencimiento", "no expiry"),
    "b_receive": Text("Recibir", "Receive"),
    "b_count": Text("Contar", "Count"),
    "b_adjust": Text("Ajustar", "Adjust"),
}
UI.update(TEXT)


def marks(status: stock.ItemStatus) -> str:
    """«!~X»: low, expiring soon, expired lots on the shelf; a space where a mark does not apply."""
    return ("!" if status.low else " ") + ("~" if status.expiring else " ") + ("X" if status.expired else " ")


def _whole(raw: str, field: str, label: Text, low: int, high: int) -> int:
    """A whole number typed in a form, or a refusal naming the field and the range."""
    try:
        return int(raw.strip().replace("−", "-"))
    except ValueError:
        raise ValidationError([FieldError(field, "out_of_range", label, {"min": low, "max": high, "unit": ""})]) from None


def _lot_text(balance: stock.LotBalance, lang: str, today: dt.date) -> str:
    expiry = balance.lot.expiry.isoformat() if balance.lot.expiry else UI["st_no_expiry"].get(lang)
    flag = " X" if balance.expired(today) else ""
    return f"{balance.lot.lot or '—'} · {expiry} · {balance.quantity}{flag}"


class ReceiveModal(FormModal):
    """Receive a lot of one item: quantity, lot number, expiry and where it is kept."""

    title_key = "st_receive_title"

    def __init__(self, status: stock.ItemStatus):
        super().__init__()
        self.status = status

    def form_rows(self) -> list[FormRow]:
        return [
            FormRow("quantity", "st_quantity", Input(id="quantity", compact=True, max_length=QUANTITY_LENGTH)),
            FormRow("lot", "st_lot", Input(id="lot", compact=True, max_length=80)),
            FormRow("expiry", "st_expiry", Input(id="expiry", compact=True, placeholder="2027-12-31", max_length=10)),
            FormRow("location", "st_location", Input(id="location", compact=True, max_length=80)),
        ]

    def info(self) -> str:
        return self.tr("st_item_line", item=self.status.item.label.get(self.lang), n=self.status.on_hand)

    def submit(self):
        value = {key: self.query_one(f"#{key}", Input).value for key in ("quantity", "lot", "expiry", "location")}
        errors: list[FieldError] = []
        quantity = expiry = None
        try:
            quantity = _whole(value["quantity"], "quantity", stock.QUANTITY, 1, stock.MAX_QUANTITY)
        except ValidationError as refused:
            errors += refused.errors
        if value["expiry"].strip():
            try:
                expiry = dt.date.fromisoformat(value["expiry"].strip())
            except ValueError:
                errors.append(FieldError("expiry", "bad_date", stock.EXPIRY))
        if errors:
            raise ValidationError(errors)
        stock.receive(self.app.store, self.status.item.key, quantity, lot=value["lot"], expiry=expiry,
                      location=value["location"])
        return self.tr("st_received", n=quantity, item=self.status.item.label.get(self.lang))


class _LotModal(FormModal):
    """A form about one lot of an item, chosen from those with stock (the one expiring first is preselected)."""

    def __init__(self, status: stock.ItemStatus, lots: list[stock.LotBalance]):
        super().__init__()
        self.status, self.lots = status, lots

    def lot_row(self) -> FormRow:
        today = today_in_lima()
        options = [(_lot_text(b, self.app.lang, today), b.lot.id) for b in self.lots]
        return FormRow("lot", "st_which_lot", Select(options, id="lot", compact=True, allow_blank=False))

    def info(self) -> str:
        return self.tr("st_item_line", item=self.status.item.label.get(self.lang), n=self.status.on_hand)

    @property
    def lot_id(self) -> str:
        return self.query_one("#lot", Select).value


class CountModal(_LotModal):
    """Record a physical count of a lot: the difference with the books becomes a movement."""

    title_key = "st_count_title"

    def form_rows(self) -> list[FormRow]:
        return [self.lot_row(), FormRow("counted", "st_counted", Input(id="counted", compact=True, max_length=QUANTITY_LENGTH)),
                FormRow("note", "st_note", Input(id="note", compact=True, max_length=80))]

    def submit(self):
        counted = _whole(self.query_one("#counted", Input).value, "counted", stock.COUNTED, 0, stock.MAX_QUANTITY)
        movement = stock.count(self.app.store, self.lot_id, counted, self.query_one("#note", Input).value)
        return self.tr("st_counted_done", diff=movement.quantity)


class AdjustModal(_LotModal):
    """Add or take out units of a lot by hand, with a reason (required)."""

    title_key = "st_adjust_title"

    def form_rows(self) -> list[FormRow]:
        reasons = [(label.get(self.app.lang), key) for key, label in stock.ADJUST_REASONS.items()]
        return [self.lot_row(), FormRow("quantity", "st_delta", Input(id="quantity", compact=True, max_length=QUANTITY_LENGTH)),
                FormRow("reason", "st_reason", Select(reasons, id="reason", compact=True, prompt=self.tr("choose"))),
                FormRow("note", "st_note", Input(id="note", compact=True, max_length=80))]

    def submit(self):
        m = stock.MAX_QUANTITY
        errors: list[FieldError] = []
        quantity = 0
        try:
            quantity = _whole(self.query_one("#quantity", Input).value, "quantity", stock.QUANTITY, -m, m)
        except ValidationError as refused:
            errors += refused.errors
        reason = self.query_one("#reason", Select).value
        try:
            movement = stock.adjust(self.app.store, self.lot_id, quantity, "" if reason is Select.NULL else reason,
                                    self.query_one("#note", Input).value)
        except ValidationError as refused:
            raise ValidationError(errors + [e for e in refused.errors if e.field not in {x.field for x in errors}]) from None
        return self.tr("st_adjusted", diff=movement.quantity)


class StockScreen(AyniScreen):
    """Every stock item and the lots of the highlighted one."""

    DEFAULT_CSS = """
    StockScreen #items { height: 2fr; }
    StockScreen #lots { height: 1fr; }
    StockScreen #legend, StockScreen #lots-title { padding: 0 1; }
    StockScreen #lots-title { text-style: bold; }
    """
    BINDINGS = [
        Binding("r", "receive", "b_receive"),
        Binding("c", "count", "b_count"),
        Binding("a", "adjust", "b_adjust"),
    ]
    AUTO_FOCUS = "#items"

    def __init__(self):
        super().__init__()
        self.statuses: list[stock.ItemStatus] = []
        self.lots: list[stock.LotBalance] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield Static("", id="legend", markup=False)
        yield DataTable(id="items", cursor_type="row", zebra_stripes=True)
        yield Static("", id="lots-title", markup=False)
        yield DataTable(id="lots", cursor_type="row")
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#title", Static).update(self.tr("st_title"))
        self.query_one("#legend", Static).update(self.tr("st_legend", days=stock.DEFAULT_EXPIRING_DAYS))
        self.refresh_items()

    def refresh_items(self) -> None:
        """Read the stock again and redraw both tables."""
        self.statuses = stock.status(self.app.store)
        fill_table(
            self.query_one("#items", DataTable),
            [self.tr(k) for k in ("st_col_marks", "st_col_item", "st_col_kind", "st_col_on_hand", "st_col_threshold",
                                  "st_col_expiring", "st_col_expired", "st_col_next")],
            [(s.item.key, (marks(s), s.item.label.get(self.lang), s.item.kind_label.get(self.lang), s.on_hand,
                           s.threshold, s.expiring or "", s.expired or "",
                           s.next_expiry.isoformat() if s.next_expiry else ""))
             for s in self.statuses],
        )
        self.refresh_lots()

    @property
    def current(self) -> stock.ItemStatus | None:
        table = self.query_one("#items", DataTable)
        if not self.statuses or table.cursor_row is None or table.cursor_row >= len(self.statuses):
            return None
        return self.statuses[table.cursor_row]

    def refresh_lots(self) -> None:
        """Show the lots of the highlighted item."""
        current = self.current
        title = self.query_one("#lots-title", Static)
        if current is None:
            title.update(self.tr("st_no_items"))
            self.lots = []
        else:
            self.lots = stock.available(self.app.store, current.item.key)
            title.update(self.tr("st_lots_of", item=current.item.label.get(self.lang))
                         + ("" if self.lots else f" — {self.tr('st_no_lots')}"))
        today = today_in_lima()
        fill_table(
            self.query_one("#lots", DataTable),
            [self.tr(k) for k in ("st_col_marks", "st_col_lot", "st_col_expiry", "st_col_location", "st_col_quantity")],
            [(b.lot.id, ("X" if b.expired(today) else " ", b.lot.lot, b.lot.expiry.isoformat() if b.lot.expiry else "",
                         b.lot.location, b.quantity)) for b in self.lots],
        )

    @on(DataTable.RowHighlighted, "#items")
    def _item_highlighted(self) -> None:
        self.refresh_lots()

    def _form_done(self, message: str | None) -> None:
        if message:
            self.app.notify(message)
            self.refresh_items()

    def action_receive(self) -> None:
        if self.current is not None:
            self.app.push_screen(ReceiveModal(self.current), self._form_done)

    def _lot_form(self, form) -> None:
        if self.current is None:
            return
        if not self.lots:
            self.app.notify(self.tr("st_need_lot"), severity="warning")
            return
        self.app.push_screen(form(self.current, self.lots), self._form_done)

    def action_count(self) -> None:
        self._lot_form(CountModal)

    def action_adjust(self) -> None:
        self._lot_form(AdjustModal)
