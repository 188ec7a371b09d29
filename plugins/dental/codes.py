"""The dental catalogue: procedures (per tooth or whole mouth), oral ICD-10 codes, hygiene kits."""

from __future__ import annotations

from decimal import Decimal

from ayni.core import DiagnosisCode, EquipmentItem, ProcedureCode, Text

PROCEDURES = (
    ProcedureCode("dental.exam", Text("Examen odontológico", "Dental examination"), Decimal("5.00")),
    ProcedureCode("dental.extraction", Text("Exodoncia simple", "Simple extraction"), Decimal("10.00"), target="tooth"),
    ProcedureCode("dental.restoration", Text("Restauración con resina", "Composite restoration"), Decimal("15.00"),
                  target="tooth"),
    ProcedureCode("dental.art", Text("Restauración atraumática (TRA) con ionómero",
                                     "Atraumatic restorative treatment (ART), glass ionomer"),
                  Decimal("10.00"), target="tooth"),
    ProcedureCode("dental.sealant", Text("Sellante de fosas y fisuras", "Pit and fissure sealant"), Decimal("5.00"),
                  target="tooth"),
    ProcedureCode("dental.prophylaxis", Text("Profilaxis dental", "Dental prophylaxis"), Decimal("10.00"),
                  target="mouth"),
    ProcedureCode("dental.fluoride", Text("Aplicación de flúor barniz", "Fluoride varnish"), Decimal("5.00"),
                  target="mouth"),
)

DIAGNOSES = (
    DiagnosisCode("K02.1", Text("Caries de la dentina", "Caries of dentine")),
    DiagnosisCode("K04.0", Text("Pulpitis", "Pulpitis")),
    DiagnosisCode("K04.7", Text("Absceso periapical sin fístula", "Periapical abscess without sinus")),
    DiagnosisCode("K05.0", Text("Gingivitis aguda", "Acute gingivitis")),
    DiagnosisCode("K05.1", Text("Gingivitis crónica", "Chronic gingivitis")),
    DiagnosisCode("K05.3", Text("Periodontitis crónica", "Chronic periodontitis")),
    DiagnosisCode("K08.1", Text("Pérdida de dientes debida a accidente, extracción o enfermedad periodontal local",
                                "Loss of teeth due to accident, extraction or local periodontal disease")),
)

EQUIPMENT = (
    EquipmentItem("dental.hygiene_kit", Text("Kit de higiene oral (cepillo y pasta)", "Oral hygiene kit (brush and paste)"),
                  attributes=("age_group",)),
)
