"""Low stock, expiry windows, what was dispensed in a period, and the stock report (PDF and CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from ayni.core import ValidationError, stock
from ayni.core.clinical import encounters
from ayni.core.stock import report as stock_report
from stock_supply import AMOXICILLIN, CRUTCHES, KIT, ORS, supply_plugins

TODAY = dt.date(2026, 11, 23)
EARLIER = dt.date(2026, 1, 1)


@pytest.fixture
def plugins(clinic):
    return supply_plugins(clinic)


@pytest.fixture
def shelf(store):
    """Amoxicillin 25 (10 expire in 20 days), ORS 40 (8 already expired), crutches 2, no kits."""
    stock.receive(store, AMOXICILLIN, 15, lot="A-LATE", expiry=dt.date(2027, 6, 30))
    stock.receive(store, AMOXICILLIN, 10, lot="A-SOON", expiry=TODAY + dt.timedelta(days=20), location="Caja 3")
    stock.receive(store, ORS, 40, lot="S-1")
    stock.receive(store, ORS, 8, lot="S-OLD", expiry=dt.date(2026, 3, 1), today=EARLIER)
    stock.receive(store, CRUTCHES, 2, attributes={"size": "M"})


def test_thresholds_come_from_the_plugin_the_default_or_a_coordinator(store):
    assert stock.thresholds(store) == {CRUTCHES: 2, KIT: stock.DEFAULT_LOW_STOCK, AMOXICILLIN: 20, ORS: 10}
    stock.set_threshold(store, ORS, 50)
    stock.set_threshold(store, ORS, 45)
    assert stock.thresholds(store)[ORS] == 45
    assert store.db["stock_thresholds"].count == 2  # the earlier setting stays on record


@pytest.mark.parametrize(("item", "value", "field"), [("clinic.none", 5, "item"), (ORS, -1, "threshold"),
                                                      (ORS, 100_001, "threshold")])
def test_a_bad_threshold_is_refused(store, row_counts, item, value, field):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        stock.set_threshold(store, item, value)
    assert refused.value.fields() == {field}
    assert row_counts() == before


def test_status_counts_usable_expiring_and_expired_units(store, shelf):
    by_key = {s.item.key: s for s in stock.status(store, TODAY, days=30)}
    amox = by_key[AMOXICILLIN]
    assert (amox.on_hand, amox.expiring, amox.expired, amox.next_expiry, amox.low) == (
        25, 10, 0, TODAY + dt.timedelta(days=20), False)
    ors = by_key[ORS]
    assert (ors.on_hand, ors.expiring, ors.expired, ors.next_expiry, ors.low) == (40, 0, 8, None, False)
    assert by_key[CRUTCHES].low and by_key[KIT].low  # 2 left of a threshold of 2; none at all
    assert [s.item.key for s in stock.status(store, TODAY, days=10) if s.expiring] == []


def test_low_stock_is_what_the_ui_warns_about(store, shelf, campaign, patient):
    assert [s.item.key for s in stock.low_stock(store, TODAY)] == [CRUTCHES, KIT]
    encounter = encounters.open_encounter(store, patient.id, "clinic", "consult")
    stock.dispense(store, encounter.id, AMOXICILLIN, 5, today=TODAY)
    assert [s.item.key for s in stock.low_stock(store, TODAY)] == [CRUTCHES, KIT, AMOXICILLIN]
    assert stock.warning(store, AMOXICILLIN, "es", TODAY) == (
        "Stock bajo de «Amoxicilina 500 mg (cápsula)»: quedan 20 (umbral 20).")
    assert stock.warning(store, AMOXICILLIN, "en", TODAY) == (
        "Low stock of «Amoxicillin 500 mg (capsule)»: 20 left (threshold 20).")
    assert stock.warning(store, ORS, "es", TODAY) == ""


def test_expiring_lists_lots_soonest_first_with_the_expired_ones(store, shelf):
    assert [b.lot.lot for b in stock.expiring(store, 30, TODAY)] == ["S-OLD", "A-SOON"]
    assert [b.lot.lot for b in stock.expiring(store, 365, TODAY)] == ["S-OLD", "A-SOON", "A-LATE"]


def test_dispensed_between_counts_lima_days(store, shelf, campaign, patient):
    encounter = encounters.open_encounter(store, patient.id, "clinic", "consult")
    stock.dispense(store, encounter.id, AMOXICILLIN, 3)
    stock.dispense(store, encounter.id, ORS, 2)
    from ayni.core.dates import today_in_lima

    today = today_in_lima()
    assert stock.dispensed_between(store, today, today) == {AMOXICILLIN: 3, ORS: 2}
    yesterday = today - dt.timedelta(days=1)
    assert stock.dispensed_between(store, yesterday, yesterday) == {}


def test_the_report_as_csv(store, shelf):
    report = stock_report.build(store, days=30, today=TODAY, start=TODAY - dt.timedelta(days=6), end=TODAY)
    data = stock_report.render_csv(store, report, "es")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:4] == ["seccion", "codigo", "articulo", "cantidad"]
    on_hand = {r[1]: r for r in rows if r[0] == "on_hand"}
    assert on_hand[CRUTCHES][3] == "2" and on_hand[CRUTCHES][-1] == "BAJO"
    assert on_hand[ORS][4] == "8"  # expired units
    expiring = [(r[8], r[-1]) for r in rows if r[0] == "expiring"]
    assert expiring == [("S-OLD", "VENCIDO"), ("A-SOON", "en 20 días")]


def test_the_report_as_pdf(store, shelf, campaign):
    from pypdf import PdfReader

    report = stock_report.build(store, days=30, today=TODAY)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(stock_report.render_pdf(store, report, "es"))).pages)
    for fragment in ("Informe de stock", "Campaña Chinchero", "Amoxicilina 500 mg (cápsula)", "BAJO", "S-OLD",
                     "VENCIDO", "Lotes que vencen en 30 días"):
        assert fragment.upper() in text.upper(), fragment


@pytest.mark.parametrize(("kw", "fields"), [({"days": 0}, {"days"}), ({"days": 731}, {"days"}),
                                            ({"start": TODAY, "end": TODAY - dt.timedelta(days=1)}, {"start"}),
                                            ({"end": TODAY + dt.timedelta(days=1)}, {"end"})])
def test_a_bad_report_window_is_refused(store, kw, fields):
    with pytest.raises(ValidationError) as refused:
        stock_report.build(store, today=TODAY, **kw)
    assert refused.value.fields() == fields


def test_the_csv_never_hands_a_formula_to_the_spreadsheet(store, shelf):
    stock.receive(store, AMOXICILLIN, 5, lot="-2+3", expiry=TODAY + dt.timedelta(days=10),
                  location='=HYPERLINK("http://x","ver")', today=TODAY)
    report = stock_report.build(store, days=30, today=TODAY, start=TODAY - dt.timedelta(days=6), end=TODAY)
    rows = list(csv.reader(io.StringIO(stock_report.render_csv(store, report, "en").decode("utf-8-sig"),
                                       newline=""), delimiter=";"))
    lot = next(r for r in rows if r[0] == "expiring" and r[8].endswith("-2+3"))
    assert lot[8] == "'-2+3" and lot[9] == '\'=HYPERLINK("http://x","ver")'
    assert lot[3] == "5"  # a number stays a number
