"""A database file with a campaign and a few patients, closed again, for other processes to open."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core.campaign import campaigns
from ayni.core.dates import today_in_lima
from ayni.core.people import patients

PEOPLE = 12


@pytest.fixture
def shared_db(tmp_path, store_files):
    """The path of a prepared database no connection of this process holds open."""
    path = tmp_path / "campaign.db"
    store = store_files.open(path, user="setup")
    today = today_in_lima()
    campaigns.create(store, "Campaña", "medical", today - dt.timedelta(days=1), today + dt.timedelta(days=1))
    for n in range(PEOPLE):
        patients.register(store, {"given_names": f"Persona {n}", "paternal_surname": "Quispe",
                                  "maternal_surname": "Mamani", "sex": "F" if n % 2 else "M", "age_years": "40",
                                  "id_kind": "none"})
    store.close()
    return path
