"""What a campaign report holds, independent of how it is printed: headline figures, tables, the
data of its charts, and each plugin's own figures. The PDF and the CSV are two views of one
:class:`Report`, so they can never disagree."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from ...dates import Period
from ...i18n import Text
from ...model import Campaign, Site


class Kind(enum.StrEnum):
    """How a table column's values are written."""

    COUNT = "count"  # 1,690 (or a decimal a plugin gives: 12.5)
    MONEY = "money"  # S/ 1,234.50
    TEXT = "text"  # written as it is


@attrs.frozen
class Column:
    """A column of a table: its heading and how its values are written."""

    label: Text
    kind: Kind = Kind.COUNT


@attrs.frozen
class Row:
    """A line of a table: what it is about (``label``, a :class:`Text` or a name such as a
    community), an optional ``code`` (``dental.sealant``, ``J06.9``), and one value per value column."""

    label: Text | str
    values: tuple
    code: str = ""

    def label_text(self, lang: str) -> str:
        """The row's label in ``lang``."""
        return self.label.get(lang) if isinstance(self.label, Text) else self.label


@attrs.frozen
class Table:
    """A titled table: ``key`` names it in the CSV; ``columns`` are the value columns (the first,
    label column is ``label``); ``total`` is printed last, in bold; ``note`` explains a figure."""

    key: str
    title: Text
    label: Text
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    note: Text | None = None
    show_codes: bool = False


@attrs.frozen
class Figure:
    """A headline figure as a person would quote it: «1,690 consultas ambulatorias».

    ``one`` and ``many`` are the phrases for a value of one and any other value, with ``{n}`` where
    the number goes (already formatted).
    """

    key: str
    value: int | Decimal
    one: Text
    many: Text
    money: bool = False


@attrs.frozen
class PluginSection:
    """A specialty's own figures (``ayni_report_rows``): one table per group."""

    specialty: str
    name: Text
    tables: tuple[Table, ...]


@attrs.frozen
class Report:
    """A daily report (``day`` set), a report of a week or a range of days (``period`` set), or the
    final report of a campaign (both ``None``).

    ``days`` are the campaign days the per-day chart covers (up to ``day`` for a daily report, the
    period's days for a period);
    ``per_day`` maps each of those days to ``{specialty key: patients seen}``; ``pyramid`` is
    ``(age band label, women, men)`` from the youngest band up.
    """

    campaign: Campaign
    site: Site | None
    day: dt.date | None
    headline: tuple[Figure, ...]
    tables: tuple[Table, ...]
    plugin_sections: tuple[PluginSection, ...]
    days: tuple[dt.date, ...]
    per_day: dict
    specialty_names: dict  # key -> Text, in the order the charts use
    pyramid: tuple[tuple[str, int, int], ...]
    warnings: tuple[Text, ...] = ()
    period: Period | None = None

    def table(self, key: str) -> Table:
        """The table called ``key`` (``KeyError`` if the report has none)."""
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def figure(self, key: str) -> Figure:
        """The headline figure called ``key``."""
        for figure in self.headline:
            if figure.key == key:
                return figure
        raise KeyError(key)
