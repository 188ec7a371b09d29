"""Fixtures for the PDF tests: a real temporary store with a campaign, a patient with accents and a
general-medicine visit, and a helper that extracts a PDF's text with pypdf."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from ayni.core.campaign import campaigns
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.money import payments
from ayni.core.people import patients

#: 02:30 UTC on 24 November is still 23 November (21:30) in Lima.
PRINTED_AT = dt.datetime(2026, 11, 24, 2, 30, tzinfo=dt.timezone.utc)

PATIENT = {
    "given_names": "María José", "paternal_surname": "Núñez", "maternal_surname": "Ñahui", "sex": "F",
    "age_years": "47", "id_kind": "dni", "id_number": "45678912", "community": "Ccollpa",
    "district": "Ocongate", "region": "Cusco", "language": "qu",
}


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\f".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def pdf_text():
    """``pdf_text(data)``: the text of every page of a PDF, pages separated by form feeds."""
    return _pdf_text


@pytest.fixture
def printed_at():
    """A printing time given in UTC that is still the day before in Lima."""
    return PRINTED_AT


@pytest.fixture
def patient_form():
    """The registration form of María José Núñez Ñahui, 47 (estimated), DNI 45678912."""
    return dict(PATIENT)


@pytest.fixture
def store(tmp_path, store_files):
    s = store_files.open(tmp_path / "t.db", user="Dra. Peña")
    yield s
    s.close()


@pytest.fixture
def campaign(store):
    site = campaigns.new_site("I.E. San Martín de Porres", community="Ccollpa", district="Ocongate", region="Cusco")
    return campaigns.create(store, "Campaña Ocongate <Sur> & Andes", "medical", dt.date(2026, 11, 21),
                            dt.date(2026, 11, 23), site=site, partner="Municipalidad de Ocongate")


@pytest.fixture
def patient(store):
    return patients.register(store, PATIENT)


@pytest.fixture
def encounter(store, campaign, patient):
    return encounters.open_encounter(store, patient.id, "general", "consultation", campaign_id=campaign.id)


@pytest.fixture
def visit_id(store, encounter):
    """A closed general-medicine visit: a consultation (S/ 10.00) and three nebulizations (S/ 5.00 each),
    a diagnosis, paid on the sliding scale at 50 % (S/ 12.50 of S/ 25.00)."""
    encounters.save(
        store, encounter.id,
        forms={"general.consultation": {"chief_complaint": "Tos hace 5 días", "plan": "Paracetamol; líquidos"}},
        procedures=[ProcedureEntry("general.consultation"), ProcedureEntry("general.nebulization", quantity=3)],
        diagnoses=["J06.9"],
    )
    payments.record(store, encounter.id, "sliding", level="0.50")
    encounters.close(store, encounter.id)
    return encounter.id
