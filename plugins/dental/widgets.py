"""A keyboard odontogram for the terminal (registered through ``ayni_tui_widgets``).

The chart is laid out as the dentist faces the patient: upper 18…11 | 21…28, lower 48…41 | 31…38
(``t`` switches to the primary teeth 55…51 | 61…65, 85…81 | 71…75). Arrows move between teeth;
one key sets the state (``c`` caries, ``o`` filled, ``m`` missing, ``f`` fractured, ``x``
extraction indicated, ``s`` sealed, space sound); ``M``, ``O``/``I``, ``D``, ``V``, ``L`` (with
Shift) mark or unmark a surface with the tooth's mark (caries unless the tooth is filled or sealed).
Every state and mark is a letter as well as a colour (16-colour consoles, colour-blind readers),
and the tooth under the cursor is shown in reverse video and spelt out on the last line. It fits
in 70 columns, so the form draws it under its label (the class ``wide``): whole at 80×24.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text as RichText
from textual.binding import Binding
from textual.widget import Widget

from ayni.core import Text

from .forms import ODONTOGRAM
from .odontogram import (
    MARK_LETTERS,
    MARKS,
    PERMANENT_ROWS,
    PRIMARY_ROWS,
    STATE_LETTERS,
    SURFACE_ALIASES,
    biting_surface,
    describe,
    parse_odontogram,
    surface_positions,
    surfaces_of,
)

#: Styles from the 16 ANSI colours only (the Linux console has no more).
MARK_STYLES = {"caries": "bold white on red", "filled": "bold white on blue", "sealed": "bold black on green"}
STATE_STYLES = {"sound": "dim", "caries": "bold red", "filled": "bold blue", "missing": "bold",
                "fractured": "bold yellow", "extraction": "bold white on red", "sealed": "bold green"}
STATE_KEYS = {"c": "caries", "o": "filled", "m": "missing", "f": "fractured", "x": "extraction", "s": "sealed",
              " ": "sound"}
CELL = 4  # three characters per tooth and a space

HELP = {
    "keys": Text("←→↑↓ pieza · espacio sano · t temporales · Mayús+M O D V L superficie",
                 "←→↑↓ tooth · space sound · t primary · Shift+M O D V L surface"),
    "states": Text("c caries · o obturado · m ausente · f fractura · x extracción · s sellado",
                   "c caries · o filled · m missing · f fractured · x extraction · s sealed"),
    "missing": Text("la pieza {tooth} está ausente: no tiene superficies", "tooth {tooth} is missing: no surfaces"),
    "primary": Text("temporales", "primary"),
    "permanent": Text("permanentes", "permanent"),
}


class OdontogramWidget(Widget, can_focus=True):
    """The odontogram editor; :attr:`value` is the dict :func:`parse_odontogram` accepts."""

    DEFAULT_CSS = """
    OdontogramWidget { height: auto; width: auto; min-width: 70; padding: 0 1; }
    OdontogramWidget:focus { background: $boost; }
    """
    BINDINGS = [
        Binding("left", "move(0, -1)", show=False),
        Binding("right", "move(0, 1)", show=False),
        Binding("up", "move(-1, 0)", show=False),
        Binding("down", "move(1, 0)", show=False),
        # out of the footer, which is full at 80 columns: the chart's own help line names it, F1 lists it
        Binding("t", "toggle_dentition", "dental_toggle", show=False),
    ]
    #: The words of its bindings, in the UI's language (F1 lists them).
    WORDS = {"dental_toggle": Text("Dientes temporales / permanentes", "Primary / permanent teeth")}
    #: Nothing for the form's hint line: the chart spells out its keys in its own last lines (the
    #: field's help is for typing the chart as text).
    form_hint = ""

    def __init__(self, value: Mapping | None = None, lang: str = "es", *, primary: bool | None = None,
                 id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.lang = lang
        self._teeth: dict[str, dict] = {}
        self.value = value
        has_primary = any(int(k) >= 50 for k in self._teeth)
        has_permanent = any(int(k) < 50 for k in self._teeth)
        self.primary = primary if primary is not None else has_primary and not has_permanent
        self.arch, self.index = 0, 2  # 16 (or 55): where caries is most often found first
        self.note = ""

    # -- value ----------------------------------------------------------------------------------

    @property
    def value(self) -> dict:
        """The odontogram as edited: ``{"16": {"state": "caries", "surfaces": {"O": "caries"}}}``."""
        clean, _ = parse_odontogram(ODONTOGRAM, self._teeth)
        return clean or {}

    @value.setter
    def value(self, value: Mapping | None) -> None:
        clean, error = parse_odontogram(ODONTOGRAM, value) if value else ({}, None)
        self._teeth = {k: {"state": v["state"], "surfaces": dict(v.get("surfaces", {}))}
                       for k, v in (clean or {}).items()} if error is None else {}
        self.refresh(layout=True)

    @property
    def rows(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The two arches shown: permanent or primary."""
        return PRIMARY_ROWS if self.primary else PERMANENT_ROWS

    @property
    def tooth(self) -> int:
        """The tooth under the cursor."""
        row = self.rows[self.arch]
        return row[min(self.index, len(row) - 1)]

    def _entry(self, tooth: int) -> dict:
        return self._teeth.get(str(tooth), {"state": "sound", "surfaces": {}})

    # -- keys -----------------------------------------------------------------------------------

    def action_move(self, arch: int, step: int) -> None:
        """Move the cursor along an arch, or to the other arch."""
        self.arch = min(1, max(0, self.arch + arch))
        self.index = min(len(self.rows[self.arch]) - 1, max(0, self.index + step))
        self.note = ""
        self.refresh()

    def action_toggle_dentition(self) -> None:
        """Show the primary teeth instead of the permanent ones, or back; the cursor stays on the
        same side and as near the same place as the other dentition allows."""
        quadrant, position = divmod(self.tooth, 10)
        self.primary = not self.primary
        target = (quadrant + 4) * 10 + min(position, 5) if self.primary else (quadrant - 4) * 10 + position
        self.index = self.rows[self.arch].index(target)
        self.note = ""
        self.refresh(layout=True)

    def set_state(self, state: str) -> None:
        """Give the tooth under the cursor a state; sound and missing clear its surfaces."""
        entry = self._entry(self.tooth)
        surfaces = {} if state in ("sound", "missing") else entry["surfaces"]
        if state == "sound":
            self._teeth.pop(str(self.tooth), None)
        else:
            self._teeth[str(self.tooth)] = {"state": state, "surfaces": surfaces}
        self.note = ""
        self.refresh()

    def toggle_surface(self, letter: str) -> None:
        """Mark a surface with the tooth's mark (caries for a sound tooth, which becomes carious),
        or unmark it when it already has that mark. ``O`` and ``I`` both mean the biting surface."""
        tooth = self.tooth
        letter = SURFACE_ALIASES.get(letter, letter)
        if letter in ("O", "I"):
            letter = biting_surface(tooth)
        if letter not in surfaces_of(tooth):
            return
        entry = self._entry(tooth)
        if entry["state"] == "missing":
            self.note = HELP["missing"].get(self.lang).format(tooth=tooth)
            self.refresh()
            return
        mark = entry["state"] if entry["state"] in MARKS else "caries"
        state = "caries" if entry["state"] == "sound" else entry["state"]
        surfaces = dict(entry["surfaces"])
        if surfaces.get(letter) == mark:
            del surfaces[letter]
        else:
            surfaces[letter] = mark
        self._teeth[str(tooth)] = {"state": state, "surfaces": surfaces}
        self.note = ""
        self.refresh()

    def on_key(self, event) -> None:
        character = event.character or ""
        if character in STATE_KEYS:
            self.set_state(STATE_KEYS[character])
        elif len(character) == 1 and character.isupper() and character in "MODVLIBP":
            self.toggle_surface(character)
        else:
            return
        event.stop()
        event.prevent_default()

    # -- drawing --------------------------------------------------------------------------------

    def _cell(self, tooth: int, place: str) -> tuple[str, str]:
        entry = self._entry(tooth)
        if entry["state"] == "missing":
            return ("-", "bold") if place in ("left", "centre", "right") else (" ", "")
        mark = entry["surfaces"].get(surface_positions(tooth)[place])
        return (MARK_LETTERS[mark], MARK_STYLES[mark]) if mark else ("·", "dim")

    def _arch_lines(self, arch: int) -> list[RichText]:
        row = self.rows[arch]
        half = len(row) // 2
        lines = [RichText() for _ in range(5)]
        for i, tooth in enumerate(row):
            if i == half:
                for line in lines:
                    line.append("│ ", "dim")
            current = arch == self.arch and tooth == self.tooth
            lines[0].append(f"{tooth:>2} ", "reverse bold" if current else "bold")
            lines[1].append(" ")
            lines[1].append(*self._cell(tooth, "top"))
            lines[1].append(" ")
            for place in ("left", "centre", "right"):
                lines[2].append(*self._cell(tooth, place))
            lines[3].append(" ")
            lines[3].append(*self._cell(tooth, "bottom"))
            lines[3].append(" ")
            state = self._entry(tooth)["state"]
            lines[4].append(" ")
            lines[4].append(STATE_LETTERS[state], STATE_STYLES[state] + (" reverse" if current else ""))
            lines[4].append(" ")
            for line in lines:
                line.append(" ")
        return lines

    def render(self) -> RichText:
        width = len(self.rows[0]) * CELL + 2
        dentition = HELP["primary" if self.primary else "permanent"].get(self.lang)
        out = RichText(f"[{dentition}]".center(width), style="bold")
        out.append("\n")
        upper, lower = self._arch_lines(0), self._arch_lines(1)
        for line in upper:
            out.append_text(line)
            out.append("\n")
        out.append("─" * width + "\n", "dim")
        for i in (4, 1, 2, 3, 0):  # the lower arch: state letters by the midline, numbers at the bottom
            out.append_text(lower[i])
            out.append("\n")
        tooth = self.tooth
        out.append(f"► {tooth}: ", "bold")
        out.append(describe(self._teeth.get(str(tooth)), self.lang))
        if self.note:
            out.append(f"  ⚠ {self.note}", "bold")
        out.append("\n")
        out.append(HELP["keys"].get(self.lang) + "\n", "dim")
        out.append(HELP["states"].get(self.lang), "dim")
        return out

    def relabel(self, lang: str) -> None:
        """Show the chart's words in ``lang``."""
        self.lang = lang
        self.refresh()


def odontogram_factory(field, value, lang: str) -> OdontogramWidget:
    """``ayni_tui_widgets`` factory: the odontogram editor for ``field`` showing ``value``."""
    return OdontogramWidget(value, lang, classes="editor wide")  # under its label: 80 columns hold it whole
