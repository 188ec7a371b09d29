"""One pair of readers handed out is one stock movement and one «Entrega de lentes de lectura» line,
whichever path hands it out: the «Entregas» tab (``stock.hand_out``), the plan carried out at the
close, or both for the same pair. The day report's readers and fittings then agree."""

from __future__ import annotations

import pytest

from ayni.core import stock
from ayni.core.campaign.campaigns import current_campaign
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.dates import today_in_lima
from ayni.core.documents.reports import build_report

READERS, FITTING = "optometry.readers", "optometry.readers_fitting"
EXAM = {"sphere": {"od": "0.5", "os": "0.5"}, "add": {"od": "2", "os": "2"}}


@pytest.fixture
def visit(store, patient, campaign):
    """An optometry exam with readers +2.50 in stock."""
    stock.receive(store, READERS, 10, attributes={"power": "+2.50"})
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    encounters.save(store, encounter.id, forms={"optometry.exam": EXAM})
    return encounter


def _fittings(store, encounter_id: str) -> int:
    [n] = store.db.execute("SELECT COALESCE(SUM(quantity), 0) FROM procedures WHERE encounter_id = ? AND code = ?",
                           [encounter_id, FITTING]).fetchone()
    return n


def _movements(store, encounter_id: str) -> int:
    [n] = store.db.execute("SELECT count(*) FROM stock_movements WHERE encounter_id = ? AND kind = 'dispense'",
                           [encounter_id]).fetchone()
    return n


def _day_figures(store) -> tuple[int, int]:
    """The day report's readers handed out and readers fittings done."""
    report = build_report(store, current_campaign(store), today_in_lima())
    given = next(r.values[0] for r in report.table("dispensed").rows if r.code == READERS)
    fitted = next((r.values[0] for r in report.table("procedures").rows if r.code == FITTING), 0)
    return given, fitted


def test_readers_of_the_plan_handed_out_at_entregas_first_are_one_pair_one_fitting(store, visit):
    encounters.save(store, visit.id, forms={"optometry.plan": {"readers": "sí"}})
    stock.hand_out(store, visit.id, READERS, 1, {"power": "+2.50"})  # «Entregas», before the close
    assert (_movements(store, visit.id), _fittings(store, visit.id)) == (1, 1)
    encounters.close(store, visit.id)  # the plan's readers are those already given
    assert (_movements(store, visit.id), _fittings(store, visit.id)) == (1, 1)
    assert _day_figures(store) == (1, 1)


def test_readers_handed_out_at_entregas_alone_record_their_fitting(store, visit):
    stock.hand_out(store, visit.id, READERS, 2, {"power": "+2.50"})
    encounters.close(store, visit.id)
    assert (_movements(store, visit.id), _fittings(store, visit.id)) == (1, 2)
    assert _day_figures(store) == (2, 2)


def test_readers_of_the_plan_given_at_the_close_record_their_fitting(store, visit):
    encounters.save(store, visit.id, forms={"optometry.plan": {"readers": "sí"}})
    encounters.close(store, visit.id)
    assert (_movements(store, visit.id), _fittings(store, visit.id)) == (1, 1)
    assert _day_figures(store) == (1, 1)


def test_a_fitting_added_by_hand_is_not_counted_twice(store, visit):
    encounters.save(store, visit.id, procedures=[ProcedureEntry(FITTING)])
    stock.hand_out(store, visit.id, READERS, 1, {"power": "+2.50"})
    encounters.close(store, visit.id)
    assert (_movements(store, visit.id), _fittings(store, visit.id)) == (1, 1)
    assert _day_figures(store) == (1, 1)
