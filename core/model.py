"""The records Ayni keeps: attrs classes, immutable; changes are new versions, never edits in place."""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import uuid
from collections.abc import Callable
from decimal import Decimal

import attrs

from ._moved import renamed_fields
from .dates import today_in_lima
from .i18n import Text


def new_id() -> str:
    """A random UUID as text, so records made on different machines never collide."""
    return str(uuid.uuid4())


def number_label(device: str, number: int | None) -> str:
    """A patient number as people write it: the device letter and four digits («B-0042»), or the
    number alone without a letter (numbers given before device letters, or on a laptop that has
    none). Empty for no number."""
    if number is None:
        return ""
    return f"{device}-{number:04d}" if device else str(number)


def receipt_label(device: str, number: int) -> str:
    """A receipt number as printed: the device letter and six digits («B-000042»), or six digits alone."""
    return f"{device}-{number:06d}" if device else f"{number:06d}"


# Set only by the demo runner (ayni.core.campaign.demo.seeding), which lays its days in the past and
# says so in the audit log; nothing else may backdate a record, so there is no public way to set it.
_CLOCK: contextvars.ContextVar[Callable[[], dt.datetime] | None] = contextvars.ContextVar("ayni_clock", default=None)


def utcnow() -> dt.datetime:
    """The current time in UTC (stored), shown later in America/Lima; while the demo is seeded,
    the time on the demo day's clock."""
    now = _CLOCK.get()
    return now() if now is not None else dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


class Sex(enum.StrEnum):
    """Sex recorded at registration."""

    FEMALE = "F"
    MALE = "M"
    OTHER = "X"


class IdKind(enum.StrEnum):
    """Kinds of identity document seen at Peruvian campaigns."""

    DNI = "dni"
    CE = "ce"  # carné de extranjería
    CEDULA_VE = "cedula_ve"  # Venezuelan cédula de identidad
    PASSPORT = "passport"
    NONE = "none"


ID_KIND_LABELS = {
    IdKind.DNI: Text("DNI", "DNI (Peruvian ID)"),
    IdKind.CE: Text("Carné de extranjería", "Foreigner's card (CE)"),
    IdKind.CEDULA_VE: Text("Cédula venezolana", "Venezuelan cédula"),
    IdKind.PASSPORT: Text("Pasaporte", "Passport"),
    IdKind.NONE: Text("Sin documento", "No document"),
}


class EncounterStatus(enum.StrEnum):
    """An encounter is open while care is given and closed once signed off, or cancelled when it was
    opened by mistake; it is never deleted."""

    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"


@attrs.frozen
class Identifier:
    """An identity document: kind and number."""

    kind: IdKind
    value: str


@attrs.frozen
class Guardian:
    """The adult responsible for a minor."""

    name: str
    relationship: str = ""
    phone: str = ""


@attrs.frozen
class User:
    """A person who writes records; every write names one."""

    id: str
    name: str
    role: str = "clinician"
    created_at: dt.datetime = attrs.field(factory=utcnow)


@attrs.frozen
class Site:
    """Where a campaign works: a school, health post or community hall."""

    id: str
    name: str
    community: str = ""
    district: str = ""
    region: str = ""


@attrs.frozen
class Campaign:
    """A campaign: a team at a site for some days, offering some specialties."""

    id: str
    name: str
    kind: str  # medical, dental, optometry, physio, surgery, mobile
    start_date: dt.date
    end_date: dt.date
    site_id: str | None = None
    region: str = ""
    partner: str = ""


