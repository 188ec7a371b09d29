"""What the formulary's medicines are for safety beyond the dose: their therapeutic class (two of one
class at once is duplicate therapy) and how safe each is in each trimester of pregnancy and in
breastfeeding. Data only; the checks are :mod:`ayni.core.clinical.prescribing`'s.

Sources (checked against them in review, not in code):

- WHO Model Formulary 2008 (WHO MF), appendix 2 (pregnancy) and appendix 3 (breastfeeding), and the
  monographs: ibuprofen and the other NSAIDs to be avoided in the third trimester (closure of the
  ductus arteriosus, oligohydramnios, prolonged labour) and used with caution before; co-trimoxazole
  with caution in the first trimester (trimethoprim is a folate antagonist) and near term (neonatal
  haemolysis and methaemoglobinaemia), caution in breastfeeding (jaundiced or G6PD-deficient
  infants); metronidazole without high-dose regimens in the first trimester, caution in
  breastfeeding (large single doses); ACE inhibitors (enalapril) avoided throughout pregnancy
  (fetal and neonatal renal failure, hypotension); metformin replaced by insulin in pregnancy;
  loratadine avoided (manufacturer) in pregnancy and breastfeeding; azithromycin in breastfeeding
  only without a suitable alternative; penicillins, cefalexin, paracetamol, salbutamol, omeprazole,
  oral rehydration salts, zinc, iron, topical permethrin and clotrimazole not known to be harmful.
- WHO, *Preventive chemotherapy to control soil-transmitted helminth infections* (2017), and Peru's
  PNUME (Petitorio Nacional Único de Medicamentos Esenciales, 2023) with its NTS on
  parasitosis: albendazole not in the first trimester (teratogenic in animals), and given with
  caution from the second trimester, where the benefit outweighs the risk.

Doxycycline and ciprofloxacin (contraindicated in pregnancy) are not in this formulary; a campaign
that adds them adds their rule here, and the test that every medicine has a rule says so.
"""

from __future__ import annotations

from ayni.core import Text
from ayni.core.clinical.prescribing import CAUTION, CONTRAINDICATED, SAFE, PregnancyRule

#: The therapeutic classes, as a prescriber says them («los dos son …»).
GROUPS: dict[str, Text] = {
    "paracetamol": Text("paracetamol", "paracetamol"),
    "nsaid": Text("antiinflamatorios (AINE)", "anti-inflammatories (NSAIDs)"),
    "penicillin": Text("penicilinas", "penicillins"),
    "cephalosporin": Text("cefalosporinas", "cephalosporins"),
    "macrolide": Text("macrólidos", "macrolides"),
    "sulfonamide": Text("sulfas", "sulfonamides"),
    "nitroimidazole": Text("nitroimidazoles", "nitroimidazoles"),
    "rehydration": Text("sales de rehidratación", "rehydration salts"),
    "zinc": Text("zinc", "zinc"),
    "iron": Text("hierro", "iron"),
    "anthelmintic": Text("antiparasitarios", "anthelmintics"),
    "bronchodilator": Text("broncodilatadores", "bronchodilators"),
    "ace_inhibitor": Text("IECA (antihipertensivos)", "ACE inhibitors (antihypertensives)"),
    "biguanide": Text("antidiabéticos (biguanidas)", "antidiabetics (biguanides)"),
    "antihistamine": Text("antihistamínicos", "antihistamines"),
    "proton_pump_inhibitor": Text("inhibidores de la bomba de protones", "proton-pump inhibitors"),
    "scabicide": Text("escabicidas", "scabicides"),
    "antifungal": Text("antimicóticos", "antifungals"),
}

#: The therapeutic class of each medicine, by drug key.
GROUP_OF: dict[str, str] = {
    "general.paracetamol_500": "paracetamol",
    "general.paracetamol_120_syrup": "paracetamol",
    "general.ibuprofen_400": "nsaid",
    "general.ibuprofen_100_susp": "nsaid",
    "general.amoxicillin_500": "penicillin",
    "general.amoxicillin_250_susp": "penicillin",
    "general.cefalexin_500": "cephalosporin",
    "general.azithromycin_500": "macrolide",
    "general.cotrimoxazole_800": "sulfonamide",
    "general.metronidazole_500": "nitroimidazole",
    "general.ors": "rehydration",
    "general.zinc_20": "zinc",
    "general.ferrous_sulfate_300": "iron",
    "general.albendazole_400": "anthelmintic",
    "general.salbutamol_inhaler": "bronchodilator",
    "general.enalapril_10": "ace_inhibitor",
    "general.metformin_850": "biguanide",
    "general.loratadine_10": "antihistamine",
    "general.omeprazole_20": "proton_pump_inhibitor",
    "general.permethrin_cream": "scabicide",
    "general.clotrimazole_cream": "antifungal",
}

_SAFE = PregnancyRule.always(SAFE)
_NSAID = PregnancyRule((CAUTION, CAUTION, CONTRAINDICATED),
                       why=Text("en el tercer trimestre cierra el ductus arterioso del feto",
                                "in the third trimester it closes the fetal ductus arteriosus"))

#: Pregnancy (by trimester) and breastfeeding, by drug key.
PREGNANCY: dict[str, PregnancyRule] = {
    "general.paracetamol_500": _SAFE,
    "general.paracetamol_120_syrup": _SAFE,
    "general.ibuprofen_400": _NSAID,
    "general.ibuprofen_100_susp": _NSAID,
    "general.amoxicillin_500": _SAFE,
    "general.amoxicillin_250_susp": _SAFE,
    "general.cefalexin_500": _SAFE,
    "general.azithromycin_500": PregnancyRule.always(SAFE, breastfeeding=CAUTION),
    "general.cotrimoxazole_800": PregnancyRule(
        (CAUTION, SAFE, CAUTION), CAUTION,
        Text("antagonista del folato al inicio; hemólisis del recién nacido cerca del parto",
             "a folate antagonist early on; haemolysis of the newborn near term")),
    "general.metronidazole_500": PregnancyRule(
        (CAUTION, SAFE, SAFE), CAUTION, Text("evite las dosis altas en el primer trimestre",
                                             "avoid high doses in the first trimester")),
    "general.ors": _SAFE,
    "general.zinc_20": _SAFE,
    "general.ferrous_sulfate_300": _SAFE,
    "general.albendazole_400": PregnancyRule(
        (CONTRAINDICATED, CAUTION, CAUTION),
        why=Text("teratógeno en animales; desde el segundo trimestre solo si el beneficio lo justifica",
                 "teratogenic in animals; from the second trimester only if the benefit justifies it")),
    "general.salbutamol_inhaler": _SAFE,
    "general.enalapril_10": PregnancyRule.always(
        CONTRAINDICATED, CAUTION, Text("daña el riñón del feto; use metildopa o nifedipino",
                                       "it harms the fetal kidney; use methyldopa or nifedipine")),
    "general.metformin_850": PregnancyRule.always(
        CAUTION, CAUTION, Text("en el embarazo se prefiere la insulina", "insulin is preferred in pregnancy")),
    "general.loratadine_10": PregnancyRule.always(
        CAUTION, CAUTION, Text("el fabricante aconseja evitarla", "the manufacturer advises avoiding it")),
    "general.omeprazole_20": _SAFE,
    "general.permethrin_cream": _SAFE,
    "general.clotrimazole_cream": _SAFE,
}
