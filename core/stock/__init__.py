"""One inventory for medicines and equipment: lots received, and an append-only ledger of movements.

What is on hand is the sum of a lot's movements, so nothing is ever overwritten: a receipt, a
dispensing, a physical count (its difference with the books) and an adjustment with its reason are
each one more line. Dispensing takes the oldest expiry first, never goes below zero and never hands
out an expired lot. The items are what plugins declare: equipment (``ayni_equipment``) and formulary
medicines (``ayni_formulary``).
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from .._moved import renamed_fields
from ..clinical.encounters import ProcedureEntry, new_procedure, refuse_if_cancelled
from ..clinical.forms import clean_text, validate_form
from ..dates import today_in_lima, utc_day_bounds
from ..errors import FieldError, ValidationError
from ..hooks.declarations import EquipmentItem, Medicine
from ..i18n import Text, phrase
from ..model import Encounter, new_id, utcnow
from ..people.users import require
from ..storage.convert import from_row
from ..storage.store import Store

ITEM = Text("Artículo", "Item")
QUANTITY = Text("Cantidad", "Quantity")
EXPIRY = Text("Vencimiento", "Expiry")
LOT = Text("Lote", "Lot")
LOCATION = Text("Ubicación", "Location")
COUNTED = Text("Cantidad contada", "Counted quantity")
REASON = Text("Motivo del ajuste", "Adjustment reason")
NOTE = Text("Detalle del motivo", "Reason detail")
THRESHOLD = Text("Umbral de stock bajo", "Low-stock threshold")
REFERENCE = Text("Referencia", "Reference")
ATTRIBUTE = Text("Atributo del lote", "Lot attribute")

#: The most units moved, counted or set as a threshold at once; more is a typing mistake.
MAX_QUANTITY = 100_000
#: Items are low when no more than this many usable units are left, unless a threshold is set.
DEFAULT_LOW_STOCK = 10
#: Lots expiring within this many days are "expiring soon".
DEFAULT_EXPIRING_DAYS = 60
MAX_TEXT = 80


class MovementKind(enum.StrEnum):
    """Why stock moved."""

    RECEIVE = "receive"
    DISPENSE = "dispense"
    ADJUST = "adjust"
    COUNT = "count"


#: Why stock is adjusted by hand; ``other`` needs a description.
ADJUST_REASONS: dict[str, Text] = {
    "breakage": Text("Rotura o daño", "Breakage or damage"),
    "loss": Text("Pérdida o robo", "Loss or theft"),
    "expired": Text("Vencido, retirado", "Expired, discarded"),
    "donation_out": Text("Donación a otra institución", "Donation to another institution"),
    "transfer": Text("Traslado a otra sede", "Transfer to another site"),
    "correction": Text("Corrección de registro", "Record correction"),
    "other": Text("Otro", "Other"),
}


#: What stock lists call the items of each kind no plugin names itself (a plugin declares its own
#: with :attr:`EquipmentItem.kind`).
KINDS = {"medicine": Text("medicamento", "medicine"), "equipment": Text("equipo", "equipment")}


@attrs.frozen
class StockItem:
    """Something kept in stock, whichever hook declared it: its key, label, ``kind``
    (``"medicine"``, ``"equipment"``, or the kind its plugin declares, keyed by its English word:
    ``"vaccine"``), the attributes that size it, its own low-stock level, and ``kind_label``, what
    stock lists call its kind («vacuna»)."""

    key: str
    label: Text
    kind: str
    attributes: tuple[str, ...] = ()
    low_stock: int | None = None
    kind_label: Text = attrs.field(default=attrs.Factory(lambda item: KINDS.get(item.kind, Text(item.kind, item.kind)),
                                                         takes_self=True))


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


@renamed_fields(by="moved_by")
@attrs.frozen
class StockMovement:
    """One line of the stock ledger: ``quantity`` is positive in, negative out (zero for a count
    that matched the books). ``reason`` is the adjustment reason, the count, or the dispensing's
    reference (a prescription); ``moved_by`` the user who moved it (``by``, its old name, still reads
    for one release, with a ``DeprecationWarning``)."""

    id: str
    lot_id: str
    kind: str
    quantity: int
    reason: str = ""
    encounter_id: str | None = None
    at: dt.datetime = attrs.field(factory=utcnow)
    moved_by: str = ""


@attrs.frozen
class StockThreshold:
    """A coordinator's low-stock threshold for an item; the latest one counts."""

    id: str
    item_key: str
    threshold: int
    set_at: dt.datetime = attrs.field(factory=utcnow)
    set_by: str = ""


