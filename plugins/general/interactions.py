"""The interactions between medicines of the formulary that matter at a campaign: a small curated
table, not a full interaction database. Serious ones are refused, moderate ones need a reason
(:func:`ayni.core.clinical.prescribing.interaction_stops`). Data only.

Sources (checked against them in review, not in code): WHO Model Formulary 2008, appendix 1
(interactions), and the BNF interaction entries (severity «severe» here *serious*, «moderate»
*moderate*):

- co-trimoxazole (trimethoprim) with an ACE inhibitor (enalapril): hyperkalaemia, above all in the
  elderly and in renal impairment — serious;
- an NSAID (ibuprofen) with an ACE inhibitor: less antihypertensive effect, renal impairment and
  hyperkalaemia — moderate;
- co-trimoxazole (trimethoprim) with metformin: trimethoprim raises metformin's concentration
  (less renal excretion) — moderate;
- oral iron (ferrous sulfate) with zinc: each lowers the other's absorption — moderate.
"""

from __future__ import annotations

from itertools import product

from ayni.core import Text
from ayni.core.clinical.prescribing import MODERATE, SERIOUS, Interaction

_IBUPROFEN = ("general.ibuprofen_400", "general.ibuprofen_100_susp")


def _each(firsts: tuple[str, ...], seconds: tuple[str, ...], severity: str, effect: Text,
          advice: Text) -> tuple[Interaction, ...]:
    return tuple(Interaction(a, b, severity, effect, advice) for a, b in product(firsts, seconds))


INTERACTIONS: tuple[Interaction, ...] = (
    *_each(("general.cotrimoxazole_800",), ("general.enalapril_10",), SERIOUS,
           Text("riesgo de hiperpotasemia", "risk of hyperkalaemia"),
           Text("Elija otro antibiótico (amoxicilina, cefalexina, azitromicina según el caso).",
                "Choose another antibiotic (amoxicillin, cefalexin, azithromycin as the case needs).")),
    *_each(_IBUPROFEN, ("general.enalapril_10",), MODERATE,
           Text("baja el efecto antihipertensivo y daña el riñón", "less antihypertensive effect, harm to the kidney"),
           Text("Prefiera paracetamol; si hace falta, el menor tiempo posible y controle la presión.",
                "Prefer paracetamol; if needed, for the shortest time, and check the blood pressure.")),
    *_each(("general.cotrimoxazole_800",), ("general.metformin_850",), MODERATE,
           Text("sube la concentración de metformina", "raises the concentration of metformin"),
           Text("Vigile la glucosa y los síntomas de hipoglucemia o acidosis; prefiera otro antibiótico.",
                "Watch the glucose and for hypoglycaemia or acidosis; prefer another antibiotic.")),
    *_each(("general.ferrous_sulfate_300",), ("general.zinc_20",), MODERATE,
           Text("cada uno reduce la absorción del otro", "each lowers the absorption of the other"),
           Text("Indique tomarlos con 2 horas de diferencia.", "Have them taken 2 hours apart.")),
)
