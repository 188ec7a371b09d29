"""The physiotherapy catalogue (data only): procedures and their suggested fees, the ICD-10 codes the
rehabilitation teams diagnose beyond the general list, the treatment techniques a session records,
and the mobility aids and orthoses it fits and hands out.

SNOMED CT ``mappings``, for the health system, only where a well-known concept exists (as published
code lists use it): a physiotherapy session is 91251008 (physical therapy procedure). The others,
the aid fitting included, go with our own code only (``urn:ayni:fhir:procedure``; the aid itself is
the MedicationDispense of its item, ``urn:ayni:fhir:item``, see ``docs/fhir.md``): we map no code we
could not confirm."""

from __future__ import annotations

from decimal import Decimal

from ayni.core import Choice, DiagnosisCode, EquipmentItem, ProcedureCode, Text

PROCEDURES = (
    ProcedureCode("physio.assessment", Text("Evaluación fisioterapéutica", "Physiotherapy assessment"), Decimal("5.00")),
    ProcedureCode("physio.reassessment", Text("Reevaluación fisioterapéutica", "Physiotherapy reassessment"),
                  Decimal("3.00")),
    ProcedureCode("physio.session", Text("Sesión de fisioterapia", "Physiotherapy session"), Decimal("5.00"),
                  mappings={"SNOMED CT": "91251008"}),
    ProcedureCode("physio.manual_therapy", Text("Terapia manual", "Manual therapy"), Decimal("10.00"), target="limb"),
    ProcedureCode("physio.exercise", Text("Ejercicio terapéutico", "Therapeutic exercise"), Decimal("5.00")),
    ProcedureCode("physio.tens", Text("Electroanalgesia (TENS)", "Electroanalgesia (TENS)"), Decimal("5.00"),
                  target="limb"),
    ProcedureCode("physio.gait_training", Text("Reeducación de la marcha", "Gait training"), Decimal("5.00")),
    ProcedureCode("physio.neurodevelopmental", Text("Terapia del neurodesarrollo", "Neurodevelopmental therapy"),
                  Decimal("5.00")),
    ProcedureCode("physio.ponseti_cast", Text("Yeso correctivo (método Ponseti)", "Corrective cast (Ponseti method)"),
                  Decimal("10.00"), target="limb"),
    ProcedureCode("physio.home_programme", Text("Programa de ejercicios en casa", "Home exercise programme"),
                  Decimal("0.00")),
    ProcedureCode("physio.aid_fitting", Text("Adaptación de ayuda técnica", "Mobility aid fitting"), Decimal("0.00")),
)

DIAGNOSES = (
    DiagnosisCode("G80.1", Text("Parálisis cerebral espástica dipléjica", "Spastic diplegic cerebral palsy")),
    DiagnosisCode("G80.2", Text("Parálisis cerebral espástica hemipléjica", "Spastic hemiplegic cerebral palsy")),
    DiagnosisCode("G80.9", Text("Parálisis cerebral, sin otra especificación", "Cerebral palsy, unspecified"),
                  synonyms=("niño que no camina",)),
    DiagnosisCode("G81.9", Text("Hemiplejía, no especificada", "Hemiplegia, unspecified"),
                  synonyms=("paralizado de un lado", "medio cuerpo paralizado")),
    DiagnosisCode("G82.2", Text("Paraplejía, no especificada", "Paraplegia, unspecified"),
                  synonyms=("piernas paralizadas", "parálisis de piernas")),
    DiagnosisCode("I69.4", Text("Secuelas de accidente vascular encefálico, no especificado como hemorrágico o isquémico",
                                "Sequelae of stroke, not specified as haemorrhage or infarction"),
                  synonyms=("derrame cerebral", "embolia", "secuela de derrame", "ataque cerebral")),
    DiagnosisCode("Q65.8", Text("Otras deformidades congénitas de la cadera (displasia)",
                                "Other congenital deformities of hip (dysplasia)"),
                  synonyms=("cadera luxada",)),
    DiagnosisCode("Q66.0", Text("Pie equinovaro congénito (pie zambo)", "Congenital talipes equinovarus (clubfoot)"),
                  synonyms=("pie chueco", "pie torcido")),
    DiagnosisCode("Q90.9", Text("Síndrome de Down, no especificado", "Down syndrome, unspecified")),
    DiagnosisCode("F82", Text("Trastorno específico del desarrollo de la función motriz",
                              "Specific developmental disorder of motor function")),
    DiagnosisCode("M41.9", Text("Escoliosis, no especificada", "Scoliosis, unspecified"),
                  synonyms=("columna torcida", "espalda torcida")),
    DiagnosisCode("M75.1", Text("Síndrome del manguito rotatorio", "Rotator cuff syndrome"),
                  synonyms=("dolor de hombro",)),
    DiagnosisCode("Z96.6", Text("Presencia de implantes de articulaciones ortopédicas",
                                "Presence of orthopaedic joint implants")),
    DiagnosisCode("Z89.5", Text("Ausencia adquirida de la pierna a nivel de o debajo de la rodilla",
                                "Acquired absence of leg at or below knee"),
                  synonyms=("amputado", "le falta la pierna")),
)

