"""The surgical catalogue (data only): the surgical services a mission brings, the operations each
offers with a suggested fee, the operating theatres, ICD-10 codes beyond the general list, and which
operation a referral's diagnosis usually asks for. Surgery dispenses no equipment.

Codes are our own (``surgery.<operation>``); no licensed code set is shipped. Where SNOMED CT has a
well-known concept for an operation, its ``mappings`` name it, as HL7's procedure-code examples and
published code lists use it: inguinal hernia repair 44558001, cholecystectomy 38102005, caesarean
section 11466000, tonsillectomy 173422009, adenoidectomy 119954001, cataract extraction 54885007.
The others go to the health system with our own code only (``urn:ayni:fhir:procedure``, see
``docs/fhir.md``): we map no code we could not confirm.
"""

from __future__ import annotations

from decimal import Decimal

from ayni.core import DiagnosisCode, ProcedureCode, Text

#: The surgical services (sub-specialties) a mission brings; every case belongs to one.
SERVICES: dict[str, Text] = {
    "general": Text("Cirugía general", "General surgery"),
    "gyn_obs": Text("Ginecología y obstetricia", "Gynaecology and obstetrics"),
    "ent": Text("Otorrinolaringología", "Ear, nose and throat"),
    "urology": Text("Urología", "Urology"),
    "plastics": Text("Cirugía plástica reconstructiva", "Reconstructive plastic surgery"),
    "ophthalmology": Text("Oftalmología", "Ophthalmology"),
}

#: The operating theatres of a mission: two or three rooms and a minor-procedures room.
THEATRES: dict[str, Text] = {
    "q1": Text("Quirófano 1", "Theatre 1"),
    "q2": Text("Quirófano 2", "Theatre 2"),
    "q3": Text("Quirófano 3", "Theatre 3"),
    "minor": Text("Sala de procedimientos menores", "Minor procedures room"),
}

SCREENING = ProcedureCode("surgery.screening", Text("Evaluación prequirúrgica", "Pre-operative screening"),
                          Decimal("10.00"))

_P = ProcedureCode


