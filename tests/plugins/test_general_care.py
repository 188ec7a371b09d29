"""Pastoral counselling only with consent, sexual and reproductive health, health education, the
referral (opened at close, with its letter), diagnosis search by code or words, and the report."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ayni.core import ValidationError, validate_form
from ayni.core.clinical import encounters, referrals
from ayni.core.clinical.alerts import collect
from ayni.core.clinical.codesearch import chapter_of, search_diagnoses
from ayni.core.documents.pdf import documents
from ayni.core.people import patients


def _save(store, patient, station, forms, **kwargs):
    encounter = encounters.open_encounter(store, patient.id, "general", station)
    return encounters.save(store, encounter.id, forms=forms, **kwargs)


def _html(store, visit, lang="es"):
    return "".join(s.html for r in store.plugins.hook.ayni_pdf_sections(visit=visit, lang=lang, store=store)
                   for s in r)


# -- pastoral counselling ----------------------------------------------------------------------

def test_the_pastoral_form_says_it_is_optional_and_never_a_condition_of_care(store):
    consent = store.plugins.forms["general.pastoral"].field("consent")
    assert "nunca es condición para la atención" in consent.help.es
    assert "never a condition of care" in consent.help.en


@pytest.mark.parametrize("consent", ["no", ""])
def test_pastoral_counselling_without_explicit_consent_is_refused_and_nothing_written(
        store, patient, row_counts, consent):
    encounter = encounters.open_encounter(store, patient.id, "general", "mental_health")
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms={"general.pastoral": {
            "consent": consent, "kind": "prayer", "notes": "Pidió oración"}})
    field = "El paciente pidió o aceptó libremente la consejería pastoral"
    if consent == "no":
        assert refused.value.message("es") == (
            f"{field}: la consejería pastoral solo se registra con el consentimiento explícito del paciente. "
            "Si no lo da, no registre nada: la atención no depende de ello.")
        assert "recorded only with the patient's explicit consent" in refused.value.message("en")
    else:
        assert refused.value.message("es") == f"{field}: es obligatorio."
    assert row_counts() == before


def test_pastoral_counselling_with_consent_is_kept_but_its_notes_never_printed(store, patient):
    visit = _save(store, patient, "mental_health", {"general.pastoral": {
        "consent": "sí", "kind": "listening", "notes": "Habló de su hija en Venezuela"}})
    assert visit.form("general.pastoral")["notes"] == "Habló de su hija en Venezuela"
    html = _html(store, visit)
    assert "Escucha" in html and "Habló de su hija" not in html


# -- sexual and reproductive health --------------------------------------------------------------

def test_antenatal_findings_need_a_pregnant_patient(store):
    with pytest.raises(ValidationError) as refused:
        validate_form(store.plugins.forms["general.srh"], {"pregnant": "no", "fundal_height": 24})
    assert refused.value.message("es") == (
        "Altura uterina: es un dato del control prenatal; marque «Gestante: sí» o déjelo vacío.")
    assert "Fundal height: is an antenatal finding" in refused.value.message("en")


def test_pregnancy_on_a_male_record_is_refused(store, row_counts):
    man = patients.register(store, {"given_names": "Luis", "paternal_surname": "Rojas", "sex": "M",
                                    "age_years": 30, "id_kind": "none"})
    encounter = encounters.open_encounter(store, man.id, "general", "srh")
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms={"general.srh": {"pregnant": "sí"}})
    assert "Gestante: el paciente está registrado con sexo masculino" in refused.value.message("es")
    assert row_counts() == before


def test_danger_signs_and_medicines_to_avoid_in_pregnancy_raise_alerts(store, patient):
    visit = _save(store, patient, "srh", {
        "general.srh": {"pregnancy_test": "positive", "pregnant": "sí", "fetal_heart_rate": 100,
                        "danger_signs": ["bleeding", "headache_vision"], "syphilis_test": "reactive"},
        "general.prescription": {"items": "metformina_850 1 c/12h x30d"}},
        acknowledged={"core.rx_pregnancy_caution:general.metformin_850:pregnancy": "diabetes gestacional"})
    alerts = {a.key: a for a in collect(store, visit)}
    assert alerts["general.srh.danger_signs"].level == "danger"
    assert alerts["general.srh.danger_signs"].text.es == (
        "Gestante con signos de alarma: Sangrado vaginal, Dolor de cabeza intenso o visión borrosa. Referir.")
    assert alerts["general.srh.fetal_heart_rate"].text.en == "Fetal heart rate 100/min: outside 110–160."
    assert alerts["general.srh.syphilis_test"].level == "warning"
    assert alerts["general.rx.pregnancy.metformin_850"].text.es == "Metformina 850 mg (tableta): precaución en el embarazo."


# -- referral ------------------------------------------------------------------------------------

REFERRAL = {"destination_kind": "hospital", "destination": "Hospital Regional de Tumbes",
            "reason": "Neumonía con SpO2 84 %", "urgency": "urgent", "transport": "ambulance",
            "treatment_given": "Oxígeno por cánula 2 L/min"}


def test_closing_opens_the_referral_and_the_letter_prints_it(store, patient):
    triage = encounters.open_encounter(store, patient.id, "general", "triage")
    encounters.save(store, triage.id, forms={"general.triage": {"spo2": 84, "temperature": "38.9",
                                                                "heart_rate": 118}})
    visit = _save(store, patient, "consultation", {
        "general.consultation": {"chief_complaint": "Tos y fiebre 5 días", "examination": "Crépitos en base derecha",
                                 "plan": "Referir"},
        "general.prescription": {"items": "amoxicilina_500 1 c/8h x7d"},
        "general.referral": REFERRAL}, diagnoses=["J18.9"])
    assert referrals.of_encounter(store, visit.encounter.id) == []  # opened when the encounter closes
    encounters.close(store, visit.encounter.id)
    [referral] = referrals.of_encounter(store, visit.encounter.id)
    assert (referral.to, referral.urgency, referral.reason) == (
        "hospital:Hospital Regional de Tumbes", "urgent", "Neumonía con SpO2 84 %")
    assert referrals.open_referrals(store, "hospital:Hospital Regional de Tumbes") == [referral]

    docs = {d.key: d for d in documents(store, encounters.get_encounter_record(store, visit.encounter.id))}
    assert set(docs) == {"general.receta", "general.referral_letter"}
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        docs["general.referral_letter"].render(store, visit.encounter.id, "es"))).pages).split())
    for expected in ("Hoja de referencia", "Hospital: Hospital Regional de Tumbes", "Neumonía con SpO2 84 %",
                     "Urgente", "Ambulancia", "SpO2 84 %: baja (menor de 90 %, sin altitud registrada).",
                     "Crépitos en base derecha", "J18.9 — Neumonía, no especificada", "Oxígeno por cánula 2 L/min",
                     "Amoxicilina 500 mg (cápsula)"):
        assert expected in text
    english = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        docs["general.referral_letter"].render(store, visit.encounter.id, "en"))).pages).split())
    assert "Referral letter" in english and "Urgent" in english and "Pneumonia, unspecified" in english


def test_a_referral_without_reason_or_urgency_is_refused(store):
    with pytest.raises(ValidationError) as refused:
        validate_form(store.plugins.forms["general.referral"], {"destination_kind": "hospital",
                                                                "destination": "Hospital de Apoyo"})
    assert refused.value.fields() == {"reason", "urgency"}


# -- diagnosis search ----------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "code"), [
    ("diarrea", "A09"), ("diarrhoea", "A09"), ("j069", "J06.9"), ("J06.9", "J06.9"), ("oxiuriasis", "B80"),
    ("pinworm", "B80"), ("abuso sexual", "T74.2"), ("sexual abuse", "T74.2"), ("agresion sexual", "Y05"),
    ("deshidratacion", "E86"), ("desnutricion severa", "E43"), ("hipertension", "I10"), ("sarna", "B86"),
    ("embarazo", "Z34.9"), ("estres postraumatico", "F43.1"),
])
def test_diagnoses_are_found_by_code_or_by_words_in_spanish_or_english(store, query, code):
    assert code in [d.code for d in search_diagnoses(store.plugins, query)]


def test_a_search_ranks_codes_starting_with_the_query_first(store):
    assert [d.code for d in search_diagnoses(store.plugins, "T74")][:5] == ["T74.0", "T74.1", "T74.2", "T74.3", "T74.9"]
    assert search_diagnoses(store.plugins, "zzzz") == []


@pytest.mark.parametrize(("code", "chapter"), [
    ("A09", "I"), ("D50.9", "III"), ("E43", "IV"), ("F32.9", "V"), ("H10.9", "VII"), ("H66.9", "VIII"),
    ("J06.9", "X"), ("O14.9", "XV"), ("T74.1", "XIX"), ("Y05", "XX"), ("X85", "XX"), ("Z34.9", "XXI"),
])
def test_codes_fall_in_their_icd10_chapter(code, chapter):
    assert chapter_of(code)[0] == chapter


# -- report ----------------------------------------------------------------------------------------

def test_report_figures_match_the_data(store, patient, campaign):
    from ayni.plugins import general

    _save(store, patient, "triage", {"general.triage": {"spo2": 84}})                    # I
    _save(store, patient, "triage", {"general.triage": {"bp_systolic": 190, "bp_diastolic": 100}})  # II
    _save(store, patient, "triage", {"general.triage": {"temperature": "36.5"}})          # IV
    _save(store, patient, "triage", {"general.triage": {"temperature": "36.5", "priority": "V",
                                                        "priority_reason": "Solo control"}})  # V
    one = _save(store, patient, "consultation", {
        "general.consultation": {"chief_complaint": "Diarrea", "plan": "SRO"},
        "general.prescription": {"items": "sro 1 c/24h x3d; zinc_20 1 c/24h x10d"},
        "general.referral": {**REFERRAL, "urgency": "priority"},
        "general.education": {"topics": ["ors", "hand_washing"]}}, diagnoses=["A09", "E86", "B80"])
    encounters.close(store, one.encounter.id)
    _save(store, patient, "consultation", {
        "general.consultation": {"chief_complaint": "Lesiones", "plan": "Curación"},
        "general.prescription": {"items": "sro 1 c/24h x2d"},
        "general.education": {"topics": ["violence"]},
        "general.pastoral": {"consent": "sí"}}, diagnoses=["T74.1", "Y04"],
        acknowledged={"core.rx_repeat:general.ors+general.ors": "sigue con diarrea"})
    rows = {(r.group, r.label.es): r.value for r in general.ayni_report_rows(store=store, campaign=campaign, day=None)}
    assert rows[("encounters", "Triaje")] == 4 and rows[("encounters", "Consultorio")] == 2
    assert [rows[("triage", k)] for k in ("I — Rojo: inmediato", "II — Naranja: muy urgente",
                                          "III — Amarillo: urgente", "IV — Verde: estándar",
                                          "V — Azul: no urgente")] == [1, 1, 0, 1, 1]
    assert rows[("diagnosis_chapters", "I — Enfermedades infecciosas y parasitarias")] == 2
    assert rows[("diagnosis_chapters", "IV — Enfermedades endocrinas, nutricionales y metabólicas")] == 1
    assert rows[("diagnosis_chapters", "XIX — Traumatismos y envenenamientos")] == 1
    assert rows[("diagnosis_chapters", "XX — Causas externas de morbilidad")] == 1
    assert rows[("prescriptions", "Recetas emitidas")] == 2
    assert rows[("prescriptions", "Sales de rehidratación oral 20.5 g/L (sobre)")] == 5
    assert rows[("prescriptions", "Zinc (sulfato) 20 mg (tableta)")] == 10
    assert rows[("referrals", "Referencias")] == 1 and rows[("referrals", "Referencias: Prioritaria")] == 1
    assert rows[("education", "Preparación del suero oral")] == 1
    assert rows[("education", "Violencia: derechos y dónde pedir ayuda")] == 1
    assert rows[("education", "Consejería pastoral con consentimiento")] == 1
    english = {(r.group, r.label.en) for r in general.ayni_report_rows(store=store, campaign=campaign, day=None)}
    assert ("triage", "I — Red: immediate") in english
