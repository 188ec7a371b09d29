"""The alerts of a visit (``ayni.core.clinical.alerts.collect``: triage priority, SpO2, fever in an infant, a
PHQ-9 safety answer…) as a few lines under a screen's title, most serious first; and the person's
own alerts (allergies, pregnancy, chronic conditions: ``ayni.core.people.alerts``) on one line above.

Each line starts with a mark that says its level in characters, not only in colour (the Linux
console has 16 colours, some screens none): «!! » danger, «! » warning, «i » information.
"""

from __future__ import annotations

from textual.widgets import Static

from ayni.core import Alert
from ayni.core.clinical import alerts
from ayni.core.people import alerts as person_alerts

from ..text import tr
from .fitted import FittedStatic, whole_lines

#: The mark of each level, readable without colour.
MARKS = {"danger": "!!", "warning": "! ", "info": "i "}
#: The most alerts listed; the rest are counted on one more line.
MAX_LINES = 3
#: The rows the strip takes under the title at most (80×24 leaves the form little room).
MAX_ROWS = MAX_LINES + 1


def alert_lines(found: list[Alert], lang: str, max_lines: int = MAX_LINES, width: int | None = None) -> list[str]:
    """«!! PELIGRO: SpO2 84 %» … one line per alert, at most ``max_lines`` and then «… y 2 alertas más»
    with the key that lists them all (:class:`~ayni.tui.screens.alerts.AlertsScreen`). Given the
    ``width`` they wrap at, only the alerts that fit whole in :data:`MAX_ROWS` rows, with that count
    (always the first, the most serious)."""
    lines = [alert_line(a, lang) for a in found]
    return whole_lines(lines, width or 10_000, MAX_ROWS, lambda n: tr("alerts_more", lang, n=n), at_most=max_lines)


def alert_line(alert: Alert, lang: str) -> str:
    """One alert whole, after the mark of its level: «!! PELIGRO: SpO2 84 %»."""
    level = tr("alert_" + alert.level, lang) if alert.level in MARKS else alert.level
    return f"{MARKS.get(alert.level, '? ')} {level}: {alert.text.get(lang)}"


class AlertStrip(FittedStatic):
    """The alerts of one visit, hidden when there are none; :meth:`show_for` redraws them (after a
    save, in another language). A plugin whose alerts fail is reported on the strip itself."""

    DEFAULT_CSS = f"""
    AlertStrip {{ height: auto; max-height: {MAX_ROWS}; padding: 0 1; text-style: bold; }}
    AlertStrip.-danger {{ background: $error 30%; }}
    AlertStrip.-warning {{ background: $warning 20%; }}
    """

    def __init__(self, id: str | None = None):
        super().__init__(id=id, classes="alert-strip")
        self.display = False
        self.levels: list[str] = []

    def show_for(self, store, visit, lang: str) -> None:
        """Collect the alerts of ``visit`` and show them in ``lang``."""
        try:
            found = alerts.collect(store, visit)
        except Exception as error:  # a broken plugin must not hide the encounter
            self.levels = ["warning"]
            failed = tr("alerts_failed", lang, error=error)  # kept: ``error`` is gone after this block
            self._draw(lambda width: [failed])
            return
        self.levels = [a.level for a in found]
        self._draw(lambda width: alert_lines(found, lang, width=width))

    def _draw(self, draw_at) -> None:
        self.draw_fitted(draw_at)
        self.display = bool(str(self.content))
        self.set_class("danger" in self.levels, "-danger")
        self.set_class("danger" not in self.levels and "warning" in self.levels, "-warning")


class PersonAlertLine(Static):
    """The person's alerts on one line, «⚠ Alergias: penicilinas · Embarazo 12 sem · Diabetes», cut with
    «…» at the screen's edge (80 columns too), hidden when there are none. The words say what it is,
    so it reads without colour."""

    DEFAULT_CSS = """
    PersonAlertLine { height: 1; padding: 0 1; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis;
                      background: $warning 30%; }
    """

    def __init__(self, id: str | None = None):
        super().__init__("", id=id, classes="person-alerts", markup=False)
        self.display = False

    def show_for(self, store, patient_id: str, lang: str) -> None:
        """Read the person's current alerts and show them in ``lang``."""
        line = person_alerts.summary(person_alerts.of_person(store, patient_id), lang)
        self.update(line)
        self.display = bool(line)
