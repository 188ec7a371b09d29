"""The optometry part of the visit summary: per-eye grids (acuity, refraction, pressure, findings)
and the plan, as a clinician reads them. Every value from the record is escaped here."""

from __future__ import annotations

from collections.abc import Mapping

from ayni.core import PdfSection, Text, escape, signed_number
from ayni.core.clinical.forms import Field

from . import acuity
from .codes import REFERRAL_REASONS
from .forms import ALL_ACUITY, EXAM, EXAM_FIELDS, IOP_METHOD, NEAR_KEYS, PLAN
from .refraction import lenses, sphere_text

HEAD = {
    "od": Text("OD", "OD"), "os": Text("OI", "OS"), "ou": Text("AO", "OU"),
    "sphere": Text("Esf.", "Sph."), "cylinder": Text("Cil.", "Cyl."), "axis": Text("Eje", "Axis"),
    "add": Text("Add.", "Add"), "va": Text("AV", "VA"), "pd": Text("DIP", "PD"),
    "yes": Text("sí", "yes"),
}
FINDINGS = tuple(f for f in EXAM_FIELDS if f.key in
                 ("cataract", "pterygium", "glaucoma_suspect", "cup_disc", "strabismus", "lids", "fundus"))


def _cells(values, tag: str = "td") -> str:
    return "".join(f"<{tag}>{escape(v)}</{tag}>" for v in values)


def _table(header: list[str], rows: list[list[str]], css: str = "grid") -> str:
    head = f"<thead><tr>{_cells(header, 'th')}</tr></thead>"
    body = "".join(f"<tr><th>{escape(r[0])}</th>{_cells(r[1:])}</tr>" for r in rows)
    return f'<table class="{css}">{head}<tbody>{body}</tbody></table>'


def acuity_text(notation: str | None, lang: str, near: bool = False) -> str:
    """A stored acuity as written in ``lang``, with its logMAR: «20/40 (0.30)», «CD»."""
    if not notation:
        return ""
    value = acuity.parse(notation, near)
    return value.display(lang) if value.below_chart or value.notation.startswith("logMAR") else \
        f"{value.display(lang)} ({value.logmar})"


def acuity_table(exam: Mapping, lang: str) -> str:
    """Acuity rows (without correction, with correction, pinhole, near, new correction) × OD, OI, AO."""
    rows = []
    for field in ALL_ACUITY:
        by_eye = exam.get(field.key) or {}
        if by_eye:
            near = field.key in NEAR_KEYS
            rows.append([field.label.get(lang)] + [acuity_text(by_eye.get(e), lang, near) for e in ("od", "os", "ou")])
    if not rows:
        return ""
    note = Text("Entre paréntesis, el logMAR.", "logMAR in brackets.").get(lang)
    return _table(["", *(HEAD[e].get(lang) for e in ("od", "os", "ou"))], rows) + f'<p class="muted">{escape(note)}</p>'



def refraction_rows(exam: Mapping, lang: str, convention: str | None = None) -> list[dict]:
    """One row per eye with a refraction: powers as written (in ``convention``: ``minus``, ``plus`` or
    as entered) and the acuity with the new correction."""
    rows = []
    for eye, lens in lenses(exam).items():
        lens = lens.in_convention(convention)
        rows.append({
            "eye": HEAD[eye].get(lang),
            "sphere": sphere_text(lens.sphere, lang),
            "cylinder": signed_number(lens.cylinder) if lens.cylinder else "",
            "axis": f"{lens.axis}°" if lens.cylinder and lens.axis else "",
            "add": signed_number(lens.add) if lens.add is not None else "",
            "va": acuity_text((exam.get("va_rx") or {}).get(eye), lang),
        })
    return rows


def refraction_table(exam: Mapping, lang: str) -> str:
    """The refraction grid (OD/OI × Esf., Cil., Eje, Add., AV) and the pupillary distance."""
    rows = refraction_rows(exam, lang, exam.get("cylinder_print"))
    if not rows and exam.get("pd") is None:
        return ""
    keys = ("sphere", "cylinder", "axis", "add", "va")
    html = _table(["", *(HEAD[k].get(lang) for k in keys)], [[r["eye"], *(r[k] for k in keys)] for r in rows]) \
        if rows else ""
    if exam.get("pd") is not None:
        html += f'<p>{escape(HEAD["pd"].get(lang))}: {escape(exam["pd"])} mm</p>'
    return html


def _side_text(field: Field, value, lang: str) -> str:
    if value is None:
        return ""
    if field.key == "glaucoma_suspect":
        return HEAD["yes"].get(lang) if value in (True, "true", 1) else ""
    if field.choices:
        return field.choice_label(value, lang)
    return str(value)


def findings_table(exam: Mapping, lang: str) -> str:
    """Pressure (with its method) and each finding, OD and OI."""
    rows = []
    iop = exam.get("iop") or {}
    if iop:
        method = exam.get("iop_method")
        label = EXAM.field("iop").label.get(lang)
        if method:
            label += f" ({IOP_METHOD.choice_label(method, lang)})"
        rows.append([label] + [f"{iop[e]} mmHg" if e in iop else "" for e in ("od", "os")])
    for field in FINDINGS:
        by_eye = exam.get(field.key) or {}
        cells = [_side_text(field, by_eye.get(e), lang) for e in ("od", "os")]
        if any(cells):
            rows.append([field.label.get(lang), *cells])
    html = _table(["", HEAD["od"].get(lang), HEAD["os"].get(lang)], rows) if rows else ""
    if exam.get("notes"):
        html += f'<p>{escape(EXAM.field("notes").label.get(lang))}: {escape(exam["notes"])}</p>'
    return html


def plan_lines(plan: Mapping, lang: str) -> list[str]:
    """The plan as sentences: what was handed out or ordered, and the referral."""
    lines = []
    for key in ("readers", "sunglasses", "lubricant", "glasses_order"):
        if plan.get(key):
            line = PLAN.field(key).label.get(lang)
            if key == "readers" and plan.get("readers_power") is not None:
                line += f" {signed_number(plan['readers_power'])}"
            if key == "glasses_order" and plan.get("lens_type"):
                line += f": {PLAN.field('lens_type').choice_label(plan['lens_type'], lang)}"
            lines.append(line)
    if plan.get("referral"):
        reason = REFERRAL_REASONS[plan["referral"]][0].get(lang)
        parts = [f"{PLAN.field('referral').label.get(lang)}: {reason}"]
        if plan.get("referral_eye"):
            parts.append(PLAN.field("referral_eye").choice_label(plan["referral_eye"], lang))
        if plan.get("referral_urgency"):
            parts.append(PLAN.field("referral_urgency").choice_label(plan["referral_urgency"], lang))
        if plan.get("referral_notes"):
            parts.append(plan["referral_notes"])
        lines.append(" · ".join(parts))
    return lines


def sections(visit, lang: str) -> list[PdfSection]:
    """The exam as three grids and the plan as a list, for an optometry visit summary."""
    exam, plan = visit.form(EXAM.key), visit.form(PLAN.key)
    found = []
    for order, (title, html) in enumerate((
        (Text("Agudeza visual", "Visual acuity"), acuity_table(exam, lang)),
        (Text("Refracción", "Refraction"), refraction_table(exam, lang)),
        (Text("Presión intraocular y hallazgos", "Intraocular pressure and findings"), findings_table(exam, lang)),
    )):
        if html:
            found.append(PdfSection(title=title.get(lang), html=html, order=10 + order))
    lines = plan_lines(plan, lang)
    if lines:
        html = "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"
        found.append(PdfSection(title=PLAN.title.get(lang), html=html, order=13))
    return found
