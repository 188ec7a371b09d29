"""The surgical catalogue: the operations campaigns offer, and their ICD-10 codes beyond the general
list. Surgery dispenses no equipment."""

from __future__ import annotations

from decimal import Decimal

from ayni.core import DiagnosisCode, ProcedureCode, Text

PROCEDURES = (
    ProcedureCode("surgery.screening", Text("Evaluación prequirúrgica", "Pre-operative screening"), Decimal("10.00")),
    ProcedureCode("surgery.inguinal_hernia_repair", Text("Hernioplastía inguinal", "Inguinal hernia repair"),
                  Decimal("50.00")),
    ProcedureCode("surgery.umbilical_hernia_repair", Text("Hernioplastía umbilical", "Umbilical hernia repair"),
                  Decimal("50.00")),
    ProcedureCode("surgery.cholecystectomy", Text("Colecistectomía", "Cholecystectomy"), Decimal("100.00")),
    ProcedureCode("surgery.lipoma_excision", Text("Exéresis de lipoma o quiste", "Lipoma or cyst excision"),
                  Decimal("30.00")),
    ProcedureCode("surgery.hydrocelectomy", Text("Hidrocelectomía", "Hydrocelectomy"), Decimal("50.00")),
    ProcedureCode("surgery.cataract_extraction", Text("Extracción de catarata con lente intraocular",
                                                      "Cataract extraction with intraocular lens"),
                  Decimal("80.00"), target="eye"),
    ProcedureCode("surgery.cleft_lip_repair", Text("Queiloplastía (labio leporino)", "Cleft lip repair"),
                  Decimal("0.00")),
)

DIAGNOSES = (
    DiagnosisCode("K42.9", Text("Hernia umbilical sin obstrucción ni gangrena",
                                "Umbilical hernia without obstruction or gangrene")),
    DiagnosisCode("D17.9", Text("Tumor benigno lipomatoso, de sitio no especificado",
                                "Benign lipomatous neoplasm, unspecified")),
    DiagnosisCode("N43.3", Text("Hidrocele, no especificado", "Hydrocele, unspecified")),
    DiagnosisCode("Q36.9", Text("Labio leporino, unilateral", "Cleft lip, unilateral")),
)