@attrs.frozen
class LotBalance:
    """A lot and what is left of it."""

    lot: StockLot
    quantity: int

    def expired(self, today: dt.date) -> bool:
        """True when the lot's expiry date is before ``today``."""
        return self.lot.expiry is not None and self.lot.expiry < today


@attrs.frozen
class ItemStatus:
    """Where an item stands: usable units (``on_hand``), units in expired lots, units expiring within
    the window, the next expiry, and the low-stock threshold that applies."""

    item: StockItem
    on_hand: int
    expired: int
    expiring: int
    next_expiry: dt.date | None
    threshold: int

    @property
    def low(self) -> bool:
        """No more usable units than the threshold."""
        return self.on_hand <= self.threshold


# -- the items ------------------------------------------------------------------------------------


def _as_item(declared: EquipmentItem | Medicine) -> StockItem:
    if isinstance(declared, Medicine):
        return StockItem(declared.key, declared.label, "medicine", (), declared.low_stock)
    kind = getattr(declared, "kind", None)
    return StockItem(declared.key, declared.label, kind.en.lower() if kind else "equipment", declared.attributes,
                     getattr(declared, "low_stock", None), kind or KINDS["equipment"])


def items(store: Store) -> dict[str, StockItem]:
    """Every item plugins declare (equipment, then formulary medicines), by key."""
    found = {key: _as_item(e) for key, e in store.plugins.equipment.items()}
    found.update({key: _as_item(m) for key, m in getattr(store.plugins, "medicines", {}).items()})
    return found


def item(store: Store, item_key: str) -> StockItem:
    """The item ``item_key``; refused when no plugin declares it. Items no longer declared but still
    on the books (a plugin removed) are listed by :func:`status` under their key."""
    found = items(store).get(item_key)
    if found is None:
        raise ValidationError([FieldError("item", "bad_code", ITEM, {"value": item_key})])
    return found


def _item_label(store: Store, item_key: str) -> Text:
    found = items(store).get(item_key)
    return found.label if found else Text(item_key, item_key)


# -- checks ---------------------------------------------------------------------------------------


def _whole(value, field: str, label: Text, low: int, high: int = MAX_QUANTITY) -> FieldError | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return FieldError(field, "out_of_range", label, {"min": low, "max": high, "unit": ""})
    return None


def _check_quantity(quantity) -> int:
    error = _whole(quantity, "quantity", QUANTITY, 1)
    if error:
        raise ValidationError([error])
    return quantity


def _text(value, field: str, label: Text, errors: list[FieldError]) -> str:
    return clean_text(value or "", field, label, errors, MAX_TEXT)


def _attributes(attributes: dict | None, errors: list[FieldError]) -> dict:
    """What sizes a lot (``{"power": "+2.00", "seat_width_cm": 42}``): names and text values checked
    as typed text, numbers kept as numbers."""
    return {_text(name, "attributes", ATTRIBUTE, errors):
            _text(value, "attributes", ATTRIBUTE, errors) if isinstance(value, str) else value
            for name, value in (attributes or {}).items()}


def _refuse_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(errors)


# -- receiving --------------------------------------------------------------------------------------


