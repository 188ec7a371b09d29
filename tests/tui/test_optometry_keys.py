"""A whole optometry encounter typed with keys only in the real app, on the short path the keystroke
benchmark counts (bench/keystrokes.py): both eyes' acuity, the refraction with its addition, one
finding, readers handed out from stock, closed and printed. The values saved are checked, not the
count, so the path the figure is measured on cannot silently break."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from ayni.core import EncounterStatus, open_store, stock
from ayni.core.clinical import encounters, referrals
from ayni.tui.app import AyniApp

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import keystrokes  # noqa: E402  (bench/ is a folder of scripts, not a package)


class Watched(keystrokes.Keys):
    """The benchmark's keys, noting what the screen shows along the way."""

    footers: list[str]
    shown: list[str]

    async def nav(self, *keys: str) -> None:
        app = self.pilot.app
        if keys == ("f2",):  # the copy key is in the footer where it works
            self.footers = [b.binding.description for b in app.screen.active_bindings.values() if b.binding.show]
        await super().nav(*keys)
        if keys == ("tab",) and not hasattr(self, "shown"):  # leaving the first field shows «60» read
            self.shown = [app.screen.views["optometry.exam"].rows["va_sc"].editors["od"].value]


async def test_an_optometry_encounter_by_keyboard_alone(tmp_path):
    db = tmp_path / "campaign.db"
    patient = keystrokes.seed(db, keystrokes.OPTOMETRY_PATIENT)

    app = AyniApp(db, keystrokes.USER)
    async with app.run_test(size=(100, 40)) as pilot:
        keys = Watched(pilot)
        await keystrokes.optometry(keys)
        assert keys.shown == ["20/60"]
        assert "Copiar OD→OI" in keys.footers

    store = open_store(db, user=keystrokes.USER)
    try:
        [encounter] = encounters.of_patient(store, patient.id)
        visit = encounters.get_encounter_record(store, encounter.id)
        assert (visit.encounter.specialty, visit.encounter.station) == ("optometry", "exam")
        assert visit.encounter.status == EncounterStatus.CLOSED
        exam = visit.form("optometry.exam")
        assert exam["va_sc"] == {"od": "20/60", "os": "CF"}
        assert exam["logmar"]["va_sc"] == {"od": Decimal("0.48"), "os": Decimal("2.00")}
        assert exam["sphere"] == {"od": Decimal("1.00"), "os": Decimal("0.75")}  # typed «1» and «.75», shown as read
        assert (exam["cylinder"], exam["axis"]) == ({"od": Decimal("-0.50")}, {"od": 175})
        assert exam["add"] == {"od": Decimal("2.25"), "os": Decimal("2.25")} and exam["pd"] == 63
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
