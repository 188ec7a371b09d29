"""Physiotherapy aids: fitted by the rules, checked before handing out, taken from stock in one
transaction; every refusal in Spanish and English, with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import AyniError, ValidationError, stock
from ayni.core.clinical import encounters
from ayni.core.dates import today_in_lima
from ayni.plugins.physio import fit_and_dispense, fittings_of

from test_physio import register_child

WHEELCHAIR = {"kind": "paediatric", "seat_width_cm": "30", "seat_depth_cm": "28", "hip_width_cm": "27",
              "thigh_length_cm": "31", "check_feet": "sí", "check_brakes": "sí", "check_trained": "sí",
              "check_pressure": "sí", "provision": "donated"}
WALKER = {"kind": "paediatric_posterior", "height_cm": "56", "wrist_height_cm": "55", "check_elbow": True,
          "check_gait": True, "check_condition": True, "provision": "lent",
          "return_by": (today_in_lima() + dt.timedelta(days=90)).isoformat()}
CRUTCHES = {"kind": "axillary", "size": "M", "patient_height_cm": "165", "axilla_gap_fingers": "2",
            "check_handle": True, "check_gait": True, "check_tips": True, "provision": "donated"}
AFO = {"kind": "afo", "side": "right", "size": "S", "check_skin": True, "check_trained": True, "check_straps": True,
       "provision": "donated"}
DENIS_BROWNE = {"kind": "denis_browne", "side": "both", "size": "XS", "bar_width_cm": "21", "shoulder_width_cm": "20",
                "check_skin": True, "check_trained": True, "check_straps": True, "provision": "donated"}


@pytest.fixture
def child(store):
    return register_child(store, 7)


@pytest.fixture
def encounter(store, child):
    return encounters.open_encounter(store, child.id, "physio", "assessment")


@pytest.fixture
def stocked(store):
    """A campaign's aids: paediatric and standard chairs, walkers, crutches, AFOs and a Denis Browne bar."""
    stock.receive(store, "physio.wheelchair", 2, attributes={"kind": "paediatric", "seat_width_cm": 30, "seat_depth_cm": 28})
    stock.receive(store, "physio.wheelchair", 3, attributes={"kind": "standard", "seat_width_cm": 40, "seat_depth_cm": 40})
    stock.receive(store, "physio.walker", 2, attributes={"kind": "paediatric_posterior"})
    stock.receive(store, "physio.crutches", 4, attributes={"kind": "axillary", "size": "M"})
    stock.receive(store, "physio.orthosis", 3, attributes={"kind": "afo", "size": "S", "side": "right"})
    stock.receive(store, "physio.orthosis", 1, attributes={"kind": "denis_browne", "size": "XS"})


def refuse(store, row_counts, encounter_id, item, fitting) -> ValidationError:
    """Try to fit and hand out, expecting a refusal that writes nothing."""
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        fit_and_dispense(store, encounter_id, item, fitting)
    assert row_counts() == before
    return refused.value


def test_a_wheelchair_is_fitted_and_taken_from_stock_in_one_step(store, encounter, stocked):
    before = stock.on_hand(store, "physio.wheelchair", {"kind": "paediatric"})
    fitting = fit_and_dispense(store, encounter.id, "physio.wheelchair", WHEELCHAIR)
    assert stock.on_hand(store, "physio.wheelchair", {"kind": "paediatric"}) == before - 1
    assert stock.on_hand(store, "physio.wheelchair", {"kind": "standard"}) == 3
    assert fitting.attributes == {"kind": "paediatric", "seat_width_cm": 30, "seat_depth_cm": 28}
    assert fitting.fitting["hip_width_cm"] == 27 and fitting.fitting["check_brakes"] is True
    assert fittings_of(store, encounter.id) == [fitting]
    [(lot, given)] = stock.dispensed(store, encounter.id)
    assert (lot.item_key, given) == ("physio.wheelchair", 1)
    visit = encounters.get_encounter_record(store, encounter.id)
    assert [p.code for p in visit.procedures] == ["physio.aid_fitting"]


