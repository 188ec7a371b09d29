"""The general forms in public codes, for the health system (``ayni_exchange_records``): the triage's
vital signs and measurements with LOINC codes and UCUM units, the vaccination register with CVX codes,
and the prescription's lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ayni.core import Measurement, MedicationOrder, Text, Vaccination

from . import forms
from .prescriptions import instruction, lines_of
from .vaccines import BY_KEY as VACCINES
from .vaccines import DOSES, SITES

_BLOOD_PRESSURE = ("85354-9", Text("Presión arterial", "Blood pressure panel"))

#: Each triage field measured: its LOINC code, UCUM unit, category and panel (blood pressure).
TRIAGE_CODES: dict[str, tuple[str, str, str, tuple[str, Text] | None]] = {
    "bp_systolic": ("8480-6", "mm[Hg]", "vital-signs", _BLOOD_PRESSURE),
    "bp_diastolic": ("8462-4", "mm[Hg]", "vital-signs", _BLOOD_PRESSURE),
    "heart_rate": ("8867-4", "/min", "vital-signs", None),
    "respiratory_rate": ("9279-1", "/min", "vital-signs", None),
    "temperature": ("8310-5", "Cel", "vital-signs", None),
    "spo2": ("59408-5", "%", "vital-signs", None),
    "weight": ("29463-7", "kg", "vital-signs", None),
    "height": ("8302-2", "cm", "vital-signs", None),
    "bmi": ("39156-5", "kg/m2", "vital-signs", None),
    "muac": ("56072-2", "cm", "vital-signs", None),
    "glucose": ("2339-0", "mg/dL", "laboratory", None),
}

#: CVX codes of the Peruvian schedule's vaccines (the «unspecified formulation» code where the
#: schedule does not say which product).
CVX_CODES = {
    "bcg": "19", "hvb": "08", "penta": "102", "ipv": "10", "bopv": "178", "rota": "122", "neumo": "109",
    "influenza": "88", "spr": "03", "dpt": "01", "varicela": "21", "hva": "85", "hpv": "137", "dt": "139",
    "dtpa": "115", "fa": "37", "covid": "213",
}


def measurements(values: dict) -> list[Measurement]:
    """The triage's measured values (those filled in), with their codes."""
    found = []
    for key, (loinc, unit, category, panel) in TRIAGE_CODES.items():
        if values.get(key) in (None, ""):
            continue
        panel_code, panel_label = panel or ("", None)
        found.append(Measurement(loinc, forms.TRIAGE.field(key).label, Decimal(str(values[key])), unit,
                                 category=category, panel=panel_code, panel_label=panel_label))
    return found


def vaccinations(values: dict) -> list[Vaccination]:
    """The doses of the vaccination register."""
    found = []
    for dose in values.get("doses") or []:
        vaccine = VACCINES.get(dose["vaccine"])
        found.append(Vaccination(
            vaccine=f"general.{dose['vaccine']}", name=vaccine.name if vaccine else Text(dose["vaccine"], dose["vaccine"]),
            cvx=CVX_CODES.get(dose["vaccine"], ""), dose=DOSES.get(dose["dose"]), lot=dose.get("lot", ""),
            expiry=dt.date.fromisoformat(str(dose["expiry"])[:10]) if dose.get("expiry") else None,
            site=SITES.get(dose.get("site", "")), dose_code=str(dose["dose"])))
    return found


def orders(values: dict) -> list[MedicationOrder]:
    """The prescription's lines, with the patient's instructions in both languages."""
    return [MedicationOrder(line["medicine"], Text(instruction(line, "es"), instruction(line, "en")),
                            line.get("quantity")) for line in lines_of(values)]


def records(visit) -> list:
    """Everything of a general-medicine visit that the health system reads in public codes."""
    if visit.encounter.specialty != forms.SPECIALTY:
        return []
    return [*measurements(visit.form(forms.TRIAGE.key)), *vaccinations(visit.form(forms.VACCINATION.key)),
            *orders(visit.form(forms.PRESCRIPTION.key))]
