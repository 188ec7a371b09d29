"""The odontogram drawn as inline SVG for the PDF (WeasyPrint renders SVG natively).

Each tooth is the usual five-part box (vestibular, lingual, mesial, distal, occlusal/incisal) with
its number above and its state in letters below, so the chart reads in black and white too.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ayni.core import Text, escape

from .odontogram import (
    MARK_LETTERS,
    MARKS,
    PERMANENT_ROWS,
    PRIMARY_ROWS,
    STATE_LETTERS,
    STATES,
    code_line,
    surface_positions,
)

#: Fill of a surface by its mark, and colours of whole-tooth states; the letters say the same.
MARK_COLOURS = {"caries": "#d7191c", "filled": "#2b6cb0", "sealed": "#1a9641"}
STATE_COLOURS = {"caries": "#d7191c", "filled": "#2b6cb0", "sealed": "#1a9641", "missing": "#444444",
                 "extraction": "#d7191c", "fractured": "#e66101", "sound": "#333333"}

SIZE = 24          # a tooth box
PITCH = 30         # box and gap
MIDLINE = 14       # extra gap between the two halves of an arch
ROW = 58           # number, box, two lines of letters
TREATED = "*"
SCALE = 0.3         # millimetres per drawing unit: a permanent chart is 150 mm wide


def _regions(x: float, y: float) -> dict[str, str]:
    s, q, t = SIZE, SIZE / 4, 3 * SIZE / 4

    def points(*pairs):
        return " ".join(f"{x + a:g},{y + b:g}" for a, b in pairs)

    return {
        "top": points((0, 0), (s, 0), (t, q), (q, q)),
        "bottom": points((0, s), (s, s), (t, t), (q, t)),
        "left": points((0, 0), (q, q), (q, t), (0, s)),
        "right": points((s, 0), (t, q), (t, t), (s, s)),
        "centre": points((q, q), (t, q), (t, t), (q, t)),
    }


def _tooth(tooth: int, entry: Mapping | None, x: float, y: float, treated: bool) -> str:
    state = (entry or {}).get("state", "sound")
    surfaces = (entry or {}).get("surfaces") or {}
    parts = [f'<text x="{x + SIZE / 2:g}" y="{y - 3:g}" class="n">{tooth}</text>']
    positions = surface_positions(tooth)
    for place, polygon in _regions(x, y).items():
        mark = surfaces.get(positions[place])
        fill = MARK_COLOURS.get(mark, "#ffffff")
        parts.append(f'<polygon points="{polygon}" fill="{fill}" stroke="#333" stroke-width="0.7"/>')
    if state in ("missing", "extraction"):
        colour = STATE_COLOURS[state]
        parts.append(f'<path d="M{x - 2:g},{y - 2:g} L{x + SIZE + 2:g},{y + SIZE + 2:g} M{x + SIZE + 2:g},{y - 2:g} '
                     f'L{x - 2:g},{y + SIZE + 2:g}" stroke="{colour}" stroke-width="2.4"/>')
    if state == "fractured":
        parts.append(f'<rect x="{x - 1.5:g}" y="{y - 1.5:g}" width="{SIZE + 3}" height="{SIZE + 3}" fill="none" '
                     f'stroke="{STATE_COLOURS["fractured"]}" stroke-width="2" stroke-dasharray="3,2"/>')
    if treated:
        parts.append(f'<rect x="{x - 3:g}" y="{y - 3:g}" width="{SIZE + 6}" height="{SIZE + 6}" fill="none" '
                     f'stroke="#000" stroke-width="1.6"/>')
    words = code_line(entry).split(" ") if state != "sound" or surfaces else []
    if treated:
        words = [*(words or [""]), TREATED] if not words else [*words[:-1], words[-1] + TREATED]
    for i, word in enumerate(words[:3]):
        colour = STATE_COLOURS.get(state, "#333") if i == 0 else "#333"
        parts.append(f'<text x="{x + SIZE / 2:g}" y="{y + SIZE + 10 + 8 * i:g}" class="c" fill="{colour}">'
                     f'{escape(word)}</text>')
    return "".join(parts)


def _row_x(row: tuple[int, ...], width_teeth: int) -> list[float]:
    half = len(row) // 2
    offset = (width_teeth - len(row)) // 2 * PITCH
    return [offset + i * PITCH + (MIDLINE if i >= half else 0) + 4 for i in range(len(row))]


def chart(odontogram: Mapping, primary: bool, permanent: bool = True, treated: Collection[int] = (),
          title: str = "") -> str:
    """The odontogram as ``<svg>``: upper permanent, upper primary, lower primary, lower permanent
    rows (primary rows only with ``primary``); teeth in ``treated`` are framed and starred."""
    upper, lower = [], []
    if permanent:
        upper.append(PERMANENT_ROWS[0])
        lower.append(PERMANENT_ROWS[1])
    if primary:
        upper.append(PRIMARY_ROWS[0])
        lower.insert(0, PRIMARY_ROWS[1])
    rows = upper + lower
    width_teeth = 16 if permanent else 10
    width = width_teeth * PITCH + MIDLINE + 8
    height = len(rows) * ROW + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="odontogram" viewBox="0 0 {width} {height}" '
             f'width="{width * SCALE:g}mm" height="{height * SCALE:g}mm" role="img" aria-label="{escape(title)}">',
             '<style>text{font-family:"DejaVu Sans",sans-serif;text-anchor:middle}'
             '.n{font-size:8px;fill:#000}.c{font-size:7.5px;font-weight:bold}</style>']
    mid_x = width_teeth // 2 * PITCH + MIDLINE / 2 + 4 - (PITCH - SIZE) / 2
    parts.append(f'<line x1="{mid_x:g}" y1="2" x2="{mid_x:g}" y2="{height - 2}" stroke="#999" stroke-width="0.6"/>')
    arch_y = len(upper) * ROW + 1
    parts.append(f'<line x1="2" y1="{arch_y:g}" x2="{width - 2}" y2="{arch_y:g}" stroke="#999" stroke-width="0.6"/>')
    for r, row in enumerate(rows):
        y = r * ROW + 14
        for tooth, x in zip(row, _row_x(row, width_teeth)):
            parts.append(_tooth(tooth, odontogram.get(str(tooth)), x, y, tooth in treated))
    parts.append("</svg>")
    return "".join(parts)


LEGEND_TITLE = Text("Leyenda", "Key")
_TREATED = Text("recuadro y * = tratado hoy", "frame and * = treated today")
_SURFACES = Text("Superficies: M mesial, O oclusal, I incisal, D distal, V vestibular, L lingual/palatina",
                 "Surfaces: M mesial, O occlusal, I incisal, D distal, V buccal, L lingual/palatal")


def _swatch(colour: str, cross: bool = False) -> str:
    mark = (f'<path d="M1,1 L9,9 M9,1 L1,9" stroke="{colour}" stroke-width="2"/>' if cross
            else f'<rect x="0.5" y="0.5" width="9" height="9" fill="{colour}" stroke="#333" stroke-width="0.5"/>')
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="3mm" height="3mm" viewBox="0 0 10 10">{mark}</svg>'


def legend(lang: str) -> str:
    """The key: each state and surface mark with its colour *and* its letter."""
    items = []
    for state, label in STATES.items():
        if state == "sound":
            continue
        cross = state in ("missing", "extraction")
        items.append(f"<li>{_swatch(STATE_COLOURS[state], cross)} <b>{STATE_LETTERS[state]}</b> "
                     f"{escape(label.get(lang))}</li>")
    for mark, label in MARKS.items():
        items.append(f"<li>{_swatch(MARK_COLOURS[mark])} <b>{MARK_LETTERS[mark].upper()}·</b> "
                     f"{escape(Text('superficie', 'surface').get(lang))} {escape(label.get(lang))}</li>")
    items.append(f"<li><b>{TREATED}</b> {escape(_TREATED.get(lang))}</li>")
    return (f'<div class="dental-legend" style="font-size:8pt"><b>{escape(LEGEND_TITLE.get(lang))}:</b>'
            f'<ul style="columns:3;list-style:none;padding:0;margin:1mm 0">{"".join(items)}</ul>'
            f'<p style="margin:0">{escape(_SURFACES.get(lang))}</p></div>')
