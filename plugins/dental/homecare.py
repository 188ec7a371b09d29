"""Home-care instructions in plain words, chosen by what was done in the visit and the patient's age."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ayni.core import Text, phrase

from .codes import FLUORIDE, TOOTH_ACTIONS

EVERYONE = (
    Text("Cepíllese los dientes 2 veces al día, sobre todo antes de dormir, con pasta dental con flúor.",
         "Brush your teeth twice a day, above all before sleeping, with fluoride toothpaste."),
    Text("Coma y tome menos dulces, gaseosas y jugos con azúcar; entre comidas, mejor tome agua.",
         "Eat and drink fewer sweets, fizzy drinks and sugary juices; between meals, drink water."),
    Text("Cambie el cepillo cada 3 meses o cuando las cerdas estén abiertas.",
         "Change your toothbrush every 3 months or when the bristles splay."),
)

CHILD = (
    Text("En niños menores de 3 años use muy poca pasta (como un grano de arroz); de 3 a 6 años, "
         "del tamaño de una arveja. Un adulto debe ayudar a cepillar hasta los 8 años.",
         "For children under 3 use a smear of toothpaste (a grain of rice); from 3 to 6, a pea-sized amount. "
         "An adult should help with brushing until age 8."),
)

NUMB = Text("No coma hasta que pase el adormecimiento (2 a 3 horas) y cuide de no morderse el labio, "
            "la mejilla o la lengua.",
            "Do not eat until the numbness wears off (2 to 3 hours), and take care not to bite your lip, "
            "cheek or tongue.")

EXTRACTION = (
    Text("Muerda la gasa 30 minutos. Si sigue sangrando, ponga una gasa limpia y muerda otros 30 minutos.",
         "Bite on the gauze for 30 minutes. If it still bleeds, put in clean gauze and bite for another 30 minutes."),
    Text("Hoy no se enjuague, no escupa con fuerza, no use cañita (sorbete) y no fume.",
         "Today do not rinse, do not spit hard, do not use a straw and do not smoke."),
    Text("Coma alimentos blandos, tibios o fríos, y mastique del otro lado.",
         "Eat soft food, lukewarm or cold, and chew on the other side."),
    Text("Si se hincha, ponga hielo envuelto en un trapo sobre la cara, 10 minutos cada hora, el primer día.",
         "If it swells, hold ice wrapped in a cloth on your face, 10 minutes every hour, on the first day."),
    Text("Desde mañana enjuáguese suavemente con agua tibia con sal después de cada comida.",
         "From tomorrow rinse gently with warm salt water after each meal."),
    Text("Acuda al puesto de salud si sangra mucho, tiene fiebre o la hinchazón crece después de 2 días.",
         "Go to the health post if it bleeds a lot, you have a fever or the swelling grows after 2 days."),
)

ART = Text("No coma durante 1 hora después de la curación con ionómero (TRA).",
           "Do not eat for 1 hour after the glass-ionomer (ART) filling.")
RESIN = Text("Con la curación de resina puede comer normalmente cuando pase el adormecimiento.",
             "With the resin filling you can eat normally once the numbness has worn off.")
SEALANT = Text("Los sellantes protegen las muelas de la caries; en cada control revisen que sigan en su lugar.",
               "Sealants protect the back teeth from decay; at each check-up make sure they are still in place.")
FLUORIDE_TEXT = Text("Después del flúor: no coma ni tome nada por 30 minutos, hoy coma blando y no se cepille "
                     "hasta mañana.",
                     "After the fluoride: do not eat or drink for 30 minutes, eat soft food today and do not "
                     "brush until tomorrow.")
PENDING = Text("Aún quedan piezas por tratar ({teeth}): busque atención dental en su establecimiento de salud.",
               "Some teeth still need treatment ({teeth}): seek dental care at your health facility.")

CHILD_UNDER = 12


def instructions(procedures: Iterable, after: Mapping, age: int | None) -> list[Text]:
    """What to tell the patient: specific advice for what was done, pending teeth, then the basics."""
    codes = [p.code for p in procedures]
    kinds = {TOOTH_ACTIONS[c].kind for c in codes if c in TOOTH_ACTIONS}
    texts: list[Text] = []
    if "extraction" in kinds:
        texts.extend(EXTRACTION)
    if kinds & {"extraction", "restoration"}:
        texts.append(NUMB)
    if any(c.startswith("dental.art.") for c in codes):
        texts.append(ART)
    if any(c.startswith("dental.resin.") for c in codes):
        texts.append(RESIN)
    if "sealant" in kinds:
        texts.append(SEALANT)
    if FLUORIDE in codes:
        texts.append(FLUORIDE_TEXT)
    pending = [k for k, v in after.items()
               if v.get("state") in ("caries", "extraction", "fractured") or "caries" in (v.get("surfaces") or {}).values()]
    if pending:
        teeth = ", ".join(pending)
        texts.append(phrase(PENDING, teeth=teeth))
    texts.extend(EVERYONE)
    if age is not None and age < CHILD_UNDER:
        texts.extend(CHILD)
    return texts
