"""Dates and times as people in the field read them: America/Lima time, Spanish or English words.

Times are stored in UTC and shown in Lima time (UTC−5 all year; Peru has had no summer time since
1994, which is also the fallback when the system has no time-zone data). Dates are written out
(«23 de noviembre de 2026», «23 November 2026») so a printed page is never ambiguous about
day and month; :mod:`ayni.core.formatting` writes them in each language's locale.
"""

from __future__ import annotations

import datetime as dt
import functools

from .formatting import format_date, format_date_range  # noqa: F401 (the callers read dates from here)
from .i18n import DEFAULT_LANG

_LIMA_FALLBACK = dt.timezone(dt.timedelta(hours=-5), "PET")


@functools.cache
def lima() -> dt.tzinfo:
    """The America/Lima time zone (a fixed UTC−5 if the system lacks time-zone data)."""
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        return ZoneInfo("America/Lima")
    except (ImportError, ZoneInfoNotFoundError, ValueError):
        return _LIMA_FALLBACK


def to_lima(moment: dt.datetime) -> dt.datetime:
    """A stored time in Lima time; a naive time is taken to be UTC, as stored."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(lima())


def today_in_lima(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Lima (at 20:00 in Lima it is already tomorrow in UTC)."""
    return to_lima(now or dt.datetime.now(dt.timezone.utc)).date()


def format_time(moment: dt.datetime | None) -> str:
    """«14:05», the Lima time of a stored moment (24-hour clock); ``None`` is ``""``."""
    return to_lima(moment).strftime("%H:%M") if moment else ""


def format_datetime(moment: dt.datetime | None, lang: str = DEFAULT_LANG) -> str:
    """«23 de noviembre de 2026, 14:05» in Lima time; ``None`` is ``""``."""
    if moment is None:
        return ""
    return f"{format_date(moment, lang)}, {format_time(moment)}"


def utc_day_bounds(day: dt.date) -> tuple[str, str]:
    """The stored (UTC, ISO text) times where Lima day ``day`` starts and the next one starts, to
    select what happened on that day with ``at >= start AND at < end``."""
    start = dt.datetime.combine(day, dt.time(), lima()).astimezone(dt.timezone.utc)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), lima()).astimezone(dt.timezone.utc)
    return start.isoformat(), end.isoformat()
