"""The letter of thanks to the partner organisation: one page, the right figures, signed."""

from __future__ import annotations

import re

import pytest

from ayni.core.campaign import campaigns
from ayni.core.documents.reports.letter import render_letter
from ayni.core.documents.reports.scope import ReportError
from reportkit import scalar


def test_one_page_with_the_campaign_figures(world, pdf_text, page_count):
    store, campaign = world.store, world.campaign
    data = render_letter(store, campaign, "es", signer="Lic. Teresa Quispe Huamán")
    assert page_count(data) == 1
    text = re.sub(r"\s+", " ", pdf_text(data))
    patients = scalar(store, "SELECT count(DISTINCT patient_id) FROM encounters WHERE campaign_id = ?", [campaign.id])
    assert f"{patients} pacientes atendidos" in text
    assert "7 atenciones ambulatorias" in text and "15 procedimientos" in text and "2 referencias" in text
    assert "Señores Parroquia Santa Ana de Ocongate Presente.-" in text
    assert "del 21–23 de noviembre de 2026" in text and "3 comunidades" in text
    assert "Lic. Teresa Quispe Huamán" in text and "Coordinación de la campaña" in text
    assert "Especialidades que atendieron: Medicina general, Odontología, Optometría" in text


def test_english_letter_signed_by_the_coordinator(world, pdf_text):
    from ayni.core.storage.store import ensure_user

    ensure_user(world.store, "Dr. Ellen Price", role="coordinator")
    text = re.sub(r"\s+", " ", pdf_text(render_letter(world.store, world.campaign, "en", to="Municipalidad de Ocongate")))
    assert "To Municipalidad de Ocongate" in text and "Presente" not in text
    assert "Dr. Ellen Price" in text and "Campaign coordinator" in text
    assert "4 patients seen" in text


def test_a_campaign_without_partner_needs_an_addressee(store):
    import datetime as dt

    lone = campaigns.create(store, "Campaña Sin Aliado", "medical", dt.date(2026, 1, 5), dt.date(2026, 1, 6))
    with pytest.raises(ReportError) as refused:
        render_letter(store, lone, "es")
    assert "Institución aliada" in refused.value.message("es") and "--addressee" in refused.value.message("en")