def receive(store: Store, item_key: str, quantity: int, lot: str = "", expiry: dt.date | None = None,
            location: str = "", attributes: dict | None = None, today: dt.date | None = None) -> StockLot:
    """Receive ``quantity`` (1–100000) of an item as a new lot. A lot already expired (``expiry``
    before ``today``, Lima time) is refused; every problem is reported together, nothing written."""
    require(store, "stock.receive")
    errors: list[FieldError] = []
    try:
        item(store, item_key)
    except ValidationError as refused:
        errors.extend(refused.errors)
    error = _whole(quantity, "quantity", QUANTITY, 1)
    if error:
        errors.append(error)
    lot = _text(lot, "lot", LOT, errors)
    location = _text(location, "location", LOCATION, errors)
    attributes = _attributes(attributes, errors)
    today = today or today_in_lima()
    if expiry is not None and not isinstance(expiry, dt.date):
        errors.append(FieldError("expiry", "bad_date", EXPIRY))
    elif expiry is not None and expiry < today:
        errors.append(FieldError("expiry", "expired_on_receipt", EXPIRY,
                                 {"expiry": expiry.isoformat(), "min": today.isoformat()}))
    _refuse_if(errors)
    record = StockLot(id=new_id(), item_key=item_key, lot=lot, expiry=expiry, location=location,
                      attributes=attributes, received_by=store.user.id)
    with store.write():
        store.insert("stock_lots", record)
        store.insert("stock_movements", StockMovement(id=new_id(), lot_id=record.id, kind=MovementKind.RECEIVE,
                                                      quantity=quantity, moved_by=store.user.id))
    return record


# -- what is on the shelf ------------------------------------------------------------------------------


def _balances(store: Store, where: str, params: list, having: str = "") -> list[LotBalance]:
    rows = store.db.execute(
        "SELECT stock_lots.*, SUM(stock_movements.quantity) AS on_hand FROM stock_lots "
        f"JOIN stock_movements ON stock_movements.lot_id = stock_lots.id WHERE {where} "
        f"GROUP BY stock_lots.id {having} ORDER BY expiry IS NULL, expiry, received_at",
        params,
    )
    names = [d[0] for d in rows.description]
    found = []
    for values in rows.fetchall():
        row = dict(zip(names, values))
        found.append(LotBalance(from_row(StockLot, row), row["on_hand"]))
    return found


def available(store: Store, item_key: str, attributes: dict | None = None, lot: str = "") -> list[LotBalance]:
    """Lots of an item with stock left, matching ``attributes`` and the lot number ``lot`` if given,
    oldest expiry first (lots without expiry last). Expired lots are included: check
    :meth:`LotBalance.expired`."""
    where, params = ("item_key = ? AND lot = ?", [item_key, lot]) if lot else ("item_key = ?", [item_key])
    balances = _balances(store, where, params, "HAVING on_hand > 0")
    if attributes:
        balances = [b for b in balances if all(b.lot.attributes.get(k) == v for k, v in attributes.items())]
    return balances


def lot_balance(store: Store, lot_id: str) -> LotBalance:
    """One lot and what is left of it; refused (naming the lot field) when there is no such lot."""
    found = _balances(store, "stock_lots.id = ?", [lot_id])
    if not found:
        raise ValidationError([FieldError("lot", "bad_code", LOT, {"value": lot_id})])
    return found[0]


def on_hand(store: Store, item_key: str, attributes: dict | None = None, today: dt.date | None = None) -> int:
    """How many of an item can be handed out today (expired lots excluded)."""
    today = today or today_in_lima()
    return sum(b.quantity for b in available(store, item_key, attributes) if not b.expired(today))


# -- moving stock out ---------------------------------------------------------------------------------