#: ``(service, operation)``: each operation of the catalogue and the service that performs it.
OPERATIONS: tuple[tuple[str, ProcedureCode], ...] = (
    ("general", _P("surgery.inguinal_hernia_repair", Text("Hernioplastía inguinal", "Inguinal hernia repair"),
                   Decimal("50.00"), mappings={"SNOMED CT": "44558001"})),
    ("general", _P("surgery.umbilical_hernia_repair", Text("Hernioplastía umbilical", "Umbilical hernia repair"),
                   Decimal("50.00"))),
    ("general", _P("surgery.incisional_hernia_repair", Text("Eventroplastía", "Incisional hernia repair"),
                   Decimal("80.00"))),
    ("general", _P("surgery.cholecystectomy", Text("Colecistectomía", "Cholecystectomy"), Decimal("100.00"),
                   mappings={"SNOMED CT": "38102005"})),
    ("general", _P("surgery.lipoma_excision", Text("Exéresis de lipoma o quiste", "Lipoma or cyst excision"),
                   Decimal("30.00"))),
    ("general", _P("surgery.thyroidectomy", Text("Tiroidectomía parcial", "Partial thyroidectomy"),
                   Decimal("120.00"))),
    ("gyn_obs", _P("surgery.abdominal_hysterectomy", Text("Histerectomía abdominal", "Abdominal hysterectomy"),
                   Decimal("150.00"))),
    ("gyn_obs", _P("surgery.vaginal_hysterectomy", Text("Histerectomía vaginal", "Vaginal hysterectomy"),
                   Decimal("150.00"))),
    ("gyn_obs", _P("surgery.colporrhaphy", Text("Colporrafia (reparación del piso pélvico)",
                                                "Colporrhaphy (pelvic floor repair)"), Decimal("100.00"))),
    ("gyn_obs", _P("surgery.ovarian_cystectomy", Text("Quistectomía de ovario", "Ovarian cystectomy"),
                   Decimal("100.00"))),
    ("gyn_obs", _P("surgery.myomectomy", Text("Miomectomía", "Myomectomy"), Decimal("120.00"))),
    ("gyn_obs", _P("surgery.tubal_ligation", Text("Ligadura de trompas", "Tubal ligation"), Decimal("0.00"))),
    ("gyn_obs", _P("surgery.caesarean_section", Text("Cesárea", "Caesarean section"), Decimal("0.00"),
                   mappings={"SNOMED CT": "11466000"})),
    ("ent", _P("surgery.tonsillectomy", Text("Amigdalectomía", "Tonsillectomy"), Decimal("60.00"),
               mappings={"SNOMED CT": "173422009"})),
    ("ent", _P("surgery.adenoidectomy", Text("Adenoidectomía", "Adenoidectomy"), Decimal("60.00"),
               mappings={"SNOMED CT": "119954001"})),
    ("ent", _P("surgery.tympanoplasty", Text("Timpanoplastía", "Tympanoplasty"), Decimal("80.00"))),
    ("ent", _P("surgery.septoplasty", Text("Septoplastía", "Septoplasty"), Decimal("80.00"))),
    ("urology", _P("surgery.hydrocelectomy", Text("Hidrocelectomía", "Hydrocelectomy"), Decimal("50.00"))),
    ("urology", _P("surgery.open_prostatectomy", Text("Adenomectomía prostática abierta", "Open prostatectomy"),
                   Decimal("150.00"))),
    ("urology", _P("surgery.circumcision", Text("Circuncisión", "Circumcision"), Decimal("30.00"))),
    ("urology", _P("surgery.orchidopexy", Text("Orquidopexia", "Orchidopexy"), Decimal("60.00"))),
    ("plastics", _P("surgery.cleft_lip_repair", Text("Queiloplastía (labio leporino)", "Cleft lip repair"),
                    Decimal("0.00"))),
    ("plastics", _P("surgery.cleft_palate_repair", Text("Palatoplastía (paladar hendido)", "Cleft palate repair"),
                    Decimal("0.00"))),
    ("plastics", _P("surgery.burn_contracture_release", Text("Liberación de contractura por quemadura",
                                                             "Burn contracture release"), Decimal("0.00"))),
    ("plastics", _P("surgery.skin_graft", Text("Injerto de piel", "Skin graft"), Decimal("40.00"))),
    ("ophthalmology", _P("surgery.cataract_extraction", Text("Extracción de catarata con lente intraocular",
                                                             "Cataract extraction with intraocular lens"),
                         Decimal("80.00"), target="eye", mappings={"SNOMED CT": "54885007"})),
    ("ophthalmology", _P("surgery.pterygium_excision", Text("Exéresis de pterigión", "Pterygium excision"),
                         Decimal("40.00"), target="eye")),
)

PROCEDURES: tuple[ProcedureCode, ...] = (SCREENING, *(operation for _, operation in OPERATIONS))

#: The other words an operation is searched by in the operative note and the case: what surgeons
#: call it («faco», «LIO») and what it treats («hernia», «amígdalas»).
OPERATION_WORDS: dict[str, tuple[str, ...]] = {
    "surgery.inguinal_hernia_repair": ("hernia inguinal", "Lichtenstein"),
    "surgery.umbilical_hernia_repair": ("hernia umbilical",),
    "surgery.incisional_hernia_repair": ("hernia incisional", "eventración"),
    "surgery.cholecystectomy": ("vesícula", "colelitiasis"),
    "surgery.thyroidectomy": ("tiroides", "bocio"),
    "surgery.tonsillectomy": ("amígdalas", "tonsilectomía"),
    "surgery.adenoidectomy": ("adenoides", "vegetaciones"),
    "surgery.tubal_ligation": ("bloqueo tubárico bilateral",),
    "surgery.hydrocelectomy": ("hidrocele",),
    "surgery.open_prostatectomy": ("próstata", "prostatectomía"),
    "surgery.circumcision": ("postectomía", "fimosis"),
    "surgery.orchidopexy": ("criptorquidia", "testículo no descendido"),
    "surgery.cataract_extraction": ("facoemulsificación", "faco", "LIO", "MSICS"),
    "surgery.pterygium_excision": ("carnosidad",),
}

#: The service performing each operation code.
SERVICE_OF: dict[str, str] = {operation.code: service for service, operation in OPERATIONS}

