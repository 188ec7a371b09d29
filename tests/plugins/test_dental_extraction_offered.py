"""The teeth the odontogram marks «x» (extraction indicated) are what an extraction is offered for,
from the exam as typed (saved or not), less the teeth already extracted in the visit."""

from __future__ import annotations

from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.clinical.suggestions import as_typed, suggested_details

EXAM = {"dentition": "permanent", "odontogram": {"36": {"state": "extraction"}, "46": {"state": "extraction"},
                                                 "16": {"state": "caries", "surfaces": {"O": "caries"}}}}


def test_an_extraction_is_offered_the_teeth_marked_x_not_yet_extracted(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "dental", "exam")
    visit = encounters.get_encounter_record(store, encounter.id)
    typed = as_typed(store, visit, forms={"dental.exam": EXAM})  # marked, not saved yet
    assert suggested_details(store, typed, "dental.extraction.simple") == [{"tooth": 36}, {"tooth": 46}]
    assert suggested_details(store, typed, "dental.extraction.surgical") == [{"tooth": 36}, {"tooth": 46}]
    assert suggested_details(store, typed, "dental.resin.s1") == []  # only extractions are indicated by «x»
    one_out = as_typed(store, typed, procedures=[ProcedureEntry("dental.extraction.surgical", {"tooth": 36})])
    assert suggested_details(store, one_out, "dental.extraction.simple") == [{"tooth": 46}]


def test_what_is_saved_counts_and_other_specialties_are_offered_nothing(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "dental", "treatment")
    saved = encounters.save(store, encounter.id, forms={"dental.exam": EXAM},
                            procedures=[ProcedureEntry("dental.extraction.simple", {"tooth": 46})])
    assert suggested_details(store, saved, "dental.extraction.simple") == [{"tooth": 36}]
    unfinished = as_typed(store, saved, forms={"dental.exam": {**EXAM, "dentition": ""}})  # required, left empty
    assert suggested_details(store, unfinished, "dental.extraction.simple") == [{"tooth": 36}]
    unmarked = as_typed(store, saved, forms={"dental.exam": {"dentition": "permanent", "odontogram": {}}})
    assert suggested_details(store, unmarked, "dental.extraction.simple") == []  # as typed now, not as saved
    eyes = encounters.get_encounter_record(store, encounters.open_encounter(store, patient.id, "optometry", "exam").id)
    assert suggested_details(store, eyes, "dental.extraction.simple") == []
