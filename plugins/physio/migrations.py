"""The physiotherapy tables: each aid or orthosis fitted and handed out, with its fitting checklist.

Run by the core at open (``ayni_migrations``), once each, in a transaction. Never edit a released
migration: add the next one.
"""

from __future__ import annotations

from ayni.core import Migrations, keep_rows, refer_to_users

MIGRATIONS = Migrations("physio")


@MIGRATIONS(name="0001_fittings")
def fittings(db):
    """``physio_fittings``: one row per aid handed out — the encounter, the item and the attributes
    of the stock it came from, every value of the fitting checklist (JSON), donated or lent, and the
    stock movements that took it out of the inventory. Never deleted or changed."""
    db["physio_fittings"].create(
        {
            "id": str, "encounter_id": str, "patient_id": str, "item_key": str, "quantity": int,
            "attributes": str, "fitting": str, "provision": str, "return_by": str, "movement_ids": str,
            "fitted_at": str, "fitted_by": str,
        },
        pk="id",
        foreign_keys=[("encounter_id", "encounters", "id"), ("patient_id", "patients", "id")],
    )
    db["physio_fittings"].create_index(["encounter_id"])
    db["physio_fittings"].create_index(["item_key"])
    keep_rows(db, "physio_fittings", "clinical records are never deleted",
              "a fitting is never changed; record a new one", update_trigger="never_changed")


@MIGRATIONS(name="0002_fitter_referenced")
def fitter_referenced(db):
    """``physio_fittings.fitted_by`` is a foreign key to ``users`` (``ayni.core.refer_to_users``: rows,
    indexes and triggers kept; a user id naming nobody gets a user row)."""
    refer_to_users(db, {"physio_fittings": ("fitted_by",)})