DIAGNOSES = (
    DiagnosisCode("K42.9", Text("Hernia umbilical sin obstrucción ni gangrena",
                                "Umbilical hernia without obstruction or gangrene"),
                  synonyms=("hernia del ombligo", "pupo salido")),
    DiagnosisCode("K43.9", Text("Hernia ventral sin obstrucción ni gangrena",
                                "Ventral hernia without obstruction or gangrene"),
                  synonyms=("hernia de la barriga",)),
    DiagnosisCode("D17.9", Text("Tumor benigno lipomatoso, de sitio no especificado",
                                "Benign lipomatous neoplasm, unspecified"),
                  synonyms=("bola de grasa", "lipoma")),
    DiagnosisCode("E04.9", Text("Bocio no tóxico, no especificado", "Nontoxic goitre, unspecified"),
                  synonyms=("coto", "bola en el cuello")),
    DiagnosisCode("N43.3", Text("Hidrocele, no especificado", "Hydrocele, unspecified"),
                  synonyms=("agua en el testículo",)),
    DiagnosisCode("N47", Text("Prepucio redundante, fimosis y parafimosis",
                              "Redundant prepuce, phimosis and paraphimosis"),
                  synonyms=("pellejo del pene cerrado",)),
    DiagnosisCode("Q53.9", Text("Testículo no descendido, sin otra especificación", "Undescended testicle, unspecified"),
                  synonyms=("testículo que no bajó",)),
    DiagnosisCode("D25.9", Text("Leiomioma del útero, sin otra especificación", "Leiomyoma of uterus, unspecified"),
                  synonyms=("miomas", "mioma")),
    DiagnosisCode("N81.9", Text("Prolapso genital femenino, no especificado", "Female genital prolapse, unspecified"),
                  synonyms=("matriz caída", "caída de la matriz")),
    DiagnosisCode("N83.2", Text("Otros quistes ováricos y los no especificados", "Other and unspecified ovarian cysts"),
                  synonyms=("quiste en el ovario",)),
    DiagnosisCode("J35.0", Text("Amigdalitis crónica", "Chronic tonsillitis"),
                  synonyms=("amígdalas grandes", "anginas a cada rato")),
    DiagnosisCode("J35.2", Text("Hipertrofia de las adenoides", "Hypertrophy of adenoids")),
    DiagnosisCode("H66.3", Text("Otras otitis medias crónicas supurativas", "Other chronic suppurative otitis media")),
    DiagnosisCode("J34.2", Text("Desviación del tabique nasal", "Deviated nasal septum"),
                  synonyms=("tabique desviado",)),
    DiagnosisCode("Q35.9", Text("Fisura del paladar, sin otra especificación", "Cleft palate, unspecified"),
                  synonyms=("paladar hendido", "paladar abierto")),
    DiagnosisCode("Q36.9", Text("Labio leporino, unilateral", "Cleft lip, unilateral"),
                  synonyms=("labio partido",)),
    DiagnosisCode("L90.5", Text("Fibrosis y afecciones cicatriciales de la piel",
                                "Scar conditions and fibrosis of skin"),
                  synonyms=("queloide", "cicatriz fea")),
)

#: The operation a referral's ICD-10 reason usually asks for, by code prefix (longest prefix wins).
SUGGESTED_OPERATION: dict[str, str] = {
    "H25": "surgery.cataract_extraction", "H26": "surgery.cataract_extraction",
    "H11.0": "surgery.pterygium_excision",
    "K40": "surgery.inguinal_hernia_repair", "K42": "surgery.umbilical_hernia_repair",
    "K43": "surgery.incisional_hernia_repair", "K80": "surgery.cholecystectomy", "D17": "surgery.lipoma_excision",
    "E04": "surgery.thyroidectomy", "N43": "surgery.hydrocelectomy", "N40": "surgery.open_prostatectomy",
    "N47": "surgery.circumcision", "Q53": "surgery.orchidopexy", "D25": "surgery.myomectomy",
    "N81": "surgery.colporrhaphy", "N83": "surgery.ovarian_cystectomy", "J35.0": "surgery.tonsillectomy",
    "J35.2": "surgery.adenoidectomy", "H66": "surgery.tympanoplasty", "J34.2": "surgery.septoplasty",
    "Q35": "surgery.cleft_palate_repair", "Q36": "surgery.cleft_lip_repair", "L90": "surgery.burn_contracture_release",
}
