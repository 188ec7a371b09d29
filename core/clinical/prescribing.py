"""Prescribing safety that any plugin's medicines can declare and check, as data: pregnancy and
breastfeeding (:class:`PregnancyRule`), the therapeutic class (duplicate therapy), interactions
between two medicines (:class:`Interaction`), and a dose limit by weight (:func:`weight_limit`).

A plugin keeps its tables (``{medicine key: PregnancyRule}``, ``{key: class}``, a tuple of
:class:`Interaction`) and turns the medicines of a visit into :class:`Prescribed` items; the checks
here answer the refusals (:class:`FieldError`) and warnings that need a reason (:class:`SoftStop`)
for ``ayni_validate_encounter``, each message naming the medicines, the figures and what to do:

- pregnancy (from :func:`ayni.core.pregnancy_status`, never guessed): a medicine contraindicated in
  the patient's trimester is refused, one to use with caution is a warning; an unknown trimester is
  read as the strictest of the three. A woman of childbearing age (:data:`CHILDBEARING_YEARS`)
  whose status is unknown gets a question: a warning whose reason is her answer, and the answers
  «no embarazada (preguntado)» and «embarazo descartado por prueba» (:data:`NOT_PREGNANT_ANSWERS`)
  are recorded in her alerts as «not pregnant» when the save goes ahead;
- breastfeeding (as the SRH form records it): a contraindication refused, a caution warned about;
- duplicate therapy: two medicines of one class, in one prescription or with one still running
  from earlier in the campaign, is a warning naming both and the class;
- an interaction: serious is refused, moderate is a warning, naming both and what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

import attrs

from ..dates import format_date
from ..errors import FieldError
from ..i18n import Text, phrase
from ..model import Patient, Sex
from ..people.alerts import PREGNANCY, UNKNOWN, AlertFinding, PregnancyStatus
from .acknowledgements import ReasonOption, SoftStop

SAFE, CAUTION, CONTRAINDICATED = "safe", "caution", "contraindicated"
_STRICTNESS = (SAFE, CAUTION, CONTRAINDICATED)
SERIOUS, MODERATE = "serious", "moderate"
#: The ages (in whole years, both included) at which a woman with no pregnancy recorded is asked.
CHILDBEARING_YEARS = (12, 49)
#: The answers to «¿está embarazada?» that are recorded as «not pregnant» (for the days
#: :data:`ayni.core.people.alerts.NOT_PREGNANT_DAYS` says).
NOT_PREGNANT_ANSWERS = (Text("no embarazada (preguntado)", "not pregnant (asked)"),
                        Text("embarazo descartado por prueba", "pregnancy ruled out by a test"))

_MESSAGES = {
    "rx_pregnancy_contraindicated": Text(
        "{field}: {medicine} está contraindicado en el embarazo ({when}){why}. Elija otro medicamento.",
        "{field}: {medicine} is contraindicated in pregnancy ({when}){why}. Choose another medicine."),
    "rx_pregnancy_caution": Text(
        "{field}: {medicine}: precaución en el embarazo ({when}){why}; úselo solo si el beneficio lo justifica.",
        "{field}: {medicine}: caution in pregnancy ({when}){why}; use it only if the benefit justifies it."),
    "rx_pregnancy_unknown": Text(
        "{field}: {medicine}: {level} en el embarazo y no se sabe si la paciente ({age} años) está embarazada. "
        "Pregúntele y escriba su respuesta como motivo: «{asked}» o «{tested}» (queda en sus alertas); "
        "si lo está, regístrelo (SSR o alertas del paciente) y vuelva a guardar.",
        "{field}: {medicine}: {level} in pregnancy and it is not known whether the patient ({age} years) is "
        "pregnant. Ask her and write her answer as the reason: «{asked}» or «{tested}» (kept in her alerts); "
        "if she is, record it (SRH or the patient's alerts) and save again."),
    "rx_breastfeeding_contraindicated": Text(
        "{field}: {medicine} está contraindicado en la lactancia. Elija otro medicamento.",
        "{field}: {medicine} is contraindicated in breastfeeding. Choose another medicine."),
    "rx_breastfeeding_caution": Text(
        "{field}: {medicine}: precaución en la lactancia (pasa a la leche); úselo solo si no hay otro adecuado y vigile al bebé.",
        "{field}: {medicine}: caution in breastfeeding (it passes into the milk); use it only without a suitable alternative, and "
        "watch the baby."),
    "rx_duplicate": Text(
        "{field}: {first} y {second}{running} son los dos {group}: terapia duplicada. Deje uno solo, o escriba "
        "por qué se dan juntos.",
        "{field}: {first} and {second}{running} are both {group}: duplicate therapy. Keep only one, or say why "
        "they are given together."),
    "rx_repeat": Text(
        "{field}: {first} ya está en curso (recetado el {day}): darlo otra vez dobla la dosis. Quítelo, o escriba por qué "
        "se da de nuevo.",
        "{field}: {first} is already running (prescribed on {day}): giving it again doubles the dose. Remove it, or say why "
        "it is given again."),
    "rx_interaction_serious": Text(
        "{field}: {first} con {second}{running}: interacción grave, {effect}. {advice}",
        "{field}: {first} with {second}{running}: serious interaction, {effect}. {advice}"),
    "rx_interaction_moderate": Text(
        "{field}: {first} con {second}{running}: interacción moderada, {effect}. {advice}",
        "{field}: {first} with {second}{running}: moderate interaction, {effect}. {advice}"),
}
#: How a message names a level that is not :data:`SAFE`.
LEVELS = {CAUTION: Text("precaución", "caution"), CONTRAINDICATED: Text("contraindicado", "contraindicated")}
_RUNNING = Text(" (en curso, recetado el {day})", " (running, prescribed on {day})")


def figure(value: Decimal, places: str = "0.1") -> Text:
    """A figure as each language writes it, rounded to ``places`` and without trailing zeros: «27,8», «27.8»."""
    rounded = Decimal(value).quantize(Decimal(places), ROUND_HALF_UP)
    text = f"{rounded.normalize():f}" if rounded == rounded.to_integral() else f"{rounded:f}".rstrip("0")
    return Text(text.replace(".", ","), text)


def weight_limit(per_kg: Decimal, weight: Decimal, absolute: Decimal) -> Decimal:
    """The most a patient of ``weight`` kg may get of a medicine limited to ``per_kg`` mg/kg and
    never more than ``absolute`` mg (a local anaesthetic, a toxic threshold): the lower of the two."""
    return min(per_kg * weight, absolute)


@attrs.frozen
class PregnancyRule:
    """How safe a medicine is in each trimester (``trimesters``: three of :data:`SAFE`,
    :data:`CAUTION`, :data:`CONTRAINDICATED`) and in breastfeeding; ``why`` is said in the message
    («riesgo de cierre del ductus arterioso»)."""

    trimesters: tuple[str, str, str]
    breastfeeding: str = SAFE
    why: Text | None = None

    def __attrs_post_init__(self):
        if len(self.trimesters) != 3 or not set(self.trimesters) | {self.breastfeeding} <= set(_STRICTNESS):
            raise ValueError(f"a pregnancy rule names three trimesters among {_STRICTNESS}: {self}")

    def level(self, trimester: int | None) -> str:
        """The level in ``trimester`` (1–3); with the trimester unknown, the strictest of the three."""
        if trimester is None:
            return max(self.trimesters, key=_STRICTNESS.index)
        return self.trimesters[trimester - 1]

    @classmethod
    def always(cls, level: str, breastfeeding: str = SAFE, why: Text | None = None) -> PregnancyRule:
        """The same ``level`` in every trimester."""
        return cls((level, level, level), breastfeeding, why)


@attrs.frozen
class Interaction:
    """Two medicines (keys) that should not, or only with care, be given together: ``severity``
    :data:`SERIOUS` (refused) or :data:`MODERATE` (a warning), ``effect`` what happens, ``advice``
    what to do instead."""

    first: str
    second: str
    severity: str
    effect: Text
    advice: Text

    def between(self, a: str, b: str) -> bool:
        return {a, b} == {self.first, self.second}


@attrs.frozen
class Prescribed:
    """A medicine of a visit for the checks: its ``key``, ``label``, therapeutic class (``group``),
    and ``since``: the day it was prescribed when it comes from an earlier encounter and is still
    running (``None``: in this prescription)."""

    key: str
    label: Text
    group: str = ""
    since: dt.date | None = None


def _error(field: str, label: Text, key: str, **params) -> FieldError:
    return FieldError(field, f"core.{key}", label, params, text=_MESSAGES[key])


def _stop(field: str, label: Text, key: str, subject: str, options: tuple[ReasonOption, ...] = (),
          **params) -> SoftStop:
    return SoftStop(field, f"core.{key}", label, params, text=_MESSAGES[key], subject=subject, options=options)


def _when(status: PregnancyStatus) -> Text:
    if status.trimester is None:
        return Text("trimestre no registrado: se toma el más estricto", "trimester not recorded: the strictest is taken")
    return Text(f"{status.weeks} semanas, {status.trimester}.º trimestre",
                f"{status.weeks} weeks, trimester {status.trimester}")


def childbearing_age(patient: Patient, day: dt.date) -> int | None:
    """The age in years of a woman of childbearing age (:data:`CHILDBEARING_YEARS`) on ``day``;
    ``None`` for anyone else, or when the age is not known."""
    age = patient.age(day) if patient.sex == Sex.FEMALE else None
    return age if age is not None and CHILDBEARING_YEARS[0] <= age <= CHILDBEARING_YEARS[1] else None


def _answers(source: str) -> tuple[ReasonOption, ...]:
    said = AlertFinding(PREGNANCY, ended=True, source=source)
    return tuple(ReasonOption(text, said) for text in NOT_PREGNANT_ANSWERS)


def pregnancy_stops(field: str, label: Text, medicines: Iterable[Prescribed], rules: Mapping[str, PregnancyRule],
                    status: PregnancyStatus, patient: Patient, day: dt.date, source: str) -> list[FieldError]:
    """The refusals and warnings of ``medicines`` for a patient whose pregnancy is ``status``: a
    contraindication is refused, a caution warned about; with the status unknown, a woman of
    childbearing age is asked (a warning whose reasons include :data:`NOT_PREGNANT_ANSWERS`,
    recorded from form ``source``) about any medicine that is not safe in every trimester."""
    found: list[FieldError] = []
    age = childbearing_age(patient, day) if status.state == UNKNOWN else None
    for medicine in medicines:
        rule = rules.get(medicine.key)
        if rule is None:
            continue
        if status.pregnant:
            level = rule.level(status.trimester)
            why = phrase(Text(": {why}", ": {why}"), why=rule.why) if rule.why else ""
            if level == CONTRAINDICATED:
                found.append(_error(field, label, "rx_pregnancy_contraindicated", medicine=medicine.label,
                                    when=_when(status), why=why))
            elif level == CAUTION:
                found.append(_stop(field, label, "rx_pregnancy_caution", f"{medicine.key}:pregnancy",
                                   medicine=medicine.label, when=_when(status), why=why))
        elif age is not None and rule.level(None) != SAFE:
            asked, tested = NOT_PREGNANT_ANSWERS
            found.append(_stop(field, label, "rx_pregnancy_unknown", f"{medicine.key}:pregnancy_unknown",
                               _answers(source), medicine=medicine.label, level=LEVELS[rule.level(None)], age=age,
                               asked=asked, tested=tested))
    return found


def _day(day: dt.date) -> Text:
    return Text(format_date(day, "es"), format_date(day, "en"))


def breastfeeding_stops(field: str, label: Text, medicines: Iterable[Prescribed],
                        rules: Mapping[str, PregnancyRule]) -> list[FieldError]:
    """For a woman who breastfeeds: a medicine contraindicated in breastfeeding refused, one to use
    with caution a warning."""
    found: list[FieldError] = []
    for medicine in medicines:
        rule = rules.get(medicine.key)
        level = rule.breastfeeding if rule is not None else SAFE
        if level == CONTRAINDICATED:
            found.append(_error(field, label, "rx_breastfeeding_contraindicated", medicine=medicine.label))
        elif level == CAUTION:
            found.append(_stop(field, label, "rx_breastfeeding_caution", f"{medicine.key}:breastfeeding",
                               medicine=medicine.label))
    return found


def _running(medicine: Prescribed) -> Text | str:
    if medicine.since is None:
        return ""
    day = _day(medicine.since)
    return phrase(_RUNNING, day=day)


def _pairs(new: list[Prescribed], running: list[Prescribed]):
    """Each pair of a new medicine with a later new one or with a running one (new first)."""
    for i, first in enumerate(new):
        for second in [*new[i + 1:], *running]:
            yield first, second


def duplicate_stops(field: str, label: Text, new: Iterable[Prescribed], running: Iterable[Prescribed],
                    groups: Mapping[str, Text]) -> list[SoftStop]:
    """A warning for each two medicines of one therapeutic class (``groups`` names the classes),
    both in this prescription or one of them still running; and for a medicine given again while
    it is running."""
    found = []
    for first, second in _pairs(list(new), list(running)):
        if first.key == second.key:  # only with a running one: a prescription names a medicine once
            found.append(_stop(field, label, "rx_repeat", f"{first.key}+{second.key}", first=first.label,
                               day=_day(second.since)))
        elif first.group and first.group == second.group:
            found.append(_stop(field, label, "rx_duplicate", f"{first.key}+{second.key}", first=first.label,
                               second=second.label, running=_running(second), group=groups[first.group]))
    return found


def interaction_stops(field: str, label: Text, new: Iterable[Prescribed], running: Iterable[Prescribed],
                      table: Iterable[Interaction]) -> list[FieldError]:
    """For each two medicines of ``table`` given together (in this prescription, or one still
    running): serious refused, moderate a warning."""
    table = tuple(table)
    found: list[FieldError] = []
    for first, second in _pairs(list(new), list(running)):
        for known in (i for i in table if i.between(first.key, second.key)):
            params = dict(first=first.label, second=second.label, running=_running(second), effect=known.effect,
                          advice=known.advice)
            if known.severity == SERIOUS:
                found.append(_error(field, label, "rx_interaction_serious", **params))
            else:
                found.append(_stop(field, label, "rx_interaction_moderate", f"{first.key}+{second.key}", **params))
    return found
