"""The campaign formulary of essential medicines, with what prescribing needs beyond the stock record:
the unit a dose is measured in, how many of those a dispensed unit holds, the drug classes an
allergy is checked against, the plain-language advice printed on the receta, and the usual course
a prescriber starts from. Data only.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ayni.core import Medicine, Text

SPECIALTY = "general"

#: Drug classes a patient may be allergic to (the allergy field of triage and consultation).
ALLERGY_CLASSES: dict[str, Text] = {
    "penicillin": Text("penicilinas (amoxicilina, ampicilina…)", "penicillins (amoxicillin, ampicillin…)"),
    "cephalosporin": Text("cefalosporinas (cefalexina…)", "cephalosporins (cefalexin…)"),
    "sulfonamide": Text("sulfas (cotrimoxazol)", "sulfonamides (co-trimoxazole)"),
    "macrolide": Text("macrólidos (azitromicina…)", "macrolides (azithromycin…)"),
    "nsaid": Text("antiinflamatorios AINE (ibuprofeno, aspirina…)", "NSAIDs (ibuprofen, aspirin…)"),
    "paracetamol": Text("paracetamol", "paracetamol"),
    "nitroimidazole": Text("metronidazol", "metronidazole"),
    "ace_inhibitor": Text("IECA (enalapril…)", "ACE inhibitors (enalapril…)"),
    "benzimidazole": Text("antiparasitarios bencimidazoles (albendazol…)", "benzimidazoles (albendazole…)"),
}

#: The unit a dose is counted in: singular, plural (es, en), and the verb the receta uses.
UNITS: dict[str, tuple[Text, Text, Text]] = {
    "tablet": (Text("tableta", "tablet"), Text("tabletas", "tablets"), Text("Tome", "Take")),
    "capsule": (Text("cápsula", "capsule"), Text("cápsulas", "capsules"), Text("Tome", "Take")),
    "ml": (Text("mL", "mL"), Text("mL", "mL"), Text("Tome", "Take")),
    "sachet": (Text("sobre", "sachet"), Text("sobres", "sachets"), Text("Tome", "Take")),
    "puff": (Text("inhalación", "puff"), Text("inhalaciones", "puffs"), Text("Haga", "Use")),
    "application": (Text("aplicación", "application"), Text("aplicaciones", "applications"),
                    Text("Aplique", "Apply")),
}


#: What one dispensed unit is called when it holds many dose units (a bottle of syrup, an inhaler, a
#: tube of cream): singular and plural.
PACKS: dict[str, tuple[Text, Text]] = {
    "ml": (Text("frasco", "bottle"), Text("frascos", "bottles")),
    "puff": (Text("inhalador", "inhaler"), Text("inhaladores", "inhalers")),
    "application": (Text("tubo", "tube"), Text("tubos", "tubes")),
}


@attrs.frozen
class Course:
    """The usual course of a medicine, offered when it is prescribed: ``dose`` in its dose unit,
    ``every_h`` hours between doses (``None``: a single dose) for ``days``."""

    dose: Decimal = Decimal("1")
    every_h: int | None = 8
    days: int = 5


@attrs.frozen
class Drug:
    """A formulary medicine and how it is prescribed.

    ``pack`` is how many dose units one dispensed unit holds (60 mL in a bottle, 200 puffs in an
    inhaler; 1 for a tablet); ``None`` means one dispensed unit lasts the whole course (a tube of
    cream). ``max_dose`` is the largest single dose, in dose units; ``classes`` are the keys of
    :data:`ALLERGY_CLASSES` it belongs to; ``pregnancy_caution`` raises an alert for a pregnant
    patient; ``usual`` is the course a prescriber starts from.
    """

    medicine: Medicine
    alias: str
    unit: str
    max_dose: Decimal
    pack: int | None = 1
    classes: frozenset[str] = frozenset()
    advice: tuple[Text, ...] = ()
    pregnancy_caution: bool = False
    usual: Course = Course()

    @property
    def key(self) -> str:
        return self.medicine.key

    @property
    def short(self) -> str:
        """The key without the specialty prefix, as typed: ``amoxicillin_500``."""
        return self.key.partition(".")[2]


def _m(short: str, es: str, en: str, strength: str, form: str) -> Medicine:
    return Medicine(f"{SPECIALTY}.{short}", Text(es, en), strength, form)


_WITH_FOOD = Text("Tómelo con las comidas.", "Take it with food.")
_SHAKE = Text("Agite el frasco antes de cada toma; mida con la jeringa o la cucharita que se le entregó.",
              "Shake the bottle before each dose; measure with the syringe or spoon you were given.")
_FINISH = Text("Es un antibiótico: tómelo todos los días indicados aunque se sienta mejor.",
               "It is an antibiotic: take it for all the days prescribed even if you feel better.")
_FEVER = Text("No tome más de 4 veces en 24 horas.", "Do not take it more than 4 times in 24 hours.")

DRUGS: tuple[Drug, ...] = (
    Drug(_m("paracetamol_500", "Paracetamol", "Paracetamol", "500 mg", "tablet"), "paracetamol_500", "tablet",
         Decimal("2"), classes=frozenset({"paracetamol"}), advice=(_FEVER,),
         usual=Course(days=3)),
    Drug(_m("paracetamol_120_syrup", "Paracetamol", "Paracetamol", "120 mg/5 mL, 60 mL", "syrup"),
         "paracetamol_jarabe", "ml", Decimal("15"), pack=60, classes=frozenset({"paracetamol"}),
         advice=(_SHAKE, _FEVER),
         usual=Course(Decimal("5"), 8, 3)),
    Drug(_m("ibuprofen_400", "Ibuprofeno", "Ibuprofen", "400 mg", "tablet"), "ibuprofeno_400", "tablet",
         Decimal("2"), classes=frozenset({"nsaid"}), advice=(_WITH_FOOD,), pregnancy_caution=True,
         usual=Course(days=3)),
    Drug(_m("ibuprofen_100_susp", "Ibuprofeno", "Ibuprofen", "100 mg/5 mL, 60 mL", "suspension"),
         "ibuprofeno_suspension", "ml", Decimal("20"), pack=60, classes=frozenset({"nsaid"}),
         advice=(_SHAKE, _WITH_FOOD), pregnancy_caution=True,
         usual=Course(Decimal("5"), 8, 3)),
    Drug(_m("amoxicillin_500", "Amoxicilina", "Amoxicillin", "500 mg", "capsule"), "amoxicilina_500", "capsule",
         Decimal("2"), classes=frozenset({"penicillin"}), advice=(_FINISH,),
         usual=Course(days=7)),
    Drug(_m("amoxicillin_250_susp", "Amoxicilina", "Amoxicillin", "250 mg/5 mL, 60 mL", "suspension"),
         "amoxicilina_suspension", "ml", Decimal("20"), pack=60, classes=frozenset({"penicillin"}),
         advice=(_SHAKE, _FINISH),
         usual=Course(Decimal("5"), 8, 7)),
    Drug(_m("cefalexin_500", "Cefalexina", "Cefalexin", "500 mg", "capsule"), "cefalexina_500", "capsule",
         Decimal("2"), classes=frozenset({"cephalosporin"}), advice=(_FINISH,),
         usual=Course(every_h=6, days=7)),
    Drug(_m("azithromycin_500", "Azitromicina", "Azithromycin", "500 mg", "tablet"), "azitromicina_500", "tablet",
         Decimal("2"), classes=frozenset({"macrolide"}), advice=(_FINISH,),
         usual=Course(every_h=24, days=3)),
    Drug(_m("cotrimoxazole_800", "Sulfametoxazol + trimetoprima", "Sulfamethoxazole + trimethoprim",
            "800/160 mg", "tablet"), "cotrimoxazol_800", "tablet", Decimal("2"),
         classes=frozenset({"sulfonamide"}), advice=(_FINISH, Text("Tome bastante agua.", "Drink plenty of water.")),
         pregnancy_caution=True,
         usual=Course(every_h=12, days=7)),
    Drug(_m("metronidazole_500", "Metronidazol", "Metronidazole", "500 mg", "tablet"), "metronidazol_500", "tablet",
         Decimal("4"), classes=frozenset({"nitroimidazole"}),
         advice=(_WITH_FOOD, Text("No tome alcohol durante el tratamiento ni 2 días después.",
                                  "Do not drink alcohol during the treatment or for 2 days after it.")),
         usual=Course(days=7)),
    Drug(_m("ors", "Sales de rehidratación oral", "Oral rehydration salts", "20.5 g/L", "sachet"), "sro", "sachet",
         Decimal("2"),
         advice=(Text("Disuelva cada sobre en 1 litro de agua hervida y fría; tome a sorbos, sobre todo después "
                      "de cada deposición líquida. Bote lo que sobre a las 24 horas.",
                      "Dissolve each sachet in 1 litre of boiled, cooled water; sip it, above all after each "
                      "loose stool. Throw away what is left after 24 hours."),),
         usual=Course(every_h=24, days=3)),
    Drug(_m("zinc_20", "Zinc (sulfato)", "Zinc (sulfate)", "20 mg", "tablet"), "zinc_20", "tablet", Decimal("1"),
         advice=(Text("Disuelva la tableta en un poco de agua o leche materna.",
                      "Dissolve the tablet in a little water or breast milk."),),
         usual=Course(every_h=24, days=10)),
    Drug(_m("albendazole_400", "Albendazol", "Albendazole", "400 mg", "tablet"), "albendazol_400", "tablet",
         Decimal("1"), classes=frozenset({"benzimidazole"}),
         advice=(Text("Puede masticar la tableta.", "The tablet may be chewed."),), pregnancy_caution=True,
         usual=Course(every_h=None, days=1)),
    Drug(_m("salbutamol_inhaler", "Salbutamol", "Salbutamol", "100 mcg/dosis, 200 dosis", "inhaler"),
         "salbutamol_inhalador", "puff", Decimal("4"), pack=200,
         advice=(Text("Agite el inhalador y úselo con la aerocámara.", "Shake the inhaler and use it with the spacer."),),
         usual=Course(Decimal("2"), 6, 5)),
    Drug(_m("enalapril_10", "Enalapril", "Enalapril", "10 mg", "tablet"), "enalapril_10", "tablet", Decimal("2"),
         classes=frozenset({"ace_inhibitor"}),
         advice=(Text("Tómelo todos los días, aunque se sienta bien; no lo deje sin consultar.",
                      "Take it every day, even when you feel well; do not stop it without advice."),),
         pregnancy_caution=True,
         usual=Course(every_h=24, days=30)),
    Drug(_m("metformin_850", "Metformina", "Metformin", "850 mg", "tablet"), "metformina_850", "tablet", Decimal("1"),
         advice=(_WITH_FOOD,),
         usual=Course(every_h=12, days=30)),
    Drug(_m("ferrous_sulfate_300", "Sulfato ferroso", "Ferrous sulfate", "300 mg (60 mg de hierro)", "tablet"),
         "sulfato_ferroso_300", "tablet", Decimal("2"),
         advice=(Text("Tómelo con jugo de naranja o agua, no con té, café ni leche. Las heces pueden salir oscuras.",
                      "Take it with orange juice or water, not with tea, coffee or milk. Stools may turn dark."),),
         usual=Course(every_h=24, days=30)),
    Drug(_m("loratadine_10", "Loratadina", "Loratadine", "10 mg", "tablet"), "loratadina_10", "tablet", Decimal("1"),
         usual=Course(every_h=24, days=5)),
    Drug(_m("omeprazole_20", "Omeprazol", "Omeprazole", "20 mg", "capsule"), "omeprazol_20", "capsule", Decimal("2"),
         advice=(Text("Tómelo en ayunas, media hora antes del desayuno.",
                      "Take it on an empty stomach, half an hour before breakfast."),),
         usual=Course(every_h=24, days=14)),
    Drug(_m("permethrin_cream", "Permetrina", "Permethrin", "5 %, 60 g", "cream"), "permetrina_crema", "application",
         Decimal("1"), pack=None,
         advice=(Text("Aplique en todo el cuerpo, del cuello a los pies, de noche; báñese a las 8–12 horas. "
                      "Lave con agua caliente la ropa y las sábanas. Trate a toda la familia.",
                      "Apply to the whole body, neck to feet, at night; wash it off after 8–12 hours. "
                      "Wash clothes and bedding in hot water. Treat the whole family."),),
         usual=Course(every_h=None, days=1)),
    Drug(_m("clotrimazole_cream", "Clotrimazol", "Clotrimazole", "1 %, 20 g", "cream"), "clotrimazol_crema",
         "application", Decimal("1"), pack=None,
         advice=(Text("Aplique una capa fina sobre la piel limpia y seca.", "Apply a thin layer on clean, dry skin."),),
         usual=Course(every_h=12, days=14)),
)

BY_KEY: dict[str, Drug] = {d.key: d for d in DRUGS}
#: Every token that names a drug in typed text: the key, the key without prefix, the Spanish alias.
BY_TOKEN: dict[str, Drug] = {
    token: d for d in DRUGS for token in (d.key, d.short, d.alias)
}

MEDICINES: tuple[Medicine, ...] = tuple(d.medicine for d in DRUGS)
