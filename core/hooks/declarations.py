"""What plugins declare about themselves: specialties, procedure codes, diagnosis codes, equipment,
PDF sections and report rows. Plain data, so the core and the UI can use them without knowing the
plugin."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

import attrs

from ..clinical.forms import SIDE_LABELS, Choice, FormSpec
from ..i18n import Text, document_language, lower_first, phrase


@attrs.frozen
class Specialty:
    """A specialty a plugin offers: its key (also the prefix of its codes), names, stations and forms.

    ``forms`` lists the keys of the forms filled in an encounter of this specialty, in order;
    ``station_forms`` narrows that per station (triage fills only the triage form).
    """

    key: str
    name: Text
    stations: tuple[str, ...]
    forms: tuple[str, ...] = ()
    station_labels: dict[str, Text] = attrs.field(factory=dict)
    station_forms: dict[str, tuple[str, ...]] = attrs.field(factory=dict)

    def station_label(self, station: str, lang: str) -> str:
        """The station's display name, or its key."""
        label = self.station_labels.get(station)
        return label.get(lang) if label else station


@attrs.frozen
class ProcedureCode:
    """A procedure in a plugin's catalogue.

    ``code`` is namespaced by the specialty key (``dental.extraction``); ``fee`` is the suggested
    fee in soles; ``target`` says what it is done on: the key of a :class:`ProcedureTarget`, the
    core's (``patient``, ``mouth``, ``tooth``, ``eye``, ``limb``) or a plugin's own
    (``ayni_procedure_targets``); ``mappings`` optionally maps to free public code systems
    (``{"ICD-10-PCS": "..."}``).
    """

    code: str
    label: Text
    fee: Decimal
    target: str = "patient"
    mappings: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen
class ProcedureTarget:
    """What a procedure can be done on, and what adding one asks.

    ``key`` is what :attr:`ProcedureCode.target` names (``"ear"``). ``choices`` are the answers
    offered when such a procedure is added, in the order shown (none: nothing is asked); the answer
    is stored in the procedure's detail under ``detail_key`` (the target's key unless given) and
    printed after ``label`` («Oído: derecho»). ``detail_labels`` names the further keys a detail of
    this target may hold (a tooth's ``surfaces``).
    """

    key: str
    label: Text
    choices: tuple[Choice, ...] = ()
    detail_key: str = ""
    detail_labels: dict[str, Text] = attrs.field(factory=dict)

    @property
    def answer_key(self) -> str:
        """The key of the procedure's detail that holds the answer."""
        return self.detail_key or self.key

    def choice_label(self, value) -> Text | None:
        """The label of one answer, or ``None`` when it is not one of the choices."""
        return next((c.label for c in self.choices if c.value == value), None)


def _sides(*keys: str) -> tuple[Choice, ...]:
    return tuple(Choice(key, SIDE_LABELS[key]) for key in keys)


#: The targets every plugin may name; the tooth is asked by a dialog of its own (FDI number and
#: surfaces), the others by their choices.
CORE_TARGETS: tuple[ProcedureTarget, ...] = (
    ProcedureTarget("patient", Text("Paciente", "Patient")),
    ProcedureTarget("mouth", Text("Boca", "Mouth")),
    ProcedureTarget("tooth", Text("Pieza", "Tooth"), detail_labels={
        "teeth": Text("Piezas", "Teeth"), "surfaces": Text("Superficies", "Surfaces")}),
    ProcedureTarget("eye", Text("Ojo", "Eye"), _sides("od", "os", "ou")),
    ProcedureTarget("limb", Text("Lado", "Side"), _sides("right", "left"), detail_key="side",
                    detail_labels={"limb": Text("Miembro", "Limb")}),
)


#: Names of the detail keys any procedure may hold, whatever its target.
DETAIL_LABELS: dict[str, Text] = {"site": Text("Zona", "Site"), "note": Text("Nota", "Note")}


