"""The physiotherapy catalogue: assessment and treatments, neurological and rehabilitation ICD-10
codes, and the mobility aids it fits."""

from __future__ import annotations

from decimal import Decimal

from ayni.core import DiagnosisCode, EquipmentItem, ProcedureCode, Text

PROCEDURES = (
    ProcedureCode("physio.assessment", Text("Evaluación fisioterapéutica", "Physiotherapy assessment"), Decimal("5.00")),
    ProcedureCode("physio.manual_therapy", Text("Terapia manual", "Manual therapy"), Decimal("10.00"), target="limb"),
    ProcedureCode("physio.exercise", Text("Ejercicio terapéutico", "Therapeutic exercise"), Decimal("5.00")),
    ProcedureCode("physio.tens", Text("Electroanalgesia (TENS)", "Electroanalgesia (TENS)"), Decimal("5.00"),
                  target="limb"),
    ProcedureCode("physio.home_programme", Text("Programa de ejercicios en casa", "Home exercise programme"),
                  Decimal("0.00")),
    ProcedureCode("physio.aid_fitting", Text("Adaptación de ayuda técnica", "Mobility aid fitting"), Decimal("0.00")),
)

DIAGNOSES = (
    DiagnosisCode("G80.9", Text("Parálisis cerebral, sin otra especificación", "Cerebral palsy, unspecified")),
    DiagnosisCode("G81.9", Text("Hemiplejía, no especificada", "Hemiplegia, unspecified")),
    DiagnosisCode("I69.4", Text("Secuelas de accidente vascular encefálico, no especificado como hemorrágico o isquémico",
                                "Sequelae of stroke, not specified as haemorrhage or infarction")),
    DiagnosisCode("M41.9", Text("Escoliosis, no especificada", "Scoliosis, unspecified")),
    DiagnosisCode("M75.1", Text("Síndrome del manguito rotatorio", "Rotator cuff syndrome")),
    DiagnosisCode("Z89.5", Text("Ausencia adquirida de la pierna a nivel de o debajo de la rodilla",
                                "Acquired absence of leg at or below knee")),
)

EQUIPMENT = (
    EquipmentItem("physio.wheelchair", Text("Silla de ruedas", "Wheelchair"),
                  attributes=("seat_width_cm", "seat_depth_cm", "back_height_cm")),
    EquipmentItem("physio.walker", Text("Andador", "Walker"), attributes=("handle_height_cm",)),
    EquipmentItem("physio.crutches", Text("Muletas axilares (par)", "Underarm crutches (pair)"),
                  attributes=("length_cm",)),
    EquipmentItem("physio.cane", Text("Bastón", "Cane"), attributes=("length_cm",)),
)
