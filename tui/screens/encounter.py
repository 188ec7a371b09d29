"""An encounter: one tab per form of the station, a procedures tab, a diagnoses tab, and a tab to hand
out the specialty's items from stock ("Entregas") when it has any.

Under the title, the person's alerts on one line (allergies, pregnancy, chronic conditions) and the
visit's alerts (every plugin's ``ayni_alerts``, most serious first), redrawn after each save and each
hand-out. Ctrl+S saves everything at once through ``encounters.save`` (nothing is
written on a refusal, and each message is shown by its field); F6 records the payment; F8 closes the
encounter and prints its summary; F3 cancels one opened by mistake, with its reason. Within a form
PgDn jumps to the next section and, past the last one, to the next tab (see
:class:`~ayni.tui.widgets.form.FormView`).
"""

from __future__ import annotations

import math

import attrs
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from rich.cells import cell_len
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Input, Label, Static, Tab, TabbedContent, TabPane, Tabs

from ayni.core import AyniError, EncounterStatus, FieldError, NeedsAcknowledgement, Text, ValidationError, validate_form
from ayni.core.clinical import encounters, suggestions
from ayni.core.clinical.acknowledgements import MAX_REASON

from ..format import name_forms
from ..printing import print_document, print_visit
from ..text import UI
from ..widgets.alerts import AlertStrip, PersonAlertLine
from ..widgets.dispensing import DispensePanel, specialty_items
from ..widgets.form import FormView, HintLine
from ..widgets.picker import CodePicker
from ..widgets.procedures import ProcedurePicker
from .base import AyniScreen
from .dialogs import ConfirmScreen
from .modal_form import FormModal
from ..widgets.errors import ErrorSummary
from ..widgets.rows import FormRow

#: The hex digits of the reference in a title short of room: still one encounter in a campaign's
#: thousands (four, the fewest the CLI takes, would often name two).
SHORT_REFERENCE = 6

#: The words of cancelling an encounter (added to the UI table on import).
TEXT = {
    "b_cancel_encounter": Text("Anular", "Void"),
    "b_labels": Text("Etiquetas", "Labels"),
    "no_labels": Text("Esta atención no tiene etiquetas por imprimir (pedido de lentes para el laboratorio, muestra "
                      "quirúrgica).", "This encounter has no labels to print (glasses order for the lab, surgical "
                      "specimen)."),
    "cancel_encounter_title": Text("Anular esta atención abierta por error (Ctrl+S anula · Esc vuelve)",
                                   "Void this encounter opened by mistake (Ctrl+S voids it · Esc goes back)"),
    "cancel_encounter_info": Text("Queda en la historia como anulada, con el motivo, y fuera de todas las cifras.",
                                  "It stays in the history as cancelled, with the reason, and out of every figure."),
    "cancel_reason": Text("Motivo", "Reason"),
    "encounter_cancelled": Text("Atención anulada: {reason}", "Encounter cancelled: {reason}"),
    "hand_out_pending": Text("Falta confirmar una entrega: en «Entregas», Enter en «Cantidad» la entrega y Esc la "
                             "deja. La atención sigue abierta.",
                             "A hand-out is not confirmed yet: in «Hand-outs», Enter on «Quantity» hands it out and "
                             "Esc drops it. The encounter stays open."),
    "cancelled_readonly": Text("Atención anulada: {reason}. Solo lectura: queda en la historia, fuera de las cifras.",
                               "Encounter cancelled: {reason}. Read only: it stays in the history, out of the "
                               "figures."),
    "ack_title": Text("Avisos: escriba por qué continúa con cada uno (Ctrl+S guarda · Esc vuelve)",
                      "Warnings: say why you go ahead with each one (Ctrl+S saves · Esc goes back)"),
    "ack_reason": Text("Motivo {n}", "Reason {n}"),
}
UI.update(TEXT)

PROCEDURES_TAB = "tab-procedures"
DIAGNOSES_TAB = "tab-diagnoses"
DISPENSING_TAB = "tab-dispensing"


def _tab_id(form_key: str) -> str:
    return "tab-" + form_key.replace(".", "-")


