"""The campaign formulary of essential medicines, with what prescribing needs beyond the stock record:
the unit a dose is measured in, how many of those a dispensed unit holds, the drug classes an
allergy is checked against, the plain-language advice printed on the receta, and the usual course
a prescriber starts from, and the dose limits by weight and age (:data:`DOSE_RULES`). Data only.

Sources of the dose limits (checked against them in review, not in code):

- WHO Model Formulary for Children 2010 (WHO MFC) and WHO Model Formulary 2008 (WHO MF):
  paracetamol 15 mg/kg per dose, at most 4 doses (60 mg/kg) a day, adults 1 g per dose and 4 g a
  day; ibuprofen 5–10 mg/kg per dose from 3 months, at most 30 mg/kg a day, adults 800 mg per dose and
  2,4 g a day; azithromycin 10 mg/kg once a day, adults at most 1 g a day (as a single dose); co-trimoxazole 24 mg/kg (sulfamethoxazole + trimethoprim) twice a day, adults 960 mg twice
  a day, not before 6 weeks of age; albendazole 400 mg as a single dose, 200 mg from 1 to 2 years,
  not under 1 year.
- WHO, *Pocket book of hospital care for children* (2013) and WHO recommendations on the management
  of pneumonia in children (2014): amoxicillin 40–45 mg/kg per dose twice a day (80–90 mg/kg a day),
  adults 1 g per dose, 4 g a day.
- WHO/UNICEF joint statement on diarrhoea (2004), the zinc dose also of Peru's PNUME: 10 mg a day
  under 6 months, 20 mg a day from 6 months.
- WHO, *Iron deficiency anaemia: assessment, prevention and control* (2001), and MINSA NTS 134 on
  anaemia (the ferrous sulfate of Peru's PNUME): 3 mg/kg a day of elemental iron, 120 mg a day for
  an adult's treatment.

The hard ceiling by weight: above the usual mg/kg range a dose is only warned about (a reason lets
it be saved) up to :data:`CEILING_MULTIPLE` times that range, per dose and per day; beyond it, it
is refused, like an absolute maximum. Twice the range is past every regimen these sources give and
below where each medicine's toxicity starts: paracetamol 30 mg/kg a dose and 120 mg/kg a day, below
the 150 mg/kg that is hepatotoxic (WHO MFC; the toxic dose of the poisons centres), while the soft
band holds the 90 mg/kg a day some hospitals give for 48 hours; ibuprofen 60 mg/kg a day, below the
100 mg/kg where toxicity begins; elemental iron 6 mg/kg a day, below the 20 mg/kg of
gastro-intestinal toxicity; azithromycin's 20 mg/kg single dose (trachoma) is at the ceiling, so
allowed. So 1 g of paracetamol for a 9 kg child (111 mg/kg) cannot be saved, with or without a
reason.

No weight or age rule (the single maximum dose only) for the medicines whose paediatric figures we
have not confirmed against these sources or that are not given by weight: metronidazole (its dose
depends on the indication, up to a 2 g single dose), cefalexin, salbutamol (puffs by age, not
weight), oral rehydration salts (the volume by weight is the rehydration plan, not a dose),
loratadine, and the adult medicines enalapril, metformin and omeprazole; permethrin and
clotrimazole are applied on the skin.
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
    :data:`ALLERGY_CLASSES` it belongs to (its therapeutic class and pregnancy rule are in
    :mod:`.cautions`); ``usual`` is the course a prescriber starts from.
    """

    medicine: Medicine
    alias: str
    unit: str
    max_dose: Decimal
    pack: int | None = 1
    classes: frozenset[str] = frozenset()
    advice: tuple[Text, ...] = ()
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
         Decimal("2"), classes=frozenset({"nsaid"}), advice=(_WITH_FOOD,),
         usual=Course(days=3)),
    Drug(_m("ibuprofen_100_susp", "Ibuprofeno", "Ibuprofen", "100 mg/5 mL, 60 mL", "suspension"),
         "ibuprofeno_suspension", "ml", Decimal("20"), pack=60, classes=frozenset({"nsaid"}),
         advice=(_SHAKE, _WITH_FOOD),
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
         advice=(Text("Puede masticar la tableta.", "The tablet may be chewed."),),
         usual=Course(every_h=None, days=1)),
    Drug(_m("salbutamol_inhaler", "Salbutamol", "Salbutamol", "100 mcg/dosis, 200 dosis", "inhaler"),
         "salbutamol_inhalador", "puff", Decimal("4"), pack=200,
         advice=(Text("Agite el inhalador y úselo con la aerocámara.", "Shake the inhaler and use it with the spacer."),),
         usual=Course(Decimal("2"), 6, 5)),
    Drug(_m("enalapril_10", "Enalapril", "Enalapril", "10 mg", "tablet"), "enalapril_10", "tablet", Decimal("2"),
         classes=frozenset({"ace_inhibitor"}),
         advice=(Text("Tómelo todos los días, aunque se sienta bien; no lo deje sin consultar.",
                      "Take it every day, even when you feel well; do not stop it without advice."),),
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


#: How many times the usual mg/kg range a dose may reach with a reason before it is refused.
CEILING_MULTIPLE = Decimal("2")


@attrs.frozen
class DoseRule:
    """The dose limits of one medicine, in mg of its active ingredient (elemental iron for ferrous
    sulfate; sulfamethoxazole + trimethoprim together for co-trimoxazole).

    ``mg_per_unit`` converts a dose in the medicine's unit (a tablet, a mL) to mg. ``max_dose`` and
    ``max_day`` are absolute maxima (a hard stop); ``usual_doses_per_day`` is the regimen the
    per-dose figures are given for (amoxicillin's 45 mg/kg twice a day), so that a full dose that
    often stays within the day's limits;
    ``younger_max`` lowers the absolute maximum per dose below an age (``((24, Decimal("200")),)``:
    200 mg under 24 months). ``per_kg_dose`` and ``per_kg_day`` are the usual ranges by weight (above
    them, a warning that needs a reason; above the ceilings, a refusal), applied to a child under ``child_below_years`` or anyone
    weighing less than ``weight_below_kg``; ``min_age_days`` (with ``min_age`` as people say it)
    is the youngest age it may be given at.
    """

    mg_per_unit: Decimal
    max_dose: Decimal
    max_day: Decimal
    usual_doses_per_day: int
    per_kg_dose: Decimal | None = None
    per_kg_day: Decimal | None = None
    weight_below_kg: Decimal = Decimal("40")
    child_below_years: int = 12
    younger_max: tuple[tuple[int, Decimal], ...] = ()
    min_age_days: int | None = None
    min_age: Text | None = None

    @property
    def ceiling_kg_dose(self) -> Decimal | None:
        """The most mg/kg per dose that can be saved (with a reason): :data:`CEILING_MULTIPLE` × ``per_kg_dose``."""
        return None if self.per_kg_dose is None else self.per_kg_dose * CEILING_MULTIPLE

    @property
    def ceiling_kg_day(self) -> Decimal | None:
        """The most mg/kg a day that can be saved (with a reason): :data:`CEILING_MULTIPLE` × ``per_kg_day``."""
        return None if self.per_kg_day is None else self.per_kg_day * CEILING_MULTIPLE

    @property
    def by_weight(self) -> bool:
        """True when the dose is checked against the patient's weight."""
        return self.per_kg_dose is not None or self.per_kg_day is not None


def _paracetamol(mg_per_unit: str) -> DoseRule:
    return DoseRule(Decimal(mg_per_unit), Decimal("1000"), Decimal("4000"), 4, Decimal("15"), Decimal("60"))


def _ibuprofen(mg_per_unit: str) -> DoseRule:
    return DoseRule(Decimal(mg_per_unit), Decimal("800"), Decimal("2400"), 3, Decimal("10"), Decimal("30"),
                    min_age_days=91, min_age=Text("3 meses", "3 months"))


def _amoxicillin(mg_per_unit: str) -> DoseRule:
    return DoseRule(Decimal(mg_per_unit), Decimal("1000"), Decimal("4000"), 2, Decimal("45"), Decimal("90"))


#: The dose limits by drug key; a medicine not here has only its ``Drug.max_dose``.
DOSE_RULES: dict[str, DoseRule] = {
    "general.paracetamol_500": _paracetamol("500"),
    "general.paracetamol_120_syrup": _paracetamol("24"),
    "general.ibuprofen_400": _ibuprofen("400"),
    "general.ibuprofen_100_susp": _ibuprofen("20"),
    "general.amoxicillin_500": _amoxicillin("500"),
    "general.amoxicillin_250_susp": _amoxicillin("50"),
    "general.azithromycin_500": DoseRule(Decimal("500"), Decimal("1000"), Decimal("1000"), 1, Decimal("10"),
                                         Decimal("10")),
    "general.cotrimoxazole_800": DoseRule(Decimal("960"), Decimal("960"), Decimal("1920"), 2, Decimal("24"),
                                          Decimal("48"), min_age_days=42,
                                          min_age=Text("6 semanas", "6 weeks")),
    "general.albendazole_400": DoseRule(Decimal("400"), Decimal("400"), Decimal("400"), 1,
                                        younger_max=((24, Decimal("200")),), min_age_days=365,
                                        min_age=Text("1 año", "1 year")),
    "general.zinc_20": DoseRule(Decimal("20"), Decimal("20"), Decimal("20"), 1, younger_max=((6, Decimal("10")),)),
    "general.ferrous_sulfate_300": DoseRule(Decimal("60"), Decimal("120"), Decimal("120"), 1, Decimal("3"),
                                            Decimal("3")),
}