def dispense(store: Store, encounter_id: str, item_key: str, quantity: int = 1, attributes: dict | None = None,
             today: dt.date | None = None, reference: str = "", lot: str = "") -> list[StockMovement]:
    """Hand out ``quantity`` of an item for an encounter, from the lots that expire first, or only
    from the lot numbered ``lot`` (the vaccine lot a dose was given from).

    ``reference`` says what it was dispensed against (``"general.prescription:<id>"``) and is kept
    on each movement. Refused (nothing written) when the item is unknown, or when there are not
    enough units in lots that have not expired.
    """
    encounter = store.get(Encounter, "encounters", encounter_id)
    require(store, "stock.dispense", encounter.specialty)
    refuse_if_cancelled(encounter)
    item(store, item_key)
    _check_quantity(quantity)
    errors: list[FieldError] = []
    reference = _text(reference, "reference", REFERENCE, errors)
    _refuse_if(errors)
    today = today or today_in_lima()
    movements = []
    with store.write():
        balances = available(store, item_key, attributes, lot)
        usable = [b for b in balances if not b.expired(today)]
        have = sum(b.quantity for b in usable)
        if have < quantity:
            key = "expired_lot" if balances and not usable else "out_of_stock"
            label = _item_label(store, item_key)
            if lot:
                label = phrase(Text("{item}, lote {lot}", "{item}, lot {lot}"), item=label, lot=lot)
            raise ValidationError([FieldError("quantity", key, QUANTITY,
                                              {"item": label, "available": have, "requested": quantity})])
        remaining = quantity
        for balance in usable:
            take = min(balance.quantity, remaining)
            movement = StockMovement(id=new_id(), lot_id=balance.lot.id, kind=MovementKind.DISPENSE, quantity=-take,
                                     reason=reference, encounter_id=encounter_id, moved_by=store.user.id)
            store.insert("stock_movements", movement)
            movements.append(movement)
            remaining -= take
            if remaining == 0:
                break
        _record_hand_out_procedure(store, encounter, item_key)
    return movements


def _record_hand_out_procedure(store: Store, encounter: Encounter, item_key: str) -> None:
    """Add the line of the procedure that handing out ``item_key`` is (``EquipmentItem.procedure``)
    for the units of the encounter's hand-outs that no line of that code covers yet (one added by
    hand, or by an earlier hand-out), so a pair of readers is one fitting whichever path gave it."""
    code = getattr(store.plugins.equipment.get(item_key), "procedure", None)
    if not code:
        return
    given = sum(handed_out(store, encounter.id, key)
                for key, declared in store.plugins.equipment.items() if declared.procedure == code)
    [covered] = store.db.execute("SELECT COALESCE(SUM(quantity), 0) FROM procedures WHERE encounter_id = ? AND code = ?",
                                 [encounter.id, code]).fetchone()
    if given > covered:
        store.insert("procedures", new_procedure(store, encounter, ProcedureEntry(code, quantity=given - covered)))


def hand_out(store: Store, encounter_id: str, item_key: str, quantity: int = 1, attributes: dict | None = None,
             fitting: dict | None = None):
    """Hand out an item as the UI does: the plugin that claims it (``ayni_dispense``, which checks
    its fitting) hands it out; an item no plugin claims is taken with :func:`dispense`. An item with
    a ``fitting_form`` that no plugin claims is not handed out without that form filled in validly.
    Refused with :class:`ValidationError`, nothing written. Returns what the plugin recorded, or the
    stock movements."""
    declared = store.plugins.equipment.get(item_key)
    done = store.plugins.hook.ayni_dispense(store=store, encounter_id=encounter_id, item_key=item_key,
                                            quantity=quantity, attributes=dict(attributes or {}), fitting=fitting)
    if done is not None:
        return done
    form_key = getattr(declared, "fitting_form", None)
    if form_key:
        validate_form(store.plugins.forms[form_key], fitting or {})
    return dispense(store, encounter_id, item_key, quantity, attributes or None)


def handed_out(store: Store, encounter_id: str, item_key: str) -> int:
    """How many units of an item were already handed out in an encounter, by any path."""
    [given] = store.db.execute(
        "SELECT COALESCE(-SUM(stock_movements.quantity), 0) FROM stock_movements "
        "JOIN stock_lots ON stock_lots.id = stock_movements.lot_id "
        "WHERE stock_movements.encounter_id = ? AND kind = 'dispense' AND item_key = ?",
        [encounter_id, item_key],
    ).fetchone()
    return given