class EncounterScreen(AyniScreen):
    """Fill, save, charge, close and print one encounter, by keyboard."""

    BINDINGS = [
        Binding("ctrl+s", "save", "b_save", priority=True),
        Binding("f6", "payment", "b_payment", priority=True),  # priority: a TextArea binds F6 itself
        Binding("f8", "close_print", "b_close_print", priority=True),
        Binding("f9", "print", "b_print", priority=True),
        Binding("ctrl+t", "labels", "b_labels", priority=True),  # «eTiquetas»: on a closed encounter, beside F9
        # The language is chosen once, not at each encounter: F12 is listed by F1 here, and its place in the
        # footer left to a field's own keys (F2 «Copiar OD→OI», Del «Quitar»), so every key fits 80 columns
        Binding("f12,ctrl+l", "app.toggle_lang", "b_lang", priority=True, show=False),
        # F3 voids an encounter opened by mistake: rare, so listed by F1 and kept out of the footer
        Binding("f3", "cancel_encounter", "b_cancel_encounter", priority=True, show=False),
        # priority: a terminal sends Alt+D as ESC d, and a focused text field would type the «d»
        Binding("ctrl+pagedown,alt+right", "next_tab", "b_next_tab", priority=True, show=False),
        Binding("ctrl+pageup,alt+left", "previous_tab", "b_previous_tab", priority=True, show=False),
        Binding("alt+p", "show_tab('tab-procedures')", "tab_procedures", priority=True, show=False),
        Binding("alt+d", "show_tab('tab-diagnoses')", "tab_diagnoses", priority=True, show=False),
        Binding("alt+e", "show_tab('tab-dispensing')", "tab_dispensing", priority=True, show=False),
        # every F key is taken here: «Alertas» by its letter, as the tabs are; the strip's «… y 2 alertas
        # más» line names it
        Binding("alt+a", "alerts", "b_visit_alerts", priority=True, show=False),
    ]

    AUTO_FOCUS = None  # the first field of the station's own form is focused on mount

    def __init__(self, encounter_id: str):
        super().__init__()
        self.encounter_id = encounter_id
        self.visit = encounters.get_encounter_record(self._store, encounter_id)
        self.specialty = self._store.plugins.specialties.get(self.visit.encounter.specialty)
        self.forms = self._station_forms() if self.specialty else []
        self.items = specialty_items(self._store.plugins, self.visit.encounter.specialty)
        self._focused_tab: str | None = None  # the tab whose first field last got the cursor

    def _station_forms(self) -> list:
        """The forms the station fills (the specialty's ``station_forms``), and any other form of the
        specialty this visit already holds, so its tabs fit 80 columns and nothing saved is hidden."""
        plugins, encounter = self._store.plugins, self.visit.encounter
        station = {spec.key for spec in plugins.forms_of(encounter.specialty, encounter.station)}
        return [spec for spec in plugins.forms_of(encounter.specialty)
                if spec.key in station or spec.key in self.visit.forms]

    @property
    def _store(self):
        return self.app.store

    @property
    def closed(self) -> bool:
        return self.visit.encounter.status != EncounterStatus.OPEN

    def _read_only_note(self) -> str:
        """Why nothing can be changed: closed, or cancelled (which is not «cerrada»), with the reason given."""
        encounter = self.visit.encounter
        if encounter.status == EncounterStatus.CANCELLED:
            return self.tr("cancelled_readonly", reason=encounter.cancel_reason.rstrip("."))
        return self.tr("closed_readonly")

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield PersonAlertLine(id="person-alerts")
        yield AlertStrip(id="alerts")
        yield ErrorSummary()
        with TabbedContent(initial=self._initial_tab(), id="tabs"):
            for spec in self.forms:
                with TabPane(spec.tab.get(self.lang), id=_tab_id(spec.key)):
                    with VerticalScroll(can_focus=False):
                        yield FormView(spec, self.lang, values=encounters.prefill(self._store, self.visit, spec.key),
                                       widgets=self.app.tui_widgets, id="form-" + spec.key.replace(".", "-"))
            with TabPane(self.tr("tab_procedures"), id=PROCEDURES_TAB):
                yield ProcedurePicker(self._store.plugins.procedures_of(self.visit.encounter.specialty),
                                      self.visit.procedures, self.lang, self._store.plugins.targets,
                                      suggest=self._suggested_details)
            with TabPane(self.tr("tab_diagnoses"), id=DIAGNOSES_TAB):
                with VerticalScroll(can_focus=False):
                    yield Static(self.tr("diagnoses_help"), id="diagnoses-help", markup=False)
                    yield CodePicker(self._store.plugins.diagnosis_index, self.lang,
                                     locked=[d.code for d in self.visit.diagnoses], id="diagnoses")
            if self.items:
                with TabPane(self.tr("tab_dispensing"), id=DISPENSING_TAB):
                    yield DispensePanel(self._store, self.encounter_id, self.items, self.lang, id="dispensing")
        yield HintLine()
        yield Footer(compact=True)

    def _initial_tab(self) -> str:
        """The form named after the station (``general.triage`` at ``triage``), else the first."""
        station = self.visit.encounter.station
        for spec in self.forms:
            if spec.key.split(".")[-1] == station or station in spec.key:
                return _tab_id(spec.key)
        return _tab_id(self.forms[0].key) if self.forms else PROCEDURES_TAB

    def fit_tabs(self) -> None:
        """Lay the tabs out in two rows when one row is wider than the screen, so that every tab
        shows at 80 columns (Textual's own strip would scroll them out of sight)."""
        tabs = self.query_one(TabbedContent).query_one(Tabs)
        shown = list(tabs.query(Tab))
        wide = sum(cell_len(str(tab.label)) + 2 for tab in shown) > self.app.size.width
        tabs.set_class(wide, "two-rows")
        tabs.query_one("#tabs-list").styles.grid_size_columns = math.ceil(len(shown) / 2) if wide else None

    def on_resize(self) -> None:
        self.fit_tabs()
        self._show_title()

    def on_mount(self) -> None:
        super().on_mount()
        for view in self.query(FormView):
            view.snapshot()
        self._apply_state()
        self._focus_tab()

    @property
    def views(self) -> dict[str, FormView]:
        return {view.spec.key: view for view in self.query(FormView)}

    def _show_title(self) -> None:
        """«Atención 3f2a9c1b · abierta · Odontología, Evaluación · Rosa Núñez Quispe»: the reference
        the CLI takes and the status first, then where, then who. When the line is too long the least
        useful part is shortened first: the name's second given name, the reference (to
        :data:`SHORT_REFERENCE` digits, which the CLI takes too), where to its short form
        (:meth:`_short_where`), the second surname; only then is where cut, and last the given name
        made an initial."""
        room = self.app.size.width - 2  # the title's padding
        forms = self._title_forms()
        title = next((line for line in forms if cell_len(line) <= room), None)
        self.query_one("#title", Static).update(title or self._cut_title(room))

    def _title_forms(self) -> list[str]:
        """The whole title and its shortenings, one part at a time, least useful first."""
        enc = self.visit.encounter
        refs = (encounters.reference(enc.id), enc.id[:SHORT_REFERENCE])
        wheres = (encounters.place_text(self._store, enc, self.lang), self._short_where())
        whole, both_surnames, first_surname, *_ = name_forms(self.visit.patient)
        steps = [(refs[0], wheres[0], whole), (refs[0], wheres[0], both_surnames),
                 (refs[1], wheres[0], both_surnames), (refs[1], wheres[1], both_surnames),
                 (refs[1], wheres[1], first_surname)]
        return [f"{self._title_head(ref)}{where} · {name}" for ref, where, name in steps]

    def _cut_title(self, room: int) -> str:
        """The title when even its short forms are too long: where is cut with «…», keeping the given
        name and first surname whole if there is any room for where, else with the initial."""
        head = self._title_head(self.visit.encounter.id[:SHORT_REFERENCE])
        where = self._short_where()
        names = name_forms(self.visit.patient)[2:]
        name = next((n for n in names if room - cell_len(f"{head} · {n}") > 1), names[-1])
        spare = room - cell_len(f"{head} · {name}")
        if cell_len(where) > spare:
            where = where[:max(spare - 1, 0)].rstrip() + "…"
        return f"{head}{where} · {name}"

    def _title_head(self, ref: str) -> str:
        status = encounters.status_label(self.visit.encounter, self.lang)  # a cancel's reason: _read_only_note
        return f"{self.tr('encounter_title')} {ref} · {status} · "

    def _short_where(self) -> str:
        """Where in one part, for a title too narrow for both: the station («Salud mental») when the
        specialty has several, since it says more than the specialty; else the specialty alone."""
        enc = self.visit.encounter
        specialty = self._store.plugins.specialties.get(enc.specialty)
        if specialty is None:
            return enc.station
        if len(specialty.stations) > 1:
            return specialty.station_label(enc.station, self.lang)
        return specialty.name.get(self.lang)

    def relabel(self) -> None:
        self._show_title()
        self._show_alerts()
        tabs = self.query_one(TabbedContent)
        for spec in self.forms:
            tabs.get_tab(_tab_id(spec.key)).label = spec.tab.get(self.lang)
        tabs.get_tab(PROCEDURES_TAB).label = self.tr("tab_procedures")
        tabs.get_tab(DIAGNOSES_TAB).label = self.tr("tab_diagnoses")
        for view in self.views.values():
            view.relabel(self.lang)
        self.query_one(ProcedurePicker).relabel(self.lang)
        self.query_one("#diagnoses-help", Static).update(self.tr("diagnoses_help"))
        self.query_one("#diagnoses", CodePicker).relabel(self.lang)
        if self.items:
            tabs.get_tab(DISPENSING_TAB).label = self.tr("tab_dispensing")
            self.query_one(DispensePanel).relabel(self.lang, force=True)  # also after closing hands things out
        self.fit_tabs()
        self.query_one(ErrorSummary).clear()
        if self.closed:
            self.query_one(ErrorSummary).show_text(self._read_only_note())

    def _show_alerts(self) -> None:
        self.query_one(PersonAlertLine).show_for(self._store, self.visit.patient.id, self.lang)
        self.query_one(AlertStrip).show_for(self._store, self.visit, self.lang)

    def _suggested_details(self, code: str, pending) -> list[dict]:
        """What the plugins offer for adding ``code``, from the forms as typed and the procedures
        added so far, saved or not (the teeth marked for extraction)."""
        return suggestions.suggested_details(self._store, self._typed(pending), code)

    def _typed(self, procedures=()):
        """The encounter as typed so far, saved or not, with ``procedures`` not yet saved added."""
        forms = {key: view.values() for key, view in self.views.items() if view.changed()}
        return suggestions.as_typed(self._store, self.visit, forms, procedures)

    @on(DispensePanel.HandedOut)
    def _handed_out(self) -> None:
        """A hand-out may have added a procedure (an aid's fitting) and changed the alerts."""
        self.visit = encounters.get_encounter_record(self._store, self.encounter_id)
        self.query_one(ProcedurePicker).mark_saved(self.visit.procedures, keep_pending=True)
        self._show_alerts()

    def _apply_state(self) -> None:
        """Open encounters are editable; closed ones are read only."""
        enabled = not self.closed
        for view in self.views.values():
            view.set_enabled(enabled)
        self.query_one(ProcedurePicker).set_enabled(enabled)
        self.query_one("#diagnoses", CodePicker).disabled = not enabled
        for panel in self.query(DispensePanel):
            panel.set_enabled(enabled)
        if self.closed:
            self.query_one(ErrorSummary).show_text(self._read_only_note())
        self.refresh_bindings()

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("save", "close_print", "cancel_encounter") and self.closed:
            return False
        if action in ("print", "labels") and not self.closed:
            return False
        if action == "payment" and self.visit.encounter.status == EncounterStatus.CANCELLED:
            return False  # a cancelled encounter is out of every figure, the cash desk's too
        return True

    # -- tabs --------------------------------------------------------------------------------

    def _tab_order(self) -> list[str]:
        return [_tab_id(s.key) for s in self.forms] + [PROCEDURES_TAB, DIAGNOSES_TAB] + (
            [DISPENSING_TAB] if self.items else [])

    def _move_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        order = self._tab_order()
        tabs.active = order[(order.index(tabs.active) + step) % len(order)]
        self._focus_tab()

    def action_show_tab(self, tab: str) -> None:
        """Go straight to a tab (Alt+P procedures, Alt+D diagnoses, Alt+E hand-outs)."""
        if tab in self._tab_order():
            self.query_one(TabbedContent).active = tab
            self._focus_tab()

    def action_next_tab(self) -> None:
        self._move_tab(1)

    def action_previous_tab(self) -> None:
        self._move_tab(-1)

    def _focus_tab(self) -> None:
        """Put the cursor on the first field of the tab just shown, at once (keys typed right after
        Alt+E land in the tab). A later call for the same tab (the tab's own event asks again) leaves
        the cursor where the person has moved it."""
        pane = self.query_one(TabbedContent).active_pane
        if pane is None:
            return
        if pane.id == self._focused_tab and self.focused is not None and pane in self.focused.ancestors:
            return
        for widget in pane.query("*"):
            if widget.focusable:
                self.set_focus(widget)
                self._focused_tab = pane.id
                return

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self._offer_prefill()
        self.call_after_refresh(self._focus_tab)

    def _offer_prefill(self) -> None:
        """The form of the tab just shown, when neither saved nor typed in, starts again with what the
        plugins offer from the encounter as typed so far (``encounters.prefill``: the referral at
        «Urgente» once the safety action is «Referencia urgente»)."""
        pane = self.query_one(TabbedContent).active_pane
        view = next((v for key, v in self.views.items() if pane is not None and _tab_id(key) == pane.id), None)
        if view is None or self.closed or view.spec.key in self.visit.forms or view.changed():
            return
        view.start_with(encounters.prefill(self._store, self._typed(), view.spec.key))

    @on(FormView.Finished)
    def _form_finished(self) -> None:
        """Moving on past a form's last field (Enter, PgDn) goes on to the next tab."""
        self.action_next_tab()

    # -- saving ------------------------------------------------------------------------------

    def _pending(self) -> tuple[dict, list, list]:
        forms = {key: view.values() for key, view in self.views.items()
                 if view.changed() and (view.has_content() or key in self.visit.forms)}
        procedures = self.query_one(ProcedurePicker).pending
        diagnoses = self.query_one("#diagnoses", CodePicker).pending
        return forms, procedures, diagnoses

    def has_changes(self) -> bool:
        """True when something typed or added is not saved yet."""
        forms, procedures, diagnoses = self._pending()
        return bool(forms or procedures or diagnoses)

    def action_save(self) -> bool:
        """Save what changed; on a refusal show every message by its field. True when saved."""
        forms, procedures, diagnoses = self._pending()
        if not (forms or procedures or diagnoses):
            self.app.notify(self.tr("nothing_to_save"))
            return True
        views = self.views
        errors: list[FieldError] = []
        by_form: dict[str, list[FieldError]] = {}
        for key, raw in forms.items():  # attribute each field's message to its own form first
            try:
                validate_form(views[key].spec, raw)
            except ValidationError as refused:
                by_form[key] = refused.errors
                errors += refused.errors
        if not errors:
            try:
                self.visit = encounters.save(self._store, self.encounter_id, forms=forms,
                                             procedures=list(procedures), diagnoses=list(diagnoses))
            except NeedsAcknowledgement as warned:
                self.app.push_screen(AcknowledgeModal(warned.warnings, self.encounter_id, forms, list(procedures),
                                                      list(diagnoses)), self._acknowledged)
                return False
            except ValidationError as refused:
                errors = refused.errors
                for key, view in views.items():
                    by_form[key] = [e for e in errors if view.owns(e)]
            except AyniError as error:
                self.query_one(ErrorSummary).show_text(error.message(self.lang))
                return False
        if errors:
            self._show_errors(by_form, errors)
            return False
        self._saved()
        return True

    def _show_errors(self, by_form: dict[str, list[FieldError]], errors: list[FieldError]) -> None:
        self.query_one(ErrorSummary).show(errors, self.lang)
        first = None
        for key, view in self.views.items():
            row = view.show_errors(by_form.get(key, []), self.lang)
            if row is not None and first is None:
                first = (key, row)
        # The cursor leaves first: a focused field in the tab being hidden would hand it to a
        # neighbour there, which Textual answers by showing that tab again. The refused field, not
        # the tab's first, then gets the cursor (``_focused_tab`` tells ``_focus_tab`` so).
        if first is not None:
            key, row = first
            self.set_focus(None)
            self.query_one(TabbedContent).active = self._focused_tab = _tab_id(key)
            self.call_after_refresh(row.focus_editor)
        elif any(e.field.split(".")[0] == "procedures" for e in errors):  # a plugin refused a procedure
            self.set_focus(None)
            self.query_one(TabbedContent).active = PROCEDURES_TAB

    def _acknowledged(self, visit) -> None:
        if visit is not None:  # saved with the reasons given; Esc leaves everything as typed, unsaved
            self.visit = visit
            self._saved()

    def _saved(self) -> None:
        for key, view in self.views.items():
            view.show_errors([], self.lang)
            view.show_saved(self.visit.form(key))
            view.snapshot()
        self.query_one(ProcedurePicker).mark_saved(self.visit.procedures)
        self.query_one("#diagnoses", CodePicker).mark_saved(d.code for d in self.visit.diagnoses)
        self.query_one(ErrorSummary).clear()
        self._show_alerts()
        self.app.notify(self.tr("saved"))

    # -- payment, closing, printing ----------------------------------------------------------------

    def action_payment(self) -> None:
        from .payment import PaymentScreen

        if self.has_changes() and not self.action_save():
            return
        self.app.push_screen(PaymentScreen(self.encounter_id))

    def action_close_print(self) -> None:
        """Ask, then close and print; refused while a hand-out is chosen but not confirmed, which
        closing would silently drop."""
        if self.closed:
            return
        pending = next((panel for panel in self.query(DispensePanel) if panel.choosing), None)
        if pending is not None:
            self.query_one(ErrorSummary).show_text(self.tr("hand_out_pending"))
            self.action_show_tab(DISPENSING_TAB)
            self._focused_tab = DISPENSING_TAB  # the cursor goes where the hand-out waits, not to the tab's top
            self.call_after_refresh(pending.focus_choice)
            return
        self.app.push_screen(ConfirmScreen("confirm_close"), self._confirmed_close)

    def _confirmed_close(self, yes: bool | None) -> None:
        if not yes:
            return
        if self.has_changes() and not self.action_save():
            return
        try:
            self.visit = encounters.close(self._store, self.encounter_id)
        except AyniError as error:
            self.query_one(ErrorSummary).show_text(error.message(self.lang))
            return
        self.app.notify(self.tr("closed"))
        self._apply_state()
        self.relabel()
        self.action_print()

    def action_cancel_encounter(self) -> None:
        """Ask the reason, then cancel this encounter (it becomes read only)."""
        if not self.closed:
            self.app.push_screen(CancelEncounterModal(self.encounter_id), self._cancelled)

    def _cancelled(self, cancelled) -> None:
        if cancelled is None:
            return
        self.visit = encounters.get_encounter_record(self._store, self.encounter_id)
        self.app.notify(self.tr("encounter_cancelled", reason=cancelled.cancel_reason))
        self._apply_state()
        self.relabel()

    def action_print(self) -> None:
        self.app.notify(self.tr("printing"), timeout=2)
        print_visit(self.app, self.encounter_id)

    def action_labels(self) -> None:
        """Print this encounter's labels (a glasses order for the lab, a specimen pot), in the screen's
        language: on the station's thermal printer when one is set, else as a PDF in ``prints/``; says
        so when it has none."""
        from ayni.core.documents import labels

        encounter_id, lang = self.encounter_id, self.lang
        if not labels.labels_of_encounter(self._store, encounter_id, lang):
            self.app.notify(self.tr("no_labels"), severity="warning", timeout=6)
            return
        enc = self.visit.encounter
        print_document(self.app, f"etiquetas-{encounters.reference(encounter_id)}",
                       lambda own: labels.render_labels(labels.labels_of_encounter(own, encounter_id, lang), lang),
                       station=f"{enc.specialty}:{enc.station}",
                       slip=lambda own: [labels.label_slip(label) for label in labels.labels_of_encounter(own, encounter_id, lang)])

    def action_alerts(self) -> None:
        """Alt+A: every alert of this encounter, whole."""
        from .alerts import AlertsScreen

        self.app.push_screen(AlertsScreen(self._store, self.visit))

    def palette_commands(self):
        """Commands this screen adds to the command palette."""
        for action, key in (("save", "b_save"), ("payment", "b_payment"), ("close_print", "b_close_print"),
                            ("print", "b_print"), ("labels", "b_labels"), ("cancel_encounter", "b_cancel_encounter"),
                            ("alerts", "b_visit_alerts")):
            if self.check_action(action, ()):
                yield SystemCommand(self.tr(key), self.tr(key), getattr(self, f"action_{action}"))