#: What a treatment session can consist of (the session form's multi-choice).
TECHNIQUES = (
    Choice("passive_mobilisation", Text("Movilización pasiva", "Passive mobilisation")),
    Choice("active_assisted", Text("Ejercicio activo asistido", "Active-assisted exercise")),
    Choice("strengthening", Text("Fortalecimiento muscular", "Strengthening")),
    Choice("stretching", Text("Estiramientos", "Stretching")),
    Choice("manual_therapy", Text("Terapia manual", "Manual therapy")),
    Choice("massage", Text("Masoterapia", "Massage")),
    Choice("tens", Text("TENS (electroanalgesia)", "TENS (electroanalgesia)")),
    Choice("heat_cold", Text("Calor o frío local", "Local heat or cold")),
    Choice("balance", Text("Equilibrio y coordinación", "Balance and coordination")),
    Choice("gait_training", Text("Reeducación de la marcha", "Gait training")),
    Choice("transfers", Text("Entrenamiento de transferencias", "Transfer training")),
    Choice("neurodevelopmental", Text("Neurodesarrollo (Bobath)", "Neurodevelopmental (Bobath)")),
    Choice("ponseti_cast", Text("Yeso de Ponseti", "Ponseti cast")),
    Choice("positioning", Text("Posicionamiento y cambios posturales", "Positioning")),
    Choice("respiratory", Text("Fisioterapia respiratoria", "Respiratory physiotherapy")),
    Choice("caregiver_education", Text("Educación al cuidador", "Caregiver education")),
)

#: How an aid leaves the campaign.
PROVISIONS = (
    Choice("donated", Text("Donado", "Donated")),
    Choice("lent", Text("Prestado (se devuelve)", "Lent (to be returned)")),
)

EQUIPMENT = (
    EquipmentItem("physio.wheelchair", Text("Silla de ruedas", "Wheelchair"),
                  attributes=("kind", "seat_width_cm", "seat_depth_cm"), low_stock=1,
                  fitting_form="physio.fit_wheelchair"),
    EquipmentItem("physio.walker", Text("Andador", "Walker"), attributes=("kind",), low_stock=2,
                  fitting_form="physio.fit_walker"),
    EquipmentItem("physio.crutches", Text("Muletas (par)", "Crutches (pair)"), attributes=("kind", "size"), low_stock=2,
                  fitting_form="physio.fit_crutches"),
    EquipmentItem("physio.cane", Text("Bastón", "Cane"), attributes=("kind",), fitting_form="physio.fit_cane"),
    EquipmentItem("physio.orthosis", Text("Férula u órtesis", "Splint or orthosis"), attributes=("kind", "size", "side"),
                  fitting_form="physio.fit_orthosis"),
)