def dispense_planned(store: Store, encounter_id: str, item_key: str, quantity: int = 1,
                     attributes: dict | None = None, today: dt.date | None = None,
                     lot: str = "") -> list[StockMovement]:
    """Hand out what an encounter's plan asks for when it closes, less what was already handed out
    of that item in the same encounter («Entregas», before the close): a plan's readers and the
    readers handed out are one pair, one movement, whichever came first. Returns the movements
    written (none when everything was handed out already); refused as :func:`dispense` is."""
    missing = _check_quantity(quantity) - handed_out(store, encounter_id, item_key)
    if missing <= 0:
        return []
    return dispense(store, encounter_id, item_key, missing, attributes, today=today, lot=lot)


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


# -- counts and adjustments ---------------------------------------------------------------------------


def count(store: Store, lot_id: str, counted: int, note: str = "") -> StockMovement:
    """Record a physical count of a lot (0–100000 units): the difference with the books becomes a
    ``count`` movement (zero when they agree, so the count itself stays on record)."""
    require(store, "stock.count")
    errors: list[FieldError] = []
    error = _whole(counted, "counted", COUNTED, 0)
    if error:
        errors.append(error)
    note = _text(note, "note", NOTE, errors)
    _refuse_if(errors)
    with store.write():
        balance = lot_balance(store, lot_id)
        reason = f"count: {counted}" + (f"; {note}" if note else "")
        movement = StockMovement(id=new_id(), lot_id=lot_id, kind=MovementKind.COUNT,
                                 quantity=counted - balance.quantity, reason=reason, moved_by=store.user.id)
        store.insert("stock_movements", movement)
    return movement


def adjust(store: Store, lot_id: str, quantity: int, reason: str, note: str = "") -> StockMovement:
    """Add (positive) or take out (negative) units of a lot by hand, with a reason from
    :data:`ADJUST_REASONS` (``other`` needs a ``note``). A lot never goes below zero; every problem
    is reported together and nothing is written when refused."""
    require(store, "stock.adjust")
    errors: list[FieldError] = []
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not -MAX_QUANTITY <= quantity <= MAX_QUANTITY:
        errors.append(FieldError("quantity", "out_of_range", QUANTITY,
                                 {"min": -MAX_QUANTITY, "max": MAX_QUANTITY, "unit": ""}))
    elif quantity == 0:
        errors.append(FieldError("quantity", "adjust_zero", QUANTITY, {"max": MAX_QUANTITY}))
    reason = (reason or "").strip()
    if reason not in ADJUST_REASONS:
        errors.append(FieldError("reason", "adjust_reason", REASON, {"allowed": ", ".join(ADJUST_REASONS)}))
    note = _text(note, "note", NOTE, errors)
    if reason == "other" and not note:
        errors.append(FieldError("note", "adjust_note", NOTE))
    with store.write():
        try:
            balance = lot_balance(store, lot_id)
        except ValidationError as unknown:
            raise ValidationError(errors + unknown.errors) from None
        if not errors and balance.quantity + quantity < 0:
            errors.append(FieldError("quantity", "below_zero", QUANTITY, {
                "lot": balance.lot.lot or balance.lot.id[:8], "available": balance.quantity, "requested": quantity}))
        _refuse_if(errors)
        movement = StockMovement(id=new_id(), lot_id=lot_id, kind=MovementKind.ADJUST, quantity=quantity,
                                 reason=f"{reason}: {note}" if note else reason, moved_by=store.user.id)
        store.insert("stock_movements", movement)
    return movement


def reason_label(movement_reason: str, lang: str) -> str:
    """An adjustment's stored reason (``"breakage: caja mojada"``) as people read it."""
    key, _, note = movement_reason.partition(": ")
    label = ADJUST_REASONS[key].get(lang) if key in ADJUST_REASONS else key
    return f"{label}: {note}" if note else label


def movements(store: Store, lot_id: str) -> list[StockMovement]:
    """Every line of a lot's ledger, oldest first."""
    return store.rows(StockMovement, "stock_movements", "lot_id = ?", [lot_id], order_by="rowid")


# -- low stock and expiry --------------------------------------------------------------------------------


def set_threshold(store: Store, item_key: str, threshold: int) -> None:
    """Set how few usable units count as low for an item (0–100000); the latest setting counts and
    earlier ones stay on record."""
    require(store, "stock.levels")
    item(store, item_key)
    error = _whole(threshold, "threshold", THRESHOLD, 0)
    if error:
        raise ValidationError([error])
    with store.write():
        store.insert("stock_thresholds", StockThreshold(new_id(), item_key, threshold, set_by=store.user.id))