def detail_parts(detail: Mapping, lang: str, targets: Mapping[str, ProcedureTarget] | None = None) -> list[tuple[str, str]]:
    """A procedure's detail as (label, value) pairs in ``lang``, empty values left out:
    ``{"eye": "od"}`` → ``[("Ojo", "OD (ojo derecho)")]``. ``targets`` are the installation's
    (``Plugins.targets``); without them, the core's."""
    targets = targets if targets is not None else {t.key: t for t in CORE_TARGETS}
    labels: dict[str, tuple[Text, ProcedureTarget | None]] = {k: (v, None) for k, v in DETAIL_LABELS.items()}
    for target in targets.values():
        labels.update({k: (v, None) for k, v in target.detail_labels.items()})
        labels[target.answer_key] = (target.label, target)

    def value_text(value, target) -> str:
        if isinstance(value, (list, tuple)):
            return ", ".join(value_text(v, target) for v in value)
        label = target.choice_label(value) if target is not None else None
        return label.get(lang) if label is not None else str(value)

    parts = []
    for key, value in detail.items():
        if value in (None, "", [], ()):
            continue
        label, target = labels.get(key, (None, None))
        parts.append((label.get(lang) if label else key, value_text(value, target)))
    return parts


@attrs.frozen
class DiagnosisCode:
    """An ICD-10 code with its label, as bundled by a plugin, and the everyday words people type for
    it (``synonyms``: «presión alta» for I10, «dolor de cabeza» for R51), which the code search
    (:mod:`ayni.core.clinical.codesearch`) finds as it finds the label, ignoring accents and case."""

    code: str
    label: Text
    synonyms: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    def display(self, lang: str) -> str:
        """«J06.9 — Infección aguda de las vías respiratorias superiores»."""
        return f"{self.code} — {self.label.get(lang)}"


@attrs.frozen
class EquipmentItem:
    """Something a plugin dispenses (readers, a wheelchair, a hygiene kit), with the attributes that
    size or fit it (``("power",)``, ``("seat_width_cm", "seat_depth_cm")``).

    ``fitting_form`` names a form the plugin declares (``ayni_forms``, not necessarily listed in any
    :class:`Specialty`) that must be filled to hand the item out (``"physio.fit_walker"``); the
    plugin's ``ayni_dispense`` checks it and hands the item out in one transaction.

    ``attribute_labels`` names the attributes and ``value_labels`` their values for people
    (``{"gain": {"moderate_severe": Text("moderada a severa", "moderate to severe")}}``); an
    attribute with neither is named by the field of the fitting form with the same key, if any.

    ``kind`` is what stock lists call the kind of item it is (``Text("vacuna", "vaccine")``);
    without one it is listed as equipment.

    ``procedure`` names the procedure code (one of the plugin's) that handing it out is: readers,
    ``"optometry.readers_fitting"``. Whichever path hands it out (the «Entregas» tab, a plan carried
    out at the close), the core adds that line for the units no line of it covers yet, in the same
    transaction as the stock movement: one hand-out, one movement and one procedure line.
    """

    key: str
    label: Text
    attributes: tuple[str, ...] = ()
    low_stock: int | None = None  # warn when fewer are left (None: the stock default)
    fitting_form: str | None = None
    attribute_labels: dict[str, Text] = attrs.field(factory=dict)
    value_labels: dict[str, dict[str, Text]] = attrs.field(factory=dict)
    kind: Text | None = None
    procedure: str | None = None

    def describe(self, attributes: Mapping, lang: str, form: FormSpec | None = None) -> str:
        """A lot's attributes as people read them: «potencia +2.00», «tipo estándar · talla M».
        ``form`` is the item's fitting form, whose fields name what the item does not."""
        fields = {f.key: f for f in form.fields} if form is not None else {}
        parts = []
        for key, value in attributes.items():
            field = fields.get(key)
            label = self.attribute_labels.get(key) or (field.label if field else None)
            named = self.value_labels.get(key, {}).get(str(value))
            shown = named.get(lang) if named else field.choice_label(str(value), lang) if field else str(value)
            unit = f" {field.unit}" if field is not None and field.unit and named is None else ""
            parts.append(f"{lower_first(label.get(lang)) if label else key} {lower_first(shown)}{unit}")
        return " · ".join(parts)


