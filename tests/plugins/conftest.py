"""A temporary database with the built-in plugins, and a registered patient."""

from __future__ import annotations

import pytest

from ayni.core.people import patients


@pytest.fixture
def store(tmp_path, store_files):
    store = store_files.open(tmp_path / "t.db", user="dra.quispe")
    yield store
    store.close()


@pytest.fixture
def patient(store):
    return patients.register(store, {
        "given_names": "Rosa Elena", "paternal_surname": "Núñez", "maternal_surname": "Quispe",
        "sex": "F", "age_years": 52, "id_kind": "none", "community": "Chinchero",
    })