def thresholds(store: Store) -> dict[str, int]:
    """The low-stock threshold of every item: set by a coordinator, else declared by its plugin,
    else :data:`DEFAULT_LOW_STOCK`."""
    found = {key: (i.low_stock if i.low_stock is not None else DEFAULT_LOW_STOCK) for key, i in items(store).items()}
    for key, value in store.db.execute("SELECT item_key, threshold FROM stock_thresholds ORDER BY rowid"):
        found[key] = value
    return found


def status(store: Store, today: dt.date | None = None, days: int = DEFAULT_EXPIRING_DAYS,
           only: str | None = None) -> list[ItemStatus]:
    """Where every item stands (or only item ``only``), in catalogue order; items still on the
    books but no longer declared by a plugin come last, under their key."""
    today = today or today_in_lima()
    horizon = today + dt.timedelta(days=days)
    catalogue = items(store)
    limits = thresholds(store)
    where, params = ("item_key = ?", [only]) if only else ("1", [])
    per_item: dict[str, list[LotBalance]] = {}
    for balance in _balances(store, where, params, "HAVING on_hand > 0"):
        per_item.setdefault(balance.lot.item_key, []).append(balance)
    keys = [k for k in catalogue if only in (None, k)] + [k for k in per_item if k not in catalogue]
    found = []
    for key in keys:
        lots = per_item.get(key, [])
        usable = [b for b in lots if not b.expired(today)]
        expiries = [b.lot.expiry for b in usable if b.lot.expiry is not None]
        found.append(ItemStatus(
            item=catalogue.get(key) or StockItem(key, Text(key, key), "equipment"),
            on_hand=sum(b.quantity for b in usable),
            expired=sum(b.quantity for b in lots if b.expired(today)),
            expiring=sum(b.quantity for b in usable if b.lot.expiry is not None and b.lot.expiry <= horizon),
            next_expiry=min(expiries, default=None),
            threshold=limits.get(key, DEFAULT_LOW_STOCK),
        ))
    return found


def low_stock(store: Store, today: dt.date | None = None) -> list[ItemStatus]:
    """The items with no more usable units than their threshold: what the UI warns about."""
    return [s for s in status(store, today) if s.low]


LOW_STOCK_WARNING = Text("Stock bajo de «{item}»: quedan {n} (umbral {threshold}).",
                         "Low stock of «{item}»: {n} left (threshold {threshold}).")


def warning(store: Store, item_key: str, lang: str, today: dt.date | None = None) -> str:
    """One line to show next to an item when it is low («Quedan 3 (umbral 10)»), else ``""``."""
    [found] = status(store, today, only=item_key) or [None]
    if found is None or not found.low:
        return ""
    return LOW_STOCK_WARNING.get(lang).format(item=found.item.label.get(lang), n=found.on_hand,
                                              threshold=found.threshold)



def expiring(store: Store, days: int = DEFAULT_EXPIRING_DAYS, today: dt.date | None = None) -> list[LotBalance]:
    """Lots with stock that expire within ``days`` of ``today`` or have already expired, soonest first."""
    today = today or today_in_lima()
    horizon = (today + dt.timedelta(days=days)).isoformat()
    return _balances(store, "expiry IS NOT NULL AND expiry <= ?", [horizon], "HAVING on_hand > 0")


def dispensed_between(store: Store, start: dt.date, end: dt.date) -> dict[str, int]:
    """Units handed out per item from ``start`` to ``end`` inclusive (Lima dates)."""
    rows = store.db.execute(
        "SELECT item_key, -SUM(quantity) FROM stock_movements JOIN stock_lots ON stock_lots.id = lot_id "
        "WHERE kind = 'dispense' AND at >= ? AND at < ? GROUP BY item_key",
        [utc_day_bounds(start)[0], utc_day_bounds(end)[1]],
    )
    return dict(rows.fetchall())
