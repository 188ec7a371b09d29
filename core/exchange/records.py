"""What a plugin's forms recorded, in shapes any health system understands: a measured value with its
LOINC code, a vaccine dose, a medicine prescribed, a procedure its own records hold. A plugin returns
them from ``ayni_exchange_records``; the core maps them to FHIR (``ayni.core.exchange.fhir``), so no
plugin needs to know FHIR."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ..i18n import Text

#: The FHIR observation categories a measurement may fall in.
OBSERVATION_CATEGORIES = ("vital-signs", "laboratory", "exam", "survey")
LOINC = "http://loinc.org"


@attrs.frozen
class Measurement:
    """A value measured in a visit: ``loinc`` its LOINC code (``"8310-5"``), ``label`` what it is,
    ``value`` a number, ``unit`` its UCUM code (``"Cel"``, ``"mm[Hg]"``, ``"/min"``).

    Measurements with the same ``panel`` (a LOINC code, such as ``"85354-9"`` for blood pressure) go
    together as the components of one observation named ``panel_label``.

    For a value LOINC has no code for (or none you could confirm), give your own code in ``loinc``
    and your own code system's URI in ``system`` (``urn:ayni:fhir:optometry``): never a made-up LOINC code.
    """

    loinc: str
    label: Text
    value: Decimal | int
    unit: str
    category: str = attrs.field(default="vital-signs", validator=attrs.validators.in_(OBSERVATION_CATEGORIES))
    panel: str = ""
    panel_label: Text | None = None
    system: str = LOINC


@attrs.frozen
class Vaccination:
    """A vaccine dose given in a visit: the plugin's vaccine key and name, optionally its CVX code,
    the dose («2.ª dosis») and its short code (``dose_code``: ``"2"``, ``"r1"``, the code the
    aggregate export counts doses by), lot, expiry and where it was given."""

    vaccine: str
    name: Text
    cvx: str = ""
    dose: Text | None = None
    lot: str = ""
    expiry: dt.date | None = None
    site: Text | None = None
    dose_code: str = ""


@attrs.frozen
class MedicationOrder:
    """A medicine prescribed in a visit: its formulary key (``general.amoxicillin_500``), the
    instructions in words, and how many units the whole course takes."""

    medicine: str
    instructions: Text
    quantity: int | None = None


@attrs.frozen
class ProcedureDone:
    """A procedure your own records hold beyond the visit's list of procedures (the operation of a
    surgical case): ``code`` of your catalogue (``surgery.cholecystectomy``, whose ``mappings`` to
    SNOMED CT come along) and what it is called, where on the body (``Text``: «ojo derecho») and when."""

    code: str
    label: Text
    body_site: Text | None = None
    performed_at: dt.datetime | None = None
