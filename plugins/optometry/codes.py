"""The optometry catalogue (data only): procedures, the ICD-10 eye codes it bundles, what it hands out,
and the reasons it refers patients for.

The general plugin already bundles the commonest eye codes (H10.9 conjunctivitis, H11.0 pterygium,
H25.9 and H26.9 cataract, H40.9 glaucoma, H52.0–H52.2 and H52.4 refractive errors); every
diagnosis picker searches the merged list, so they are not repeated here.
"""

from __future__ import annotations

from decimal import Decimal

from ayni.core import DiagnosisCode, EquipmentItem, ProcedureCode, Text

PROCEDURES = (
    ProcedureCode("optometry.screening", Text("Tamizaje de agudeza visual", "Visual acuity screening"),
                  Decimal("0.00")),
    ProcedureCode("optometry.refraction", Text("Refracción", "Refraction"), Decimal("5.00")),
    ProcedureCode("optometry.tonometry", Text("Tonometría", "Tonometry"), Decimal("5.00"), target="eye"),
    ProcedureCode("optometry.fundoscopy", Text("Fondo de ojo", "Fundoscopy"), Decimal("5.00"), target="eye"),
    ProcedureCode("optometry.readers_fitting", Text("Entrega de lentes de lectura", "Reading glasses fitting"),
                  Decimal("5.00")),
    ProcedureCode("optometry.glasses_fitting", Text("Entrega de lentes graduados", "Prescription glasses fitting"),
                  Decimal("10.00")),
)

_D = DiagnosisCode
DIAGNOSES = (
    _D("H00.1", Text("Chalazión", "Chalazion"),
       synonyms=("bolita en el párpado",)),
    _D("H01.0", Text("Blefaritis", "Blepharitis"),
       synonyms=("párpados irritados",)),
    _D("H02.0", Text("Entropión y triquiasis palpebral", "Entropion and trichiasis of eyelid")),
    _D("H02.1", Text("Ectropión del párpado", "Ectropion of eyelid")),
    _D("H02.4", Text("Blefaroptosis", "Ptosis of eyelid"),
       synonyms=("párpado caído",)),
    _D("H10.0", Text("Conjuntivitis mucopurulenta", "Mucopurulent conjunctivitis"),
       synonyms=("ojo rojo con legañas",)),
    _D("H10.1", Text("Conjuntivitis atópica aguda", "Acute atopic conjunctivitis"),
       synonyms=("alergia en los ojos",)),
    _D("H10.4", Text("Conjuntivitis crónica", "Chronic conjunctivitis")),
    _D("H11.1", Text("Degeneraciones conjuntivales (pinguécula)", "Conjunctival degenerations (pinguecula)"),
       synonyms=("mancha amarilla en el ojo",)),
    _D("H16.0", Text("Úlcera de la córnea", "Corneal ulcer"),
       synonyms=("herida en el ojo",)),
    _D("H17.9", Text("Cicatriz u opacidad corneal, no especificada", "Corneal scar and opacity, unspecified")),
    _D("H25.0", Text("Catarata senil incipiente", "Senile incipient cataract"),
       synonyms=("nube en el ojo",)),
    _D("H25.1", Text("Catarata senil nuclear", "Senile nuclear cataract")),
    _D("H25.2", Text("Catarata senil, tipo morgagniana", "Senile cataract, morgagnian type")),
    _D("H26.0", Text("Catarata infantil, juvenil y presenil", "Infantile, juvenile and presenile cataract")),
    _D("H26.1", Text("Catarata traumática", "Traumatic cataract"),
       synonyms=("catarata por golpe",)),
    _D("H26.4", Text("Catarata secundaria (opacidad capsular)", "After-cataract")),
    _D("H33.0", Text("Desprendimiento de retina con ruptura", "Retinal detachment with retinal break")),
    _D("H35.0", Text("Retinopatía de fondo y cambios vasculares retinianos",
                     "Background retinopathy and retinal vascular changes")),
    _D("H35.3", Text("Degeneración de la mácula y del polo posterior",
                     "Degeneration of macula and posterior pole")),
    _D("H36.0", Text("Retinopatía diabética", "Diabetic retinopathy"),
       synonyms=("diabetes en los ojos",)),
    _D("H40.0", Text("Sospecha de glaucoma", "Glaucoma suspect")),
    _D("H40.1", Text("Glaucoma primario de ángulo abierto", "Primary open-angle glaucoma"),
       synonyms=("presión alta del ojo",)),
    _D("H40.2", Text("Glaucoma primario de ángulo cerrado", "Primary angle-closure glaucoma")),
    _D("H49.0", Text("Parálisis del tercer par (motor ocular común)", "Third [oculomotor] nerve palsy")),
    _D("H49.2", Text("Parálisis del sexto par (motor ocular externo)", "Sixth [abducent] nerve palsy")),
    _D("H50.0", Text("Estrabismo concomitante convergente (endotropia)", "Convergent concomitant strabismus"),
       synonyms=("ojo desviado hacia adentro",)),
    _D("H50.1", Text("Estrabismo concomitante divergente (exotropia)", "Divergent concomitant strabismus"),
       synonyms=("ojo desviado hacia afuera",)),
    _D("H50.9", Text("Estrabismo, no especificado", "Strabismus, unspecified"),
       synonyms=("ojo desviado", "bizco")),
    _D("H52.3", Text("Anisometropía y aniseiconía", "Anisometropia and aniseikonia")),
    _D("H53.0", Text("Ambliopía ex anopsia", "Amblyopia ex anopsia"),
       synonyms=("ojo vago", "ojo perezoso")),
    _D("H54.0", Text("Ceguera de ambos ojos", "Blindness, both eyes"),
       synonyms=("ciego",)),
    _D("H54.1", Text("Ceguera de un ojo, visión disminuida del otro", "Blindness, one eye, low vision other eye")),
    _D("H54.2", Text("Disminución de la agudeza visual, ambos ojos", "Low vision, both eyes"),
       synonyms=("ve poco", "baja visión")),
    _D("H54.4", Text("Ceguera de un ojo", "Blindness, one eye"),
       synonyms=("ciego de un ojo",)),
    _D("H54.5", Text("Disminución de la agudeza visual, un ojo", "Low vision, one eye")),
)