@attrs.frozen
class Patient:
    """A person seen by a campaign. Many know only their approximate age (``birth_date_estimated``).

    ``number`` is the short patient number, given at registration for the ticket and for calling
    the patient: the sequence of the laptop that registered them, whose letter is ``device``
    («B-0042»; a laptop without a letter numbers 1, 2, 3 … as before, see
    ``ayni.core.storage.devices``). ``card_number`` is how it is written. ``id`` stays the identity
    across machines.
    """

    id: str
    given_names: str
    paternal_surname: str
    maternal_surname: str
    sex: Sex
    birth_date: dt.date | None
    birth_date_estimated: bool = False
    identifiers: tuple[Identifier, ...] = ()
    community: str = ""
    district: str = ""
    region: str = ""
    language: str = "es"
    phone: str = ""
    guardian: Guardian | None = None
    created_at: dt.datetime = attrs.field(factory=utcnow)
    number: int | None = None
    device: str = ""

    @property
    def card_number(self) -> str:
        """The number as written on the card and shown everywhere: «B-0042», or «42» without a letter."""
        return number_label(self.device, self.number)

    @property
    def surnames(self) -> str:
        return " ".join(s for s in (self.paternal_surname, self.maternal_surname) if s)

    @property
    def full_name(self) -> str:
        """Given names then both surnames: «Rosa Elena Núñez Quispe»."""
        return f"{self.given_names} {self.surnames}".strip()

    def age(self, on: dt.date | None = None) -> int | None:
        """Age in whole years on ``on`` (today in Lima by default)."""
        if self.birth_date is None:
            return None
        on = on or today_in_lima()
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))

    def identifier_text(self) -> str:
        """The identifiers as one line: «DNI 45678912»."""
        return ", ".join(
            f"{ID_KIND_LABELS[i.kind].es} {i.value}" for i in self.identifiers if i.kind != IdKind.NONE
        )


@attrs.frozen
class Encounter:
    """One visit of a patient to one station of one specialty during a campaign."""

    id: str
    patient_id: str
    campaign_id: str
    specialty: str
    station: str
    status: EncounterStatus = EncounterStatus.OPEN
    opened_at: dt.datetime = attrs.field(factory=utcnow)
    opened_by: str = ""
    closed_at: dt.datetime | None = None
    closed_by: str | None = None
    cancelled_at: dt.datetime | None = None
    cancelled_by: str | None = None
    cancel_reason: str | None = None


@attrs.frozen
class FormData:
    """A filled form of an encounter. A correction is a new revision; old ones stay."""

    id: str
    encounter_id: str
    form_key: str
    version: int
    data: dict
    revision: int = 1
    saved_at: dt.datetime = attrs.field(factory=utcnow)
    saved_by: str = ""


@attrs.frozen
class Procedure:
    """A procedure done in an encounter, with the fee suggested for it and what it was done on
    (``detail``: a tooth and surfaces, an eye, a limb)."""

    id: str
    encounter_id: str
    code: str
    fee: Decimal
    detail: dict = attrs.field(factory=dict)
    quantity: int = 1
    performed_at: dt.datetime = attrs.field(factory=utcnow)
    performed_by: str = ""


@renamed_fields(primary="is_primary")
@attrs.frozen
class Diagnosis:
    """A diagnosis of an encounter, as an ICD-10 code; ``is_primary`` for the main one (``primary``,
    its old name, still reads for one release, with a ``DeprecationWarning``)."""

    id: str
    encounter_id: str
    code: str
    system: str = "ICD-10"
    is_primary: bool = False


@attrs.frozen
class Payment:
    """What the patient gave for an encounter: the suggested total, what was paid, and why any
    difference (a sliding-scale level or a waiver with its reason and who approved it)."""

    id: str
    encounter_id: str
    suggested: Decimal
    amount: Decimal
    kind: str
    method: str = "cash"
    level: Decimal | None = None
    reason: str = ""
    in_kind_description: str = ""
    approved_by: str = ""
    received_at: dt.datetime = attrs.field(factory=utcnow)
    received_by: str = ""
    #: The cash day it counts in: the Lima day it was received, or the next when that day's cash was
    #: closed already (``None`` on payments taken before cash days were kept).
    cash_day: dt.date | None = None
