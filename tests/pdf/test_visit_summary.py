"""The visit summary PDF: what a patient takes home, read back from the PDF's text."""

from __future__ import annotations

import datetime as dt

from ayni.core import Document, PdfSection, Text, hookimpl, load_plugins, open_store
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.documents import pdf
from ayni.core.money import payments
from ayni.core.people import patients


def test_spanish_summary_names_the_patient_procedures_and_amounts(store, visit_id, pdf_text, printed_at):
    text = pdf_text(pdf.render_visit(store, visit_id, printed_at=printed_at))

    assert "María José Núñez Ñahui" in text
    assert "Resumen de atención" in text
    assert "47 años (aprox.)" in text
    assert "DNI 45678912" in text
    assert "Quechua" in text
    assert "Medicina general" in text and "Consultorio" in text
    assert "Consulta médica" in text and "Nebulización" in text
    assert "S/ 15.00" in text  # 3 × S/ 5.00
    assert "S/ 25.00" in text  # suggested total
    assert "S/ 12.50" in text  # paid
    assert "Escala reducida (50" in text
    assert "J06.9" in text and "Infección aguda de las vías respiratorias superiores" in text
    assert "Dra. Peña" in text


def test_printed_date_is_spanish_and_in_lima_time(store, visit_id, pdf_text, printed_at):
    text = pdf_text(pdf.render_visit(store, visit_id, printed_at=printed_at))

    assert "Impreso: 23 de noviembre de 2026, 21:30" in text
    assert "21–23 de noviembre de 2026" in text  # the campaign's dates
    assert "Página 1 de" in text


def test_english_summary(store, visit_id, pdf_text, printed_at):
    text = pdf_text(pdf.render_visit(store, visit_id, lang="en", printed_at=printed_at))

    assert "Visit summary" in text
    assert "María José Núñez Ñahui" in text
    assert "47 years (approx.)" in text
    assert "General medicine" in text and "Medical consultation" in text and "Nebulization" in text
    assert "Sliding scale (50" in text and "S/ 12.50" in text
    assert "Printed: 23 November 2026, 21:30" in text
    assert "Page 1 of" in text
    assert "Resumen de atención" not in text


def test_stored_values_are_escaped(store, visit_id, pdf_text):
    text = pdf_text(pdf.render_visit(store, visit_id))

    # Unescaped, «<Sur>» would be swallowed as an unknown HTML tag.
    assert "Campaña Ocongate <Sur> & Andes" in text


def test_every_page_is_numbered_with_the_total(store, encounter, pdf_text):
    many = [ProcedureEntry("general.wound_care", detail={"site": f"zona {i}"}) for i in range(60)]
    encounters.save(store, encounter.id, procedures=many)

    text = pdf_text(pdf.render_visit(store, encounter.id))
    pages = text.split("\f")

    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Página {number} de {len(pages)}" in page
    assert "María José Núñez Ñahui" in pages[-1]  # later pages name the patient in the header
    assert "Zona: zona 59" in text


class _SectionsPlugin:
    """Contributes two sections around the general plugin's (orders 10 and up)."""

    @hookimpl
    def ayni_pdf_sections(self, visit, lang):
        """A late section and an early one, given out of order."""
        return [PdfSection("Sección tardía", "<p>beta</p>", order=900),
                PdfSection("Sección temprana", "<p><b>alfa</b> &amp; omega</p>", order=1)]


def test_plugin_sections_are_sorted_by_order_and_inserted_as_html(tmp_path, pdf_text, patient_form):
    store = open_store(tmp_path / "t.db", user="Dr. Quispe", plugins=load_plugins(extra=[_SectionsPlugin()]))
    patient = patients.register(store, patient_form)
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    encounters.save(store, encounter.id, forms={"general.consultation": {"chief_complaint": "Cefalea",
                                                                          "plan": "Reposo"}})

    text = pdf_text(pdf.render_visit(store, encounter.id))

    # Section titles print in capitals; the bodies show the order: early, the general plugin's, late.
    assert "SECCIÓN TEMPRANA" in text and "SECCIÓN TARDÍA" in text
    assert text.index("alfa & omega") < text.index("Cefalea") < text.index("beta")  # trusted HTML: entities decoded
    assert "<b>" not in text
    store.close()


def test_open_visit_without_payment(store, encounter, pdf_text):
    text = pdf_text(pdf.render_visit(store, encounter.id))

    assert "En curso (no cerrada)" in text
    assert "Pago no registrado." in text
    assert "Sin procedimientos registrados." in text


