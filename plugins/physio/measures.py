"""The measures a physiotherapist takes per side: range of motion by joint movement (degrees, with
the range a person can plausibly have) and muscle strength by muscle group (MRC 0–5).

Each measure becomes one paired field (right and left) of the assessment and session forms. Its
``parse`` refuses a value with a message naming the movement and the side in plain words
(«Flexión de rodilla (lado derecho): 170° está fuera del rango posible (0° a 150°).»).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import attrs

from ayni.core import BODY_SIDES, Field, FieldError, FieldType, Text, phrase

ROM_SECTION = Text("Rango de movimiento articular (grados)", "Range of motion (degrees)")
MRC_SECTION = Text("Fuerza muscular (MRC/Daniels 0–5)", "Muscle strength (MRC/Daniels 0–5)")

SIDE_WORDS = {
    "lado": {"right": Text("lado derecho", "right side"), "left": Text("lado izquierdo", "left side")},
    "pie": {"right": Text("pie derecho", "right foot"), "left": Text("pie izquierdo", "left foot")},
}

OUT_OF_RANGE = Text("{field}: {value}{unit} está fuera del rango posible ({min}{unit} a {max}{unit}).",
                    "{field}: {value}{unit} is outside the possible range ({min}{unit} to {max}{unit}).")
OFF_STEP = Text("{field}: {value} no es un valor de la escala; va de {min} a {max} en pasos de {step}.",
                "{field}: {value} is not on the scale; it goes from {min} to {max} in steps of {step}.")
NOT_NUMBER = Text("{field}: escriba un número ({min}{unit} a {max}{unit}).",
                  "{field}: write a number ({min}{unit} to {max}{unit}).")


@attrs.frozen
class Measure:
    """One thing measured on each side: its field key, label, possible range and the normal one.

    ``low``/``high`` bound what a person can plausibly have (a value outside is a typing mistake);
    ``normal`` is printed beside the value for the reader. ``step`` makes it a decimal scale.
    """

    key: str
    label: Text
    low: int
    high: int
    normal: str = ""
    unit: str = ""
    step: Decimal | None = None
    side_word: str = "lado"
    help: Text | None = None

    def side_label(self, side: str) -> Text:
        """«Flexión de rodilla (lado derecho)» / «Knee flexion (right side)»."""
        words = SIDE_WORDS[self.side_word][side]
        return phrase(Text("{measure} ({side})", "{measure} ({side})"), measure=self.label, side=words)


def _rom(key: str, es: str, en: str, low: int, high: int, normal: str, help: Text | None = None) -> Measure:
    return Measure(f"rom_{key}", Text(es, en), low, high, normal, unit="°", help=help)


_NEGATIVE_EXTENSION = Text("Negativo si no llega a extender del todo (contractura en flexión).",
                           "Negative when it cannot fully extend (flexion contracture).")

#: Joint movements, upper limb then lower limb; ``low``–``high`` is what a body can plausibly do.
ROM = (
    _rom("shoulder_flexion", "Flexión de hombro", "Shoulder flexion", 0, 180, "0–180°"),
    _rom("shoulder_abduction", "Abducción de hombro", "Shoulder abduction", 0, 180, "0–180°"),
    _rom("shoulder_external_rotation", "Rotación externa de hombro", "Shoulder external rotation", 0, 100, "0–90°"),
    _rom("elbow_flexion", "Flexión de codo", "Elbow flexion", 0, 160, "0–150°"),
    _rom("elbow_extension", "Extensión de codo", "Elbow extension", -90, 20, "0°", _NEGATIVE_EXTENSION),
    _rom("forearm_supination", "Supinación de antebrazo", "Forearm supination", 0, 100, "0–80°"),
    _rom("forearm_pronation", "Pronación de antebrazo", "Forearm pronation", 0, 100, "0–80°"),
    _rom("wrist_extension", "Extensión de muñeca", "Wrist extension", -60, 90, "0–70°"),
    _rom("wrist_flexion", "Flexión de muñeca", "Wrist flexion", 0, 100, "0–80°"),
    _rom("hip_flexion", "Flexión de cadera", "Hip flexion", 0, 150, "0–120°"),
    _rom("hip_extension", "Extensión de cadera", "Hip extension", -60, 40, "0–30°", _NEGATIVE_EXTENSION),
    _rom("hip_abduction", "Abducción de cadera", "Hip abduction", 0, 90, "0–45° (lactante 60–90°)"),
    _rom("hip_adduction", "Aducción de cadera", "Hip adduction", 0, 45, "0–30°"),
    _rom("hip_internal_rotation", "Rotación interna de cadera", "Hip internal rotation", 0, 90, "0–45°"),
    _rom("hip_external_rotation", "Rotación externa de cadera", "Hip external rotation", 0, 90, "0–45°"),
    _rom("knee_flexion", "Flexión de rodilla", "Knee flexion", 0, 150, "0–140°"),
    _rom("knee_extension", "Extensión de rodilla", "Knee extension", -90, 20, "0°", _NEGATIVE_EXTENSION),
    _rom("ankle_dorsiflexion", "Dorsiflexión de tobillo", "Ankle dorsiflexion", -60, 60, "0–20°",
         Text("Negativo si el pie no llega a 90° (equino).", "Negative when the foot cannot reach 90° (equinus).")),
    _rom("ankle_plantarflexion", "Flexión plantar de tobillo", "Ankle plantarflexion", 0, 70, "0–50°"),
)


def _mrc(key: str, es: str, en: str) -> Measure:
    return Measure(f"mrc_{key}", Text(es, en), 0, 5, "5")


#: Muscle groups graded 0 (no contraction) to 5 (normal strength).
STRENGTH = (
    _mrc("shoulder_flexors", "Flexores de hombro", "Shoulder flexors"),
    _mrc("shoulder_abductors", "Abductores de hombro", "Shoulder abductors"),
    _mrc("elbow_flexors", "Flexores de codo", "Elbow flexors"),
    _mrc("elbow_extensors", "Extensores de codo", "Elbow extensors"),
    _mrc("wrist_extensors", "Extensores de muñeca", "Wrist extensors"),
    _mrc("grip", "Prensión de la mano", "Hand grip"),
    _mrc("hip_flexors", "Flexores de cadera", "Hip flexors"),
    _mrc("hip_extensors", "Extensores de cadera", "Hip extensors"),
    _mrc("hip_abductors", "Abductores de cadera", "Hip abductors"),
    _mrc("knee_extensors", "Extensores de rodilla", "Knee extensors"),
    _mrc("knee_flexors", "Flexores de rodilla", "Knee flexors"),
    _mrc("ankle_dorsiflexors", "Dorsiflexores de tobillo", "Ankle dorsiflexors"),
    _mrc("ankle_plantarflexors", "Flexores plantares de tobillo", "Ankle plantarflexors"),
)

#: The Pirani score of a clubfoot: 0 (normal) to 6 (severe) in half points, per foot.
PIRANI = Measure("pirani", Text("Puntaje de Pirani", "Pirani score"), 0, 6, "0 (normal) – 6 (severo)",
                 step=Decimal("0.5"), side_word="pie",
                 help=Text("0 a 6 en pasos de 0.5: mediopié (3 signos) + retropié (3 signos).",
                           "0 to 6 in steps of 0.5: midfoot (3 signs) + hindfoot (3 signs)."))

MEASURES: dict[str, Measure] = {m.key: m for m in (*ROM, *STRENGTH, PIRANI)}
_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def _error(measure: Measure, side: str, key: str, text: Text, value=None) -> FieldError:
    params = {"value": value, "min": measure.low, "max": measure.high, "unit": measure.unit,
              "step": measure.step}
    return FieldError(f"{measure.key}.{side}", key, measure.side_label(side), params, text=text)


def parse_measure(field: Field, raw):
    """``Field.parse`` of one side of a measure: a whole number (or a number on the measure's step)
    within the measure's plausible range. ``°`` typed after the number is accepted."""
    base, _, side = field.key.partition(".")
    measure = MEASURES[base]
    if isinstance(raw, bool):
        return None, _error(measure, side, "not_number", NOT_NUMBER)
    text = str(raw).strip().rstrip("°º").strip()
    if not _NUMBER.fullmatch(text):
        return None, _error(measure, side, "not_number", NOT_NUMBER)
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees digits
        return None, _error(measure, side, "not_number", NOT_NUMBER)
    shown = f"{number.normalize():f}"
    if not measure.low <= number <= measure.high:
        return None, _error(measure, side, "out_of_range", OUT_OF_RANGE, shown)
    step = measure.step or Decimal(1)
    if number % step:
        return None, _error(measure, side, "bad_step", OFF_STEP, shown)
    return (number if measure.step else int(number)), None


def field(measure: Measure, section: Text) -> Field:
    """The paired (right, left) form field of a measure."""
    if measure.step is None:
        kind, low, high = (FieldType.SCALE if measure.high <= 10 else FieldType.INTEGER), measure.low, measure.high
    else:
        kind, low, high = FieldType.DECIMAL, Decimal(measure.low), Decimal(measure.high)
    return Field(measure.key, kind, measure.label, unit=measure.unit, min=low, max=high, step=measure.step,
                 sides=BODY_SIDES, section=section, help=measure.help, parse=parse_measure)


ROM_FIELDS = tuple(field(m, ROM_SECTION) for m in ROM)
STRENGTH_FIELDS = tuple(field(m, MRC_SECTION) for m in STRENGTH)
