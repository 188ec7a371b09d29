"""The surgery screens of the terminal UI (Textual is imported here only): the day's operating lists
per theatre, a case with its forms and WHO checklist, and the screening list (open referrals and
cases waiting for a place). Keyboard first: arrows move, Enter opens, one letter acts; every
refusal is shown in the user's language, as the core words it."""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ayni.core import AyniError, Text
from ayni.core.dates import format_date, format_datetime, today_in_lima
from ayni.core.documents.files import free_path, prints_dir, write_file
from ayni.core.documents.pdf import user_name
from ayni.tui.kit import PluginScreen, fill_table, selected_key

from ayni.core.people import alerts as person_alerts

from . import allergies, cases, checklist, forms
from .cases import STATUS_LABELS, CaseStatus
from .views import case_facts, patient_name, referral_line, theatre_label

#: Words of the screens and their key bindings.
WORDS: dict[str, Text] = {
    "schedule": Text("Programación quirúrgica", "Operating schedule"),
    "screening": Text("Lista de espera quirúrgica", "Surgical screening list"),
    "referrals": Text("Referencias abiertas a cirugía", "Open referrals to surgery"),
    "waiting": Text("Casos por programar", "Cases to schedule"),
    "theatre": Text("Quirófano", "Theatre"),
    "patient": Text("Paciente", "Patient"),
    "operation": Text("Operación", "Operation"),
    "service": Text("Servicio", "Service"),
    "surgeon": Text("Cirujano", "Surgeon"),
    "status": Text("Estado", "Status"),
    "from": Text("Desde", "From"),
    "reason": Text("Motivo", "Reason"),
    "urgency": Text("Urgencia", "Urgency"),
    "no_referrals": Text("Sin referencias pendientes.", "No referrals waiting."),
    "no_cases": Text("No hay casos este día.", "No cases on this day."),
    "case": Text("Caso quirúrgico", "Surgical case"),
    "forms_saved": Text("Formularios guardados", "Forms saved"),
    "history": Text("Historial", "History"),
    "checklist": Text("Lista de verificación OMS", "WHO checklist"),
    "done": Text("completa", "done"),
    "pending": Text("pendiente", "pending"),
    "printed": Text("Listas impresas en", "Lists printed to"),
    "b_prev_day": Text("Día anterior", "Previous day"),
    "b_next_day": Text("Día siguiente", "Next day"),
    "change_day": Text("←/→ otro día", "←/→ another day"),
    "b_advance": Text("Avanzar", "Advance"),
    "b_cancel": Text("Cancelar", "Cancel"),
    "b_postpone": Text("Postergar", "Postpone"),
    "b_print": Text("Imprimir", "Print"),
    "b_schedule": Text("Programar", "Schedule"),
    "b_preop": Text("Preop.", "Pre-op"),
    "b_note": Text("Nota op.", "Op. note"),
    "b_checklist": Text("OMS", "WHO"),
    "b_pod1": Text("Control postoperatorio día 1", "Post-operative day 1"),
    "b_discharge": Text("Alta", "Discharge"),
}


class _SurgeryScreen(PluginScreen):
    """The words of the surgery screens, and asking the reason of a cancellation or postponement."""

    WORDS = WORDS

    def ask_reason(self, action, case_id: str) -> None:
        """Ask the reason of a cancellation or postponement, then apply it."""
        self.ask(forms.REASON, lambda raw: action(self.store, case_id, raw.get("reason", "")))

    def advance(self, case_id: str) -> None:
        """Move the case on to its next status and say where it stands now (or why it cannot)."""
        if self.attempt(cases.advance, self.store, case_id):
            case = cases.get_case(self.store, case_id)
            self.say(f"{patient_name(self.store, case.patient_id)}: {STATUS_LABELS[case.status].get(self.lang)}")


# -- the day's operating lists ----------------------------------------------------------------


