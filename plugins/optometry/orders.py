"""Custom glasses orders: placed when an encounter closes, then received from the optical lab and
delivered to the patient, often days later at another site.

Both tables are append-only: an order never changes, and each status change is a new event
(audited like every write), so the history of an order is its events, oldest first.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ayni.core import (
    COORDINATOR, Encounter, FieldError, Migrations, Permission, StatusFlow, Text, ValidationError, keep_rows,
    numbers_in_stored_forms, of_same_person, refer_to_users, rename_columns, renamed_fields, require,
)
from ayni.core.clinical.forms import clean_text, control_character_in
from ayni.core.model import new_id, utcnow

ORDERS = "optometry_glasses_orders"
EVENTS = "optometry_order_events"

STATUS_LABELS = {
    "ordered": Text("pedido", "ordered"),
    "received": Text("recibido", "received"),
    "delivered": Text("entregado", "delivered"),
    "cancelled": Text("anulado", "cancelled"),
}
#: Which status may follow which; delivered and cancelled are final.
FLOW = StatusFlow(Text("Estado del pedido", "Order status"), STATUS_LABELS, {
    "ordered": ("received", "cancelled"),
    "received": ("delivered", "cancelled"),
    "delivered": (),
    "cancelled": (),
})

migrations = Migrations("optometry")

#: Columns renamed because their names were SQL keywords (migration 0003), ``{table: {old: new}}``:
#: also what ``ayni_renamed_columns`` declares, so a merge reads an export from before 0003.
RENAMED_COLUMNS = {EVENTS: {"by": "changed_by"}}


@migrations(name="0001_glasses_orders")
def _glasses_orders(db):
    db[ORDERS].create(
        {"id": str, "encounter_id": str, "patient_id": str, "lens_type": str, "prescription": str,
         "notes": str, "created_at": str, "created_by": str},
        pk="id",
        foreign_keys=[("encounter_id", "encounters", "id"), ("patient_id", "patients", "id")],
    )
    db[ORDERS].create_index(["patient_id"])
    db[EVENTS].create(
        {"id": str, "order_id": str, "status": str, "note": str, "at": str, "by": str},
        pk="id",
        foreign_keys=[("order_id", ORDERS, "id")],
    )
    db[EVENTS].create_index(["order_id", "at"])
    for table in (ORDERS, EVENTS):
        keep_rows(db, table, "glasses orders are never deleted", "glasses orders are append-only")


@migrations(name="0002_users_referenced")
def _users_referenced(db):
    """Who ordered the glasses and who moved each order on is a foreign key to ``users``
    (``ayni.core.refer_to_users``: rows, indexes and triggers kept; a user id naming nobody gets a user row)."""
    refer_to_users(db, {ORDERS: ("created_by",), EVENTS: ("by",)})


@migrations(name="0003_keyword_columns_renamed")
def _keyword_columns_renamed(db):
    """Who moved an order on is ``changed_by``: the column was called ``by``, an SQL keyword every
    query had to quote. Renamed in place (``ayni.core.rename_columns``: rows, indexes, triggers and
    foreign keys kept)."""
    rename_columns(db, RENAMED_COLUMNS)


@migrations(name="0004_exam_logmar_as_json_numbers")
def _exam_logmar_as_json_numbers(db):
    """The logMAR the exam derives for each acuity (``logmar: {field: {eye: …}}``), nested below the
    form's fields, was written as text before numbers were JSON numbers, and the core's migration of
    form numbers (0022) left it: it becomes JSON numbers (``FormSpec.number_paths``,
    ``ayni.core.numbers_in_stored_forms``), in place, without new revisions, noted once in the audit log."""
    from .forms import FORMS

    numbers_in_stored_forms(db, "form_data", "data", "optometry/0004_exam_logmar_as_json_numbers",
                            {spec.key: spec for spec in FORMS}, owned=True)


@attrs.frozen
class GlassesOrder:
    """Glasses made to a prescription: ``prescription`` holds, per eye, the powers as text
    (``{"od": {"sphere": "-1.25", ...}, "pd": 62}``)."""

    id: str
    encounter_id: str
    patient_id: str
    lens_type: str
    prescription: dict
    notes: str = ""
    created_at: dt.datetime = attrs.field(factory=utcnow)
    created_by: str = ""


@renamed_fields(by="changed_by")
@attrs.frozen
class OrderEvent:
    """One step of an order: its new status, when, by whom (``changed_by``; ``by``, its old name,
    still reads for one release, with a ``DeprecationWarning``), and an optional note."""

    id: str
    order_id: str
    status: str
    note: str = ""
    at: dt.datetime = attrs.field(factory=utcnow)
    changed_by: str = ""


#: Who may write what here (``ayni_permissions``).
PERMISSIONS = {
    "optometry.orders": Permission(Text("pedir lentes y seguir el pedido", "order glasses and follow the order"),
                                   frozenset({COORDINATOR}), clinician=True, specialty="optometry"),
}
NOTES = Text("Notas del pedido", "Order notes")
PRESCRIPTION = Text("Receta de lentes", "Glasses prescription")


def _notes(text: str, key: str = "notes") -> str:
    """The notes typed, refused (:class:`ValidationError`) when they hold a control character."""
    errors: list[FieldError] = []
    notes = clean_text(text, key, NOTES, errors, 1000, multiline=True)
    if errors:
        raise ValidationError(errors)
    return notes


def place(store, encounter_id: str, lens_type: str, prescription: dict, notes: str = "") -> GlassesOrder:
    """Order glasses for the patient of an encounter; its first event is «ordered». Notes or a
    prescription holding a control character are refused, nothing written."""
    require(store, "optometry.orders")
    encounter = store.get(Encounter, "encounters", encounter_id)
    if error := control_character_in("prescription", PRESCRIPTION, prescription):
        raise ValidationError([error])
    order = GlassesOrder(id=new_id(), encounter_id=encounter.id, patient_id=encounter.patient_id,
                         lens_type=lens_type, prescription=prescription, notes=_notes(notes),
                         created_by=store.user.id)
    with store.write():
        store.insert(ORDERS, order)
        store.insert(EVENTS, OrderEvent(id=new_id(), order_id=order.id, status="ordered", changed_by=store.user.id))
    return order


def history(store, order_id: str) -> list[OrderEvent]:
    """The events of an order, oldest first."""
    return store.rows(OrderEvent, EVENTS, "order_id = ?", [order_id], order_by="at, rowid")


def status(store, order_id: str) -> str:
    """The current status of an order."""
    store.get(GlassesOrder, ORDERS, order_id)
    return history(store, order_id)[-1].status


def set_status(store, order_id: str, new_status: str, note: str = "") -> OrderEvent:
    """Move an order on (ordered → received → delivered, or cancelled before delivery) by adding an
    event. Refused, with nothing written, for a step that does not follow the current status."""
    require(store, "optometry.orders")
    with store.write():
        FLOW.check(status(store, order_id), new_status)
        event = OrderEvent(id=new_id(), order_id=order_id, status=new_status, note=_notes(note, "note"),
                           changed_by=store.user.id)
        store.insert(EVENTS, event)
    return event


def of_patient(store, patient_id: str) -> list[GlassesOrder]:
    """A patient's orders (those of records merged into theirs too), oldest first."""
    return store.rows(GlassesOrder, ORDERS, of_same_person(), [patient_id], order_by="created_at")


def of_encounter(store, encounter_id: str) -> list[GlassesOrder]:
    """The orders placed in an encounter."""
    return store.rows(GlassesOrder, ORDERS, "encounter_id = ?", [encounter_id], order_by="created_at")
