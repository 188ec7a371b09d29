"""The vaccination register: doses of the Peruvian schedule with lot, expiry and site; a lot past its
expiry on the day of vaccination is refused (nothing written); doses are reported by vaccine."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import ValidationError, validate_form
from ayni.core.clinical import encounters
from ayni.core.dates import format_date, today_in_lima


@pytest.fixture
def vaccination(store):
    return store.plugins.forms["general.vaccination"]


def _vaccinate(store, patient, doses):
    encounter = encounters.open_encounter(store, patient.id, "general", "vaccination")
    return encounter, lambda: encounters.save(store, encounter.id, forms={"general.vaccination": {"doses": doses}})


def test_doses_are_parsed_from_typed_lines(vaccination):
    doses = validate_form(vaccination, {"doses": "penta 2 L2301A 2030-03-31 mi\nrota 1 R88 2030-01 oral; "
                                                 "VPH d1 H7 2030-06-30 la"})["doses"]
    assert doses == [
        {"vaccine": "penta", "dose": "2", "lot": "L2301A", "expiry": "2030-03-31", "site": "thigh_left"},
        {"vaccine": "rota", "dose": "1", "lot": "R88", "expiry": "2030-01-31", "site": "oral"},  # end of month
        {"vaccine": "hpv", "dose": "1", "lot": "H7", "expiry": "2030-06-30", "site": "arm_left"},
    ]


@pytest.mark.parametrize(("lang", "words"), [
    ("es", "Pentavalente (DPT-HvB-Hib) · 2.ª dosis · lote L2301A, vence 2030-03-31 · muslo izquierdo\n"
           "Rotavirus · 1.ª dosis · lote R88, vence 2030-01-31 · vía oral"),
    ("en", "Pentavalent (DTP-HepB-Hib) · 2nd dose · lot L2301A, expires 2030-03-31 · left thigh\n"
           "Rotavirus · 1st dose · lot R88, expires 2030-01-31 · by mouth"),
])
def test_doses_are_shown_in_words_that_read_back_the_same(vaccination, lang, words):
    from ayni.plugins.general import vaccines

    doses = validate_form(vaccination, {"doses": "penta 2 L2301A 2030-03-31 mi; rota 1 R88 2030-01 oral"})["doses"]
    assert vaccines.to_text(doses, lang) == words
    assert validate_form(vaccination, {"doses": words})["doses"] == doses


@pytest.mark.parametrize(("line", "es", "en"), [
    ("polio9 1 L1 2030-01-01 bd", "Dosis aplicadas: vacuna «polio9» desconocida; use una de: bcg, hvb, penta",
     "Doses given: unknown vaccine «polio9»; use one of: bcg"),
    ("bcg 2 L1 2030-01-01 bd", "Dosis aplicadas: BCG: dosis «2» no válida; para esta vacuna use: u.",
     "Doses given: BCG: dose «2» is not valid; for this vaccine use: u."),
    ("rota 1 L1 2030-01-01 mi", "Rotavirus: sitio «mi» no válido; use: oral.", "Rotavirus: site «mi» is not valid"),
    ("spr 1 L1 2030-01-01 oral", "SPR (sarampión, paperas, rubéola): sitio «oral» no válido; use: bd, bi, md, mi.",
     "MMR (measles, mumps, rubella): site «oral» is not valid; use: bd, bi, md, mi."),
    ("spr 1 L1 31/01/2030 bd", "vencimiento «31/01/2030» no válido; use AAAA-MM-DD (o AAAA-MM).",
     "expiry «31/01/2030» is not valid; use YYYY-MM-DD (or YYYY-MM)."),
    ("spr 1 L1 bd", "línea 1 «spr 1 L1 bd»: escriba vacuna, dosis, lote, vencimiento (AAAA-MM-DD) y sitio",
     "line 1 «spr 1 L1 bd»: write vaccine, dose, lot, expiry (YYYY-MM-DD) and site"),
    ("spr 1 L1 2030-01-01 bd; spr 2 L1 2030-01-01 bi", "SPR (sarampión, paperas, rubéola) figura dos veces",
     "MMR (measles, mumps, rubella) is listed twice"),
])
def test_a_bad_dose_line_is_refused_naming_what_is_allowed(vaccination, line, es, en):
    with pytest.raises(ValidationError) as refused:
        validate_form(vaccination, {"doses": line})
    assert refused.value.fields() == {"doses"}
    assert es in refused.value.message("es")
    assert en in refused.value.message("en")


def test_a_lot_past_its_expiry_on_the_day_given_is_refused_and_nothing_is_written(store, patient, row_counts):
    today = today_in_lima()
    yesterday = today - dt.timedelta(days=1)
    _, save = _vaccinate(store, patient, f"influenza a FLU22 {yesterday.isoformat()} bd\n"
                                         f"dt 1 DT9 {(today + dt.timedelta(days=90)).isoformat()} bi")
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        save()
    assert refused.value.message("es") == (
        f"Dosis aplicadas: Influenza, lote FLU22: venció el {format_date(yesterday, 'es')}, antes del día de la "
        f"vacunación ({format_date(today, 'es')}); no se puede aplicar. Use un lote vigente.")
    assert refused.value.message("en") == (
        f"Doses given: Influenza, lot FLU22: expired on {format_date(yesterday, 'en')}, before the day of "
        f"vaccination ({format_date(today, 'en')}); it cannot be given. Use a lot in date.")
    assert row_counts() == before


def test_a_lot_expiring_today_can_still_be_given(store, patient):
    _, save = _vaccinate(store, patient, f"dt 1 DT9 {today_in_lima().isoformat()} bi")
    assert save().form("general.vaccination")["doses"][0]["lot"] == "DT9"


def test_the_summary_lists_doses_with_lot_and_site(store, patient):
    _, save = _vaccinate(store, patient, "dt 2 DT9 2030-01 bi")
    visit = save()
    html = "".join(s.html for r in store.plugins.hook.ayni_pdf_sections(visit=visit, lang="es", store=store)
                   for s in r)
    assert "dT (difteria, tétanos) adulto, 2.ª dosis" in html and "DT9" in html and "brazo izquierdo" in html


def test_doses_are_reported_by_vaccine(store, patient, campaign):
    from ayni.plugins import general

    for doses in ("dt 1 A 2030-01 bi; influenza a B 2030-01 bd", "dt 2 A 2030-01 bi", "covid r1 C 2030-01 bd"):
        _, save = _vaccinate(store, patient, doses)
        save()
    rows = {r.label.es: r.value for r in general.ayni_report_rows(store=store, campaign=campaign, day=None)
            if r.group == "vaccines"}
    assert rows == {"dT (difteria, tétanos) adulto": 2, "Influenza": 1, "COVID-19": 1}