#: The dosage forms a formulary medicine may take, with their printed names.
MEDICINE_FORMS: dict[str, Text] = {
    "tablet": Text("tableta", "tablet"),
    "capsule": Text("cápsula", "capsule"),
    "syrup": Text("jarabe", "syrup"),
    "suspension": Text("suspensión", "suspension"),
    "solution": Text("solución", "solution"),
    "drops": Text("gotas", "drops"),
    "cream": Text("crema", "cream"),
    "ointment": Text("ungüento", "ointment"),
    "injection": Text("inyectable", "injection"),
    "inhaler": Text("inhalador", "inhaler"),
    "sachet": Text("sobre", "sachet"),
    "other": Text("otra forma", "other form"),
}


@attrs.frozen
class Medicine:
    """A medicine of a plugin's formulary, kept in stock and dispensed like any item.

    ``key`` is namespaced (``general.paracetamol_500``); ``name`` is the generic name;
    ``strength`` is as printed on the box (``"500 mg"``, ``"250 mg/5 mL"``); ``form`` is a key of
    :data:`MEDICINE_FORMS`; ``low_stock`` is how few units left count as low (``None``: the default).
    """

    key: str
    name: Text
    strength: str
    form: str = attrs.field(validator=attrs.validators.in_(MEDICINE_FORMS))
    low_stock: int | None = None

    @property
    def label(self) -> Text:
        """«Paracetamol 500 mg (tableta)»: name, strength and form, as stock lists show it."""
        form = MEDICINE_FORMS[self.form]
        if not self.strength.strip():
            return phrase(Text("{name} ({form})", "{name} ({form})"), name=self.name, form=form)
        return phrase(Text("{name} {strength} ({form})", "{name} {strength} ({form})"), name=self.name,
                      strength=self.strength.strip(), form=form)


@attrs.frozen
class PdfSection:
    """An HTML fragment a plugin contributes to a document; ``order`` sorts sections (lower first)."""

    title: str
    html: str
    order: int = 100


@attrs.frozen
class ReportRow:
    """One figure for a campaign report: what was counted, in which group, and how many.

    ``group`` is the key of the table the row belongs to; ``group_title`` titles that table (one row
    of the group giving it is enough; :func:`ayni.core.documents.reporting.titled` fills it from a dict).
    Without one, the core's title of a usual group (``encounters``, ``diagnoses``, ``referrals`` …)
    is used, else the key itself. A ``headline`` row may give ``label_one``, the phrase after a count
    of exactly one («operación realizada» beside «operaciones realizadas»).
    """

    specialty: str
    label: Text
    value: int | Decimal
    group: str = ""
    group_title: Text | None = None
    label_one: Text | None = None


#: How serious an :class:`Alert` is, most serious first.
ALERT_LEVELS = ("danger", "warning", "info")


@attrs.frozen
class Alert:
    """Something about a visit a person must notice (SpO2 84 %, PHQ-9 item 9 answered, a penicillin
    allergy): ``level`` is one of :data:`ALERT_LEVELS`; ``field`` names the form field it comes
    from (``"general.triage.spo2"``), if any; ``text`` is what is shown, in es and en."""

    key: str
    level: str
    text: Text
    field: str = ""


@attrs.frozen
class TuiScreen:
    """A screen a plugin adds to the terminal UI: its key (namespaced), its menu label, and
    ``factory(store, lang)`` returning the Textual ``Screen``."""

    key: str
    label: Text
    factory: Callable = attrs.field(eq=False)


@attrs.frozen
class Document:
    """A further document a plugin offers for a visit (a glasses prescription, a referral letter):
    its key (namespaced), its label, and ``render(store, encounter_id, lang)`` returning PDF bytes.
    ``for_patient`` marks one handed to the patient (a prescription, a handout, home care): it is
    printed in the patient's language (:func:`~ayni.core.i18n.document_language`), not the screen's."""

    key: str
    label: Text
    render: Callable = attrs.field(eq=False)
    for_patient: bool = False

    def language(self, patient_language: str | None, screen_lang: str, chosen: str | None = None) -> str:
        """The language to print this document in: ``chosen`` if the person printing chose one, else
        the patient's for a document handed to them, else ``screen_lang`` (the clinical record's)."""
        if self.for_patient:
            return document_language(patient_language, chosen)
        return chosen or screen_lang
