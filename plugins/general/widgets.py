"""Editors for the prescription and vaccination lines (``ayni_tui_widgets``). Each offers a picker
(the formulary searched by name or strength; the vaccine lots in stock), fills in the rest from what
was picked, shows what the line will be before it is added, and adds it to a text area holding the
lines (prescriptions in words a clinician reads, vaccine doses in their typed form), where the fast
syntax can still be typed. ``value`` is that text: the field's own parser checks it on save, as it checks each line
before it is added. Imported only by the UI (it imports Textual and the UI kit).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ayni.core import Field, Text
from ayni.core.clinical.codesearch import CodeIndex
from ayni.core.dates import format_date
from ayni.tui.kit import SearchPicker

from . import prescriptions, vaccines
from .formulary import BY_KEY, UNITS

WORDS: dict[str, Text] = {
    "add": Text("Añadir", "Add"),
    "find_medicine": Text("Buscar medicamento (nombre o concentración)…", "Find a medicine (name or strength)…"),
    "find_lot": Text("Buscar lote en stock (vacuna o lote)…", "Find a lot in stock (vaccine or lot)…"),
    "dose": Text("Dosis", "Dose"),
    "every": Text("Frecuencia", "Frequency"),
    "days": Text("Días", "Days"),
    "quantity": Text("Cantidad: {quantity}", "Quantity: {quantity}"),
    "pick_first": Text("Elija primero un medicamento.", "Pick a medicine first."),
    "pick_lot_first": Text("Elija primero un lote en stock.", "Pick a lot in stock first."),
    "no_lots": Text("No hay lotes de vacunas vigentes en stock; escriba la dosis abajo.",
                    "No vaccine lots in date in stock; type the dose below."),
    "vx_dose": Text("Dosis", "Dose"),
    "site": Text("Sitio", "Site"),
    "choose": Text("— elegir —", "— choose —"),
    "once": Text("dosis única", "single dose"),
    "every_h": Text("cada {hours} h", "every {hours} h"),
    "rx_lines": Text("Líneas de la receta; también se escriben aquí, p. ej. «Amoxicilina 500 mg VO c/8h x 7 dias»",
                     "Prescription lines; they may be typed here too, e.g. «Amoxicillin 500 mg PO c/8h x 7 days»"),
    "vx_lines": Text("Dosis aplicadas; también se escriben aquí: vacuna dosis lote vencimiento sitio",
                     "Doses given; they may be typed here too: vaccine dose lot expiry site"),
    "lot": Text("{vaccine} — lote {lot}, vence el {expiry} ({quantity} en stock)",
                "{vaccine} — lot {lot}, expires {expiry} ({quantity} in stock)"),
    "lot_expired": Text("{vaccine} — lote {lot}: VENCIDO el {expiry}, no se aplica",
                        "{vaccine} — lot {lot}: EXPIRED on {expiry}, not to be given"),
    "expired_refused": Text("El lote {lot} de {vaccine} venció el {expiry}: no se aplica. Retírelo y elija otro lote.",
                            "Lot {lot} of {vaccine} expired on {expiry}: it is not to be given. Set it aside and "
                            "pick another lot."),
}


class LinesArea(TextArea):
    """A text area whose ``value`` is its text: one prescribed medicine or vaccine dose per line."""

    @property
    def value(self) -> str:
        return self.text


class LineBuilder(Vertical):
    """A picker, the details of one line under it, what the line will be, and the lines so far.

    Subclasses compose the details (:meth:`compose_details`), fill them in when something is picked
    (:meth:`picked`) and build the typed line from them (:meth:`typed_line`); «Añadir» (or Enter in a
    detail box) checks that line with the field's parser and adds it, or says why not.
    """

    DEFAULT_CSS = """
    LineBuilder { width: 1fr; height: auto; }
    LineBuilder > .line-details { height: auto; }
    LineBuilder > .line-details > Label { width: auto; padding: 0 1; }
    LineBuilder > .line-details > Input { width: 8; }
    LineBuilder > .line-details > Select { width: 24; }
    LineBuilder > .line-preview { color: $text-muted; }
    LineBuilder > LinesArea { height: auto; min-height: 3; max-height: 8; }
    """

    #: The word said when «Añadir» is pressed with nothing picked, and the hint of the empty lines.
    NOTHING_PICKED = "pick_first"
    LINES_HINT = "rx_lines"

    def __init__(self, field: Field, text: str, lang: str):
        super().__init__(classes="editor")
        self.field = field
        self.lang = lang
        self._text = text

    def w(self, key: str, **params) -> str:
        """The word ``key`` in the current language."""
        said = WORDS[key].get(self.lang)
        return said.format(**params) if params else said

    def compose(self) -> ComposeResult:
        yield self.make_picker()
        with Horizontal(classes="line-details"):
            yield from self.compose_details()
            yield Button(self.w("add"), compact=True, classes="line-add")
        yield Static("", classes="line-preview", markup=False)
        yield LinesArea(self._text, soft_wrap=True, tab_behavior="focus", compact=True,
                        placeholder=self.w(self.LINES_HINT))

    def make_picker(self) -> SearchPicker:
        """The picker the line starts from."""
        raise NotImplementedError

    def compose_details(self) -> ComposeResult:
        """The boxes filled in after picking."""
        raise NotImplementedError

    def picked(self, code: str) -> None:
        """Fill in the details for ``code``."""

    def typed_line(self) -> str | None:
        """The line as the details give it, or ``None`` when nothing is picked yet."""
        raise NotImplementedError

    def describe(self, checked: dict) -> str:
        """What a line that passed the check will be, shown before it is added."""
        return ""

    def written_line(self, checked: dict) -> str:
        """The line as it is added to the lines (the typed form unless a subclass words it)."""
        return self.typed_line()

    def hint(self) -> str:
        """What to say while nothing is picked."""
        return ""

    @property
    def value(self) -> str:
        """The lines, as typed or added (what the field's parser reads)."""
        return self.query_one(LinesArea).text if self.is_mounted else self._text

    @property
    def picker(self) -> SearchPicker:
        return self.query_one(SearchPicker)

    def on_mount(self) -> None:
        self.preview()
        self._show_parts()

    def watch_disabled(self, disabled: bool) -> None:
        super().watch_disabled(disabled)
        if self.is_mounted:
            self._show_parts()

    def _show_parts(self) -> None:
        """Read only (a closed encounter), the editor shows its lines alone: nothing to search or pick."""
        for part in (self.picker, self.query_one(".line-details"), self.query_one(".line-preview")):
            part.display = not self.disabled

    def check(self) -> tuple[dict | None, str]:
        """The line checked by the field's parser: its parsed value, or ``None`` and why not."""
        line = self.typed_line()
        if line is None:
            return None, ""
        parsed, error = self.field.parse(self.field, line)
        return (parsed[0], "") if error is None else (None, error.message(self.lang))

    def preview(self) -> None:
        """Say what the line will be (or why it cannot be added)."""
        checked, refusal = self.check()
        self.query_one(".line-preview", Static).update(self.describe(checked) if checked else refusal or self.hint())

    def is_whole_line(self, text: str) -> bool:
        """True when ``text`` typed in the picker is a whole line the field's parser takes
        («amoxicilina_500 1 c/8h x7d»): Enter adds it as it is, without picking."""
        return len(text.split()) > 2 and self.field.parse(self.field, text)[1] is None

    @on(SearchPicker.Typed)
    def _typed(self, event: SearchPicker.Typed) -> None:
        event.stop()
        lines, _ = self.field.parse(self.field, event.text)
        for checked in lines:
            self.append(self.written_line(checked))
        self.preview()

    def append(self, line: str) -> None:
        """Add one line under the lines so far."""
        area = self.query_one(LinesArea)
        area.text = "\n".join(part for part in (area.text.rstrip("\n"), line) if part)

    def add(self) -> None:
        """Add the line, checked, to the lines; start again from the picker."""
        checked, refusal = self.check()
        if checked is None:
            self.query_one(".line-preview", Static).update(refusal or self.w(self.NOTHING_PICKED))
            return
        self.append(self.written_line(checked))
        self.picker.value = None
        self.picker.query_one(Input).focus()
        self.relabel_details()
        self.preview()

    @on(SearchPicker.Picked)
    def _picked(self, event: SearchPicker.Picked) -> None:
        event.stop()
        self.picked(event.code)
        self.preview()
        self.focus_after_pick()

    def focus_after_pick(self) -> None:
        """Where the cursor goes once something is picked: its first detail."""
        self.query_one(".line-details").query("Input, Select").first().focus()

    @on(Input.Changed, ".line-details Input")
    @on(Select.Changed, ".line-details Select")
    def _detail_changed(self, event) -> None:
        event.stop()
        self.preview()

    @on(Input.Submitted, ".line-details Input")
    @on(Button.Pressed, ".line-add")
    def _add(self, event) -> None:
        event.stop()
        self.add()

    def relabel(self, lang: str) -> None:
        """Show the editor in ``lang``, keeping what was picked and typed."""
        self.lang = lang
        self.picker.relabel(lang)
        self.query_one(".line-add", Button).label = self.w("add")
        self.query_one(LinesArea).placeholder = self.w(self.LINES_HINT)
        self.relabel_details()
        self.preview()

    def relabel_details(self) -> None:
        """Say the details' own words in the current language."""


def _input(value: str, classes: str) -> Input:
    return Input(value, compact=True, classes=classes, select_on_focus=True)


class PrescriptionEditor(LineBuilder):
    """Prescribe by picking a medicine (type-ahead over the formulary); dose, frequency and days come
    from its usual course, and «Cantidad: 21 cápsulas» is shown before the line is added."""

    # two rows (dose, unit and frequency; then days and «Añadir»), so every box is in sight at 80 columns
    DEFAULT_CSS = """
    PrescriptionEditor > .line-details { layout: grid; grid-size: 4; grid-columns: auto 8 auto 1fr; }
    PrescriptionEditor > .line-details > Select { width: 1fr; max-width: 24; }
    """

    def make_picker(self) -> SearchPicker:
        return SearchPicker(prescriptions.FORMULARY, self.lang, show_codes=False, whole_line=self.is_whole_line,
                            placeholder=lambda lang: WORDS["find_medicine"].get(lang))

    def _frequencies(self) -> list[tuple[str, str]]:
        return [(self.w("every_h", hours=h), str(h)) for h in prescriptions.INTERVALS] + [(self.w("once"), "once")]

    def compose_details(self) -> ComposeResult:
        yield Label(self.w("dose"), classes="rx-dose-label")
        yield _input("", "rx-dose")
        yield Label("", classes="rx-unit")
        yield Select(self._frequencies(), allow_blank=False, value="8", compact=True, classes="rx-every")
        yield Label(self.w("days"), classes="rx-days-label")
        yield _input("", "rx-days")

    def picked(self, code: str) -> None:
        course = BY_KEY[code].usual
        self.query_one(".rx-dose", Input).value = f"{course.dose.normalize():f}"
        self.query_one(".rx-every", Select).value = str(course.every_h) if course.every_h else "once"
        self.query_one(".rx-days", Input).value = str(course.days)
        self.relabel_details()

    def typed_line(self) -> str | None:
        drug = BY_KEY.get(self.picker.value or "")
        if drug is None:
            return None
        every = self.query_one(".rx-every", Select).value
        dose = self.query_one(".rx-dose", Input).value.strip() or "0"
        days = self.query_one(".rx-days", Input).value.strip() or "0"
        frequency = "unica" if every == "once" else f"c/{every}h x{days}d"
        return f"{drug.alias} {dose} {frequency}"

    def written_line(self, checked: dict) -> str:
        return prescriptions.line_words(checked, self.lang)

    def describe(self, checked: dict) -> str:
        drug = BY_KEY[checked["medicine"]]
        return self.w("quantity", quantity=prescriptions.quantity_text(drug, checked["quantity"], self.lang))

    def relabel_details(self) -> None:
        self.query_one(".rx-dose-label", Label).update(self.w("dose"))
        self.query_one(".rx-days-label", Label).update(self.w("days"))
        every = self.query_one(".rx-every", Select)
        current = every.value
        every.set_options(self._frequencies())
        every.value = current
        drug = BY_KEY.get(self.picker.value or "")
        self.query_one(".rx-unit", Label).update(UNITS[drug.unit][1].get(self.lang) if drug else "")


class LotPicker(SearchPicker):
    """The vaccine lots in stock; those in ``searched_only`` (expired) are listed only for a query, so
    the lot of a vial in hand is found and named, never offered unasked."""

    def __init__(self, index: CodeIndex, lang: str, searched_only: set[str], **kwargs):
        super().__init__(index, lang, **kwargs)
        self.searched_only = searched_only

    def matches(self, query: str) -> list[str]:
        found = super().matches(query)
        return found if query.strip() else [code for code in found if code not in self.searched_only]


class VaccineEditor(LineBuilder):
    """Record a dose by picking a vaccine lot in stock (not expired, with doses on hand, nearest
    expiry first, as :func:`~.vaccines.lots_in_stock` lists them); the dose and site are chosen from
    the vaccine's own, the dose starting at the next of the patient's schedule
    (:func:`~.vaccines.next_dose`, on the encounter screen), which is said under the line. An expired lot
    still on the shelf is found when its lot is typed, and picking it says when it expired instead of
    adding it."""

    NOTHING_PICKED = "pick_lot_first"
    LINES_HINT = "vx_lines"

    # two rows (the dose; then the site and «Añadir»), so the site's name and the button show at 80 columns
    DEFAULT_CSS = """
    VaccineEditor > .line-details { layout: grid; grid-size: 3; grid-columns: auto 1fr auto; }
    VaccineEditor > .line-details > Select { width: 1fr; max-width: 24; }
    """

    def __init__(self, field: Field, text: str, lang: str):
        super().__init__(field, text, lang)
        self.lots: dict[str, tuple[vaccines.Vaccine, object]] = {}
        self.expired: dict[str, tuple[vaccines.Vaccine, object]] = {}
        self.advice: vaccines.DoseAdvice | None = None  # for the vaccine picked

    def make_picker(self) -> SearchPicker:
        store = getattr(self.app, "store", None)
        if store is not None:
            self.lots = {balance.lot.id: (vaccine, balance) for vaccine, balance in vaccines.lots_in_stock(store)}
            self.expired = {balance.lot.id: (vaccine, balance)
                            for vaccine, balance in vaccines.expired_lots_in_stock(store)}
        labels = [*((lot_id, self._lot_label("lot", *found)) for lot_id, found in self.lots.items()),
                  *((lot_id, self._lot_label("lot_expired", *found)) for lot_id, found in self.expired.items())]
        return LotPicker(CodeIndex(labels), self.lang, searched_only=set(self.expired), show_codes=False,
                         placeholder=lambda lang: WORDS["find_lot"].get(lang))

    @staticmethod
    def _lot_label(word: str, vaccine: vaccines.Vaccine, balance) -> Text:
        def said(lang: str) -> str:
            return WORDS[word].get(lang).format(vaccine=vaccine.name.get(lang), lot=balance.lot.lot,
                                                expiry=format_date(balance.lot.expiry, lang),
                                                quantity=balance.quantity)

        return Text(said("es"), said("en"))

    def focus_after_pick(self) -> None:
        """An expired lot has nothing to fill in: the cursor stays in the search, for another lot."""
        if self.picker.value in self.expired:
            self.picker.query_one(Input).focus()
        else:
            super().focus_after_pick()

    def check(self) -> tuple[dict | None, str]:
        """An expired lot picked is refused, naming it and its expiry; any other line as the parser says."""
        found = self.expired.get(self.picker.value or "")
        if found is None:
            return super().check()
        return None, self._lot_label("expired_refused", *found).get(self.lang)

    def compose_details(self) -> ComposeResult:
        yield Label(self.w("vx_dose"), classes="vx-dose-label")
        yield Select([], prompt=self.w("choose"), compact=True, classes="vx-dose")
        yield Label("")  # the dose's row ends here; the site's row ends with «Añadir»
        yield Label(self.w("site"), classes="vx-site-label")
        yield Select([], prompt=self.w("choose"), compact=True, classes="vx-site")

    def _vaccine(self) -> vaccines.Vaccine | None:
        found = self.lots.get(self.picker.value or "")
        return found[0] if found else None

    def picked(self, code: str) -> None:
        vaccine = self._vaccine()
        self.advice = self._advice(vaccine) if vaccine else None
        self.relabel_details()
        if vaccine:
            self.query_one(".vx-dose", Select).value = (self.advice.dose if self.advice and self.advice.dose
                                                         else vaccine.doses[0])

    def _advice(self, vaccine: vaccines.Vaccine) -> vaccines.DoseAdvice | None:
        """What the patient's recorded doses say of ``vaccine``, when the encounter is known (the
        encounter screen's ``visit``)."""
        store, visit = getattr(self.app, "store", None), getattr(self.screen, "visit", None)
        return vaccines.next_dose(store, visit, vaccine) if store is not None and visit is not None else None

    def typed_line(self) -> str | None:
        found = self.lots.get(self.picker.value or "")
        if found is None:
            return None
        vaccine, balance = found
        dose, site = self.query_one(".vx-dose", Select).value, self.query_one(".vx-site", Select).value
        return vaccines.dose_line({"vaccine": vaccine.key, "dose": dose, "lot": balance.lot.lot,
                                   "expiry": balance.lot.expiry.isoformat(), "site": site})

    def describe(self, checked: dict) -> str:
        """The dose, and under it what the patient's earlier doses advise: «2.ª dosis: la 1.ª fue el …»."""
        advice = f"\n{self.advice.text(self.lang)}" if self.advice and self._vaccine() else ""
        return vaccines.dose_text(checked, self.lang) + advice

    def written_line(self, checked: dict) -> str:
        return vaccines.dose_words(checked, self.lang)

    def hint(self) -> str:
        return "" if self.lots else self.w("no_lots")

    def relabel_details(self) -> None:
        self.query_one(".vx-dose-label", Label).update(self.w("vx_dose"))
        self.query_one(".vx-site-label", Label).update(self.w("site"))
        vaccine = self._vaccine()
        for selector, options in ((".vx-dose", [(vaccines.DOSES[d].get(self.lang), d) for d in vaccine.doses]
                                   if vaccine else []),
                                  (".vx-site", [(vaccines.SITES[s].get(self.lang), s) for s in vaccine.sites]
                                   if vaccine else [])):
            select = self.query_one(selector, Select)
            current = select.value
            select.prompt = self.w("choose")  # set before the options, which draw the blank one with it
            select.set_options(options)
            known = {value for _, value in options}
            select.value = current if current in known else (options[0][1] if options else Select.NULL)


def _factory(editor: type[LineBuilder], to_text: Callable) -> Callable:
    def make(field, value, lang):
        """The editor holding ``value`` (stored lines, or text already typed)."""
        return editor(field, value if isinstance(value, str) else to_text(value, lang), lang)

    return make


prescription_factory = _factory(PrescriptionEditor, prescriptions.to_text)
vaccines_factory = _factory(VaccineEditor, vaccines.to_text)
