"""The optometry catalogue: screening, refraction and dispensing, and what it hands out.

The common eye diagnoses (refractive errors, presbyopia, cataract, pterygium) are bundled by the
general plugin, whose list every diagnosis picker searches."""

from __future__ import annotations

from decimal import Decimal

from ayni.core import DiagnosisCode, EquipmentItem, ProcedureCode, Text

PROCEDURES = (
    ProcedureCode("optometry.screening", Text("Tamizaje de agudeza visual", "Visual acuity screening"),
                  Decimal("0.00")),
    ProcedureCode("optometry.refraction", Text("Refracción", "Refraction"), Decimal("5.00")),
    ProcedureCode("optometry.tonometry", Text("Tonometría", "Tonometry"), Decimal("5.00"), target="eye"),
    ProcedureCode("optometry.readers_fitting", Text("Entrega de lentes de lectura", "Reading glasses fitting"),
                  Decimal("5.00")),
    ProcedureCode("optometry.glasses_fitting", Text("Entrega de lentes graduados", "Prescription glasses fitting"),
                  Decimal("10.00")),
)

DIAGNOSES = (
    DiagnosisCode("H52.3", Text("Anisometropía y aniseiconía", "Anisometropia and aniseikonia")),
    DiagnosisCode("H53.0", Text("Ambliopía ex anopsia", "Amblyopia ex anopsia")),
    DiagnosisCode("H50.9", Text("Estrabismo, no especificado", "Strabismus, unspecified")),
    DiagnosisCode("H54.2", Text("Disminución de la agudeza visual, ambos ojos", "Low vision, both eyes")),
)

EQUIPMENT = (
    EquipmentItem("optometry.readers", Text("Lentes de lectura", "Reading glasses"), attributes=("power",)),
    EquipmentItem("optometry.glasses", Text("Lentes graduados", "Prescription glasses"),
                  attributes=("sphere_od", "cylinder_od", "axis_od", "sphere_os", "cylinder_os", "axis_os", "pd")),
    EquipmentItem("optometry.sunglasses", Text("Lentes de sol con filtro UV", "UV-filter sunglasses")),
)