READERS = "optometry.readers"
SUNGLASSES = "optometry.sunglasses"
GLASSES = "optometry.glasses"
LUBRICANT = "optometry.lubricant_drops"

#: The lenses custom glasses are made with: the plan's choice and the glasses' stock attribute.
LENS_TYPES = {
    "single_vision": Text("Monofocal", "Single vision"),
    "bifocal": Text("Bifocal", "Bifocal"),
    "progressive": Text("Multifocal (progresivo)", "Progressive"),
}
LENS_TYPE_LABEL = Text("Tipo de luna", "Lens type")

EQUIPMENT = (
    EquipmentItem(READERS, Text("Lentes de lectura", "Reading glasses"), attributes=("power",),
                  attribute_labels={"power": Text("Potencia", "Power")}, procedure="optometry.readers_fitting"),
    EquipmentItem(SUNGLASSES, Text("Lentes de sol con filtro UV", "UV-filter sunglasses")),
    EquipmentItem(GLASSES, Text("Lentes graduados a medida", "Custom prescription glasses"),
                  attributes=("lens_type",), attribute_labels={"lens_type": LENS_TYPE_LABEL},
                  value_labels={"lens_type": LENS_TYPES}),
    EquipmentItem(LUBRICANT, Text("Lágrimas artificiales", "Lubricant eye drops")),
)

#: Reading-glasses powers usually stocked (dioptres), for receiving stock and for the report.
READER_POWERS = tuple(Decimal(p) for p in ("1.00", "1.50", "2.00", "2.50", "3.00", "3.50"))

#: Why a patient is referred, and where to: ``surgery`` is the campaign's surgery specialty (its
#: screening list reads open referrals to it); the rest go to a hospital's eye service.
EYE_SERVICE = "hospital:Servicio de oftalmología"
REFERRAL_REASONS = {
    "cataract": (Text("Catarata", "Cataract"), "surgery"),
    "pterygium": (Text("Pterigión", "Pterygium"), "surgery"),
    "strabismus": (Text("Estrabismo", "Strabismus"), "surgery"),
    "oculoplastics": (Text("Oculoplástica (párpados, vía lagrimal)", "Oculoplastics (lids, tear ducts)"), "surgery"),
    "retina": (Text("Retina (láser o cirugía)", "Retina (laser or surgery)"), EYE_SERVICE),
    "glaucoma": (Text("Glaucoma (láser o tratamiento)", "Glaucoma (laser or treatment)"), EYE_SERVICE),
    "other": (Text("Otra evaluación oftalmológica", "Other ophthalmology review"), EYE_SERVICE),
}
