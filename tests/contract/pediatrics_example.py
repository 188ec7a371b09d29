"""The third-party plugin of docs/plugins.md, written as an outside team would: it imports only
``ayni.core``. The contract tests check that what the guide teaches keeps the contract."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ayni.core import Field, FieldType, FormSpec, ProcedureCode, ProcedureEntry, Specialty, Text, hookimpl
from ayni.core.clinical import encounters
from ayni.core.documents.reporting import specialty_rows
from ayni.core.documents.sections import visit_sections


def _muac_in_cm(values: dict) -> dict:
    """Mid-upper-arm circumference in centimetres, from the millimetres typed."""
    if values.get("muac_mm") is None:
        return {}
    return {"muac_cm": (Decimal(values["muac_mm"]) / 10).quantize(Decimal("0.1"), ROUND_HALF_UP)}


GROWTH = FormSpec(
    key="pediatrics.growth",
    version=1,
    title=Text("Control de crecimiento", "Growth monitoring"),
    specialty="pediatrics",
    fields=(
        Field("weight", FieldType.DECIMAL, Text("Peso", "Weight"), unit="kg", required=True,
              min=Decimal("0.5"), max=Decimal("80"), step=Decimal("0.1")),
        Field("muac_mm", FieldType.INTEGER, Text("Perímetro braquial", "Mid-upper-arm circumference"),
              unit="mm", min=60, max=300),
        Field("muac_cm", FieldType.DECIMAL, Text("Perímetro braquial (cm)", "MUAC (cm)"), unit="cm", derived=True),
    ),
    derive=_muac_in_cm,
)

SPECIALTY = Specialty(
    key="pediatrics",
    name=Text("Pediatría", "Paediatrics"),
    stations=("growth", "consultation"),
    forms=(GROWTH.key,),
    station_labels={"growth": Text("Crecimiento", "Growth"), "consultation": Text("Consultorio", "Consultation")},
)


@hookimpl
def ayni_specialties():
    """Paediatrics, with its growth and consultation stations."""
    return [SPECIALTY]


@hookimpl
def ayni_forms():
    """The growth-monitoring form."""
    return [GROWTH]


@hookimpl
def ayni_procedure_codes():
    """Deworming and growth monitoring."""
    return [
        ProcedureCode("pediatrics.deworming", Text("Desparasitación", "Deworming"), Decimal("0.00")),
        ProcedureCode("pediatrics.growth_check", Text("Control de crecimiento", "Growth check"), Decimal("3.00")),
    ]


@hookimpl
def ayni_pdf_sections(visit, lang):
    """The growth form of a paediatric encounter."""
    return visit_sections(visit, lang, SPECIALTY.key, [GROWTH])


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Encounters per station, procedures and diagnoses by code."""
    return specialty_rows(store, campaign, day, SPECIALTY)


@hookimpl
def ayni_demo(demo):
    """Growth checks for about a third of each demo day's children under five."""
    rng = demo.rng(SPECIALTY.key)
    with demo.acting(demo.staff("Lic. Ana Ccori Huamán", "clinician")):
        for patient, _ in demo.patients_for(SPECIALTY.key, rng, share=0.3):
            age = demo.age(patient)
            if age >= 5:
                continue
            visit = encounters.open_encounter(demo.store, patient.id, SPECIALTY.key, "growth", demo.campaign.id)
            weight = Decimal(2 * age + 8) + Decimal(rng.randint(-15, 15)) / 10
            encounters.save(demo.store, visit.id, forms={GROWTH.key: {"weight": str(weight)}},
                            procedures=[ProcedureEntry("pediatrics.growth_check")])
            encounters.close(demo.store, visit.id)
            demo.pay(rng, visit.id, age)
            demo.later(5)
