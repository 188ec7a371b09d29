"""The surgery screens, driven with keys only in a tiny host app: the day's lists per theatre
(advance a case, a refusal shown in Spanish, open the case, change day) and the screening list
(accept a referral)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.app import App
from textual.widgets import DataTable, Static

from ayni.core.clinical import encounters, referrals
from ayni.plugins.surgery import cases, launch
from ayni.plugins.surgery.screens import CaseScreen, ScheduleScreen
from ayni.tui.kit import FormDialog
from ayni.tui.widgets.errors import ErrorSummary


class Host(App):
    """Pushes one plugin screen, as the Ayni app does from its menu."""

    def __init__(self, screen):
        super().__init__()
        self.first = screen

    def on_mount(self) -> None:
        self.push_screen(self.first)


@pytest.fixture
def day(campaign):
    return campaign.start_date + dt.timedelta(days=1)


@pytest.fixture
def listed(store, campaign, patient, day):
    """Two cases on theatre 1's list: a hernia (scheduled) then a lipoma (scheduled)."""
    made = []
    for procedure in ("surgery.inguinal_hernia_repair", "surgery.lipoma_excision"):
        case = cases.create_case(store, patient.id, {"procedure": procedure}, campaign_id=campaign.id)
        made.append(cases.schedule(store, case.id, {"day": day.isoformat(), "theatre": "q1", "surgeon": "Dr. Smith"}))
    return made


def _message(screen) -> str:
    return str(screen.query_one("#kit-message", Static).render())


async def test_the_schedule_lists_the_day_and_refuses_an_illegal_step_in_spanish(store, listed, day):
    screen = launch.schedule_screen(store, "es")
    screen.day = day
    async with Host(screen).run_test() as pilot:
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        assert [str(table.get_row_at(i)[3]) for i in range(2)] == ["Hernioplastía inguinal", "Exéresis de lipoma o quiste"]
        await pilot.press("down", "a")  # the lipoma has no pre-op: refused
        assert "Clasificación ASA: es obligatorio para dar el preoperatorio por completo." in _message(screen)
        assert cases.get_case(store, listed[1].id).status == "scheduled"
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.case_id == listed[1].id
        await pilot.press("escape", "right")
        assert pilot.app.screen is screen and screen.day == day + dt.timedelta(days=1)
        assert screen.query_one(DataTable).row_count == 0


async def test_a_case_is_advanced_from_the_schedule_once_its_preop_is_done(store, listed, day):
    cases.save_form(store, listed[0].id, "surgery.preop", {"asa": "I", "consent": "sí", "consent_witness": "Lic. Mamani",
                                                           "anaesthesia_plan": "local"})
    screen = ScheduleScreen(store, "en", day)
    async with Host(screen).run_test() as pilot:
        await pilot.press("a")
        assert cases.get_case(store, listed[0].id).status == "preop_done"
        assert str(screen.query_one(DataTable).get_row_at(0)[5]) == "Pre-op done"


async def test_cancelling_from_the_schedule_asks_the_reason(store, listed, day):
    screen = ScheduleScreen(store, "es", day)
    async with Host(screen).run_test() as pilot:
        await pilot.press("c")
        modal = pilot.app.screen
        assert isinstance(modal, FormDialog)
        await pilot.press("ctrl+s")  # no reason: refused, the form stays open
        assert "Motivo: es obligatorio." in str(modal.query_one(ErrorSummary).render())
        await pilot.press(*"Fiebre", "ctrl+s")
        assert pilot.app.screen is screen
    case = cases.get_case(store, listed[0].id)
    assert (case.status, case.status_reason) == ("cancelled", "Fiebre")


async def test_accepting_a_referral_from_the_screening_list(store, campaign, patient):
    consult = encounters.open_encounter(store, patient.id, "general", "consultation", campaign_id=campaign.id)
    referral = referrals.refer(store, consult.id, "surgery", "K40.9")
    screen = launch.screening_screen(store, "es")
    async with Host(screen).run_test() as pilot:
        assert screen.query_one("#referrals", DataTable).row_count == 1
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, FormDialog)
        await pilot.press("ctrl+s")  # the suggested operation is already picked
        assert pilot.app.screen is screen
        assert screen.query_one("#referrals", DataTable).row_count == 0
        waiting = screen.query_one("#waiting", DataTable)
        assert waiting.row_count == 1 and str(waiting.get_row_at(0)[1]) == "Hernioplastía inguinal"
    [case] = cases.screening_list(store)
    assert case.referral_id == referral.id
    assert cases.open_referrals(store) == []


