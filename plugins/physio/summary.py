"""The physiotherapy sections of the visit summary: the assessment with its measures in tables, the
treatment session with the change since last time, the home programme, and the aids handed out.

Every value from the record is escaped here (``ayni.core.escape``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ayni.core import FieldType, PdfSection, Text, display_value, escape
from ayni.core.dates import format_date

from . import fitting as fitting_module
from . import forms, measures, progress
from .prescription import dose_text, programme

L = {
    "movement": Text("Movimiento", "Movement"),
    "muscles": Text("Grupo muscular", "Muscle group"),
    "right": Text("Derecho", "Right"),
    "left": Text("Izquierdo", "Left"),
    "normal": Text("Normal", "Normal"),
    "side": Text("Lado", "Side"),
    "before": Text("Antes", "Before"),
    "now": Text("Ahora", "Now"),
    "change": Text("Cambio", "Change"),
    "session_number": Text("Sesión n.º", "Session no."),
    "pain_in_session": Text("Dolor en la sesión", "Pain in the session"),
    "previous_session": Text("Sesión anterior", "Previous session"),
    "rom_change": Text("Rango de movimiento: cambio respecto de la medición anterior",
                       "Range of motion: change since the previous measurement"),
    "first": Text("primera medición", "first measurement"),
    "exercise": Text("Ejercicio", "Exercise"),
    "dose": Text("Dosis", "Dose"),
    "handout": Text("La hoja de ejercicios para la casa se imprime aparte.",
                    "The home exercise handout is printed separately."),
    "equipment": Text("Ayudas técnicas entregadas", "Mobility aids handed out"),
    "aid": Text("Ayuda", "Aid"),
    "kind_size": Text("Tipo y talla", "Type and size"),
    "provision": Text("Entrega", "Provision"),
    "checks": Text("Comprobaciones", "Checks"),
    "until": Text("hasta", "until"),
    "better": Text("mejor", "better"),
    "worse": Text("peor", "worse"),
    "same": Text("igual", "same"),
}
SIDES = ("right", "left")
FACES_SCORE = Text("{score}/10 — {face} (caras)", "{score}/10 — {face} (faces)")
_SIDE_LABEL = {"right": L["right"], "left": L["left"]}


def _t(key: str, lang: str) -> str:
    return L[key].get(lang)


def _facts(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in rows if value)
    return f'<table class="physio-facts">{cells}</table>' if cells else ""


def _grid(headers: list[str], rows: list[list[str]], numeric_from: int = 1, css: str = "") -> str:
    if not rows:
        return ""

    def cls(i: int) -> str:
        return ' class="num"' if i >= numeric_from else ""

    head = "".join(f'<th style="width:auto"{cls(i)}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td{cls(i)}>{escape(c)}</td>" for i, c in enumerate(row)) + "</tr>"
                   for row in rows)
    return f'<table class="grid {css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def pain_text(score, scale: str | None, lang: str) -> str:
    """«6/10 — Duele aún más (caras)» for the faces scale, «6/10» for the numeric one."""
    if score is None:
        return ""
    score = int(score)
    if scale == "faces" and score in forms.FACES:
        return FACES_SCORE.get(lang).format(score=score, face=forms.FACES[score].get(lang))
    return f"{score}/10"


def number(value, unit: str = "", signed: bool = False) -> str:
    """A measured number as printed: a true minus sign («−15°»), ``+`` on changes when ``signed``."""
    if value is None:
        return "—"
    text = f"{value:+}" if signed and value else str(value)
    return text.replace("-", "\u2212") + unit


def _value(measure: measures.Measure, value) -> str:
    return "" if value is None else number(value if measure.step else int(value), measure.unit)


def measure_rows(measure_list: Iterable[measures.Measure], values: Mapping, with_normal: bool = True) -> list[list[str]]:
    """One row per measure with a value on either side: label, right, left (and normal)."""
    rows = []
    for measure in measure_list:
        pair = values.get(measure.key) or {}
        if not pair:
            continue
        row = [measure.label, _value(measure, pair.get("right")), _value(measure, pair.get("left"))]
        rows.append(row + ([measure.normal] if with_normal else []))
    return rows


def _heading(text: str) -> str:
    return f'<h3 class="physio-sub" style="font-size:9.5pt;margin:3mm 0 1mm 0">{escape(text)}</h3>'


def _localise(rows: list[list], lang: str) -> list[list[str]]:
    return [[c.get(lang) if isinstance(c, Text) else str(c) for c in row] for row in rows]


_TABLED = {m.key for m in (*measures.ROM, *measures.STRENGTH, measures.PIRANI)} | {"pain", "pain_scale", "barthel"}


def assessment_html(values: Mapping, lang: str) -> str:
    """The assessment: the facts, pain and Barthel in words, then the Pirani, range-of-motion and
    strength tables."""
    spec = forms.ASSESSMENT
    rows = []
    for f in spec.fields:
        value = values.get(f.key)
        if f.key in _TABLED - {"pain", "barthel"} or value in (None, "", [], {}):
            continue
        if f.key == "pain":
            rows.append((f.label.get(lang), pain_text(value, values.get("pain_scale"), lang)))
        elif f.key == "barthel":
            rows.append((f.label.get(lang), f"{int(value)}/100 — {forms.barthel_band(int(value)).get(lang)}"))
        elif f.type == FieldType.DATE:
            rows.append((f.label.get(lang), format_date(dt.date.fromisoformat(str(value)), lang)))
        else:
            rows.append((f.label.get(lang), display_value(f, value, lang)))
    known = {f.key for f in spec.fields}
    rows += [(key, str(value)) for key, value in values.items() if key not in known and value not in (None, "")]
    sides = [_t("right", lang), _t("left", lang)]
    parts = [_facts(rows)]
    pirani = _localise(measure_rows([measures.PIRANI], values), lang)
    if pirani:
        parts.append(_grid([forms.PIRANI.label.get(lang), *sides, _t("normal", lang)], pirani))
    rom = _localise(measure_rows(measures.ROM, values), lang)
    if rom:
        parts.append(_heading(measures.ROM_SECTION.get(lang)))
        parts.append(_grid([_t("movement", lang), *sides, _t("normal", lang)], rom, css="physio-rom"))
    strength = _localise(measure_rows(measures.STRENGTH, values, with_normal=False), lang)
    if strength:
        parts.append(_heading(measures.MRC_SECTION.get(lang)))
        parts.append(_grid([_t("muscles", lang), *sides], strength, css="physio-mrc"))
    return "".join(p for p in parts if p)


def session_html(values: Mapping, lang: str, progress_now: progress.SessionProgress | None) -> str:
    """The session: number, techniques, pain before → after and against the previous session, and
    the range-of-motion change since the previous measurement."""
    spec = forms.SESSION
    scale = values.get("pain_scale")
    rows = []
    if progress_now is not None:
        rows.append((_t("session_number", lang), str(progress_now.number)))
    for key in ("techniques", "duration"):
        if values.get(key) not in (None, [], ""):
            rows.append((spec.field(key).label.get(lang), display_value(spec.field(key), values[key], lang)))
    before, after = values.get("pain_before"), values.get("pain_after")
    if before is not None or after is not None:
        text = " → ".join(pain_text(v, scale, lang) for v in (before, after) if v is not None)
        if before is not None and after is not None:
            text += f" ({_t('change', lang).lower()} {number(int(after) - int(before), signed=True)})"
        rows.append((_t("pain_in_session", lang), text))
    if progress_now is not None and progress_now.previous_at is not None:
        previous = " → ".join(pain_text(v, None, lang) for v in (progress_now.previous_pain_before,
                                                                  progress_now.previous_pain_after) if v is not None)
        if previous:
            rows.append((f"{_t('previous_session', lang)} ({format_date(progress_now.previous_at, lang)})", previous))
    for key in ("response", "notes"):
        if values.get(key):
            rows.append((spec.field(key).label.get(lang), display_value(spec.field(key), values[key], lang)))
    parts = [_facts(rows)]
    if progress_now is not None and progress_now.rom:
        parts.append(_heading(_t("rom_change", lang)))
        parts.append(_grid(
            [_t("movement", lang), _t("side", lang), _t("before", lang), _t("now", lang), _t("change", lang)],
            [[c.measure.label.get(lang), _SIDE_LABEL[c.side].get(lang),
              f"{number(c.before, '°')} ({format_date(c.before_at, lang)})" if c.before is not None
              else _t("first", lang), number(c.now, "°"), number(c.change, "°", signed=True)]
             for c in progress_now.rom], numeric_from=2, css="physio-rom-change"))
    elif any(values.get(m.key) for m in measures.ROM):
        parts.append(_heading(measures.ROM_SECTION.get(lang)))
        parts.append(_grid([_t("movement", lang), _t("right", lang), _t("left", lang), _t("normal", lang)],
                           _localise(measure_rows(measures.ROM, values), lang), css="physio-rom"))
    return "".join(p for p in parts if p)


def programme_html(values: Mapping, lang: str) -> str:
    """The home programme as a short table; the handout itself is a separate document."""
    items = programme(values)
    rows = [[f"{item.exercise.name.get(lang)}", dose_text(item, lang)] for item in items]
    parts = [_grid([_t("exercise", lang), _t("dose", lang)], rows, numeric_from=9)]
    facts = [(forms.HOME_PROGRAMME.field(k).label.get(lang), str(values[k])) for k in ("advice", "helper")
             if values.get(k)]
    if values.get("review_date"):
        facts.append((forms.HOME_PROGRAMME.field("review_date").label.get(lang),
                      format_date(dt.date.fromisoformat(str(values["review_date"])), lang)))
    parts.append(_facts(facts))
    if items:
        parts.append(f'<p class="muted">{escape(_t("handout", lang))}</p>')
    return "".join(p for p in parts if p)


def equipment_html(store, fittings: list, lang: str) -> str:
    """The aids handed out: what, type, size and side, donated or lent, and the checks done."""
    from .aids import AIDS
    from .codes import PROVISIONS

    rows = []
    for record in fittings:
        item = store.plugins.equipment.get(record.item_key)
        aid = AIDS.get(record.item_key)
        provision = next((c.label.get(lang) for c in PROVISIONS if c.value == record.provision), record.provision)
        if record.return_by is not None:
            provision += f" ({_t('until', lang)} {format_date(record.return_by, lang)})"
        checks = [f.label.get(lang) for f in aid.form.fields if f.key.startswith("check_")
                  and record.fitting.get(f.key) is True] if aid else []
        rows.append([
            (item.label.get(lang) if item else record.item_key) + (f" × {record.quantity}" if record.quantity > 1 else ""),
            fitting_module.describe(record, lang),
            provision,
            "✓ " + "; ✓ ".join(checks) if checks else "",
        ])
    return _grid([_t("aid", lang), _t("kind_size", lang), _t("provision", lang), _t("checks", lang)],
                 rows, numeric_from=9, css="physio-aids")


def sections(visit, lang: str, store=None) -> list[PdfSection]:
    """The physiotherapy sections of ``visit`` (``[]`` for another specialty's). Without a store,
    the parts read from other encounters and from the stock (session number, change since last
    time, aids handed out) are left out."""
    if visit.encounter.specialty != forms.SPECIALTY:
        return []
    found = []
    assessment = visit.form(forms.ASSESSMENT.key)
    if assessment:
        found.append(PdfSection(forms.ASSESSMENT.title.get(lang), assessment_html(assessment, lang), order=10))
    session = visit.form(forms.SESSION.key)
    if session:
        progress_now = progress.session_progress(store, visit) if store is not None else None
        found.append(PdfSection(forms.SESSION.title.get(lang), session_html(session, lang, progress_now), order=11))
    home = visit.form(forms.HOME_PROGRAMME.key)
    if home:
        found.append(PdfSection(forms.HOME_PROGRAMME.title.get(lang), programme_html(home, lang), order=12))
    if store is not None:
        fittings = fitting_module.fittings_of(store, visit.encounter.id)
        if fittings:
            found.append(PdfSection(_t("equipment", lang), equipment_html(store, fittings, lang), order=13))
    return found
