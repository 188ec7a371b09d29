"""Surgery's report figures, checked against a small operating day built case by case."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ayni.plugins.surgery import cases
from test_surgery import NOTE, complete_case


@pytest.fixture
def day(campaign):
    """The campaign's first day, yesterday: the operations on it are over."""
    return campaign.start_date


@pytest.fixture
def operating_day(store, campaign, patient, day):
    """Four cases listed on one day: a hernia (75 min, two local surgeons, complications II then IIIa),
    a cataract (30 min, one of the same local surgeons), one cancelled, one postponed."""
    def new(procedure):
        return cases.create_case(store, patient.id, {"procedure": procedure}, campaign_id=campaign.id)

    hernia = complete_case(store, new("surgery.inguinal_hernia_repair"), day)
    cases.save_form(store, hernia.id, "surgery.postop_day1", {"complication": "sí", "clavien_dindo": "II"})
    cases.save_form(store, hernia.id, "surgery.discharge", {"discharge_date": day.isoformat(), "condition": "fair",
                                                            "complication": "sí", "clavien_dindo": "IIIa"})
    complete_case(store, new("surgery.cataract_extraction"), day, theatre="q2", note={
        **NOTE, "procedure_performed": "surgery.cataract_extraction", "start_time": "08:00", "end_time": "08:30",
        "local_surgeons_trained": "dr. huaman"})
    for action in (cases.cancel, cases.postpone):
        case = new("surgery.tonsillectomy")
        cases.schedule(store, case.id, {"day": day.isoformat(), "theatre": "q3", "surgeon": "Dr. Smith"})
        action(store, case.id, "Fiebre")
    new("surgery.hydrocelectomy")  # screened, never listed: not counted
    return day


def _figures(store, campaign, day, lang="en"):
    rows = [r for result in store.plugins.hook.ayni_report_rows(store=store, campaign=campaign, day=day)
            for r in result if r.specialty == "surgery"]
    return {(r.group, r.label.get(lang)): r.value for r in rows}


def test_the_days_figures_match_the_cases(store, campaign, operating_day):
    figures = _figures(store, campaign, operating_day)
    assert figures[("operations", "General surgery")] == 1
    assert figures[("operations", "Ophthalmology")] == 1
    assert figures[("operations", "Urology")] == 0
    assert figures[("headline", "operations performed")] == 2
    assert figures[("schedule", "Cases listed")] == 4
    assert figures[("schedule", "Completion rate (%)")] == Decimal("50.0")
    assert figures[("schedule", "Cancelled")] == 1
    assert figures[("schedule", "Cancellation rate (%)")] == Decimal("25.0")
    assert figures[("schedule", "Postponed")] == 1
    assert figures[("complications", "No complications")] == 1
    assert figures[("complications", "Clavien–Dindo IIIa")] == 1  # the worst grade of the case
    assert ("complications", "Clavien–Dindo II") not in figures
    assert figures[("theatre", "Hours in Theatre 1")] == Decimal("1.3")  # 75 minutes
    assert figures[("theatre", "Hours in Theatre 2")] == Decimal("0.5")
    assert figures[("theatre", "Theatre hours (total)")] == Decimal("1.8")  # 105 minutes
    assert figures[("training", "Local surgeons trained")] == 2  # Huamán counted once
    assert figures[("training", "Operations with local surgeons")] == 2


def test_the_campaign_counts_every_day_and_another_day_counts_nothing(store, campaign, operating_day):
    whole = _figures(store, campaign, None, "es")
    assert whole[("headline", "operaciones realizadas")] == 2
    assert whole[("schedule", "Tasa de realización (%)")] == Decimal("50.0")
    other = _figures(store, campaign, operating_day + dt.timedelta(days=1))
    assert other[("headline", "operations performed")] == 0
    assert other[("schedule", "Completion rate (%)")] == Decimal("0.0")
    assert other[("theatre", "Theatre hours (total)")] == Decimal("0.0")


def test_the_headline_says_one_operation_in_the_singular(store, campaign, patient, day):
    from ayni.core.documents.reports.document import figure_text
    from ayni.core.documents.reports.figures import build_report

    def operations_said(lang):
        return [figure_text(f, lang) for f in build_report(store, campaign, day).headline if "operat" in f.key]

    case = cases.create_case(store, patient.id, {"procedure": "surgery.cataract_extraction"}, campaign_id=campaign.id)
    complete_case(store, case, day)
    assert operations_said("es") == ["1 operación realizada"] and operations_said("en") == ["1 operation performed"]
    case = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    complete_case(store, case, day, theatre="q2")
    assert operations_said("es") == ["2 operaciones realizadas"] and operations_said("en") == ["2 operations performed"]


def test_the_reports_operations_table_lists_the_services_and_totals_them_once(store, campaign, operating_day):
    from ayni.core.documents.reports.figures import build_report

    [table] = [t for t in build_report(store, campaign, operating_day).tables if t.key == "operations"]
    by_service = {row.label.es: row.values[0] for row in table.rows}
    assert by_service == {"Cirugía general": 1, "Ginecología y obstetricia": 0, "Otorrinolaringología": 0,
                          "Urología": 0, "Cirugía plástica reconstructiva": 0, "Oftalmología": 1}
    assert (table.total.label.es, table.total.values) == ("Total", (2,))  # not a row to add up with the rest