async def test_after_accepting_a_referral_the_cursor_is_on_its_new_case(store, campaign, patient):
    cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    for code in ("K40.9", "H25.9"):  # two open referrals: one stays open after the other is accepted
        consult = encounters.open_encounter(store, patient.id, "general", "consultation", campaign_id=campaign.id)
        referrals.refer(store, consult.id, "surgery", code)
    screen = launch.screening_screen(store, "es")
    async with Host(screen).run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "ctrl+s")  # the hernia, with what its referral suggests
        waiting = screen.query_one("#waiting", DataTable)
        assert waiting.row_count == 2 and waiting.has_focus
        assert str(waiting.get_row_at(waiting.cursor_row)[1]) == "Hernioplastía inguinal"
        await pilot.press("enter")  # opens that case
        assert isinstance(pilot.app.screen, CaseScreen)
        assert cases.get_case(store, pilot.app.screen.case_id).procedure == "surgery.inguinal_hernia_repair"


TWIN = {"given_names": "Rosita", "paternal_surname": "Nunes", "maternal_surname": "Quispe", "sex": "F",
        "age_years": "52", "id_kind": "ce", "id_number": "CE1234567", "community": "Chinchero"}


async def test_a_case_and_a_referral_of_a_merged_duplicate_show_the_kept_person(store, campaign, patient, day):
    from ayni.core.people import merges, patients

    twin = patients.register(store, TWIN)
    case = cases.create_case(store, twin.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    cases.schedule(store, case.id, {"day": day.isoformat(), "theatre": "q1", "surgeon": "Dr. Smith"})
    consult = encounters.open_encounter(store, twin.id, "general", "consultation", campaign_id=campaign.id)
    referrals.refer(store, consult.id, "surgery", "K40.9")
    merges.merge(store, patient.id, twin.id)
    schedule = ScheduleScreen(store, "es", day)
    async with Host(schedule).run_test() as pilot:
        assert str(schedule.query_one(DataTable).get_row_at(0)[2]) == "Rosa Elena Núñez Quispe"
        await pilot.press("enter")
        assert "Rosa Elena Núñez Quispe" in str(pilot.app.screen.query_one("#facts", Static).render())
    screening = launch.screening_screen(store, "es")
    async with Host(screening).run_test():
        assert str(screening.query_one("#referrals", DataTable).get_row_at(0)[0]) == "Rosa Elena Núñez Quispe"
async def test_the_screening_list_shows_whole_names_at_80_columns(store, campaign, patient):
    consult = encounters.open_encounter(store, patient.id, "general", "consultation", campaign_id=campaign.id)
    referrals.refer(store, consult.id, "surgery", "K40.9")
    screen = launch.screening_screen(store, "es")
    async with Host(screen).run_test(size=(80, 24)):
        table = screen.query_one("#referrals", DataTable)
        name, came_from = (str(cell) for cell in table.get_row_at(0)[:2])
        assert name.startswith("Rosa Elena") and came_from == "Medicina general"
        widths = [column.width for column in table.columns.values()]
        assert widths[0] >= len(name) and widths[1] >= len(came_from)  # not cut to «Paciente», «Desde»


async def test_the_waiting_list_keeps_its_status_column_at_80_columns(store, campaign, patient):
    for code in ("H25.9", "D17.9"):  # a cataract: «Extracción de catarata con lente intraocular»
        consult = encounters.open_encounter(store, patient.id, "general", "consultation", campaign_id=campaign.id)
        cases.accept_referral(store, referrals.refer(store, consult.id, "surgery", code).id)
    screen = launch.screening_screen(store, "es")
    async with Host(screen).run_test(size=(80, 24)):
        waiting = screen.query_one("#waiting", DataTable)
        assert [str(c.label) for c in waiting.columns.values()] == ["Paciente", "Operación", "Servicio", "Estado"]
        assert sum(c.get_render_width(waiting) for c in waiting.columns.values()) <= 80 - 2
        first = waiting.rows[waiting.coordinate_to_cell_key((0, 0)).row_key]
        assert str(waiting.get_row_at(0)[1]) == "Extracción de catarata con lente intraocular" and first.height >= 2


async def test_the_case_screen_footer_fits_80_columns_with_f1(store, listed):
    from textual.widgets._footer import FooterKey

    screen = CaseScreen(store, listed[0].id, "es")
    async with Host(screen).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = list(screen.query(FooterKey))
        assert {key.key_display for key in keys} >= {"a", "s", "o", "n", "k"}
        assert all(key.region.right <= 80 for key in keys), [(k.key_display, k.region) for k in keys]


@pytest.mark.parametrize("key, field, expected", [
    ("n", "procedure_performed", "surgery.inguinal_hernia_repair"),  # the operative note: the operation planned
    ("l", "discharge_date", None),  # the discharge: today, in Lima
])
async def test_a_case_form_opens_with_what_the_case_already_says(store, listed, key, field, expected):
    from ayni.core.dates import today_in_lima
    from ayni.tui.widgets.form import FormView

    screen = CaseScreen(store, listed[0].id, "es")
    async with Host(screen).run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one(FormView).values()[field] == (expected or today_in_lima().isoformat())


async def test_the_case_screen_labels_what_it_shows_and_says_each_step(store, campaign, patient):
    case = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    screen = CaseScreen(store, case.id, "es")
    async with Host(screen).run_test(size=(80, 24)) as pilot:
        assert str(screen.query_one("#kit-title", Static).render()) == "Caso quirúrgico"
        facts = str(screen.query_one("#facts", Static).render()).splitlines()
        assert "Cirujano: —  ·  Anestesiólogo: —" in facts and "" not in facts  # no empty value, no empty line
        cases.schedule(store, case.id, {"day": campaign.start_date.isoformat(), "theatre": "q1", "surgeon": "Dr. Smith"})
        cases.save_form(store, case.id, "surgery.preop", {"asa": "I", "consent": "sí", "consent_witness": "Lic. Mamani",
                                                          "anaesthesia_plan": "local"})
        screen.say("Guardado.")
        await pilot.press("a")
        assert "Formularios guardados: Evaluación preoperatoria" in str(screen.query_one("#facts", Static).render())
        assert _message(screen) == "Rosa Elena Núñez Quispe: Preoperatorio completo"  # not the «Guardado.» before


async def test_a_refusal_is_said_once_on_the_message_line_and_a_form_opened_after_it_is_not_covered(store, listed):
    from textual.widgets._toast import Toast

    screen = CaseScreen(store, listed[1].id, "es")
    async with Host(screen).run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("a")  # no pre-op yet: refused, said on the message line in sight, not again in a toast
        await pilot.pause()
        line = screen.query_one("#kit-message", Static)
        assert "Clasificación ASA: es obligatorio" in _message(screen) and line.has_class("refused")
        assert not list(screen.query(Toast)) and not pilot.app._notifications
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(pilot.app.screen, FormDialog) and not list(pilot.app.screen.query(Toast))
        await pilot.press("escape")
        await pilot.pause()
        screen.say("Guardado.")
        assert not line.has_class("refused")


async def test_the_days_lists_print_to_the_prints_folder_and_a_reprint_keeps_the_first(store, listed, day):
    from ayni.core.documents.files import prints_dir

    folder = prints_dir(store.path)
    folder.mkdir(exist_ok=True)
    screen = ScheduleScreen(store, "es", day)
    async with Host(screen).run_test() as pilot:
        await pilot.press("i")
        assert _message(screen) == f"Listas impresas en {folder}"
        first = sorted(folder.glob("lista-*.pdf"))
        assert [p.name for p in first] == [f"lista-{day.isoformat()}-q1.pdf"]
        written = first[0].read_bytes()
        await pilot.press("i")  # printed again after a change: a new file, the first one as it was
        assert len(list(folder.glob("lista-*.pdf"))) == 2 and first[0].read_bytes() == written


async def test_an_open_referral_says_which_eye(store, campaign, patient):
    exam = encounters.open_encounter(store, patient.id, "optometry", "exam", campaign_id=campaign.id)
    referrals.refer(store, exam.id, "surgery", "cataract", side="os")
    screen = launch.screening_screen(store, "es")
    async with Host(screen).run_test(size=(80, 24)):
        assert str(screen.query_one("#referrals", DataTable).get_row_at(0)[2]) == "Catarata (izquierdo)"


async def test_the_case_screen_shows_the_indication_of_the_referral_that_sent_the_patient(store, campaign, patient):
    exam = encounters.open_encounter(store, patient.id, "optometry", "exam", campaign_id=campaign.id)
    referral = referrals.refer(store, exam.id, "surgery", "cataract", side="os")
    case = cases.accept_referral(store, referral.id)
    screen = CaseScreen(store, case.id, "es")
    async with Host(screen).run_test(size=(80, 24)):
        facts = str(screen.query_one("#facts", Static).render()).splitlines()
        assert "Referencia de Optometría y oftalmología: Catarata (izquierdo)" in facts


async def test_an_empty_referrals_table_says_there_are_none_instead_of_its_headers(store, campaign, patient):
    screen = launch.screening_screen(store, "es")
    async with Host(screen).run_test(size=(80, 24)):
        assert not screen.query_one("#referrals", DataTable).display
        assert str(screen.query_one("#no-referrals", Static).render()) == "Sin referencias pendientes."
    exam = encounters.open_encounter(store, patient.id, "optometry", "exam", campaign_id=campaign.id)
    referrals.refer(store, exam.id, "surgery", "cataract", side="os")
    screen = launch.screening_screen(store, "es")
    async with Host(screen).run_test(size=(80, 24)):
        assert screen.query_one("#referrals", DataTable).display
        assert not screen.query_one("#no-referrals", Static).display
