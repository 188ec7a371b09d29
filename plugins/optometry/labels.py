"""The label on the envelope of a glasses order going to the optical lab: the patient, the
prescription per eye, the pupillary distance and the lens type, laid out by the core's labels."""

from __future__ import annotations

from decimal import Decimal

from ayni.core import Label, Patient, Text, signed_number

from . import orders
from .forms import PLAN
from .refraction import sphere_text
from .summary import HEAD

TITLE = Text("Pedido de lentes", "Glasses order")
KEY = "optometry.glasses_order"


def _eye(lens: dict, lang: str) -> str:
    """«-1.25 -0.50 × 90° Add. +2.00»: sphere, cylinder and axis when there is one, addition when given."""
    parts = [f"{HEAD['sphere'].get(lang)} {sphere_text(Decimal(lens['sphere']), lang)}"]
    cylinder = Decimal(lens.get("cylinder") or 0)
    if cylinder:
        parts.append(f"{HEAD['cylinder'].get(lang)} {signed_number(cylinder)} × {lens.get('axis')}°")
    if lens.get("add") is not None:
        parts.append(f"{HEAD['add'].get(lang)} {signed_number(Decimal(lens['add']))}")
    return " ".join(parts)


def order_label(order: orders.GlassesOrder, patient: Patient, lang: str) -> Label:
    """The label of one glasses order, in ``lang``."""
    rx = order.prescription
    lines = [(HEAD[eye].get(lang), _eye(rx[eye], lang)) for eye in ("od", "os") if eye in rx]
    if rx.get("pd") is not None:
        lines.append((HEAD["pd"].get(lang), f"{rx['pd']} mm"))
    if order.lens_type:
        lines.append((PLAN.field("lens_type").label.get(lang), PLAN.field("lens_type").choice_label(order.lens_type, lang)))
    return Label(KEY, TITLE.get(lang), patient.card_number, patient.full_name, tuple(lines),
                 encounter_id=order.encounter_id)


def pending_labels(store, patient_id: str, lang: str) -> list[Label]:
    """A label for each of the patient's orders still waiting for the lab («ordered»)."""
    patient = store.get(Patient, "patients", patient_id)
    return [order_label(order, patient, lang) for order in orders.of_patient(store, patient_id)
            if orders.status(store, order.id) == "ordered"]
