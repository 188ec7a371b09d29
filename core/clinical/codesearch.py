"""Search over a list of codes by code or by words (ICD-10 diagnoses, a code field's choices).

One index for every picker: the UI's search-as-you-type, the CLI and plugins find «cefal» →
«R51 — Cefalea», «headache» and the everyday «dolor de cabeza» → the same code, ignoring accents
and case (:func:`ayni.core.fold`). The everyday words are each code's ``synonyms``
(:class:`~ayni.core.DiagnosisCode`), data beside the plugin's codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..hooks.declarations import DiagnosisCode
from ..i18n import Text, fold

#: With nothing typed, a list this short is shown whole; a longer one shows nothing.
SHOW_ALL_UP_TO = 30
_WORD = re.compile(r"[\w.]+")
#: A plugin's own key (``ankle_pumps``), not a public code (``J06.9``): people read only its label.
_OWN_KEY = re.compile(r"[a-z][a-z0-9_]*")


def _words(text: str) -> str:
    """`` w1 w2 …``: the folded words of ``text``, each after a space, so that « w» finds a word start."""
    return " " + " ".join(_WORD.findall(fold(text)))


class CodeIndex:
    """Codes with their labels (es and en) and everyday words (``synonyms``: code → words), folded
    once so that each search is a cheap scan."""

    def __init__(self, items: Iterable[tuple[str, Text]], synonyms: Mapping[str, Iterable[str]] | None = None):
        self.items = list(items)
        self.labels = dict(self.items)
        synonyms = synonyms or {}
        self._phrases = [
            (code, _words(f"{code} {code.replace('.', '')}"),
             tuple(_words(p) for p in (label.es, label.en, *synonyms.get(code, ()))))
            for code, label in self.items
        ]

    @classmethod
    def of_choices(cls, choices: Iterable) -> CodeIndex:
        """The index of a field's :class:`~ayni.core.Choice` list: each choice by its label and its
        ``synonyms``."""
        choices = list(choices)
        return cls(((c.value, c.label) for c in choices), {c.value: c.synonyms for c in choices if c.synonyms})

    def search(self, query: str, limit: int = 40) -> list[str]:
        """Codes where every word typed starts a word of the code, its label in either language or
        one of its everyday words (``cefal`` finds «Cefalea» but not «encefálico»; ``j069`` finds
        J06.9), best first: the code itself typed, then what a label or everyday phrase begins with
        («presion alta» → I10), then the words typed together inside one («dolor de cabeza»), then
        the rest. An empty query lists a short index whole."""
        words = [" " + w for w in _WORD.findall(fold(query))]
        if not words:
            return [code for code, _ in self.items][:limit] if len(self.items) <= SHOW_ALL_UP_TO else []
        phrase = "".join(words)
        tiers: tuple[list[str], ...] = ([], [], [], [])
        for code, head, phrases in self._phrases:
            hay = head + "".join(phrases)
            if not all(w in hay for w in words):
                continue
            if head.startswith(words[0]):
                tiers[0].append(code)
            elif any(p.startswith(phrase) for p in phrases):
                tiers[1].append(code)
            elif any(phrase in p for p in phrases):
                tiers[2].append(code)
            else:
                tiers[3].append(code)
        return [code for tier in tiers for code in tier][:limit]

    def display(self, code: str, lang: str) -> str:
        """«J06.9 — Infección aguda …»; only the label of a plugin's own key («Mover los pies arriba y
        abajo» for ``ankle_pumps``); the code alone when it is not in the index."""
        label = self.labels.get(code)
        if not label:
            return code
        return label.get(lang) if _OWN_KEY.fullmatch(code) else f"{code} — {label.get(lang)}"


def search_diagnoses(plugins, query: str, limit: int = 40) -> list[DiagnosisCode]:
    """The bundled ICD-10 codes matching ``query`` (a code such as ``J06``/``j069``, or words in Spanish
    or English such as ``diarrea`` or ``pinworm``), best first."""
    catalog = plugins.diagnoses
    return [catalog[code] for code in plugins.diagnosis_index.search(query, limit)]


#: The chapters of ICD-10 (WHO 2019): number, first and last three-character code, title.
CHAPTERS: tuple[tuple[str, str, str, Text], ...] = (
    ("I", "A00", "B99", Text("Enfermedades infecciosas y parasitarias", "Infectious and parasitic diseases")),
    ("II", "C00", "D48", Text("Tumores (neoplasias)", "Neoplasms")),
    ("III", "D50", "D89", Text("Enfermedades de la sangre y de la inmunidad",
                                "Diseases of the blood and immune mechanism")),
    ("IV", "E00", "E90", Text("Enfermedades endocrinas, nutricionales y metabólicas",
                               "Endocrine, nutritional and metabolic diseases")),
    ("V", "F00", "F99", Text("Trastornos mentales y del comportamiento", "Mental and behavioural disorders")),
    ("VI", "G00", "G99", Text("Enfermedades del sistema nervioso", "Diseases of the nervous system")),
    ("VII", "H00", "H59", Text("Enfermedades del ojo y sus anexos", "Diseases of the eye and adnexa")),
    ("VIII", "H60", "H95", Text("Enfermedades del oído", "Diseases of the ear and mastoid process")),
    ("IX", "I00", "I99", Text("Enfermedades del sistema circulatorio", "Diseases of the circulatory system")),
    ("X", "J00", "J99", Text("Enfermedades del sistema respiratorio", "Diseases of the respiratory system")),
    ("XI", "K00", "K93", Text("Enfermedades del sistema digestivo", "Diseases of the digestive system")),
    ("XII", "L00", "L99", Text("Enfermedades de la piel", "Diseases of the skin and subcutaneous tissue")),
    ("XIII", "M00", "M99", Text("Enfermedades del sistema osteomuscular",
                                 "Diseases of the musculoskeletal system")),
    ("XIV", "N00", "N99", Text("Enfermedades del sistema genitourinario", "Diseases of the genitourinary system")),
    ("XV", "O00", "O99", Text("Embarazo, parto y puerperio", "Pregnancy, childbirth and the puerperium")),
    ("XVI", "P00", "P96", Text("Afecciones del período perinatal", "Conditions of the perinatal period")),
    ("XVII", "Q00", "Q99", Text("Malformaciones congénitas", "Congenital malformations")),
    ("XVIII", "R00", "R99", Text("Síntomas y signos no clasificados en otra parte",
                                  "Symptoms and signs not elsewhere classified")),
    ("XIX", "S00", "T98", Text("Traumatismos y envenenamientos", "Injury and poisoning")),
    ("XX", "V01", "Y98", Text("Causas externas de morbilidad", "External causes of morbidity")),
    ("XXI", "Z00", "Z99", Text("Factores que influyen en el estado de salud",
                                "Factors influencing health status")),
    ("XXII", "U00", "U99", Text("Códigos para propósitos especiales", "Codes for special purposes")),
)


def chapter_of(code: str) -> tuple[str, Text] | None:
    """The ICD-10 chapter of a code («J06.9» → ``("X", Text("Enfermedades del sistema respiratorio", …))``),
    or ``None`` when the code is in no chapter."""
    head = code.strip().upper()[:3]
    for number, first, last, title in CHAPTERS:
        if first <= head <= last:
            return number, title
    return None


__all__ = ["CHAPTERS", "CodeIndex", "SHOW_ALL_UP_TO", "chapter_of", "search_diagnoses"]
