"""One inventory for medicines and equipment: lots received, and an append-only ledger of movements.

What is on hand is the sum of a lot's movements, so nothing is ever overwritten. Dispensing takes
the oldest expiry first, never goes below zero and never hands out an expired lot.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from .convert import from_row
from .errors import FieldError, ValidationError
from .i18n import Text
from .model import Encounter, new_id, utcnow
from .store import Store

ITEM = Text("Artículo", "Item")
QUANTITY = Text("Cantidad", "Quantity")
EXPIRY = Text("Vencimiento", "Expiry")


class MovementKind(enum.StrEnum):
    """Why stock moved."""

    RECEIVE = "receive"
    DISPENSE = "dispense"
    ADJUST = "adjust"


@attrs.frozen
class StockLot:
    """A lot of one item as received: its lot number, expiry, place, and the attributes that size
    or fit it (``{"power": "+2.00"}``)."""

    id: str
    item_key: str
    lot: str = ""
    expiry: dt.date | None = None
    location: str = ""
    attributes: dict = attrs.field(factory=dict)
    received_at: dt.datetime = attrs.field(factory=utcnow)
    received_by: str = ""


@attrs.frozen
class StockMovement:
    """One line of the stock ledger: ``quantity`` is positive in, negative out."""

    id: str
    lot_id: str
    kind: str
    quantity: int
    reason: str = ""
    encounter_id: str | None = None
    at: dt.datetime = attrs.field(factory=utcnow)
    by: str = ""


@attrs.frozen
class LotBalance:
    """A lot and what is left of it."""

    lot: StockLot
    quantity: int

    def expired(self, today: dt.date) -> bool:
        return self.lot.expiry is not None and self.lot.expiry < today


def _item_label(store: Store, item_key: str) -> Text:
    return store.plugins.equipment[item_key].label


def _check_item(store: Store, item_key: str) -> None:
    if item_key not in store.plugins.equipment:
        raise ValidationError([FieldError("item", "bad_code", ITEM, {"value": item_key})])


def _check_quantity(quantity) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1 or quantity > 100_000:
        raise ValidationError([FieldError("quantity", "out_of_range", QUANTITY, {"min": 1, "max": 100000, "unit": ""})])
    return quantity


def receive(store: Store, item_key: str, quantity: int, lot: str = "", expiry: dt.date | None = None,
            location: str = "", attributes: dict | None = None) -> StockLot:
    """Receive ``quantity`` of an item as a new lot."""
    _check_item(store, item_key)
    _check_quantity(quantity)
    record = StockLot(id=new_id(), item_key=item_key, lot=lot.strip(), expiry=expiry, location=location.strip(),
                      attributes=dict(attributes or {}), received_by=store.user.id)
    with store.write():
        store.insert("stock_lots", record)
        store.insert("stock_movements", StockMovement(id=new_id(), lot_id=record.id, kind=MovementKind.RECEIVE,
                                                      quantity=quantity, by=store.user.id))
    return record


def available(store: Store, item_key: str, attributes: dict | None = None) -> list[LotBalance]:
    """Lots of an item with stock left, matching ``attributes`` if given, oldest expiry first
    (lots without expiry last)."""
    rows = store.db.execute(
        "SELECT stock_lots.*, SUM(stock_movements.quantity) AS on_hand FROM stock_lots "
        "JOIN stock_movements ON stock_movements.lot_id = stock_lots.id WHERE item_key = ? "
        "GROUP BY stock_lots.id HAVING on_hand > 0 ORDER BY expiry IS NULL, expiry, received_at",
        [item_key],
    )
    names = [d[0] for d in rows.description]
    balances = []
    for values in rows.fetchall():
        row = dict(zip(names, values))
        lot = from_row(StockLot, row)
        if attributes and any(lot.attributes.get(k) != v for k, v in attributes.items()):
            continue
        balances.append(LotBalance(lot, row["on_hand"]))
    return balances


def on_hand(store: Store, item_key: str, attributes: dict | None = None, today: dt.date | None = None) -> int:
    """How many of an item can be handed out today (expired lots excluded)."""
    today = today or dt.date.today()
    return sum(b.quantity for b in available(store, item_key, attributes) if not b.expired(today))


def dispense(store: Store, encounter_id: str, item_key: str, quantity: int = 1, attributes: dict | None = None,
             today: dt.date | None = None) -> list[StockMovement]:
    """Hand out ``quantity`` of an item for an encounter, from the lots that expire first.

    Refused (nothing written) when the item is unknown, or when there are not enough units in
    lots that have not expired.
    """
    _check_item(store, item_key)
    _check_quantity(quantity)
    store.get(Encounter, "encounters", encounter_id)
    today = today or dt.date.today()
    movements = []
    with store.write():
        balances = available(store, item_key, attributes)
        usable = [b for b in balances if not b.expired(today)]
        have = sum(b.quantity for b in usable)
        if have < quantity:
            key = "expired_lot" if balances and not usable else "out_of_stock"
            raise ValidationError([FieldError("quantity", key, QUANTITY,
                                              {"item": _item_label(store, item_key), "available": have,
                                               "requested": quantity})])
        remaining = quantity
        for balance in usable:
            take = min(balance.quantity, remaining)
            movement = StockMovement(id=new_id(), lot_id=balance.lot.id, kind=MovementKind.DISPENSE, quantity=-take,
                                     encounter_id=encounter_id, by=store.user.id)
            store.insert("stock_movements", movement)
            movements.append(movement)
            remaining -= take
            if remaining == 0:
                break
    return movements


def dispensed(store: Store, encounter_id: str) -> list[tuple[StockLot, int]]:
    """What was handed out in an encounter: each lot and how many units."""
    rows = store.db.execute(
        "SELECT stock_lots.*, -stock_movements.quantity AS given FROM stock_movements "
        "JOIN stock_lots ON stock_lots.id = stock_movements.lot_id "
        "WHERE stock_movements.encounter_id = ? AND kind = 'dispense' ORDER BY stock_movements.rowid",
        [encounter_id],
    )
    names = [d[0] for d in rows.description]
    return [(from_row(StockLot, dict(zip(names, v))), dict(zip(names, v))["given"]) for v in rows.fetchall()]
