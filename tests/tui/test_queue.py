"""The queue screen: most urgent first, F5 calls the next and opens their triage encounter, D sends
them on; the dashboard counts it."""

from __future__ import annotations

from textual.widgets import DataTable

from ayni.core.campaign import stations
from ayni.core.people import users
from ayni.tui.screens.dashboard import DashboardScreen
from ayni.tui.screens.encounter import EncounterScreen
from ayni.tui.screens.queue import QueueScreen
from tuikit import SIZE, cell_texts, text_of


async def test_queue_calls_the_most_urgent_first_and_opens_the_encounter(make_app, store, campaign, people):
    rosa, juan, luz = people
    stations.enqueue(store, juan.id, "triage", 3)
    stations.enqueue(store, luz.id, "triage", 3)
    stations.enqueue(store, rosa.id, "triage", 1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_queue("triage")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        names = [row[2] for row in cell_texts(screen.query_one("#queue-table", DataTable))]
        assert names == [rosa.full_name, juan.full_name, luz.full_name]  # urgent, then by arrival
        assert "3 esperando" in text_of(screen.query_one("#queue-title"))

        await pilot.press("f5")
        assert isinstance(app.screen, EncounterScreen)
        [entry] = stations.being_seen(store, "triage")
        assert entry.patient_id == rosa.id and entry.encounter_id == app.screen.encounter_id
        await pilot.press("escape")
        assert app.screen is screen
        assert [row[2] for row in cell_texts(screen.query_one("#queue-table", DataTable))] == [
            juan.full_name, luz.full_name]
        assert rosa.full_name in text_of(screen.query_one("#queue-seeing"))

        await pilot.press("d")  # where next: the first consultation offered is general medicine
        await pilot.press("enter")
        [waiting] = stations.waiting(store, "general:consultation")
        assert (waiting.patient_id, waiting.priority) == (rosa.id, 1)
        assert "pasa a" in text_of(screen.query_one("#queue-message"))

        app.action_dashboard()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        rows = {row[0]: row[1:] for row in cell_texts(app.screen.query_one("#dashboard-table", DataTable))}
        assert rows["Triaje"] == ["2", "0", "1"]


async def test_a_cashier_cannot_call_at_triage(make_app, store, campaign, people):
    users.add(store, "Ana", "admin", "1234")
    users.login(store, "Ana", "1234")
    users.add(store, "Caja", "cashier", "2222")
    users.login(store, "Caja", "2222")  # before the app opens, as someone at the cash desk
    stations.enqueue(store, people[0].id, "triage", 2)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#login-name").value = "Caja"
        app.screen.query_one("#login-pin").value = "2222"
        assert app.screen.attempt()
        await pilot.pause()
        app.open_queue("triage")
        await pilot.pause()
        await pilot.press("f5")
        message = text_of(app.screen.query_one("#queue-message"))
        assert "Access denied" in message and "triage nurse" in message
        assert stations.being_seen(store, "triage") == []
        assert len(stations.waiting(store, "triage")) == 1


async def test_a_number_on_two_laptops_cards_is_added_only_with_its_letter(make_app, store, campaign, people):
    rosa = people[0]
    twin = {**store.row("patients", rosa.id), "id": "from-laptop-z", "device": "Z", "given_names": "Otra"}
    with store.write():
        store.db["patients"].insert(twin)  # as a merge brings laptop Z's patient number Z-0001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_queue("triage")
        await pilot.pause()
        await pilot.press("a", "1", "enter", "enter")
        assert "escríbalo con su letra" in text_of(app.screen.query_one("#enqueue-error"))
        assert "1, Z-0001" in text_of(app.screen.query_one("#enqueue-error"))
        app.screen.query_one("#enqueue-number").value = "z-1"
        app.screen.query_one("#enqueue-number").focus()
        await pilot.press("enter", "enter")
        await pilot.pause()
        [waiting] = stations.waiting(store, "triage")
        assert waiting.patient_id == "from-laptop-z"
