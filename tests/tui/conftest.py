"""Fixtures for the terminal UI: a store with a few patients and the app opened on the same file.

The app opens its own connection (as it does in the field); tests read what it wrote through the
``store`` fixture's connection.
"""

from __future__ import annotations

import pytest

from ayni.core.people import patients
from ayni.tui.app import AyniApp

OTHERS = (
    {"given_names": "Juan Carlos", "paternal_surname": "Mamani", "maternal_surname": "Condori", "sex": "M",
     "age_years": "52", "id_kind": "dni", "id_number": "40123456", "community": "Pisac"},
    {"given_names": "Luz", "paternal_surname": "Huamán", "maternal_surname": "Ccori", "sex": "F",
     "age_years": "29", "id_kind": "none", "community": "Ccorca"},
)


@pytest.fixture
def people(store, patient):
    """:data:`ADULT` (Rosa Elena Núñez Quispe) and two others, registered."""
    return [patient, *(patients.register(store, form) for form in OTHERS)]


@pytest.fixture
def make_app(store, plugins):
    """``make_app(lang="es", plugins=..., path=...)``: the app on the test database (or ``path``), as the
    user ``tester``."""

    def make(lang: str = "es", **kwargs) -> AyniApp:
        return AyniApp(kwargs.get("path", store.path), "tester", lang, plugins=kwargs.get("plugins", plugins))

    return make

