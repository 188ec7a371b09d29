"""The views an analyst reads physio's fittings through: one per aid's fitting form
(``form_physio_fit_wheelchair`` …), typed and with units in the column names like every form's view.
A fitting is recorded once, in ``physio_fittings``, naming its aid rather than its form."""

from __future__ import annotations

import functools

from ayni.core import Text
from ayni.core.storage.views import Column, FormSource, form_view, patient_columns

from .aids import AIDS

#: The fitting form of a row's aid, as SQL over ``f`` (a row of ``physio_fittings``).
_FORM_OF_AID = "CASE f.item_key " + " ".join(f"WHEN '{aid.item_key}' THEN '{aid.form.key}'" for aid in AIDS.values()) + " END"

FITTING_ROWS = FormSource(
    "physio_fittings", "JOIN encounters AS e ON e.id = f.encounter_id JOIN patients AS p ON p.id = f.patient_id "
    "LEFT JOIN campaigns AS c ON c.id = e.campaign_id LEFT JOIN users AS u ON u.id = f.fitted_by", "encounter_id",
    (
        ("f.id", Column("fitting_id", Text("La adaptación", "The fitting"))),
        ("f.encounter_id", Column("encounter_id", Text("La atención", "The encounter"))),
        *patient_columns("f.patient_id", "e.campaign_id"),
        ("f.item_key", Column("item_key", Text("Ayuda técnica (artículo del stock)", "Mobility aid (stock item)"))),
        ("f.quantity", Column("quantity", Text("Cantidad entregada", "Quantity handed out"))),
        ("f.fitted_at", Column("fitted_at", Text("Cuándo se adaptó y entregó (UTC)", "When it was fitted and handed out (UTC)"))),
        ("f.fitted_by", Column("fitted_by", Text("Quién la adaptó", "Who fitted it"))),
        ("u.name", Column("fitted_by_name", Text("Nombre de quien la adaptó", "Name of who fitted it"))),
    ),
    data="fitting", form_key=_FORM_OF_AID, revision="",
)


@functools.cache
def views() -> tuple:
    """The view of each aid's fitting form, made once: the forms never change while Ayni runs."""
    return tuple(form_view(aid.form, source=FITTING_ROWS) for aid in AIDS.values())