def test_waiver_in_kind_and_guardian(store, campaign, pdf_text, patient_form):
    child = patients.register(store, {
        **patient_form, "given_names": "Ángel", "age_years": "6", "id_number": "78912345",
        "guardian_name": "Rosa Ñahui Quispe", "guardian_relationship": "madre",
    })
    encounter = encounters.open_encounter(store, child.id, "general", "consultation", campaign_id=campaign.id)
    encounters.save(store, encounter.id, procedures=[ProcedureEntry("general.consultation")])
    payments.record(store, encounter.id, "waiver", reason="Familia en situación de pobreza extrema",
                    method="in_kind", in_kind_description="Dos kilos de papa")

    text = pdf_text(pdf.render_visit(store, encounter.id))

    assert "Ángel Núñez Ñahui" in text
    assert "6 años (aprox.)" in text
    assert "Rosa Ñahui Quispe (madre)" in text
    assert "Exonerado" in text and "Familia en situación de pobreza extrema" in text
    assert "En especie: Dos kilos de papa" in text
    assert "S/ 0.00" in text


def test_write_visit_writes_a_pdf_file(store, visit_id, tmp_path, pdf_text):
    path = pdf.write_visit(store, visit_id, tmp_path / "out" / "visita.pdf", lang="en")

    assert path.read_bytes().startswith(b"%PDF-")
    assert "María José Núñez Ñahui" in pdf_text(path.read_bytes())


def test_later_documents_extend_the_base_template(store, visit_id, tmp_path, pdf_text, printed_at):
    (tmp_path / "letter.html").write_text(
        '{% extends "base.html" %}{% block body %}<p>Se refiere a: {{ hospital }}</p>{% endblock %}',
        encoding="utf-8")
    visit = encounters.get_encounter_record(store, visit_id)
    context = {**pdf.document_context(store, visit, "es"), "title": "Hoja de referencia",
               "hospital": "Hospital Regional del Cusco <urgencias>"}

    text = pdf_text(pdf.render("letter.html", context, "es", template_dirs=[tmp_path],
                               printed_at=dt.datetime(2026, 1, 5, 15, 0, tzinfo=dt.timezone.utc)))

    assert "Hoja de referencia" in text
    assert "María José Núñez Ñahui" in text
    assert "Se refiere a: Hospital Regional del Cusco <urgencias>" in text
    assert "Impreso: 5 de enero de 2026, 10:00" in text


def test_a_document_without_a_patient_can_drop_the_patient_block(store, campaign, tmp_path, pdf_text):
    (tmp_path / "report.html").write_text(
        '{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}{% block patient %}{% endblock %}'
        '{% block body %}<p>Pacientes atendidos: {{ count }}</p>{% endblock %}', encoding="utf-8")
    context = {"campaign": pdf.campaign_context(campaign, None, "en"), "title": "Daily report", "count": 42}

    text = pdf_text(pdf.render("report.html", context, "en", template_dirs=[tmp_path]))

    assert "Daily report" in text and "Pacientes atendidos: 42" in text
    assert "Campaña Ocongate <Sur> & Andes" in text and "21–23 November 2026" in text


class _HandoutPlugin:
    """Offers a handout only for a visit whose encounter already has a payment in the store."""

    @hookimpl
    def ayni_documents(self, visit, store):
        """A document that depends on the database, not only on the visit."""
        if store is None or store.row("encounters", visit.encounter.id) is None:
            return []
        paid = store.db.execute("SELECT count(*) FROM payments WHERE encounter_id = ?",
                                [visit.encounter.id]).fetchone()[0]
        return [Document("handout.paid", Text("Constancia", "Certificate"), lambda *a: b"")] if paid else []


def test_documents_are_offered_with_the_store_at_hand(tmp_path, patient_form):
    store = open_store(tmp_path / "t.db", user="Dr. Quispe", plugins=load_plugins(extra=[_HandoutPlugin()]))
    patient = patients.register(store, patient_form)
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    encounters.save(store, encounter.id, procedures=[ProcedureEntry("general.consultation")])

    assert [d.key for d in pdf.documents(store, encounters.get_encounter_record(store, encounter.id))] == []
    payments.record(store, encounter.id, "full")
    assert [d.key for d in pdf.documents(store, encounters.get_encounter_record(store, encounter.id))] == ["handout.paid"]
    store.close()


def test_the_summary_prints_the_persons_alerts_in_full(store, visit_id, pdf_text, printed_at):
    from ayni.core.people import alerts

    patient_id = encounters.get_encounter_record(store, visit_id).patient.id
    alerts.record(store, patient_id, {"kind": "allergy", "text": "penicilina"})
    alerts.record(store, patient_id, {"kind": "condition", "text": "Diabetes", "code": "E11.9"})
    text = pdf_text(pdf.render_visit(store, visit_id, printed_at=printed_at))
    assert "ALERTAS DEL PACIENTE" in text and "penicilina, registrado" in text and "Diabetes (E11.9)" in text
    english = pdf_text(pdf.render_visit(store, visit_id, "en", printed_at=printed_at))
    assert "PATIENT ALERTS" in english and "Diabetes (E11.9), recorded" in english


def test_a_summary_without_alerts_has_no_alerts_section(store, visit_id, pdf_text, printed_at):
    assert "ALERTAS DEL PACIENTE" not in pdf_text(pdf.render_visit(store, visit_id, printed_at=printed_at))
