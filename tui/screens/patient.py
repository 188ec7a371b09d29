"""A patient's details and encounters: Enter on an encounter opens it (an open one to continue, a closed
one to read and reprint), ``e`` opens a new one at a station, ``r`` corrects the registration, ``m``
merges another record of the same person into this one and ``d`` undoes such a merge. A record merged
into another shows the kept one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from ayni.core import AyniError, Patient, Text, fold, phrase
from ayni.core.campaign import stations
from ayni.core.clinical import encounters
from ayni.core.people import alerts as person_alerts
from ayni.core.people import merges, patients
from ayni.core.people.users import CLINICIAN_PREFIX, TRIAGE, acting_role

from ..format import ids_text, lima_time, sex_text
from ..printing import print_document
from ..text import UI, tr
from ..widgets.alerts import PersonAlertLine
from ..widgets.tables import fill_table
from ..widgets.fields import next_typed, typed_matches
from .base import AyniModal, AyniScreen


UI.update({"b_card": Text("Tarjeta", "Card")})


class PatientScreen(AyniScreen):
    """Who the patient is, and their encounters (Enter opens one)."""

    BINDINGS = [
        Binding("e", "new_encounter", "b_new_encounter"),
        Binding("enter", "open_selected", "b_open", show=False),
        Binding("h", "app.history", "b_history"),
        Binding("f9", "print_card", "b_card"),  # F9 prints, as on the encounter screen
        # out of the footer so F9 and F1 fit at 80 columns in Spanish; F1 lists it («r» is named by the README)
        Binding("r", "correct", "b_correct", show=False),  # (F4 is the app's stock screen)
        # a coordinator's keys, out of the footer so F12 stays in sight at 80 columns («d» is named by the details)
        Binding("m", "merge", "b_merge", show=False),
        Binding("d", "unmerge", "b_unmerge", show=False),
        Binding("a", "alerts", "b_alerts", show=False),  # said by the alert line and the command palette
        Binding("q", "app.quit", "b_quit", show=False),
    ]
    AUTO_FOCUS = "#encounters"

    def __init__(self, patient_id: str):
        super().__init__()
        self.patient_id = patient_id
        self.patient: Patient | None = None
        self.merged: list[Patient] = []  # the records merged into this one

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield PersonAlertLine(id="person-alerts")
        yield Static("", id="details", markup=False)
        yield Static("", id="encounters-title", classes="section-heading", markup=False)
        yield DataTable(id="encounters", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.relabel()

    def relabel(self) -> None:
        store = self.app.store
        self.patient_id = merges.kept_id(store, self.patient_id)
        p = self.patient = patients.get(store, self.patient_id)
        self.query_one("#title", Static).update(self.tr("patient_heading", number=p.card_number, name=p.full_name))
        age = p.age()
        lines = [
            f"{self.tr('p_age')}: " + (self.tr("p_years_est" if p.birth_date_estimated else "p_years", n=age)
                                       if age is not None else "")
            + f"   {self.tr('p_sex')}: {sex_text(p, self.lang)}",
            f"{self.tr('p_ids')}: {ids_text(p, self.lang) or '—'}",
            f"{self.tr('p_from')}: " + (", ".join(x for x in (p.community, p.district, p.region) if x) or "—"),
        ]
        extra = [f"{self.tr('p_language')}: {_language(p.language, self.lang)}"]
        if p.phone:
            extra.append(f"{self.tr('p_phone')}: {p.phone}")
        lines.append("   ".join(extra))
        if p.guardian:
            g = p.guardian
            lines.append(f"{self.tr('p_guardian')}: " + ", ".join(x for x in (g.name, g.relationship, g.phone) if x))
        self.merged = merges.merged_records(store, p.id)
        if self.merged:
            lines.append(self.tr("p_merged", numbers=", ".join(f"N.º {m.card_number}" for m in self.merged)))
        self.query_one("#details", Static).update("\n".join(lines))
        self.query_one(PersonAlertLine).show_for(store, p.id, self.lang)
        self.refresh_bindings()
        self._fill_encounters()

    def _fill_encounters(self) -> None:
        store = self.app.store
        found = encounters.of_patient(store, self.patient_id)
        self.query_one("#encounters-title", Static).update(
            self.tr("encounters") + ("" if found else " — " + self.tr("no_encounters")))
        specialties = store.plugins.specialties
        rows = []
        for enc in found:
            spec = specialties.get(enc.specialty)
            rows.append((enc.id, (
                lima_time(enc.opened_at),
                spec.name.get(self.lang) if spec else enc.specialty,
                spec.station_label(enc.station, self.lang) if spec else enc.station,
                encounters.status_text(enc, self.lang),
            )))
        fill_table(self.query_one("#encounters", DataTable),
                   [self.tr(k) for k in ("col_date", "col_specialty", "col_station", "col_status")], rows,
                   wrap=True)  # a cancelled encounter's reason shows whole at 80 columns

    @on(DataTable.RowSelected, "#encounters")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.open_encounter(event.row_key.value)

    def action_open_selected(self) -> None:
        """Enter opens the highlighted encounter even when the table is not focused."""
        table = self.query_one("#encounters", DataTable)
        if table.row_count:
            key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            self.app.open_encounter(key.value)

    def action_print_card(self) -> None:
        """Print the patient card, in the patient's language: on the registration station's thermal
        printer when one is set, else as a PDF in ``prints/``."""
        from ayni.core.documents import card

        patient_id = self.patient_id
        print_document(self.app, f"tarjeta-{self.patient.card_number}", lambda own: card.render_card(own, patient_id),
                       station=stations.REGISTRATION, slip=lambda own: card.card_slip(own, patient_id))

    def action_correct(self) -> None:
        """Correct this patient's registration."""
        from .register import CorrectScreen

        self.app.push_screen(CorrectScreen(self.patient_id))

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "unmerge":  # shown only where there is a merge to undo
            return bool(self.merged)
        return True

    def action_merge(self) -> None:
        """Merge another record of this person into this one."""
        from .merge import MergeModal

        self.app.push_screen(MergeModal(self.patient), self._merged)

    def action_unmerge(self) -> None:
        """Choose a record merged into this one, and make it a record of its own again."""
        from ayni.core import Text

        from .dialogs import ChoiceScreen

        choices = [(m.id, Text(f"N.º {m.card_number} {m.full_name}", f"No. {m.card_number} {m.full_name}")) for m in self.merged]
        self.app.push_screen(ChoiceScreen("unmerge_title", choices), self._unmerge)

    def _unmerge(self, merged_id: str | None) -> None:
        if merged_id is None:
            return
        try:
            record = merges.unmerge(self.app.store, merged_id)
        except AyniError as error:
            self.app.notify(error.message(self.lang), severity="error")
            return
        self._merged(self.tr("unmerge_done", number=record.card_number))

    def _merged(self, message: str | None) -> None:
        if message:
            self.app.notify(message)
            self.relabel()

    def palette_commands(self):
        """The patient's alerts, in the command palette (their key, «a», is out of the footer)."""
        from textual.app import SystemCommand

        yield SystemCommand(self.tr("alerts_title"), self.tr("alerts_title"), self.action_alerts)

    def action_alerts(self) -> None:
        """Record a new alert of the person, or correct or resolve one (each a new revision)."""
        from ayni.core import Text

        from .dialogs import ChoiceScreen

        choices = [("new", Text(tr("alert_new", "es"), tr("alert_new", "en")))]
        for alert in person_alerts.of_person(self.app.store, self.patient_id):
            said = Text(person_alerts.described(alert, "es"), person_alerts.described(alert, "en"))
            for step in ("correct", "resolve"):
                choices.append((f"{step}:{alert.alert_id}", phrase(UI[f"alert_{step}"], alert=said)))
        self.app.push_screen(ChoiceScreen("alerts_title", choices), self._alert_chosen)

    def _alert_chosen(self, choice: str | None) -> None:
        if choice is None:
            return
        from ..kit import FormDialog

        store, step, _, alert_id = self.app.store, *choice.partition(":")
        if step == "new":
            dialog = FormDialog(person_alerts.ALERT_FORM, lambda raw: person_alerts.record(store, self.patient_id, raw),
                                lang=self.lang)
        elif step == "correct":
            alert = person_alerts.history(store, alert_id)[-1]
            values = {"kind": alert.kind, "text": alert.text, "code": alert.code, "weeks": alert.weeks,
                      "lmp": alert.lmp, "note": alert.note}
            dialog = FormDialog(person_alerts.ALERT_FORM, lambda raw: person_alerts.correct(store, alert_id, raw),
                                values, lang=self.lang)
        else:
            dialog = FormDialog(person_alerts.RESOLVE_FORM,
                                lambda raw: person_alerts.resolve(store, alert_id, raw.get("note") or ""), lang=self.lang)
        self.app.push_screen(dialog, lambda saved: self._merged(self.tr("alert_saved") if saved else None))

    def action_new_encounter(self) -> None:
        self.app.push_screen(NewEncounterScreen(), self._start)

    def _start(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        specialty, station = choice
        try:
            encounter = encounters.open_encounter(self.app.store, self.patient_id, specialty, station)
        except AyniError as error:
            self.app.notify(error.message(self.lang), severity="error")
            return
        self.app.open_encounter(encounter.id)


def _language(code: str, lang: str) -> str:
    from ayni.core.people.patients import LANGUAGES

    label = LANGUAGES.get(code)
    return label.get(lang) if label else code


class EndStopOptionList(OptionList):
    """An option list whose cursor stops at the first and the last entry instead of wrapping round
    (a wrap jumps unseen to a far station, and the wrong encounter gets opened). A letter moves the
    cursor to the next entry it reaches, as in a choice list: «o» → «Odontología — Evaluación»,
    again → «Odontología — Tratamiento». Letters typed on build a word while some entry has it:
    «t» reaches «Fisioterapia — Tratamiento», «tri» «Medicina general — Triaje». The first letter
    keeps the entry the cursor starts on when it names it: the station last opened is the one a
    nurse typing its letter means. An arrow key starts the word afresh."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._letters_typed = 0
        self._word = ""

    def on_key(self, event) -> None:
        letter = event.character
        if not letter or not letter.isalnum():
            return
        entries = [(option.prompt, index) for index, option in enumerate(self.options)]
        self._letters_typed += 1
        longer = typed_matches(entries, self._word + letter) if self._word else []
        if longer:  # the word typed so far, one letter longer, still names a station
            event.stop()
            self._word += letter
            if self.highlighted not in longer:
                self.highlighted = longer[0]
            return
        self._word = letter
        if self._letters_typed == 1 and self.highlighted in typed_matches(entries, letter):
            event.stop()
            return
        reached = next_typed(entries, letter, self.highlighted)
        if reached is not None:
            event.stop()
            self.highlighted = reached

    def action_cursor_down(self) -> None:
        self._word = ""
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        self._word = ""
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()


class NewEncounterScreen(AyniModal):
    """Choose specialty and station in one list: «Medicina general — Triaje»; Enter opens. The cursor
    starts at the station last opened here, else the station logged in at, else the first station
    of the user's specialty (a triage nurse's: triage), and stops at both ends of the list."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("", id="dialog-title", markup=False)
            yield EndStopOptionList(id="stations", markup=False)
        yield Footer(compact=True)

    def relabel(self) -> None:
        specialties = self.app.store.plugins.specialties
        self.query_one("#dialog-title", Static).update(
            self.tr("open_encounter_title") if specialties else self.tr("no_specialties"))
        options = self.query_one("#stations", OptionList)
        highlighted = options.highlighted
        ordered = sorted(specialties.values(), key=lambda spec: fold(spec.name.get(self.lang)))
        choices = [(spec.key, station) for spec in ordered for station in spec.stations]
        options.set_options(
            Option(f"{specialties[key].name.get(self.lang)} — {specialties[key].station_label(station, self.lang)}",
                   id=f"{key}\t{station}")
            for key, station in choices
        )
        if highlighted is None:
            highlighted = self._starting_choice(choices)
        options.highlighted = highlighted if choices else None

    def _starting_choice(self, choices: list[tuple[str, str]]) -> int:
        """Where the cursor starts: people usually stay at one station all day."""
        if self.app.last_station in choices:
            return choices.index(self.app.last_station)
        store = self.app.store
        session = getattr(store, "session", None)
        if session is not None and session.station:
            try:
                logged_at = stations.station(store, session.station)
            except AyniError:  # a station no longer configured
                logged_at = None
            if logged_at is not None and (logged_at.specialty, logged_at.station) in choices:
                return choices.index((logged_at.specialty, logged_at.station))
        role = acting_role(store) or ""
        for index, (specialty, station) in enumerate(choices):
            if role == CLINICIAN_PREFIX + specialty or (role == TRIAGE and station == "triage"):
                return index
        return 0

    @on(OptionList.OptionSelected, "#stations")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        specialty, station = event.option.id.split("\t")
        self.app.last_station = (specialty, station)
        self.dismiss((specialty, station))
