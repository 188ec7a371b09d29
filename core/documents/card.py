"""The patient card: credit-card size (85.6 × 54 mm), kept by the patient from station to station and
brought back next year.

It carries the short patient number («A-0042»), the name, the date of registration, a QR code of the
number and where the patient goes next (the station whose queue they are in, else the return date a
plugin knows, such as the day of their operation), or a line to write it on. The QR code holds the
number exactly as printed, so a barcode scanner typing it into the search box finds the patient
(:func:`ayni.core.people.patients.scanned`). It prints in the patient's language, as a PDF
(:func:`render_card`) or on a thermal roll (:func:`card_slip`).
"""

from __future__ import annotations

from typing import Any

from ..campaign.stations import CALLED, WAITING, journey
from ..campaign.stations import station as station_record
from ..dates import format_date
from ..errors import AyniError
from ..i18n import Text, document_language
from ..model import Patient
from ..people.merges import kept_record
from .thermal import QR, Line, Rule, Slip, WriteOn

LABELS = {
    "card": Text("Tarjeta del paciente", "Patient card"),
    "patient_no": Text("Paciente N.º", "Patient No."),
    "registered": Text("Registrado el", "Registered on"),
    "next": Text("Próxima estación o cita", "Next station or visit"),
    "keep": Text("Traiga esta tarjeta en cada visita.", "Bring this card to every visit."),
}


def qr_svg(data: str) -> str:
    """A QR code of ``data`` as inline SVG (a full QR code, not a Micro QR: every scanner reads it),
    sized by its container."""
    import segno

    return segno.make(data, error="m", micro=False).svg_inline(scale=1, border=2, omitsize=True)


def next_step(store, patient: Patient, lang: str) -> str:
    """Where the patient goes next, in ``lang``: the station whose queue they wait in (or are called
    to), else the next date a plugin knows (``ayni_patient_next``); '' when none is known."""
    for entry in reversed(journey(store, patient.id)):
        if entry.status in (WAITING, CALLED):
            try:
                return station_record(store, entry.station).label(lang, store.plugins)
            except AyniError:  # a station no longer set up: say nothing rather than guess
                break
    found = [text for text in store.plugins.hook.ayni_patient_next(store=store, patient_id=patient.id) if text]
    return found[0].get(lang) if found else ""


def card_context(store, patient_id: str, lang: str | None = None) -> dict[str, Any]:
    """Everything the card prints, in ``lang`` if given, else the patient's
    (:func:`~ayni.core.i18n.document_language`); its key ``lang`` says which."""
    from .pdf import campaign_header

    patient = kept_record(store, patient_id)
    lang = document_language(patient.language, lang)
    return {
        "lang": lang,
        "campaign": campaign_header(store, None, lang),
        "title": LABELS["card"].get(lang),
        "number": patient.card_number,
        "patient": {"full_name": patient.full_name},
        "registered": format_date(patient.created_at, lang),
        "next": next_step(store, patient, lang),
    }


def render_card(store, patient_id: str, lang: str | None = None) -> bytes:
    """The patient card of ``patient_id`` as a one-page PDF of 85.6 × 54 mm (see :func:`card_context`)."""
    from .pdf import render

    context = card_context(store, patient_id, lang)
    return render("card.html", {**context, "qr": qr_svg(context["number"])}, context["lang"], extra_labels=LABELS)


def card_slip(store, patient_id: str, lang: str | None = None) -> Slip:
    """The same card for a thermal roll: the number large, the QR code printed by the printer itself."""
    c = card_context(store, patient_id, lang)
    L = {key: text.get(c["lang"]) for key, text in LABELS.items()}
    next_block = Line(f"{L['next']}: {c['next']}") if c["next"] else WriteOn(L["next"])
    return Slip((
        Line(c["campaign"]["name"], align="center"),
        Line(c["title"], align="center", bold=True),
        Rule(),
        Line(c["number"], align="center", bold=True, big=True),
        Line(c["patient"]["full_name"], align="center", bold=True),
        Line(f"{L['registered']} {c['registered']}", align="center"),
        QR(c["number"]),
        next_block,
        Line(L["keep"], align="center"),
    ))


__all__ = ["LABELS", "card_context", "card_slip", "next_step", "qr_svg", "render_card"]
