"""What plugins declare about themselves: specialties, procedure codes, diagnosis codes, equipment,
PDF sections and report rows. Plain data, so the core and the UI can use them without knowing the
plugin."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs

from .i18n import Text


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
    fee in soles; ``target`` says what it is done on (``patient``, ``mouth``, ``tooth``, ``eye``,
    ``limb``); ``mappings`` optionally maps to free public code systems (``{"ICD-10-PCS": "..."}``).
    """

    code: str
    label: Text
    fee: Decimal
    target: str = "patient"
    mappings: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen
class DiagnosisCode:
    """An ICD-10 code with its label, as bundled by a plugin."""

    code: str
    label: Text

    def display(self, lang: str) -> str:
        """«J06.9 — Infección aguda de las vías respiratorias superiores»."""
        return f"{self.code} — {self.label.get(lang)}"


@attrs.frozen
class EquipmentItem:
    """Something a plugin dispenses (readers, a wheelchair, a hygiene kit), with the attributes that
    size or fit it (``("power",)``, ``("seat_width_cm", "seat_depth_cm")``)."""

    key: str
    label: Text
    attributes: tuple[str, ...] = ()


@attrs.frozen
class PdfSection:
    """An HTML fragment a plugin contributes to a document; ``order`` sorts sections (lower first)."""

    title: str
    html: str
    order: int = 100


@attrs.frozen
class ReportRow:
    """One figure for a campaign report: what was counted, in which group, and how many."""

    specialty: str
    label: Text
    value: int | Decimal
    group: str = ""


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
    its key (namespaced), its label, and ``render(store, encounter_id, lang)`` returning PDF bytes."""

    key: str
    label: Text
    render: Callable = attrs.field(eq=False)
