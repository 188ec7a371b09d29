"""Stations and queues: triage priority then arrival, a timestamp per step, one patient per call,
and the coordinator's counts."""

from __future__ import annotations

import pytest

from ayni.core import ValidationError
from ayni.core.campaign import stations
from ayni.core.people import patients
from ayni.core.people import users as accounts
from ayni.core.people.users import AccessDenied


@pytest.fixture
def three(store, campaign, patient, patient_form):
    return [patient, *(patients.register(store, patient_form(given_names=n, id_number=d))
                       for n, d in (("Juan", "40123456"), ("Luz", "40123457")))]


def test_default_stations_follow_the_plugins(store, campaign):
    keys = [s.key for s in stations.of_campaign(store)]
    assert keys[:2] == ["registration", "triage"] and keys[-2:] == ["cashier", "pharmacy"]
    assert "clinic:consult" in keys and "clinic:triage" not in keys
    configured = stations.configure(store)
    assert [s.key for s in configured] == keys and all(s.id for s in configured)
    assert stations.configure(store) == configured  # configuring again adds nothing


def test_the_queue_orders_by_priority_then_arrival(store, three):
    rosa, juan, luz = three
    for person, priority in ((juan, 3), (luz, 2), (rosa, 3)):
        stations.enqueue(store, person.id, "triage", priority)
    assert [e.patient_id for e in stations.waiting(store, "triage")] == [luz.id, juan.id, rosa.id]
    called = stations.call_next(store, "triage")
    assert (called.patient_id, called.status) == (luz.id, "called") and called.called_at and called.called_by
    assert [e.patient_id for e in stations.waiting(store, "triage")] == [juan.id, rosa.id]
    finished, following = stations.done(store, called.id, "clinic:consult")
    assert finished.status == "done" and finished.done_at >= finished.called_at >= finished.arrived_at
    assert (following.station, following.priority, following.previous_id) == ("clinic:consult", 2, called.id)
    assert [e.station for e in stations.journey(store, luz.id)] == ["triage", "clinic:consult"]
    assert stations.call_next(store, "cashier") is None


def test_opening_the_encounter_of_a_called_patient(store, three):
    stations.enqueue(store, three[0].id, "clinic:consult")
    entry = stations.call_next(store, "clinic:consult")
    encounter = stations.open_encounter_for(store, entry)
    assert (encounter.specialty, encounter.station, encounter.patient_id) == ("clinic", "consult", three[0].id)
    assert stations.open_encounter_for(store, store.get(stations.QueueEntry, "queue", entry.id)) == encounter


def test_refusals_name_the_field_and_write_nothing(store, three, row_counts):
    stations.enqueue(store, three[0].id, "triage")
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        stations.enqueue(store, three[0].id, "triage")
    assert "ya está en esta cola" in caught.value.message("es")
    with pytest.raises(ValidationError) as caught:
        stations.enqueue(store, three[1].id, "triage", priority=7)
    assert "Prioridad: debe estar entre 1 y 3" in caught.value.message("es")
    assert "Priority: must be between 1 and 3" in caught.value.message("en")
    with pytest.raises(ValidationError) as caught:
        stations.enqueue(store, three[1].id, "laboratorio")
    assert "Estación: elija una de: registration, triage" in caught.value.message("es")
    assert row_counts() == before


def test_only_the_station_role_calls_there(store, three, row_counts):
    accounts.add(store, "Ana", "admin", "1234")
    accounts.login(store, "Ana", "1234")
    accounts.add(store, "Caja", "cashier", "5555")
    accounts.add(store, "Coord", "coordinator", "6666")
    accounts.login(store, "Coord", "6666")
    stations.enqueue(store, three[0].id, "triage", 1)
    accounts.login(store, "Caja", "5555")
    before = row_counts()
    with pytest.raises(AccessDenied) as caught:
        stations.call_next(store, "triage")
    assert "«llamar en triaje» requiere el rol coordinación o enfermería de triaje" in caught.value.message("es")
    assert "needs the role coordinator or triage nurse" in caught.value.message("en")
    assert row_counts() == before


def test_the_board_counts_waiting_being_seen_and_seen_today(store, three):
    rosa, juan, luz = three
    for person in three:
        stations.enqueue(store, person.id, "triage")
    first = stations.call_next(store, "triage")
    stations.done(store, first.id, "clinic:consult")
    stations.call_next(store, "triage")
    counts = {c.station.key: (c.waiting, c.called, c.done_today) for c in stations.board(store)}
    assert counts["triage"] == (1, 1, 1)
    assert counts["clinic:consult"] == (1, 0, 0)
    assert counts["cashier"] == (0, 0, 0)


def test_the_board_counts_what_the_records_show_where_the_queue_was_not_used(store, campaign, patient):
    """A clinic that does not use the queue still sees, on the dashboard, who was seen today."""
    from ayni.core.clinical import encounters

    for station in ("triage", "consultation"):
        encounter = encounters.open_encounter(store, patient.id, "general", station)
        encounters.close(store, encounter.id)
    done = {c.station.key: c.done_today for c in stations.board(store)}
    assert done["triage"] == 1
    assert done["general:consultation"] == 1
    assert done["registration"] == 1
    assert done["dental:exam"] == 0