@pytest.mark.parametrize(("item", "fitting", "es", "en"), [
    ("physio.wheelchair", {**WHEELCHAIR, "seat_width_cm": "35"},
     "Ancho del asiento: debe ser el ancho de cadera más 2 a 5 cm (29 a 32 cm para una cadera de 27 cm); "
     "se eligió 35 cm.",
     "Seat width: must be the hip width plus 2 to 5 cm (29 to 32 cm for hips of 27 cm); 35 cm was chosen."),
    ("physio.wheelchair", {**WHEELCHAIR, "seat_depth_cm": "31"},
     "Fondo del asiento: debe ser 2 a 5 cm menos que el largo del muslo (26 a 29 cm para un muslo de 31 cm); "
     "se eligió 31 cm.",
     "Seat depth: must be 2 to 5 cm shorter than the thigh (26 to 29 cm for a thigh of 31 cm); 31 cm was chosen."),
    ("physio.walker", {**WALKER, "height_cm": "60"},
     "Altura del andador: debe quedar a la altura del pliegue de la muñeca, ±2 cm (53 a 57 cm); se ajustó a 60 cm.",
     "Walker height: must be at the height of the wrist crease, ±2 cm (53 to 57 cm); it was set at 60 cm."),
    ("physio.crutches", {**CRUTCHES, "axilla_gap_fingers": "5"},
     "Espacio bajo la axila: deben quedar 2 a 3 dedos entre la axila y la almohadilla; se midieron 5.",
     "Gap below the armpit: leave 2 to 3 fingers between armpit and pad; 5 were measured."),
    ("physio.crutches", {**CRUTCHES, "size": "S"},
     "Tamaño: para una talla de 165 cm corresponde M (158–177 cm); se eligió S.",
     "Size: a height of 165 cm takes size M (158–177 cm); S was chosen."),
    ("physio.crutches", {**CRUTCHES, "patient_height_cm": "105", "size": "S"},
     "Talla del paciente: con 105 cm no hay muletas de esa talla (desde 120 cm); use un andador.",
     "Patient's height: there are no crutches for 105 cm (from 120 cm); use a walker."),
    ("physio.crutches", {**CRUTCHES, "kind": "forearm"},
     "Espacio bajo la axila: solo se mide en muletas axilares.",
     "Gap below the armpit: is measured only for underarm crutches."),
    ("physio.orthosis", {**AFO, "side": "both"},
     "Lado: elija derecho o izquierdo (una por lado; para los dos lados, entregue dos).",
     "Side: choose right or left (one per side; for both sides, hand out two)."),
    ("physio.orthosis", {**DENIS_BROWNE, "bar_width_cm": "25"},
     "Ancho de la barra: debe ser igual al ancho de hombros, ±1 cm (19 a 21 cm); se eligió 25 cm.",
     "Bar width: must equal the shoulder width, ±1 cm (19 to 21 cm); 25 cm was chosen."),
    ("physio.orthosis", {**DENIS_BROWNE, "side": "left"},
     "Lado: esta órtesis sujeta las dos piernas; elija «Ambos».",
     "Side: this orthosis holds both legs; choose «Both»."),
    ("physio.walker", {**WALKER, "return_by": ""},
     "Devolver hasta: un préstamo necesita la fecha de devolución.",
     "Return by: a loan needs the date it is due back."),
])
def test_each_fitting_rule_refuses_with_the_measure_that_fits(store, encounter, stocked, row_counts, item, fitting,
                                                              es, en):
    refused = refuse(store, row_counts, encounter.id, item, fitting)
    assert refused.message("es") == es
    assert refused.message("en") == en


def test_nothing_is_handed_out_without_the_fitting_check_done(store, encounter, stocked, row_counts):
    refused = refuse(store, row_counts, encounter.id, "physio.wheelchair",
                     {**WHEELCHAIR, "check_brakes": "no", "check_pressure": ""})
    assert refused.message("es").splitlines() == [
        "Frenos probados: no se puede entregar sin esta comprobación; hágala y márquela (sí).",
        "Cojín y alivio de presión explicados: no se puede entregar sin esta comprobación; hágala y márquela (sí).",
    ]
    assert refused.message("en").splitlines()[0] == \
        "Brakes tested: cannot be handed out without this check; do it and tick it (yes)."
    assert stock.on_hand(store, "physio.wheelchair") == 5


