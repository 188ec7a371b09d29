"""The referral letter to a hospital, a health centre or another team, laid out the same for every
specialty: where the patient is sent and why, how urgently, the specialty's own findings, the
diagnoses, and the signature of who wrote it.

A plugin says what its letter holds as a :class:`ReferralLetter` and prints it with
:func:`render_referral_letter`; the core's ``referral_letter.html`` does the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..dates import format_date, to_lima
from ..i18n import Text
from .pdf import DEFAULT_LANG, document_context, render, user_name

#: The letter's own words (the shared ones, such as «Diagnósticos», are the core's document labels).
LETTER_LABELS: dict[str, Text] = {
    "referral_letter": Text("Hoja de referencia", "Referral letter"),
    "to": Text("Se refiere a", "Referred to"),
    "urgency": Text("Urgencia", "Urgency"),
    "date": Text("Fecha", "Date"),
    "note": Text("Nota", "Note"),
    "request": Text("Se solicita evaluación y manejo. Agradecemos la contrarreferencia.",
                    "We request assessment and care, and would be grateful for a reply."),
}


@attrs.frozen
class ReferralLetter:
    """What one referral letter says, in the language it is printed in.

    ``to`` is the destination and ``reason`` why; ``urgency`` how soon. ``facts`` are further
    ``(label, value)`` pairs printed beside them (the eye, the transport, who goes along), ``note`` a
    free line under them, and ``sections`` the specialty's own ``(heading, html)`` parts in order (the
    vital signs, the findings, the treatment given; HTML that the plugin built escaped, such as
    :func:`ayni.core.documents.sections.form_table`'s). ``signed_by`` names the form whose save
    dates and signs the letter (``None``: who opened the encounter, when).
    """

    to: str
    reason: str
    urgency: str = ""
    facts: Sequence[tuple[str, str]] = ()
    note: str = ""
    sections: Sequence[tuple[str, str]] = ()
    signed_by: str | None = None


def signed(store, visit, form_key: str | None, lang: str) -> tuple[str, str]:
    """Who signs a document of ``visit`` and on which day (Lima), in words: whoever saved the form
    ``form_key`` last, else whoever opened the encounter."""
    data = visit.forms.get(form_key) if form_key else None
    who, when = (data.saved_by, data.saved_at) if data else (visit.encounter.opened_by, visit.encounter.opened_at)
    return user_name(store, who), format_date(to_lima(when).date(), lang)


def diagnosis_lines(store, visit, lang: str) -> list[str]:
    """The visit's diagnoses as «J18.9 — Neumonía, no especificada», in the order recorded."""
    catalog = store.plugins.diagnoses
    return [catalog[d.code].display(lang) if d.code in catalog else d.code for d in visit.diagnoses]


def referral_letter_context(store, visit, letter: ReferralLetter, lang: str) -> dict:
    """What ``referral_letter.html`` prints for ``letter``."""
    clinician, date = signed(store, visit, letter.signed_by, lang)
    return {
        **document_context(store, visit, lang),
        "title": LETTER_LABELS["referral_letter"].get(lang),
        "letter": letter,
        "clinician": clinician,
        "date": date,
        "diagnoses": diagnosis_lines(store, visit, lang),
    }


def render_referral_letter(store, visit, letter: ReferralLetter, lang: str = DEFAULT_LANG) -> bytes:
    """The referral letter of ``visit`` as PDF bytes."""
    return render("referral_letter.html", referral_letter_context(store, visit, letter, lang), lang,
                  extra_labels=LETTER_LABELS)


__all__ = ["LETTER_LABELS", "ReferralLetter", "diagnosis_lines", "referral_letter_context", "render_referral_letter",
           "signed"]
