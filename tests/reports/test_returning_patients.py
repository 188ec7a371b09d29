"""Last year's patients on this year's laptop: last year's export merged into a new campaign's laptop;
a returning patient is found by search, and their history — on screen and on paper — shows every
earlier visit beside this year's."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable

from ayni.cli import main
from ayni.core import default_plugins, open_store
from ayni.core.campaign import campaigns
from ayni.core.dates import today_in_lima
from ayni.core.documents.reports.history import patient_history
from ayni.core.people import patients
from ayni.core.storage.devices import set_letter
from ayni.core.storage.exchange import export
from ayni.core.storage.merge import merge
from ayni.tui.app import AyniApp
from ayni.tui.screens.history import HistoryScreen
from reportkit import lima, visit

ROSA = {"given_names": "Rosa Elena", "paternal_surname": "Núñez", "maternal_surname": "Quispe", "sex": "F",
        "birth_date": "1974-05-12", "id_kind": "dni", "id_number": "45678912", "community": "Ccollpa"}


@pytest.fixture
def this_year(tmp_path):
    """Last year's laptop (no letter, as every laptop before letters) exported; this year's laptop «A»
    with its own campaign merges it. The store of this year's laptop and Rosa."""
    plugins = default_plugins()
    last = open_store(tmp_path / "2025.db", user="coordinadora", plugins=plugins)
    earlier = campaigns.create(last, "Campaña Ocongate 2025", "medical", dt.date(2025, 6, 10), dt.date(2025, 6, 12))
    rosa = patients.register(last, ROSA)
    for day, code in ((dt.date(2025, 6, 10), "J06.9"), (dt.date(2025, 6, 11), "I10")):
        visit(last, rosa, earlier, "general", "consultation", lima(day, 9), ["general.consultation"], [code])
    file = export(last, tmp_path / "ocongate-2025.ayni").path
    last.close()

    store = open_store(tmp_path / "2026.db", user="coordinadora", plugins=plugins)
    set_letter(store, "A")
    campaigns.create(store, "Campaña Ocongate 2026", "medical", today_in_lima(), today_in_lima())
    patients.register(store, {**ROSA, "given_names": "Juana", "id_number": "11223344"})
    merge(store, file)
    yield store, rosa
    store.close()


def test_a_returning_patient_is_found_with_every_earlier_visit(this_year):
    store, rosa = this_year
    [found] = patients.search(store, "rosa nunez")
    assert found.id == rosa.id and found.card_number == "1"  # last year's card still says 1
    encounter = visit(store, found, campaigns.current_campaign(store), "general", "consultation",
                      dt.datetime.now(dt.timezone.utc), ["general.consultation"])
    _, groups = patient_history(store, rosa.id)
    assert [g.campaign.name for g in groups] == ["Campaña Ocongate 2026", "Campaña Ocongate 2025"]
    assert [len(g.visits) for g in groups] == [1, 2] and groups[0].visits[0].encounter.id == encounter


def test_ayni_pdf_history_prints_last_years_visits(this_year, pdf_text):
    store, rosa = this_year
    out = store.path.parent / "historia.pdf"
    result = CliRunner().invoke(main, ["--db", str(store.path), "pdf", "history", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = re.sub(r"\s+", " ", pdf_text(out.read_bytes()))
    assert "Rosa Elena Núñez Quispe" in text and "Campaña Ocongate 2025" in text
    assert "10 de junio de 2025" in text and "11 de junio de 2025" in text and "J06.9" in text and "I10" in text


async def test_the_history_screen_shows_last_years_visits(this_year):
    store, rosa = this_year
    app = AyniApp(store.path, "coordinadora", "es", plugins=store.plugins)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_patient(rosa.id)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#history", DataTable)
        assert table.row_count == 2
        assert {str(table.get_row_at(n)[1]) for n in range(2)} == {"Campaña Ocongate 2025"}
