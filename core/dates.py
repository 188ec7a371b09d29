"""Dates and times as people in the field read them: America/Lima time, Spanish or English words.

Times are stored in UTC and shown in Lima time (UTC−5 all year; Peru has had no summer time since
1994, which is also the fallback when the system has no time-zone data). Dates are written out
(«23 de noviembre de 2026», «23 November 2026») so a printed page is never ambiguous about
day and month; :mod:`ayni.core.formatting` writes them in each language's locale.
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs

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


@attrs.frozen
class Period:
    """The Lima days from ``first`` to ``last``, both included: a week (Monday to Sunday) or any
    range of days a report covers. ``first`` is never after ``last``."""

    first: dt.date
    last: dt.date = attrs.field()

    @last.validator
    def _not_before_first(self, attribute, value):
        if value < self.first:
            raise ValueError(f"a period ends on or after its first day: {self.first} > {value}")

    @classmethod
    def iso_week(cls, year: int, week: int) -> Period:
        """ISO week ``week`` of ``year`` (Monday to Sunday); ``ValueError`` if it has no such week."""
        monday = dt.date.fromisocalendar(year, week, 1)
        return cls(monday, monday + dt.timedelta(days=6))

    @classmethod
    def week_of(cls, day: dt.date) -> Period:
        """The Monday-to-Sunday week ``day`` falls in."""
        year, week, _ = day.isocalendar()
        return cls.iso_week(year, week)

    @property
    def week(self) -> tuple[int, int] | None:
        """``(ISO year, week number)`` when the period is exactly one ISO week, else ``None``."""
        if self.first.weekday() != 0 or (self.last - self.first).days != 6:
            return None
        year, week, _ = self.first.isocalendar()
        return year, week

    @property
    def days(self) -> int:
        """How many days it covers."""
        return (self.last - self.first).days + 1

    def __contains__(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether any day from ``first`` to ``last`` is in the period."""
        return first <= self.last and self.first <= last
