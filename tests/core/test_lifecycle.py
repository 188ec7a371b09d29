"""Records that move through statuses: a step out of turn is refused naming what is allowed from
there, a final status says it changes no more, and revisions are numbered per form."""

from __future__ import annotations

import pytest

from ayni.core import StatusFlow, Text, ValidationError, join_texts, next_revision

FLOW = StatusFlow(Text("Estado del audífono", "Hearing aid status"),
                  {"fitted": Text("adaptado", "fitted"), "repaired": Text("reparado", "repaired"),
                   "returned": Text("devuelto", "returned")},
                  {"fitted": ("repaired", "returned"), "repaired": ("returned",), "returned": ()})


def test_a_step_that_follows_is_allowed():
    FLOW.check("fitted", "repaired")
    assert FLOW.allows("repaired", "returned") and not FLOW.allows("returned", "fitted")


def test_a_step_out_of_turn_names_both_and_what_is_allowed():
    with pytest.raises(ValidationError) as refused:
        FLOW.check("repaired", "fitted")
    assert refused.value.message("es") == ("Estado del audífono: no se puede pasar de «reparado» a «adaptado». "
                                           "Desde «reparado» se permite: devuelto.")
    assert refused.value.errors[0].field == "status"


def test_a_final_status_changes_no_more_and_an_unknown_target_is_named_as_typed():
    with pytest.raises(ValidationError) as refused:
        FLOW.check("returned", "fitted")
    assert refused.value.message("en") == "Hearing aid status: it is «returned» already; it cannot change."
    with pytest.raises(ValidationError) as refused:
        FLOW.check("fitted", "lost")
    assert "«lost»" in refused.value.message("es")


def test_texts_are_joined_in_each_language():
    joined = join_texts([Text("uno", "one"), Text("dos", "two")], " / ")
    assert (joined.es, joined.en) == ("uno / dos", "one / two")


def test_revisions_count_per_form(store, campaign, patient):
    from ayni.core.clinical import encounters

    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    assert next_revision(store, "form_data", encounter_id=encounter.id, form_key="general.triage") == 1
    encounters.save(store, encounter.id, forms={"general.triage": {"weight": "60"}})
    encounters.save(store, encounter.id, forms={"general.triage": {"weight": "61"}})
    assert next_revision(store, "form_data", encounter_id=encounter.id, form_key="general.triage") == 3
    assert next_revision(store, "form_data", encounter_id=encounter.id, form_key="general.consultation") == 1
