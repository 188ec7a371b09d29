"""The eye examination in public codes, for the health system (``ayni_exchange_records``): visual
acuity, the refraction and the eye pressure, each eye apart.

LOINC codes used, each as HL7's own FHIR examples and published FHIR implementation guides use it:

* visual acuity panel ``98497-1``; uncorrected, right eye ``98499-7``, left eye ``98498-9``; best
  corrected (here: with the new correction), right ``65893-0``, left ``65897-1``; as decimal acuity
  (0.5 for 20/40), UCUM unit ``1``;
* intraocular pressure, right eye ``79892-6``, left eye ``79893-4`` (``mm[Hg]``);
* the refraction as the glasses prescription it is (FHIR's DeviceRequest lens examples): right lens
  sphere ``28826-6`` and add ``28810-0``; left lens sphere ``28842-3``, cylinder ``28843-1`` and
  axis ``28844-9`` (dioptres ``[diop]``, degrees ``deg``).

For what we found no LOINC code we could confirm (the right lens's cylinder and axis, the left
lens's add, acuity with the patient's own correction or a pinhole) the value carries the plugin's own
code in :data:`OWN_SYSTEM` (``<field>.<eye>``, as ``cylinder.od``): never a made-up LOINC code. An
acuity below the chart (CF, HM, LP, NLP) measures no letters, so it is not sent as a number.
"""

from __future__ import annotations

from decimal import Decimal

from ayni.core import FieldType, Measurement, Text
from ayni.core.clinical.forms import sided_label

from . import acuity, forms

#: The code system of this plugin's own codes (see the module's docstring and ``docs/fhir.md``).
OWN_SYSTEM = "urn:ayni:fhir:optometry"
_PANEL = ("98497-1", Text("Agudeza visual", "Visual acuity panel"))

#: Each (field, eye) with a LOINC code; the others get their own code.
LOINC_CODES = {
    ("va_sc", "od"): "98499-7", ("va_sc", "os"): "98498-9",
    ("va_rx", "od"): "65893-0", ("va_rx", "os"): "65897-1",
    ("iop", "od"): "79892-6", ("iop", "os"): "79893-4",
    ("sphere", "od"): "28826-6", ("sphere", "os"): "28842-3",
    ("cylinder", "os"): "28843-1", ("axis", "os"): "28844-9",
    ("add", "od"): "28810-0",
}
#: The distance acuities (near acuity is read at 40 cm, on another scale).
_ACUITY = (*forms.ACUITY_FIELDS[:3], forms.VA_RX)
_LENS = ((forms.SPHERE, "[diop]"), (forms.CYLINDER, "[diop]"), (forms.AXIS, "deg"), (forms.ADD, "[diop]"))


def _measurement(field, eye: str, value: Decimal | int, unit: str, panel: bool = False) -> Measurement:
    code = LOINC_CODES.get((field.key, eye))
    return Measurement(code or f"{field.key}.{eye}", sided_label(field, eye), value, unit, category="exam",
                       panel=_PANEL[0] if panel else "", panel_label=_PANEL[1] if panel else None,
                       **({} if code else {"system": OWN_SYSTEM}))


def _acuities(values: dict) -> list[Measurement]:
    found = []
    for field in _ACUITY:
        for eye, notation in sorted((values.get(field.key) or {}).items()):
            if eye not in forms.EYES or notation in acuity.LOW_VISION:
                continue
            decimal = acuity.as_decimal(acuity.logmar_of(notation))
            found.append(_measurement(field, eye, decimal, "1", panel=True))
    return found


def _per_eye(values: dict, field, unit: str) -> list[Measurement]:
    number = Decimal if field.type == FieldType.DECIMAL else int
    return [_measurement(field, eye, number(str(value)), unit)
            for eye, value in sorted((values.get(field.key) or {}).items()) if value is not None]


def records(visit) -> list[Measurement]:
    """The examination's acuity (one panel), refraction and eye pressure, per eye, with their codes."""
    if visit.encounter.specialty != forms.SPECIALTY:
        return []
    values = visit.form(forms.EXAM.key)
    lens = [m for field, unit in _LENS for m in _per_eye(values, field, unit)]
    return [*_acuities(values), *lens, *_per_eye(values, forms.IOP, "mm[Hg]")]
