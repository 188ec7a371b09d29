"""Building blocks for plugins' PDF sections: a filled form as an HTML table, a diagnosis list.

Every plugin renders its forms through these, so a visit summary looks the same whichever
specialty wrote it, and every value taken from the record is escaped in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import escape

from ..clinical.forms import FormSpec, display_value
from ..hooks.declarations import DiagnosisCode, PdfSection


def _row(label: str, value: str) -> str:
    return f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"


def form_table(spec: FormSpec, values: Mapping, lang: str) -> str:
    """A filled form as ``<table class="ayni-form">``: one row per field that has a value.

    Labels come from the spec, values from :func:`ayni.core.display_value` (units, choice labels,
    sides), all escaped. Keys the spec does not know (data saved with an older version of the form)
    are shown under their key rather than dropped. Returns ``""`` when nothing was filled.
    """
    rows = []
    known = set()
    for field in spec.fields:
        known.add(field.key)
        value = values.get(field.key)
        if value is None or value == "" or value == [] or value == {}:
            continue
        rows.append(_row(field.label.get(lang), display_value(field, value, lang)))
    for key, value in values.items():
        if key not in known and value not in (None, "", [], {}):
            rows.append(_row(key, str(value)))
    if not rows:
        return ""
    return f'<table class="ayni-form" data-form="{escape(spec.key)}">' + "".join(rows) + "</table>"


def form_section(spec: FormSpec, values: Mapping, lang: str, order: int = 100) -> PdfSection | None:
    """A :class:`PdfSection` titled with the form's title holding :func:`form_table`, or ``None``
    when the form was not filled."""
    table = form_table(spec, values, lang)
    if not table:
        return None
    return PdfSection(title=spec.title.get(lang), html=table, order=order)


def diagnosis_list(codes: Iterable[str], lang: str, catalog: Mapping[str, DiagnosisCode] | None = None) -> str:
    """Diagnoses as ``<ul class="ayni-diagnoses">``: «J06.9 — Infección aguda …» per code.

    Labels come from ``catalog`` (by default every installed plugin's diagnosis codes). A code
    missing from it (its plugin was removed) is still shown, by its code alone.
    """
    if catalog is None:
        from ..hooks.plugins import default_plugins

        catalog = default_plugins().diagnoses
    items = []
    for code in codes:
        known = catalog.get(code)
        text = known.display(lang) if known else code
        items.append(f"<li>{escape(text)}</li>")
    if not items:
        return ""
    return '<ul class="ayni-diagnoses">' + "".join(items) + "</ul>"


def visit_sections(visit, lang: str, specialty: str, forms: Iterable[FormSpec], order: int = 10) -> list[PdfSection]:
    """The usual sections of a plugin's encounter: one per filled form, in the order given, sorted
    from ``order`` up. Returns ``[]`` for an encounter of another specialty, so a plugin's
    ``ayni_pdf_sections`` can simply return this.

    Diagnoses, procedures and the payment are not repeated here: the visit summary itself prints
    them for every specialty.
    """
    if visit.encounter.specialty != specialty:
        return []
    sections = []
    for i, spec in enumerate(forms):
        section = form_section(spec, visit.form(spec.key), lang, order=order + i)
        if section is not None:
            sections.append(section)
    return sections
