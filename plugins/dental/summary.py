"""The dental part of the visit summary: the odontogram found and after treatment (SVG), what was
done per tooth, the rest of the exam with its caries indices, and home-care instructions."""

from __future__ import annotations

from ayni.core import PdfSection, Text, EncounterRecord, escape
from ayni.core.dates import to_lima
from ayni.core.documents.sections import form_table

from .codes import PROCEDURES, SPECIALTY
from .forms import EXAM, ODONTOGRAM
from .homecare import instructions
from .odontogram import after_treatment, chart_order, describe, dmft, is_primary, procedure_site, surface_list
from .svg import chart, legend

L = {
    "odontogram": Text("Odontograma", "Odontogram"),
    "found": Text("Hallazgos del examen", "What the exam found"),
    "after": Text("Al terminar la atención", "At the end of the visit"),
    "per_tooth": Text("Tratamiento por pieza", "Treatment per tooth"),
    "tooth": Text("Pieza", "Tooth"),
    "found_col": Text("Encontrado", "Found"),
    "done_col": Text("Realizado hoy", "Done today"),
    "after_col": Text("Estado final", "Final state"),
    "nothing": Text("—", "—"),
    "exam": Text("Examen odontológico", "Dental examination"),
    "homecare": Text("Cuidados en casa", "Home care"),
    "dmft": Text("CPO-D (permanentes): {total} — cariados {D}, perdidos o con extracción indicada {M}, obturados {F}",
                 "DMFT (permanent): {total} — decayed {D}, missing or indicated for extraction {M}, filled {F}"),
    "dmft_primary": Text("ceo-d (temporales): {total} — cariados {D}, extracción indicada {M}, obturados {F}",
                         "dmft (primary): {total} — decayed {D}, indicated for extraction {M}, filled {F}"),
}
_CATALOGUE = {p.code: p for p in PROCEDURES}


def _t(key: str, lang: str, **params) -> str:
    return L[key].get(lang).format(**params)


def done_text(procedure, lang: str) -> str:
    """What a procedure did, in words, with its surfaces: «Restauración con resina, 2 superficies (O, D)»."""
    label = _CATALOGUE[procedure.code].label.get(lang) if procedure.code in _CATALOGUE else procedure.code
    tooth, _, raw = procedure_site(procedure.detail)
    surfaces, _ = surface_list(raw, tooth, "", L["tooth"]) if tooth else ([], None)
    return f"{label} ({', '.join(surfaces)})" if surfaces else label


def _shows_primary(dentition: str | None, *odontograms) -> bool:
    if dentition in ("primary", "mixed"):
        return True
    return any(is_primary(int(k)) for o in odontograms for k in o)


def _shows_permanent(dentition: str | None, *odontograms) -> bool:
    return dentition != "primary" or any(not is_primary(int(k)) for o in odontograms for k in o)


def _odontogram_section(found: dict, after: dict, treated: set[int], dentition, lang: str) -> PdfSection:
    primary = _shows_primary(dentition, found, after)
    permanent = _shows_permanent(dentition, found, after)
    html = [f'<div class="dental-chart"><p class="dental-caption"><b>{escape(_t("found", lang))}</b></p>',
            chart(found, primary, permanent, title=_t("found", lang))]
    if treated:
        html += [f'<p class="dental-caption"><b>{escape(_t("after", lang))}</b></p>',
                 chart(after, primary, permanent, treated=treated, title=_t("after", lang))]
    html += ["</div>", legend(lang)]
    indices = []
    if permanent:
        indices.append(_t("dmft", lang, **dmft(found)))
    if primary:
        indices.append(_t("dmft_primary", lang, **dmft(found, primary=True)))
    html.append('<p class="dental-indices">' + "<br>".join(escape(i) for i in indices) + "</p>")
    return PdfSection(title=_t("odontogram", lang), html="".join(html), order=10)


def _per_tooth_section(found: dict, after: dict, done: dict, lang: str) -> PdfSection | None:
    teeth = sorted({*(int(k) for k in found), *done}, key=chart_order)
    if not teeth:
        return None
    widths = {"tooth": 8, "found_col": 30, "done_col": 34, "after_col": 28}
    head = "".join(f'<th style="width:{w}%">{escape(_t(k, lang))}</th>' for k, w in widths.items())
    rows = []
    for tooth in teeth:
        did = "; ".join(done_text(p, lang) for p in done.get(tooth, ())) or _t("nothing", lang)
        rows.append(f"<tr><td>{tooth}</td><td>{escape(describe(found.get(str(tooth)), lang))}</td>"
                    f"<td>{escape(did)}</td><td>{escape(describe(after.get(str(tooth)), lang))}</td></tr>")
    html = f'<table class="dental-teeth"><tr>{head}</tr>{"".join(rows)}</table>'
    return PdfSection(title=_t("per_tooth", lang), html=html, order=11)


def _homecare_section(visit: EncounterRecord, after: dict, lang: str) -> PdfSection:
    age = visit.patient.age(to_lima(visit.encounter.opened_at).date())
    items = "".join(f"<li>{escape(line)}</li>" for line in instructions(visit.procedures, after, age, lang))
    return PdfSection(title=_t("homecare", lang), html=f'<ul class="dental-homecare">{items}</ul>', order=90)


def sections(visit: EncounterRecord, lang: str) -> list[PdfSection]:
    """The dental sections of the visit summary; ``[]`` for another specialty's encounter."""
    if visit.encounter.specialty != SPECIALTY:
        return []
    exam = visit.form(EXAM.key)
    found = exam.get(ODONTOGRAM.key) or {}
    after, done = after_treatment(found, visit.procedures)
    result = []
    if exam or done:
        result.append(_odontogram_section(found, after, set(done), exam.get("dentition"), lang))
    per_tooth = _per_tooth_section(found, after, done, lang)
    if per_tooth:
        result.append(per_tooth)
    table = form_table(EXAM, {k: v for k, v in exam.items() if k != ODONTOGRAM.key}, lang)
    if table:
        result.append(PdfSection(title=_t("exam", lang), html=table, order=12))
    result.append(_homecare_section(visit, after, lang))
    return result
