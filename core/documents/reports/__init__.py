"""Coordinator documents: the daily and final campaign reports (PDF and CSV), every visit summary of
a day in one PDF, a patient's whole history, and the letter of thanks to the partner organisation.

* :mod:`.figures` counts (SQL over the core tables, plus each plugin's ``ayni_report_rows``) into a
  :class:`~.model.Report`; :mod:`.document` prints it as PDF, :mod:`.csvfile` as CSV, and
  :mod:`.charts` draws its SVG charts.
* :mod:`.batch` combines many visit summaries into one PDF; :mod:`.history` and :mod:`.letter` are
  the patient history and the partner letter; :mod:`.scope` reads and checks dates and campaigns.

Numbers are written one way in both languages (see :mod:`.formatting`). WeasyPrint is imported only
when a PDF is made.
"""

from .contents import Column, Figure, Kind, PluginSection, Report, Row, Table
from .figures import build_report

__all__ = ["Column", "Figure", "Kind", "PluginSection", "Report", "Row", "Table", "build_report"]