class CancelEncounterModal(FormModal):
    """The reason an encounter is cancelled; Ctrl+S cancels it (:func:`ayni.core.clinical.encounters.cancel`)
    and answers the cancelled encounter; a refusal (no reason, a payment, not theirs) keeps it open."""

    title_key = "cancel_encounter_title"
    BINDINGS = [Binding("ctrl+s", "submit", "b_cancel_encounter", priority=True)]  # «Anular», as the title says

    def __init__(self, encounter_id: str):
        super().__init__()
        self.encounter_id = encounter_id

    def form_rows(self) -> list[FormRow]:
        return [FormRow("reason", "cancel_reason", Input(id="reason", compact=True,
                                                         max_length=encounters.MAX_CANCEL_REASON))]

    def info(self) -> str:
        return self.tr("cancel_encounter_info")

    def submit(self):
        return encounters.cancel(self.app.store, self.encounter_id, self.query_one("#reason", Input).value)


class AcknowledgeModal(FormModal):
    """The warnings a save raised (:class:`ayni.core.SoftStop`), each with its reason; Ctrl+S saves
    the same forms, procedures and diagnoses with the reasons (kept with the encounter) and answers
    the saved visit. A reason refused stays under its warning; Esc goes back without saving."""

    title_key = "ack_title"
    DEFAULT_CSS = """
    AcknowledgeModal #dialog { width: 100; height: auto; max-height: 90%; }
    """

    def __init__(self, warnings, encounter_id: str, forms: dict, procedures: list, diagnoses: list):
        super().__init__()
        self.warnings = list(warnings)
        self.encounter_id, self.forms, self.procedures, self.diagnoses = encounter_id, forms, procedures, diagnoses

    def form_rows(self) -> list[FormRow]:
        return [FormRow(f"ack{n}", "ack_reason", Input(id=f"ack{n}", compact=True, max_length=MAX_REASON,
                                                        suggester=self._suggester(w)))
                for n, w in enumerate(self.warnings, start=1)]

    def _suggester(self, warning) -> SuggestFromList | None:
        """The answers a warning offers (a question's), completed as they are typed."""
        answers = [o.text.get(lang) for o in warning.options for lang in ("es", "en")]
        return SuggestFromList(answers, case_sensitive=False) if answers else None

    def info(self) -> str:
        return "\n".join(f"{n}. {w.message(self.lang)}" for n, w in enumerate(self.warnings, start=1))

    def relabel(self) -> None:
        super().relabel()
        for n, row in enumerate(self.query(FormRow), start=1):
            row.query_one(".field-label", Label).update(self.tr("ack_reason", n=n))

    def show_errors(self, errors: list[FieldError]) -> None:
        rows = {w.code: f"ack{n}" for n, w in enumerate(self.warnings, start=1)}
        super().show_errors([attrs.evolve(e, field=rows.get(e.field, e.field)) for e in errors])

    def submit(self):
        reasons = {w.code: self.query_one(f"#ack{n}", Input).value for n, w in enumerate(self.warnings, start=1)}
        return encounters.save(self.app.store, self.encounter_id, forms=self.forms, procedures=self.procedures,
                               diagnoses=self.diagnoses, acknowledged=reasons)
