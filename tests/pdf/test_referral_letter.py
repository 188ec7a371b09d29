"""The core's referral letter: what a plugin says (destination, reason, urgency, further facts, its own
sections) prints in the document's language, with the diagnoses and who signed it; a section's HTML
is the plugin's, every plain value is escaped."""

from __future__ import annotations

import io

from pypdf import PdfReader

from ayni.core.clinical import encounters
from ayni.core.documents.letters import LETTER_LABELS, ReferralLetter, referral_letter_context, render_referral_letter
from ayni.core.documents.pdf import render_html


def _text(pdf: bytes) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _visit(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    encounters.save(store, encounter.id, diagnoses=["J18.9"])
    return encounters.get_encounter_record(store, encounter.id)


def test_the_letter_prints_what_the_plugin_says(store, patient):
    visit = _visit(store, patient)
    letter = ReferralLetter(to="Hospital Regional de Ayacucho", reason="Neumonía grave", urgency="Urgente",
                            facts=(("Oído", "derecho"), ("Traslado", "ambulancia"), ("Acompaña", "su hija")),
                            note="Vive a 3 h a pie", sections=(("Audiometría", "<p>Umbral 60 dB</p>"), ("Vacío", "")))
    text = _text(render_referral_letter(store, visit, letter, "es"))
    for words in ("Hoja de referencia", "Se refiere a Hospital Regional de Ayacucho", "Motivo Neumonía grave",
                  "Urgencia Urgente", "Oído derecho", "Traslado ambulancia", "Acompaña su hija",
                  "Nota: Vive a 3 h a pie", "AUDIOMETRÍA Umbral 60 dB", "J18.9 — Neumonía, no especificada",
                  "María José Núñez Ñahui", "Se solicita evaluación y manejo", "Dra. Peña Firma y sello"):
        assert words in text, text
    assert "Vacío" not in text  # a section with nothing in it is left out
    english = _text(render_referral_letter(store, visit, letter, "en"))
    assert "Referral letter" in english and "Referred to" in english and "Pneumonia, unspecified" in english


def test_plain_values_are_escaped_and_the_encounter_signs_when_no_form_does(store, patient):
    visit = _visit(store, patient)
    letter = ReferralLetter(to="<b>Posta</b>", reason="a & b")
    context = referral_letter_context(store, visit, letter, "es")
    assert context["clinician"] == store.user.name
    html = render_html("referral_letter.html", context, "es", extra_labels=LETTER_LABELS)
    assert "&lt;b&gt;Posta&lt;/b&gt;" in html and "a &amp; b" in html