def test_an_aid_not_in_stock_is_refused_saying_what_sizes_there_are(store, encounter, stocked, row_counts):
    refused = refuse(store, row_counts, encounter.id, "physio.orthosis", {**AFO, "side": "left"})
    assert refused.message("es") == (
        "Férula u órtesis — Órtesis tobillo-pie (AFO), izquierdo, talla S: no hay en stock para entregar "
        "(quedan 0; se pidieron 1). En stock: Órtesis tobillo-pie (AFO), derecho, talla S (3); "
        "Barra de Denis Browne (pie zambo), talla XS (1).")
    assert refused.message("en").startswith(
        "Splint or orthosis — Ankle-foot orthosis (AFO), left, size S: not in stock to hand out (0 left; 1 requested).")


def test_the_last_one_goes_and_then_none_is_left(store, encounter, stocked, row_counts):
    fit_and_dispense(store, encounter.id, "physio.orthosis", DENIS_BROWNE)
    refused = refuse(store, row_counts, encounter.id, "physio.orthosis", DENIS_BROWNE)
    assert "quedan 0; se pidieron 1" in refused.message("es")
    empty = encounters.open_encounter(store, encounter.patient_id, "physio", "treatment")
    refused = refuse(store, row_counts, empty.id, "physio.cane", {
        "kind": "quad", "height_cm": "80", "wrist_height_cm": "80", "check_gait": True, "check_tip": True,
        "provision": "donated"})
    assert refused.message("es").endswith("No queda ninguna en stock.")
    assert refused.message("en").endswith("None left in stock.")


def test_aids_are_handed_out_only_in_an_open_physiotherapy_encounter(store, child, patient, stocked, row_counts):
    general = encounters.open_encounter(store, patient.id, "general", "consultation")
    refused = refuse(store, row_counts, general.id, "physio.walker", WALKER)
    assert refused.message("es") == ("Atención: las ayudas técnicas se entregan en una atención de fisioterapia "
                                     "(esta es de «general»).")
    assert "mobility aids are handed out in a physiotherapy encounter" in refused.message("en")
    closed = encounters.open_encounter(store, child.id, "physio", "treatment")
    encounters.close(store, closed.id)
    before = row_counts()
    with pytest.raises(AyniError) as refused_closed:
        fit_and_dispense(store, closed.id, "physio.walker", WALKER)
    assert refused_closed.value.key == "encounter_closed"
    assert row_counts() == before
    refused = refuse(store, row_counts, closed.id, "physio.hoverboard", {})
    assert refused.message("en") == "Mobility aid: unknown code «physio.hoverboard»."


def test_two_aids_in_one_encounter_each_keep_their_own_checklist(store, encounter, stocked):
    fit_and_dispense(store, encounter.id, "physio.walker", WALKER)
    fit_and_dispense(store, encounter.id, "physio.orthosis", AFO)
    fitted = fittings_of(store, encounter.id)
    assert [(f.item_key, f.provision, f.return_by is not None) for f in fitted] == [
        ("physio.walker", "lent", True), ("physio.orthosis", "donated", False)]
    assert "check_elbow" in fitted[0].fitting and "check_skin" in fitted[1].fitting
    assert store.db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'physio_fittings'").fetchone()[0] == 2


# -- through the core's hand-out, as the UI's «Entregas» tab does --------------------------------------

def test_every_aid_names_its_fitting_form_and_the_core_hand_out_fits_it(store, encounter, stocked, row_counts):
    from ayni.plugins.physio import aids

    assert {k: e.fitting_form for k, e in store.plugins.equipment.items() if k.startswith("physio.")} == \
        {k: aid.form.key for k, aid in aids.AIDS.items()}
    assert all(aid.form.key in store.plugins.forms for aid in aids.AIDS.values())
    before = row_counts()
    with pytest.raises(ValidationError) as refused:  # no fitting: never just taken from stock
        stock.hand_out(store, encounter.id, "physio.walker", 1, {"kind": "paediatric_posterior"})
    assert {e.field for e in refused.value.errors} >= {"height_cm", "provision"}
    assert row_counts() == before
    fitted = stock.hand_out(store, encounter.id, "physio.walker", 1, {"kind": "paediatric_posterior"}, fitting=WALKER)
    assert fittings_of(store, encounter.id) == [fitted]
    assert stock.on_hand(store, "physio.walker") == 1
