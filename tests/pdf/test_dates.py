"""Dates and times as printed: Spanish and English words, America/Lima time."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import Patient, Sex
from ayni.core.dates import format_date, format_date_range, format_datetime, format_time, to_lima, today_in_lima
from ayni.core.documents.pdf import age_text, detail_text

UTC = dt.timezone.utc


def test_dates_in_words():
    assert format_date(dt.date(2026, 11, 23), "es") == "23 de noviembre de 2026"
    assert format_date(dt.date(2026, 11, 23), "en") == "23 November 2026"
    assert format_date(dt.date(2027, 1, 1)) == "1 de enero de 2027"
    assert format_date(None) == ""


def test_times_are_shown_in_lima():
    moment = dt.datetime(2026, 11, 24, 2, 30, tzinfo=UTC)

    assert to_lima(moment).utcoffset() == dt.timedelta(hours=-5)
    assert format_time(moment) == "21:30"
    assert format_date(moment, "es") == "23 de noviembre de 2026"
    assert format_datetime(moment, "en") == "23 November 2026, 21:30"
    assert today_in_lima(moment) == dt.date(2026, 11, 23)
    assert format_time(dt.datetime(2026, 11, 24, 2, 30)) == "21:30"  # naive = stored UTC


@pytest.mark.parametrize(("start", "end", "lang", "expected"), [
    (dt.date(2026, 11, 21), dt.date(2026, 11, 23), "es", "21–23 de noviembre de 2026"),
    (dt.date(2026, 11, 28), dt.date(2026, 12, 2), "es", "28 de noviembre – 2 de diciembre de 2026"),
    (dt.date(2026, 12, 30), dt.date(2027, 1, 2), "en", "30 December 2026 – 2 January 2027"),
    (dt.date(2026, 11, 21), dt.date(2026, 11, 21), "en", "21 November 2026"),
])
def test_campaign_date_ranges(start, end, lang, expected):
    assert format_date_range(start, end, lang) == expected


def _patient(birth: dt.date, estimated: bool = False) -> Patient:
    return Patient(id="p", given_names="Ana", paternal_surname="Quispe", maternal_surname="", sex=Sex.FEMALE,
                   birth_date=birth, birth_date_estimated=estimated)


def test_ages_mark_estimates_and_count_months_for_babies():
    on = dt.date(2026, 11, 23)

    assert age_text(_patient(dt.date(1979, 7, 1), estimated=True), on, "es") == "47 años (aprox.)"
    assert age_text(_patient(dt.date(1979, 7, 1), estimated=True), on, "en") == "47 years (approx.)"
    assert age_text(_patient(dt.date(2026, 3, 24)), on, "es") == "7 meses"
    assert age_text(_patient(dt.date(2025, 10, 23)), on, "en") == "13 months"
    assert age_text(_patient(dt.date(2024, 11, 23)), on, "es") == "2 años"


def test_procedure_detail_in_words():
    assert detail_text({"eye": "od", "note": ""}, "es") == "Ojo: OD (ojo derecho)"
    assert detail_text({"tooth": 16, "surfaces": ["O", "M"]}, "en") == "Tooth: 16; Surfaces: O, M"
    assert detail_text({"custom": "x"}, "es") == "custom: x"
