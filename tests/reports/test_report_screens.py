"""The history and reports screens, driven with Pilot on the Ocongate campaigns."""

from __future__ import annotations

from textual.widgets import DataTable, ProgressBar, Static

from ayni.tui.app import AyniApp
from ayni.tui.screens.history import HistoryScreen
from ayni.tui.screens.reports import ReportsScreen
from reportkit import scalar

SIZE = (120, 40)


def _app(world, lang="es") -> AyniApp:
    return AyniApp(world.store.path, "tester", lang, plugins=world.store.plugins)


async def test_h_on_the_patient_screen_shows_the_whole_history(world):
    app = _app(world)
    rosa = world.people["rosa"]
    async with app.run_test(size=SIZE) as pilot:
        app.open_patient(rosa.id)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#history", DataTable)
        assert table.row_count == scalar(world.store, "SELECT count(*) FROM encounters WHERE patient_id = ?", [rosa.id])
        first = [str(c) for c in table.get_row_at(0)]
        assert first[1] == "Campaña Ocongate 2026" and first[3] == "J06.9, I10"
        detail = str(screen.query_one("#history-detail", Static).render())
        assert "J06.9 — " in detail and "Nebulización ×3" in detail and "Sales de rehidratación" in detail
        await pilot.press("down")
        await pilot.pause()
        assert "Campaña Ocongate 2025" == str(table.get_row_at(table.cursor_row)[1])
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
    printed = list((world.store.path.parent / "prints").glob("historia_nunez-quispe-rosa-elena_*.pdf"))
    assert len(printed) == 1 and printed[0].read_bytes().startswith(b"%PDF")


async def test_reports_screen_prints_a_day_with_a_progress_bar(world, page_count):
    app = _app(world, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        screen.query_one("#rp-day").value = "21/11/2026"
        screen.make("batch")
        await app.workers.wait_for_complete()
        await pilot.pause()
        bar = screen.query_one("#rp-progress", ProgressBar)
        assert (bar.total, bar.progress) == (4, 4)
        status = str(screen.query_one("#rp-status", Static).render())
        assert status.startswith("4 summaries") and "pages/s" in status
        screen.make("day_csv")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen.query_one("#rp-day").value = "2026-02-30"
        screen.make("day_pdf")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(screen.query_one("#rp-status", Static).render()).startswith("Date: «2026-02-30» is not a valid date")
    prints = world.store.path.parent / "prints"
    batch = prints / "atenciones_2026-11-21.pdf"
    assert page_count(batch.read_bytes()) == 4
    assert "patients_by_specialty" in (prints / "informe-diario_2026-11-21.csv").read_text(encoding="utf-8-sig")


async def _make(pilot, action: str, day: str) -> str:
    """Type ``day`` on the reports screen, make the document ``action``; what the status line says."""
    screen = pilot.app.screen
    screen.query_one("#rp-day").value = day
    screen.make(action)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return str(screen.query_one("#rp-status", Static).render())


async def test_reports_screen_makes_the_week_of_the_date(world, pdf_text):
    app = _app(world)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        assert (await _make(pilot, "week_pdf", "2026-11-21")).startswith("Guardado: ")
    week = world.store.path.parent / "prints" / "informe-semanal_2026-11-16.pdf"
    assert "Semana 47 de 2026 (16–22 de noviembre de 2026)" in " ".join(pdf_text(week.read_bytes()).split())


async def test_tab_follows_the_screen_from_the_campaign_to_the_documents_then_the_station(world):
    """A coordinator reads the campaign and its period, the list of documents, then the station the
    day's summaries take: the screen is laid out in that order, and Tab goes the same way."""
    app = _app(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        order = ["rp-campaign", "rp-day", "rp-actions", "rp-station"]
        assert [screen.query_one(f"#{name}").region.y for name in order] == sorted(
            screen.query_one(f"#{name}").region.y for name in order)
        screen.query_one("#rp-campaign").focus()
        reached = []
        for _ in order:
            await pilot.pause()
            reached.append(app.focused.id)
            await pilot.press("tab")
        assert reached == order
        assert str(screen.query_one("#rp-status", Static).render()).startswith("Tab: campaña, fecha, documento, estación")


async def test_the_campaign_is_chosen_by_keys_and_the_reports_follow_it(world, pdf_text):
    from textual.widgets import Select

    app = _app(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        picker = screen.query_one("#rp-campaign", Select)
        assert picker.value == world.campaign.id == screen.campaign_id  # the campaign at work now (the latest)
        labels = [label for label, _ in screen._campaign_options()]
        assert all(label[:5].count("/") == 1 and " · " in label for label in labels)  # the dates first: never cut
        assert any(label.endswith("/2025 · Campaña Ocongate 2025") for label in labels)  # another year: said
        await pilot.press("shift+tab", "shift+tab")  # from the documents: date, campaign
        assert app.focused is picker
        await pilot.press("enter", "down", "enter")
        assert screen.campaign_id == world.earlier.id
        await pilot.press("f12")  # English: the picker says its words again and keeps the choice
        assert str(screen.query_one("#rp-campaign-label").render()) == "Campaign"
        assert screen.campaign_id == world.earlier.id
        await pilot.press("f12")
        assert (await _make(pilot, "day_pdf", "2026-11-21")).startswith(
            "Fecha: el 21 de noviembre de 2026 está fuera de la campaña «Campaña Ocongate 2025»")
        assert (await _make(pilot, "week_pdf", "2025-06-11")).startswith("Guardado: ")
    week = world.store.path.parent / "prints" / "informe-semanal_2025-06-09.pdf"
    text = " ".join(pdf_text(week.read_bytes()).split())
    assert "Campaña Ocongate 2025" in text and "Semana 24 de 2025" in text
