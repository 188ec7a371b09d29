"""The dental catalogue: procedures (per tooth or whole mouth), oral ICD-10 codes, hygiene kits, and
what each tooth procedure does to the odontogram (data, not logic).

Restorations are priced by the number of surfaces, so each count has its own code
(``dental.resin.s2`` is a two-surface resin): one code, one suggested fee, and the report counts
them apart. ``s3`` is three surfaces or more.

SNOMED CT ``mappings``, for the health system, only where a well-known concept exists (as published
code lists use it): simple extraction 55162003 (tooth extraction), prophylaxis 34043003 (dental
prophylaxis). The other procedures go with our own code only (``urn:ayni:fhir:procedure``, see
``docs/fhir.md``): we map no code we could not confirm.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ayni.core import DiagnosisCode, EquipmentItem, Plural, ProcedureCode, Text, counted, phrase

SPECIALTY = "dental"


@attrs.frozen
class ToothAction:
    """What a tooth procedure does: ``kind`` is ``extraction``, ``restoration`` or ``sealant``;
    a restoration covers ``min_surfaces`` to ``max_surfaces`` surfaces (``None``: no upper bound)."""

    kind: str
    min_surfaces: int = 0
    max_surfaces: int | None = None


SURFACES = Plural("{n} superficie", "{n} superficies", "{n} surface", "{n} surfaces")


def _surfaces(n: int) -> Text:
    if n == 3:
        return Text("3 o más superficies", "3 or more surfaces")
    return counted(SURFACES, n)


def _restorations(prefix: str, name: Text, fees: tuple[str, str, str]) -> tuple[ProcedureCode, ...]:
    return tuple(
        ProcedureCode(f"{prefix}.s{n}", phrase(Text("{name}, {surfaces}", "{name}, {surfaces}"), name=name,
                                               surfaces=_surfaces(n)),
                      Decimal(fee), target="tooth")
        for n, fee in zip((1, 2, 3), fees)
    )


RESIN = _restorations("dental.resin", Text("Restauración con resina", "Composite resin restoration"),
                      ("15.00", "20.00", "25.00"))
ART = _restorations("dental.art", Text("Restauración atraumática (TRA) con ionómero",
                                       "Atraumatic restorative treatment (ART), glass ionomer"),
                    ("10.00", "12.00", "15.00"))

PROCEDURES = (
    ProcedureCode("dental.exam", Text("Examen odontológico y odontograma", "Dental examination and odontogram"),
                  Decimal("5.00")),
    ProcedureCode("dental.hygiene_education", Text("Educación en higiene oral (técnica de cepillado)",
                                                   "Oral hygiene education (brushing technique)"), Decimal("0.00")),
    ProcedureCode("dental.prophylaxis", Text("Profilaxis (limpieza dental)", "Prophylaxis (dental cleaning)"),
                  Decimal("10.00"), target="mouth", mappings={"SNOMED CT": "34043003"}),
    ProcedureCode("dental.fluoride", Text("Aplicación de flúor barniz", "Fluoride varnish application"),
                  Decimal("5.00"), target="mouth"),
    ProcedureCode("dental.sealant", Text("Sellante de fosas y fisuras (por pieza)", "Pit and fissure sealant (per tooth)"),
                  Decimal("5.00"), target="tooth"),
    *RESIN,
    *ART,
    ProcedureCode("dental.extraction.simple", Text("Exodoncia simple", "Simple extraction"), Decimal("10.00"),
                  target="tooth", mappings={"SNOMED CT": "55162003"}),
    ProcedureCode("dental.extraction.surgical", Text("Exodoncia quirúrgica", "Surgical extraction"),
                  Decimal("30.00"), target="tooth"),
)

#: What each tooth procedure does to the odontogram, by code.
TOOTH_ACTIONS: dict[str, ToothAction] = {
    "dental.sealant": ToothAction("sealant"),
    "dental.extraction.simple": ToothAction("extraction"),
    "dental.extraction.surgical": ToothAction("extraction"),
    **{p.code: ToothAction("restoration", n, None if n == 3 else n) for group in (RESIN, ART)
       for n, p in zip((1, 2, 3), group)},
}

#: The restoration code of the same material for ``n`` surfaces: ``RESTORATION_FOR["dental.resin"][2]``.
RESTORATION_FOR: dict[str, dict[int, str]] = {
    "dental.resin": {n: p.code for n, p in zip((1, 2, 3), RESIN)},
    "dental.art": {n: p.code for n, p in zip((1, 2, 3), ART)},
}

FLUORIDE = "dental.fluoride"

DIAGNOSES = (
    DiagnosisCode("K00.6", Text("Alteraciones en la erupción dentaria (diente temporal retenido)",
                                "Disturbances in tooth eruption (retained primary tooth)"),
                  synonyms=("diente de leche que no cae",)),
    DiagnosisCode("K02.0", Text("Caries limitada al esmalte", "Caries limited to enamel"),
                  synonyms=("mancha de caries",)),
    DiagnosisCode("K02.1", Text("Caries de la dentina", "Caries of dentine"),
                  synonyms=("muela picada", "diente picado", "caries")),
    DiagnosisCode("K04.0", Text("Pulpitis", "Pulpitis"),
                  synonyms=("dolor de muela", "dolor de diente", "nervio del diente")),
    DiagnosisCode("K04.7", Text("Absceso periapical sin fístula", "Periapical abscess without sinus"),
                  synonyms=("flemón", "cara hinchada por muela", "infección del diente")),
    DiagnosisCode("K05.0", Text("Gingivitis aguda", "Acute gingivitis"),
                  synonyms=("encías inflamadas", "sangrado de encías")),
    DiagnosisCode("K05.1", Text("Gingivitis crónica", "Chronic gingivitis"),
                  synonyms=("encías inflamadas", "sangrado de encías")),
    DiagnosisCode("K05.3", Text("Periodontitis crónica", "Chronic periodontitis"),
                  synonyms=("piorrea", "dientes flojos")),
    DiagnosisCode("K08.1", Text("Pérdida de dientes debida a accidente, extracción o enfermedad periodontal local",
                                "Loss of teeth due to accident, extraction or local periodontal disease"),
                  synonyms=("le faltan dientes", "chimuelo")),
    DiagnosisCode("S02.5", Text("Fractura de los dientes", "Fracture of tooth"),
                  synonyms=("diente roto", "diente partido")),
)

HYGIENE_KIT = "dental.hygiene_kit"

#: The kit's ``age_group`` attribute: a child's kit (small soft brush, children's paste) or an adult's.
KIT_GROUPS = {
    "child": Text("niño (menor de 12 años)", "child (under 12)"),
    "adult": Text("adulto", "adult"),
}

EQUIPMENT = (
    EquipmentItem(HYGIENE_KIT, Text("Kit de higiene oral (cepillo y pasta)", "Oral hygiene kit (brush and paste)"),
                  attributes=("age_group",), attribute_labels={"age_group": Text("Para", "For")},
                  value_labels={"age_group": KIT_GROUPS}),
)

KIT_CHILD_UNDER = 12