class ScheduleScreen(_SurgeryScreen):
    """The cases of one day per theatre, in list order, with their status. ←/→ change day, ↑/↓
    move, Enter opens the case, A advances its status, C cancels, P postpones (asking the reason),
    I prints each theatre's list."""

    BINDINGS = [
        Binding("left", "day(-1)", "b_prev_day", priority=True, show=False),  # said in the title: the footer is full
        Binding("right", "day(1)", "b_next_day", priority=True, show=False),
        Binding("a", "advance", "b_advance"),
        Binding("c", "reason('cancel')", "b_cancel"),
        Binding("p", "reason('postpone')", "b_postpone"),
        Binding("i", "print", "b_print"),
    ]

    def __init__(self, store, lang: str, day: dt.date | None = None):
        super().__init__(store, lang)
        self.day = day or today_in_lima()

    def compose_body(self):
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def title_text(self) -> str:
        return f"[b]{self.w('schedule')}[/b] — {format_date(self.day, self.lang)}  ({self.w('change_day')})"

    def refresh_view(self) -> None:
        self.query_one("#kit-title", Static).update(self.title_text())
        table = self.query_one(DataTable)
        row = table.cursor_row
        columns = ("theatre", "slot", "patient", "procedure", "surgeon", "status")
        fill_table(table, [self.w("theatre"), "#", self.w("patient"), self.w("operation"), self.w("surgeon"),
                           self.w("status")],
                   [(case.id, [facts[c] for c in columns])
                    for case in cases.day_list(self.store, self.day)
                    for facts in [case_facts(self.store, case, self.lang)]], wrap=True)  # the status in sight at 80
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        else:
            self.say(self.w("no_cases"))

    def action_day(self, step: int) -> None:
        self.day += dt.timedelta(days=step)
        self.say("")
        self.refresh_view()

    def action_advance(self) -> None:
        case_id = selected_key(self.query_one(DataTable))
        if case_id:
            self.advance(case_id)

    def action_reason(self, which: str) -> None:
        case_id = selected_key(self.query_one(DataTable))
        if case_id:
            self.ask_reason(cases.cancel if which == "cancel" else cases.postpone, case_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(CaseScreen(self.store, event.row_key.value, self.lang))

    def action_print(self) -> None:
        from .documents import render_day_list

        folder = prints_dir(self.store.path)  # where every other document printed to PDF goes
        folder.mkdir(parents=True, exist_ok=True)
        try:
            for theatre in dict.fromkeys(c.theatre for c in cases.day_list(self.store, self.day, active_only=True)):
                write_file(free_path(folder, f"lista-{self.day.isoformat()}-{theatre}"),  # a reprint keeps the first
                           render_day_list(self.store, self.day, theatre, self.lang))
        except AyniError as error:  # a full disk: said, and no half-written list left to print
            self.say(error.message(self.lang), error=True)
            return
        self.say(f"{self.w('printed')} {folder}")


# -- one case ---------------------------------------------------------------------------------


class CaseScreen(_SurgeryScreen):
    """One case: its facts, forms, WHO checklist progress and history. A advances, S schedules,
    O pre-op, N operative note, K the next checklist phase, D day 1, L discharge, C/P cancel or
    postpone (the last four listed by F1, not in the footer)."""

    BINDINGS = [
        Binding("a", "advance", "b_advance"),
        Binding("s", "schedule", "b_schedule"),
        Binding("o", "form('surgery.preop')", "b_preop"),
        Binding("n", "form('surgery.operative_note')", "b_note"),
        Binding("k", "checklist", "b_checklist"),
        # out of the footer, which 80 columns cannot hold with them (and F1 with it): F1 lists them
        Binding("d", "form('surgery.postop_day1')", "b_pod1", show=False),
        Binding("l", "form('surgery.discharge')", "b_discharge", show=False),
        Binding("c", "reason('cancel')", "b_cancel", show=False),
        Binding("p", "reason('postpone')", "b_postpone", show=False),
    ]

    def __init__(self, store, case_id: str, lang: str):
        super().__init__(store, lang)
        self.case_id = case_id

    def compose_body(self):
        with VerticalScroll():
            yield Static("", id="facts", markup=False)
            yield Static("", id="checklist", markup=False)
            yield Static("", id="history", markup=False)

    def title_text(self) -> str:
        return self.w("case")

    def refresh_view(self) -> None:
        case = cases.get_case(self.store, self.case_id)
        facts = case_facts(self.store, case, self.lang)
        lines = [f"{facts['patient']} — {facts['procedure']} ({facts['service']})",
                 f"{self.w('status')}: {facts['status']}" + (f" — {facts['reason']}" if facts["reason"] else ""),
                 f"{self.w('surgeon')}: {facts['surgeon'] or '—'}  ·  {forms.ANAESTHETIST.label.get(self.lang)}: "
                 f"{facts['anaesthetist'] or '—'}"]
        referred = referral_line(self.store, case, self.lang)
        lines += [referred] if referred else []
        if case.day:
            lines.append(f"{facts['day']} · {facts['theatre']} · #{facts['slot']}")
        saved = [spec.title.get(self.lang) for spec in forms.CASE_FORMS if cases.latest_form(self.store, case.id, spec.key)]
        lines += [f"{self.w('forms_saved')}: {', '.join(saved)}"] if saved else []
        alerts_line = person_alerts.summary(person_alerts.of_person(self.store, case.patient_id), self.lang)
        lines += [alerts_line] if alerts_line else []
        lines += [f"⚠ {flag.get(self.lang)}" for flag in allergies.mismatches(self.store, case)]
        self.query_one("#facts", Static).update("\n".join(lines))
        state = cases.checklist_answers(self.store, case.id)
        phases = [f"{p.label.get(self.lang)}: {self.w('done') if cases.phase_done(state[p.key], p) else self.w('pending')}"
                  for p in checklist.PHASES]
        self.query_one("#checklist", Static).update(f"{self.w('checklist')} — " + " · ".join(phases))
        history = [f"{format_datetime(e.at, self.lang)}  {STATUS_LABELS[CaseStatus(e.to_status)].get(self.lang)}  "
                   f"{user_name(self.store, e.changed_by)}  {e.reason}" for e in cases.events(self.store, case.id)]
        self.query_one("#history", Static).update(f"{self.w('history')}\n" + "\n".join(history))

    def action_advance(self) -> None:
        self.advance(self.case_id)

    def action_schedule(self) -> None:
        case = cases.get_case(self.store, self.case_id)
        values = {"day": (case.day or today_in_lima()).isoformat(), "theatre": case.theatre or None, "slot": case.slot,
                  "surgeon": user_name(self.store, case.surgeon_id),
                  "anaesthetist": user_name(self.store, case.anaesthetist_id)}
        self.ask(forms.SCHEDULE, lambda raw: cases.schedule(self.store, self.case_id, raw), values)

    def action_form(self, key: str) -> None:
        spec = cases.CASE_FORMS[key]
        case = cases.get_case(self.store, self.case_id)
        values = allergies.preop_values(self.store, case) if key == forms.PREOP.key else \
            cases.form_start(self.store, case, key)
        self.ask(spec, lambda raw: cases.save_form(self.store, self.case_id, key, raw), values)

    def action_checklist(self) -> None:
        missing = cases.missing_phases(self.store, self.case_id)
        phase = missing[0] if missing else checklist.PHASES[-1]
        case = cases.get_case(self.store, self.case_id)
        self.ask(allergies.checklist_form(self.store, case, phase),
                 lambda raw: cases.record_checklist(self.store, self.case_id, phase.key, raw),
                 allergies.checklist_values(self.store, case, phase))

    def action_reason(self, which: str) -> None:
        self.ask_reason(cases.cancel if which == "cancel" else cases.postpone, self.case_id)


# -- the screening list -----------------------------------------------------------------------


class ScreeningScreen(_SurgeryScreen):
    """Open referrals to surgery (Enter accepts one, confirming the operation, side and service it
    suggests) and the cases
    waiting for a place on a list (Enter opens one). Tab moves between the two lists. Once a referral
    is accepted, the cursor is on its new case in the waiting list."""

    def __init__(self, store, lang: str = "es"):
        super().__init__(store, lang)
        self.accepted: str | None = None  # the case just made from a referral, for the cursor to land on

    def compose_body(self):
        yield DataTable(cursor_type="row", zebra_stripes=True, id="referrals")
        yield Static("", id="no-referrals", markup=False)
        yield Static("", id="waiting-title")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="waiting")

    def title_text(self) -> str:
        return f"[b]{self.w('referrals')}[/b]"

    def refresh_view(self) -> None:
        from ayni.core.clinical.referrals import URGENCIES, indication_text

        referrals = self.query_one("#referrals", DataTable)
        rows = []
        for r in cases.open_referrals(self.store):
            specialty = self.store.plugins.specialties.get(r.from_specialty)
            urgency = URGENCIES.get(r.urgency)
            rows.append((r.id, [patient_name(self.store, r.patient_id),
                                specialty.name.get(self.lang) if specialty else r.from_specialty,
                                indication_text(self.store.plugins, r, self.lang),  # which eye, which side
                                urgency.get(self.lang) if urgency else r.urgency]))
        # widths from what the cells hold, not from the headers: «Marcelina Huaman», not «Marcelin»
        fill_table(referrals, [self.w("patient"), self.w("from"), self.w("reason"), self.w("urgency")], rows, wrap=True)
        referrals.display = bool(rows)  # headers over nothing say less than the words do
        none_waiting = self.query_one("#no-referrals", Static)
        none_waiting.update(self.w("no_referrals"))
        none_waiting.display = not rows
        self.query_one("#waiting-title", Static).update(f"[b]{self.w('waiting')}[/b]")
        waiting = self.query_one("#waiting", DataTable)
        fill_table(waiting, [self.w("patient"), self.w("operation"), self.w("service"), self.w("status")],
                   [(case.id, [facts["patient"], facts["procedure"], facts["service"], facts["status"]])
                    for case in cases.screening_list(self.store)
                    for facts in [case_facts(self.store, case, self.lang)]], wrap=True)
        if self.accepted in waiting.rows:
            waiting.move_cursor(row=waiting.get_row_index(self.accepted))
            waiting.focus()
        else:
            (referrals if referrals.row_count else waiting).focus()
        self.accepted = None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if event.data_table.id == "waiting":
            self.app.push_screen(CaseScreen(self.store, key, self.lang))
            return
        from ayni.core.clinical.referrals import Referral

        referral = self.store.get(Referral, "referrals", key)
        self.ask(forms.CASE, lambda raw: self._accept(key, raw), cases.referral_defaults(self.store, referral, self.lang))

    def _accept(self, referral_id: str, raw: dict) -> None:
        self.accepted = cases.accept_referral(self.store, referral_id, raw).id


__all__ = ["CaseScreen", "ScheduleScreen", "ScreeningScreen", "theatre_label"]
