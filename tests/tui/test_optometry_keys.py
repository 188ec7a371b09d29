"""A whole optometry encounter typed with keys only in the real app: both eyes' acuity, the
refraction with its addition, one finding, readers handed out from stock, saved and closed."""

from __future__ import annotations

from ayni.core import EncounterStatus, open_store, stock
from ayni.core.clinical import encounters, referrals
from ayni.core.people import patients
from ayni.tui.app import AyniApp

TAB = "tab"


def _typed(text: str) -> list[str]:
    """The key presses that type ``text`` into a focused input."""
    return list(text)


async def test_an_optometry_encounter_by_keyboard_alone(tmp_path):
    db = tmp_path / "campaign.db"
    store = open_store(db, user="lic.huaman")
    patient = patients.register(store, {"given_names": "Teodoro", "paternal_surname": "Mamani",
                                        "maternal_surname": "Ccori", "sex": "M", "age_years": 58, "id_kind": "none"})
    stock.receive(store, "optometry.readers", 5, attributes={"power": "+2.00"})
    stock.receive(store, "optometry.readers", 5, attributes={"power": "+2.50"})
    store.close()

    app = AyniApp(db, "lic.huaman")
    async with app.run_test(size=(150, 60)) as pilot:
        app.last_station = ("optometry", "exam")  # where this examiner works all day
        await pilot.press(*_typed("mamani"), "enter")  # search, open the patient
        await pilot.press("e", "enter")  # new encounter at the optometry exam station
        await pilot.pause()
        # distance acuity OD, OI (AO, with own glasses and pinhole left empty)
        await pilot.press(*_typed("20/60"), TAB, *_typed("cd"), TAB, TAB, TAB, TAB, TAB, TAB)
        # refraction: sphere OD OI, cylinder OD (OI none), axis OD, addition OD OI
        await pilot.press(*_typed("+1.00"), TAB, *_typed("+0.75"), TAB, *_typed("-0.50"), TAB, TAB,
                          *_typed("175"), TAB, TAB, *_typed("2.25"), TAB, *_typed("2.25"), TAB)
        # acuity with the new correction OD, OI; pupillary distance
        await pilot.press(*_typed("20/25"), TAB, *_typed("20/200"), TAB, *_typed("63"), TAB)
        # near (3 + 3 empty), pressure (2 empty), method (empty), then cataract OI: «Madura» (3rd grade)
        await pilot.press(*[TAB] * 9, TAB, "enter", "down", "down", "down", "enter")
        await pilot.press("ctrl+pagedown")  # the plan tab
        await pilot.pause()
        await pilot.press("space", "ctrl+s")  # reading glasses; save
        await pilot.pause()
        await pilot.press("f8", "s")  # close (and print), confirmed
        await pilot.pause()
        await app.workers.wait_for_complete()

    store = open_store(db, user="lic.huaman")
    try:
        [encounter] = encounters.of_patient(store, patient.id)
        visit = encounters.get_encounter_record(store, encounter.id)
        assert (visit.encounter.specialty, visit.encounter.station) == ("optometry", "exam")
        assert visit.encounter.status == EncounterStatus.CLOSED
        exam = visit.form("optometry.exam")
        assert exam["va_sc"] == {"od": "20/60", "os": "CF"}
        assert exam["logmar"]["va_sc"] == {"od": "0.48", "os": "2.00"}
        assert exam["sphere"] == {"od": "1.00", "os": "0.75"}
        assert (exam["cylinder"], exam["axis"]) == ({"od": "-0.50"}, {"od": 175})
        assert exam["add"] == {"od": "2.25", "os": "2.25"} and exam["pd"] == 63
        assert exam["va_rx"] == {"od": "20/25", "os": "20/200"}
        assert exam["cataract"] == {"os": "mature"}
        plan = visit.form("optometry.plan")
        assert plan["readers"] is True and not any(plan[k] for k in ("sunglasses", "lubricant", "glasses_order"))
        # reading need: mean of (1.00 - 0.25 + 2.25) and (0.75 + 2.25) = 3.00 → none at 3.00: nearest is +2.50
        [(lot, given)] = stock.dispensed(store, encounter.id)
        assert (lot.attributes, given) == ({"power": "+2.50"}, 1)
        assert stock.on_hand(store, "optometry.readers", {"power": "+2.50"}) == 4
        assert referrals.of_encounter(store, encounter.id) == []
        printed = sorted(p.name for p in (tmp_path / "prints").glob("*.pdf"))
        assert len(printed) == 2 and any("prescription" in name for name in printed)
    finally:
        store.close()
