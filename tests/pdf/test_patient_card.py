"""The patient card (85.6 × 54 mm): number, name, date of registration, the QR code of the number and
the next station, in the patient's language unless the person printing chose one; read back with pypdf."""

from __future__ import annotations

import io
import re

import pytest
import segno
from pypdf import PdfReader

from ayni.core.campaign import stations
from ayni.core.dates import format_date
from ayni.core.documents import card
from ayni.core.documents.pdf import render_html
from ayni.core.people import patients
from ayni.core.storage.devices import set_letter

MM = 72 / 25.4


@pytest.fixture
def lettered(store, campaign, patient_form):
    """A patient registered on laptop «A»: card number «A-0002» (the fixture's patient was number 1)."""
    patients.register(store, {**patient_form, "id_number": "11111111"})
    set_letter(store, "A")
    return patients.register(store, {**patient_form, "id_number": "22222222"})


def test_the_card_is_credit_card_size_and_in_the_patients_language(store, lettered, pdf_text):
    pytest.importorskip("weasyprint")
    data = card.render_card(store, lettered.id, "es")  # the person printing chose Spanish
    [page] = PdfReader(io.BytesIO(data)).pages
    assert (round(float(page.mediabox.width) / MM, 1), round(float(page.mediabox.height) / MM, 1)) == (85.6, 54.0)
    text = pdf_text(data)
    assert lettered.card_number == "A-0002"
    for expected in ("TARJETA DEL PACIENTE", "A-0002", "María José Núñez Ñahui", "Campaña Ocongate <Sur> & Andes",
                     f"Registrado el {format_date(lettered.created_at, 'es')}", "Próxima estación o cita:",
                     "Traiga esta tarjeta en cada visita."):
        assert expected in text
    english = pdf_text(card.render_card(store, lettered.id, "en"))  # the person printing chose English
    assert "PATIENT CARD" in english and f"Registered on {format_date(lettered.created_at, 'en')}" in english
    assert "Next station or visit:" in english and "TARJETA" not in english
    quechua = pdf_text(card.render_card(store, lettered.id))  # the patient speaks Quechua
    assert "UNQUQPA TARJETAN" in quechua and "Sapa hamuspa kay tarjetata apamuy." in quechua
    assert "Kaymanta rinayki:" in quechua and "Traiga" not in quechua


def test_an_english_speaker_gets_an_english_card(store, campaign, patient_form, pdf_text):
    pytest.importorskip("weasyprint")
    visitor = patients.register(store, {**patient_form, "id_number": "33333333", "language": "en"})
    assert "PATIENT CARD" in pdf_text(card.render_card(store, visitor.id))


def test_the_qr_code_holds_the_card_number_as_a_full_qr_code(store, lettered):
    context = card.card_context(store, lettered.id)
    html = render_html("card.html", {**context, "qr": card.qr_svg(context["number"])}, "es",
                       extra_labels=card.LABELS)
    expected = segno.make("A-0002", error="m", micro=False)
    assert not expected.is_micro
    assert expected.svg_inline(scale=1, border=2, omitsize=True) in html  # the same matrix as «A-0002» encodes
    assert segno.make("A-0003", error="m", micro=False).svg_inline(scale=1, border=2, omitsize=True) not in html
    side = int(re.search(r'viewBox="0 0 (\d+) ', html)[1])
    assert side == len(expected.matrix) + 4  # the symbol and its quiet zone of two modules each side


def test_the_card_names_the_station_the_patient_waits_at(store, campaign, lettered, pdf_text):
    assert card.next_step(store, lettered, "es") == ""
    stations.enqueue(store, lettered.id, stations.TRIAGE)
    assert card.card_context(store, lettered.id, "es")["next"] == "Triaje"
    assert card.card_context(store, lettered.id, "en")["next"] == "Triage"
    pytest.importorskip("weasyprint")
    assert "Próxima estación o cita: Triaje" in pdf_text(card.render_card(store, lettered.id, "es"))


def test_a_very_long_name_still_fits_on_one_card(store, campaign, patient_form, pdf_text):
    pytest.importorskip("weasyprint")
    long_named = patients.register(store, {
        **patient_form, "id_number": "44444444", "given_names": "María de los Ángeles Guadalupe Esperanza",
        "paternal_surname": "Huamanñahui-Quispecondori", "maternal_surname": "Villavicencio de la Cruz Ñaupari"})
    for lang, keep in (("qu", "Sapa hamuspa kay tarjetata"), ("es", "Traiga esta tarjeta")):
        data = card.render_card(store, long_named.id, lang)
        assert len(PdfReader(io.BytesIO(data)).pages) == 1
        assert "Ñaupari" in pdf_text(data) and keep in pdf_text(data)
