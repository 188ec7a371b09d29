"""Laptops whose clock zone is not Lima's, frozen at a moment when their date and Lima's differ.

``on_a_utc_laptop()`` is 03:00 UTC on 2 December 2026: already the 2nd on a machine set to UTC, still
the evening of 1 December in Lima. ``on_a_california_laptop()`` is 01:30 on 1 December in Lima: still
30 November on a machine set to Los Angeles time. The machine's zone is mocked too, so the test is the
same whatever the zone of the machine that runs it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

time_machine = pytest.importorskip("time_machine")

#: The day it is in Lima at both moments below.
LIMA_DAY = dt.date(2026, 12, 1)


def on_a_utc_laptop():
    """Frozen at 2026-12-02 03:00 on a machine set to UTC (1 December, 22:00, in Lima)."""
    return time_machine.travel(dt.datetime(2026, 12, 2, 3, 0, tzinfo=ZoneInfo("UTC")), tick=False)


def on_a_california_laptop():
    """Frozen at 2026-11-30 22:30 on a machine set to Los Angeles time (1 December, 01:30, in Lima)."""
    return time_machine.travel(dt.datetime(2026, 11, 30, 22, 30, tzinfo=ZoneInfo("America/Los_Angeles")), tick=False)
