"""The plugin's screens as the UI lists them. The factories import Textual (and :mod:`.screens`)
only when a screen is opened, so loading the plugin stays light for the core and the CLI."""

from __future__ import annotations

from ayni.core import Text, TuiScreen


def schedule_screen(store, lang: str):
    """The day's operating lists, per theatre."""
    from .screens import ScheduleScreen

    return ScheduleScreen(store, lang)


def screening_screen(store, lang: str):
    """Open referrals to surgery and the cases waiting for a place on a list."""
    from .screens import ScreeningScreen

    return ScreeningScreen(store, lang)


SCREENS = (
    TuiScreen("surgery.schedule", Text("Programación quirúrgica", "Operating schedule"), schedule_screen),
    TuiScreen("surgery.screening", Text("Lista de espera quirúrgica", "Surgical screening list"), screening_screen),
)
