"""The encounter's labels from the encounter screen (Ctrl+T, in the footer of a closed encounter and in
F1): a glasses order's envelope as a 62 × 29 mm PDF when the station has no thermal printer, on the
station's printer (a local socket standing in for a network printer) when it has one, and a message
when the encounter has no labels."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ayni.core.clinical import encounters
from ayni.core.documents import printers
from ayni.tui.screens.encounter import EncounterScreen
from ayni.tui.screens.keys import screen_keys
from tuikit import SIZE

#: A myope's exam: what a glasses order for the lab is made from.
RX = {"sphere": {"od": "-2.25", "os": "-1.75"}, "cylinder": {"od": "-0.75"}, "axis": {"od": "170"}, "pd": "61"}


def _closed_exam(store, patient, plan: dict) -> str:
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    encounters.save(store, encounter.id, forms={"optometry.exam": RX, "optometry.plan": plan})
    return encounters.close(store, encounter.id).encounter.id


async def _pressed(make_app, encounter_id: str, lang: str = "es") -> list[str]:
    """The notifications after Ctrl+T on the encounter, once printing is over."""
    app = make_app(lang)
    async with app.run_test(size=SIZE) as pilot:
        app.open_encounter(encounter_id)
        await pilot.pause()
        assert isinstance(app.screen, EncounterScreen)
        shown = [(b.key, b.description) for _, b, _, _ in app.screen.active_bindings.values() if b.show]
        assert ("ctrl+t", "Etiquetas" if lang == "es" else "Labels") in shown  # in the footer
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        return [n.message for n in app._notifications]


async def test_ctrl_t_prints_the_glasses_order_label_as_a_pdf(make_app, store, patient, tmp_path):
    pytest.importorskip("weasyprint")
    encounter_id = _closed_exam(store, patient, {"glasses_order": "sí", "lens_type": "single_vision"})
    said = await _pressed(make_app, encounter_id)
    [pdf] = (tmp_path / "prints").glob("etiquetas-*.pdf")
    assert any(f"PDF guardado en {pdf}" in message for message in said)
    text = " ".join(PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text().split())
    assert "PEDIDO DE LENTES" in text and "OD Esf. -2.25 Cil. -0.75 × 170°" in text and "DIP 61 mm" in text


async def test_with_a_printer_set_ctrl_t_prints_on_the_laptops_roll(make_app, store, patient, tmp_path,
                                                                     network_printer):
    address, received = network_printer
    printers.set_printer(store, "", address, 58)  # every station of this laptop, the exam room too
    encounter_id = _closed_exam(store, patient, {"glasses_order": "sí", "lens_type": "single_vision"})
    said = await _pressed(make_app, encounter_id, "en")
    data = received()
    assert f"Printed on {address}." in said
    assert b"Glasses order" in data and b"61 mm" in data and data.endswith(b"\x1dV\x00")  # the label, then the cut
    assert not (tmp_path / "prints").exists()


async def test_an_encounter_without_labels_says_so(make_app, store, patient, tmp_path):
    encounter_id = _closed_exam(store, patient, {})
    said = await _pressed(make_app, encounter_id)
    assert any("Esta atención no tiene etiquetas por imprimir" in message for message in said)
    assert not (tmp_path / "prints").exists()


async def test_the_label_key_is_listed_by_f1_and_hidden_while_the_encounter_is_open(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_encounter(encounter.id)
        await pilot.pause()
        assert "ctrl+t" not in [b.key for _, b, _, _ in app.screen.active_bindings.values() if b.show]
        encounters.save(store, encounter.id, forms={"optometry.exam": RX})
        encounters.close(store, encounter.id)
        app.pop_screen()
        app.open_encounter(encounter.id)
        await pilot.pause()
        assert any(description == "Etiquetas" and "T" in keys.upper() for keys, description in screen_keys(app.screen, "es"))
