"""Alerts about a visit from every plugin (``ayni_alerts``), most serious first, for the UI and documents."""

from __future__ import annotations

from ..hooks.declarations import ALERT_LEVELS, Alert


def collect(store, visit) -> list[Alert]:
    """Every plugin's alerts for ``visit``, ``danger`` first, then ``warning``, then ``info``; within a
    level, in the order the plugins gave them."""
    found = [a for result in reversed(store.plugins.hook.ayni_alerts(visit=visit, store=store)) if result
             for a in result]
    return sorted(found, key=lambda a: ALERT_LEVELS.index(a.level) if a.level in ALERT_LEVELS else len(ALERT_LEVELS))


__all__ = ["collect"]
