"""Mental-health screening: PHQ-9 (depression) and GAD-7 (anxiety), answered item by item (0–3 each),
scored and placed in their severity bands; PHQ-9 item 9 (thoughts of self-harm) above 0 is a safety
alert whatever the total. Both questionnaires are free to use (Pfizer, no permission required).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ayni.core import Choice, Field, FieldType, Text, phrase

#: What each answer means, offered beside its number («2 — Más de la mitad de los días»).
ANSWER_CHOICES = (
    Choice("0", Text("Nunca", "Not at all")),
    Choice("1", Text("Varios días", "Several days")),
    Choice("2", Text("Más de la mitad de los días", "More than half the days")),
    Choice("3", Text("Casi todos los días", "Nearly every day")),
)
ANSWERS = Text(*(" · ".join(f"{c.value} {c.label.get(lang)}" for c in ANSWER_CHOICES) for lang in ("es", "en")))


@attrs.frozen
class Scale:
    """A questionnaire: field prefix, name, items and severity bands ``(lowest score, key, label)``."""

    prefix: str
    name: Text
    items: tuple[Text, ...]
    bands: tuple[tuple[int, str, Text], ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f"{self.prefix}_{i}" for i in range(1, len(self.items) + 1))

    @property
    def maximum(self) -> int:
        return 3 * len(self.items)

    def score(self, values: Mapping) -> int | None:
        """The total, only when every item was answered."""
        answers = [values.get(k) for k in self.keys]
        return None if any(a is None for a in answers) else sum(int(a) for a in answers)

    def band(self, score: int | None) -> str | None:
        """The key of the band a total falls in."""
        if score is None:
            return None
        return [key for lowest, key, _ in self.bands if score >= lowest][-1]

    def band_label(self, key: str) -> Text:
        return next(label for _, k, label in self.bands if k == key)

    def choices(self) -> tuple[Choice, ...]:
        return tuple(Choice(key, label) for _, key, label in self.bands)

    def fields(self, section: Text) -> tuple[Field, ...]:
        """One 0–3 scale per item, then the derived total and band."""
        items = tuple(Field(key, FieldType.SCALE, phrase(Text("{i}. {item}", "{i}. {item}"), i=i, item=item), min=0, max=3,
                            choices=ANSWER_CHOICES, section=section, help=ANSWERS)
                      for i, (key, item) in enumerate(zip(self.keys, self.items), start=1))
        return (*items,
                Field(f"{self.prefix}_score", FieldType.INTEGER, phrase(Text("Puntaje {scale}", "{scale} score"),
                                                                        scale=self.name),
                      unit=f"/ {self.maximum}", derived=True, section=section),
                Field(f"{self.prefix}_band", FieldType.CHOICE, phrase(Text("Severidad {scale}", "{scale} severity"),
                                                                     scale=self.name),
                      choices=self.choices(), derived=True, section=section))


_MINIMAL = Text("mínima (0–4)", "minimal (0–4)")
_MILD = Text("leve (5–9)", "mild (5–9)")
_MODERATE = Text("moderada (10–14)", "moderate (10–14)")

PHQ9 = Scale(
    "phq", Text("PHQ-9", "PHQ-9"),
    (
        Text("Poco interés o placer en hacer las cosas", "Little interest or pleasure in doing things"),
        Text("Se ha sentido decaído(a), deprimido(a) o sin esperanza", "Feeling down, depressed or hopeless"),
        Text("Dificultad para dormir o permanecer dormido(a), o ha dormido demasiado",
             "Trouble falling or staying asleep, or sleeping too much"),
        Text("Se ha sentido cansado(a) o con poca energía", "Feeling tired or having little energy"),
        Text("Poco apetito o ha comido en exceso", "Poor appetite or overeating"),
        Text("Se ha sentido mal con usted mismo(a), que es un fracaso o que ha quedado mal con usted "
             "mismo(a) o con su familia",
             "Feeling bad about yourself, or that you are a failure or have let yourself or your family down"),
        Text("Dificultad para concentrarse, por ejemplo al leer o ver televisión",
             "Trouble concentrating on things, such as reading or watching television"),
        Text("Se mueve o habla tan lento que otros lo notan, o al contrario, muy inquieto(a)",
             "Moving or speaking so slowly that others notice, or the opposite, being very restless"),
        Text("Pensamientos de que estaría mejor muerto(a) o de hacerse daño de alguna manera",
             "Thoughts that you would be better off dead or of hurting yourself in some way"),
    ),
    ((0, "minimal", _MINIMAL), (5, "mild", _MILD), (10, "moderate", _MODERATE),
     (15, "moderately_severe", Text("moderadamente severa (15–19)", "moderately severe (15–19)")),
     (20, "severe", Text("severa (20–27)", "severe (20–27)"))),
)

GAD7 = Scale(
    "gad", Text("GAD-7", "GAD-7"),
    (
        Text("Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta", "Feeling nervous, anxious or on edge"),
        Text("No ha podido dejar de preocuparse o controlar la preocupación",
             "Not being able to stop or control worrying"),
        Text("Se ha preocupado demasiado por diferentes cosas", "Worrying too much about different things"),
        Text("Dificultad para relajarse", "Trouble relaxing"),
        Text("Tan inquieto(a) que le cuesta quedarse quieto(a)", "Being so restless that it is hard to sit still"),
        Text("Se molesta o se irrita con facilidad", "Becoming easily annoyed or irritable"),
        Text("Ha sentido miedo, como si algo terrible fuera a pasar",
             "Feeling afraid, as if something awful might happen"),
    ),
    ((0, "minimal", _MINIMAL), (5, "mild", _MILD), (10, "moderate", _MODERATE),
     (15, "severe", Text("severa (15–21)", "severe (15–21)"))),
)

SCALES = (PHQ9, GAD7)
SAFETY_ITEM = PHQ9.keys[-1]
#: What question 9 says while it is answered: what an answer above 0 sets off, before it is saved.
SAFETY_HELP = phrase(Text("{answers}. Mayor que 0: alerta de seguridad al guardar; evalúe el riesgo hoy, no deje "
                          "solo al paciente y elija la acción de seguridad (Seguimiento).",
                          "{answers}. Above 0: a safety alert on saving; assess the risk today, do not leave the "
                          "patient alone and choose the safety action (Follow-up)."), answers=ANSWERS)


def phq9_fields(section: Text) -> tuple[Field, ...]:
    """The PHQ-9's fields, question 9 saying what an answer above 0 sets off."""
    return tuple(attrs.evolve(f, help=SAFETY_HELP) if f.key == SAFETY_ITEM else f for f in PHQ9.fields(section))
#: A total from which a follow-up is flagged.
FOLLOW_UP_FROM = 10


def safety_risk(values: Mapping) -> bool:
    """PHQ-9 item 9 answered above 0."""
    return (values.get(SAFETY_ITEM) or 0) > 0


def needs_follow_up(values: Mapping) -> bool:
    """A follow-up is flagged for a total of 10 or more on either scale, a safety answer, or when the
    clinician asks for one."""
    scores = [s.score(values) for s in SCALES]
    return (any(score is not None and score >= FOLLOW_UP_FROM for score in scores) or safety_risk(values)
            or values.get("follow_up_requested") is True)


def derive(values: Mapping) -> dict:
    """Totals and bands of the questionnaires answered in full, and the follow-up flag."""
    out: dict = {}
    for scale in SCALES:
        score = scale.score(values)
        if score is not None:
            out[f"{scale.prefix}_score"] = score
            out[f"{scale.prefix}_band"] = scale.band(score)
    if any(values.get(k) is not None for s in SCALES for k in s.keys) or values.get("follow_up_requested"):
        out["follow_up"] = needs_follow_up(values)
    return out
