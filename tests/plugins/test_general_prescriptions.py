"""Prescriptions from the formulary: parsing, quantities to dispense, plain instructions, the allergy
check across encounters (nothing written when refused), and the receta PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ayni.core import ValidationError, validate_form
from ayni.core.clinical import encounters
from ayni.core.documents.pdf import documents

PENICILLIN_TRIAGE = {"temperature": "38.4", "allergies": ["penicillin"]}


@pytest.fixture
def rx(store):
    return store.plugins.forms["general.prescription"]


def _items(rx, text):
    return validate_form(rx, {"items": text})["items"]


@pytest.mark.parametrize(("line", "quantity"), [
    ("amoxicilina_500 1 c/8h x7d", 21),                  # capsules: 1 × 3 a day × 7 days
    ("amoxicillin_250_susp 5 c/8h x7d", 2),              # 105 mL in 60 mL bottles
    ("paracetamol_jarabe 7.5 c/6h x3d", 2),              # 90 mL in 60 mL bottles
    ("paracetamol_500 2 q6h 5 days", 40),                # English form of frequency and days
    ("general.salbutamol_inhaler 2 c/6h x5d", 1),        # 40 puffs of a 200-puff inhaler
    ("permetrina_crema 1 unica", 1),                     # one tube a course
    ("albendazol_400 1 unica", 1),
    ("sro 1 c/24h x3d", 3),
])
def test_the_quantity_to_dispense_is_computed(rx, line, quantity):
    [item] = _items(rx, line)
    assert item["quantity"] == quantity


def test_several_lines_keep_their_order_and_notes(rx):
    items = _items(rx, "ibuprofeno_400 1 c/8h x3d con comida; loratadina_10 1 c/24h x5d")
    assert [(i["medicine"], i["every_h"], i["days"], i["note"]) for i in items] == [
        ("general.ibuprofen_400", 8, 3, "con comida"), ("general.loratadine_10", 24, 5, "")]


@pytest.mark.parametrize(("line", "es", "en"), [
    ("aspirina_100 1 c/8h x3d", "Medicamentos: «aspirina_100» no está en el petitorio de la campaña; escriba el "
     "nombre y la concentración de uno de: Paracetamol, Ibuprofeno, Amoxicilina",
     "Medicines: «aspirina_100» is not in the campaign formulary"),
    ("paracetamol_500 3 c/8h x3d", "Medicamentos: Paracetamol 500 mg (tableta): la dosis debe estar entre 0.25 y 2 "
     "tabletas.", "Medicines: Paracetamol 500 mg (tablet): the dose must be between 0.25 and 2 tablets."),
    ("paracetamol_500 1 c/5h x3d", "frecuencia «c/5h» no válida; use c/4h, c/6h, c/8h, c/12h, c/24h o «unica».",
     "frequency «c/5h» is not valid"),
    ("paracetamol_500 1 c/8h x0d", "los días de tratamiento deben estar entre 1 y 90.",
     "the days of treatment must be between 1 and 90."),
    ("paracetamol_500 1", "línea 1 «paracetamol_500 1»: escriba medicamento, dosis, frecuencia y días",
     "line 1 «paracetamol_500 1»: write medicine, dose, frequency and days"),
    ("sro 1 c/24h x1d; sro 1 c/24h x2d", "Sales de rehidratación oral 20.5 g/L (sobre) figura dos veces",
     "Oral rehydration salts 20.5 g/L (sachet) is listed twice"),
])
def test_a_bad_line_is_refused_naming_the_field_and_what_is_allowed(rx, line, es, en):
    with pytest.raises(ValidationError) as refused:
        validate_form(rx, {"items": line})
    assert refused.value.fields() == {"items"}
    assert es in refused.value.message("es")
    assert en in refused.value.message("en")


def test_instructions_are_plain_words_in_the_patients_language(rx):
    from ayni.plugins.general.prescriptions import instruction

    amox, single, cream = _items(rx, "amoxicillin_250_susp 5 c/8h x7d; albendazol_400 1 unica; "
                                     "clotrimazol_crema 1 c/12h x14d entre los dedos")
    assert instruction(amox, "es") == "Tome 5 mL cada 8 horas (3 veces al día) durante 7 días."
    assert instruction(amox, "en") == "Take 5 mL every 8 hours (3 times a day) for 7 days."
    assert instruction(single, "es") == "Tome 1 tableta una sola vez."
    assert instruction(cream, "es") == ("Aplique en la piel cada 12 horas (2 veces al día) durante 14 días. "
                                        "Entre los dedos")


def _consultation(store, patient, rx_text, **forms):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    return encounter, lambda: encounters.save(
        store, encounter.id, forms={"general.prescription": {"items": rx_text}, **forms})


def test_a_drug_the_patient_is_allergic_to_is_refused_even_when_recorded_at_another_station(
        store, patient, row_counts):
    triage = encounters.open_encounter(store, patient.id, "general", "triage")
    encounters.save(store, triage.id, forms={"general.triage": PENICILLIN_TRIAGE})
    encounter, save = _consultation(store, patient, "paracetamol_500 1 c/8h x3d\namoxicilina_500 1 c/8h x7d")
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        save()
    assert refused.value.message("es") == (
        "Medicamentos: no se puede recetar Amoxicilina 500 mg (cápsula): el paciente es alérgico a penicilinas "
        "(amoxicilina, ampicilina…) (registrado en Triaje). Elija otro medicamento.")
    assert refused.value.message("en") == (
        "Medicines: Amoxicillin 500 mg (capsule) cannot be prescribed: the patient is allergic to penicillins "
        "(amoxicillin, ampicillin…) (recorded in Triage). Choose another medicine.")
    assert row_counts() == before
    visit = encounters.save(store, encounter.id, forms={"general.prescription": {
        "items": "paracetamol_500 1 c/8h x3d\nazitromicina_500 1 c/24h x3d"}})
    assert [i["medicine"] for i in visit.form("general.prescription")["items"]] == [
        "general.paracetamol_500", "general.azithromycin_500"]


def test_an_allergy_recorded_in_the_same_save_is_checked_too(store, patient, row_counts):
    _, save = _consultation(store, patient, "ibuprofeno_400 1 c/8h x3d", **{"general.consultation": {
        "chief_complaint": "Dolor lumbar", "plan": "AINE", "allergies": ["nsaid"]}})
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        save()
    assert "Ibuprofeno 400 mg (tableta)" in refused.value.message("es")
    assert "antiinflamatorios AINE" in refused.value.message("es")
    assert "(registrado en Consulta médica)" in refused.value.message("es")
    assert row_counts() == before


def test_no_known_allergies_cannot_go_with_an_allergy(store):
    with pytest.raises(ValidationError) as refused:
        validate_form(store.plugins.forms["general.triage"], {"allergies": ["none", "sulfonamide"]})
    assert refused.value.message("es") == (
        "Alergias a medicamentos: «Niega alergias» no puede ir junto con una alergia; quite una de las dos.")
    assert "«No known allergies» cannot go with an allergy" in refused.value.message("en")


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_receta_prints_instructions_quantities_and_allergies(store, patient, tmp_path):
    triage = encounters.open_encounter(store, patient.id, "general", "triage")
    encounters.save(store, triage.id, forms={"general.triage": PENICILLIN_TRIAGE})
    encounter, save = _consultation(store, patient, "azitromicina_500 1 c/24h x3d\n"
                                                    "paracetamol_500 1 c/8h x3d si hay fiebre\nsro 1 c/24h x2d")
    visit = save()
    assert [d.key for d in documents(store, visit)] == ["general.receta"]
    [receta] = documents(store, visit)
    data = receta.render(store, encounter.id, "es")
    (tmp_path / "receta.pdf").write_bytes(data)
    text = " ".join(_pdf_text(data).split())
    for expected in ("Receta médica", "Rosa Elena Núñez Quispe", "Azitromicina 500 mg (tableta)",
                     "Tome 1 tableta una vez al día durante 3 días.",
                     "Tome 1 tableta cada 8 horas (3 veces al día) durante 3 días. Si hay fiebre",
                     "Se entrega: 9", "penicilinas (amoxicilina, ampicilina…)", "Mañana", "Noche",
                     "Es un antibiótico: tómelo todos los días indicados aunque se sienta mejor.",
                     "Disuelva cada sobre en 1 litro de agua hervida y fría"):
        assert expected in text
    english = " ".join(_pdf_text(receta.render(store, encounter.id, "en")).split())
    assert "Take 1 tablet every 8 hours (3 times a day) for 3 days. Si hay fiebre" in english
    assert "Dispense: 9" in english


def test_no_receta_is_offered_without_medicines(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    visit = encounters.save(store, encounter.id, forms={"general.consultation": {"chief_complaint": "Control",
                                                                                 "plan": "Ninguno"}})
    assert documents(store, visit) == []


def test_saved_lines_show_in_words_and_parse_back_the_same(store, rx):
    from ayni.plugins.general.prescriptions import to_text
    from ayni.plugins.general.vaccines import to_text as doses_text

    items = _items(rx, "amoxicillin_250_susp 7.5 c/8h x7d agitar; albendazol_400 1 unica")
    assert to_text(items) == ("Amoxicilina 250 mg/5 mL, 60 mL (suspensión) · 7,5 mL c/8 h × 7 días · agitar\n"
                              "Albendazol 400 mg (tableta) · 1 tableta dosis única")
    assert _items(rx, to_text(items)) == items
    vaccination = store.plugins.forms["general.vaccination"]
    doses = validate_form(vaccination, {"doses": "rota 2 R8 2030-01 vo\nspr 1 S1 2030-02-28 ra"})["doses"]
    assert doses_text(doses) == ("Rotavirus · 2.ª dosis · lote R8, vence 2030-01-31 · vía oral\n"
                                 "SPR (sarampión, paperas, rubéola) · 1.ª dosis · lote S1, vence 2030-02-28 · "
                                 "brazo derecho")
    assert validate_form(vaccination, {"doses": doses_text(doses)})["doses"] == doses


def test_the_ui_editor_shows_saved_lines_in_words(store, rx):
    factories = {k: f for r in store.plugins.hook.ayni_tui_widgets() for k, f in r.items()}
    items = _items(rx, "sro 1 c/24h x3d")
    editor = factories["general.prescription"](rx.field("items"), items, "es")
    assert editor.value == "Sales de rehidratación oral 20.5 g/L (sobre) · 1 sobre c/24 h × 3 días"
    assert _items(rx, editor.value) == items
