"""Laptops for the merge tests: real SQLite files, each with its letter, and the helpers that
register, treat and ship their records from one to another."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ayni.core import open_store
from ayni.core.campaign import campaigns
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.dates import today_in_lima
from ayni.core.money import payments
from ayni.core.people import patients
from ayni.core.storage.backup import row_counts
from ayni.core.storage.devices import set_letter
from ayni.core.storage.exchange import export
from ayni.core.storage.merge import merge

TODAY = today_in_lima()


def person(n: int, dni: str | None = None) -> dict:
    """A registration form; with ``dni``, identified by it."""
    form = {"given_names": f"Persona {n}", "paternal_surname": "Quispe", "maternal_surname": "Mamani", "sex": "F",
            "birth_date": "1980-01-01", "id_kind": "none", "id_number": ""}
    return {**form, "id_kind": "dni", "id_number": dni} if dni else form


def laptop(folder: Path, letter: str, plugins, user: str = "coordinadora", name: str = ""):
    """A new database in ``folder`` for the laptop ``letter`` ('' for none), opened as ``user``."""
    store = open_store(folder / f"laptop-{name or letter}.db", user=user, plugins=plugins)
    if letter:
        set_letter(store, letter)
    return store


def campaign_of(store, name: str = "Campaña"):
    return campaigns.create(store, name, "medical", TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=3))


def visit(store, patient_id: str, paid: bool = False) -> str:
    """An encounter of ``patient_id`` with a consultation (S/ 10.00), paid in full if ``paid``."""
    encounter = encounters.open_encounter(store, patient_id, "clinic", "consult")
    encounters.save(store, encounter.id, procedures=[ProcedureEntry("clinic.consult")])
    if paid:
        payments.record(store, encounter.id, "full")
    return encounter.id


def ship(source, target, folder: Path, name: str = "export.ayni"):
    """Export ``source`` to a file in ``folder`` and merge it into ``target``: the merge's report."""
    written = export(source, folder / name)
    return merge(target, written.path)


def register(store, n: int, dni: str | None = None):
    return patients.register(store, person(n, dni))


def counts(store) -> dict[str, int]:
    """The rows of every table (the search index's too): compare before and after."""
    return row_counts(store.db.conn)
