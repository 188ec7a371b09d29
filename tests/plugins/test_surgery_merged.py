"""A surgical case opened on a record later merged into another is the kept person's: the day list
and the operative note name the kept record, not the duplicate's name or documents."""

from __future__ import annotations

import io

from pypdf import PdfReader

from ayni.core.people import merges, patients
from ayni.plugins.surgery import cases, documents, views

TWIN = {"given_names": "Rosita", "paternal_surname": "Nunes", "maternal_surname": "Quispe", "sex": "F",
        "age_years": "52", "id_kind": "ce", "id_number": "CE1234567", "community": "Chinchero"}


def test_the_case_of_a_merged_duplicate_names_the_kept_person(store, campaign, patient):
    twin = patients.register(store, TWIN)
    case = cases.create_case(store, twin.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    assert views.case_facts(store, case, "es")["patient"] == "Rosita Nunes Quispe"
    merges.merge(store, patient.id, twin.id)
    assert views.case_facts(store, case, "es")["patient"] == "Rosa Elena Núñez Quispe"
    [row] = documents.day_list_rows(store, [case], campaign.start_date, "es")
    assert row["patient"] == "Rosa Elena Núñez Quispe" and "CE1234567" not in row["patient_facts"]
    pdf = documents.render_operative_note(store, case.id, "es")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Rosa Elena Núñez Quispe" in text and "Rosita" not in text
