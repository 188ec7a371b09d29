"""What a person carries to every station: drug allergies, a pregnancy, chronic conditions.

They belong to the person, not to one visit: recorded once (in triage, in a form of any specialty, or
on the patient screen), they are shown in the header of every encounter, carried into the surgical
pre-op and the WHO checklist, the consultation's allergy list and the printed summaries.

**Never overwritten.** Each row of ``patient_alerts`` is one revision of one alert (``alert_id``): a
correction is a new revision, an alert that no longer holds (a pregnancy ended, a condition cured,
an entry made by mistake) gets a revision marked :data:`RESOLVED`; every revision names who and when,
and is in the audit log. The rows of a record merged into another count for the kept one.

**Fed by the forms.** When an encounter is saved, each plugin says what its forms record about the
person (``ayni_person_alerts(visit)`` → :class:`AlertFinding`), and the core records what is new in the
same transaction, attributed to the person saving. A finding never removes an alert: a later «no
known allergies» leaves a recorded allergy in place (the safe reading), until someone resolves it.

**Pregnancy for prescribing.** :func:`pregnancy_status` says pregnant (with weeks and trimester when
known), not pregnant, or unknown, from what was recorded and nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping

import attrs

from ..clinical.forms import Choice, Field, FieldType, FormSpec, clean_text, validate_form
from ..dates import format_date, to_lima, today_in_lima
from ..errors import FieldError, ValidationError
from ..i18n import DEFAULT_LANG, Text, fold
from ..model import new_id, utcnow
from ..storage.convert import from_row, to_row
from .merges import of_same_person
from .users import may, require

TABLE = "patient_alerts"
ALLERGY, PREGNANCY, CONDITION = "allergy", "pregnancy", "condition"
#: The kinds of alert, in the order they are shown.
KINDS: dict[str, Text] = {
    ALLERGY: Text("Alergia", "Allergy"),
    PREGNANCY: Text("Embarazo", "Pregnancy"),
    CONDITION: Text("Enfermedad crónica", "Chronic condition"),
}
ACTIVE, RESOLVED = "active", "resolved"

#: A pregnancy is never longer than this: a record older than that says nothing about today.
MAX_GESTATION_WEEKS = 44
#: The phrases of the alert banner and of one alert in full.
ALERT_WORDS: dict[str, Text] = {
    "allergies": Text("Alergias: {names}", "Allergies: {names}"),
    "pregnant": Text("Embarazo", "Pregnant"),
    "pregnant_weeks": Text("Embarazo {weeks} sem", "Pregnant {weeks} wk"),
    "weeks_trimester": Text("{weeks} sem ({trimester}.º trimestre)", "{weeks} wk (trimester {trimester})"),
    "lmp": Text("FUR {date}", "LMP {date}"),
    "recorded": Text("registrado {date}", "recorded {date}"),
}
#: A «not pregnant» (negative test, «no gestante») is taken as the answer for this many days only.
NOT_PREGNANT_DAYS = 7
#: The first week of the second and of the third trimester.
TRIMESTER_STARTS = (14, 28)
MAX_TEXT = 300
MAX_NOTE = 300

_ICD10 = re.compile(r"[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?")
_BAD_CODE = Text("{field}: escriba un código CIE-10 como I10 o E11.9 (una letra, dos cifras y, si hace falta, "
                 "un punto y hasta 4 caracteres).",
                 "{field}: type an ICD-10 code such as I10 or E11.9 (a letter, two digits and, if needed, a dot "
                 "and up to 4 characters).")
_ONLY_PREGNANCY = Text("{field}: solo para un embarazo.", "{field}: only for a pregnancy.")
_ONLY_CONDITION = Text("{field}: solo para una enfermedad crónica.", "{field}: only for a chronic condition.")
_ALREADY_RESOLVED = Text("{field}: esta alerta ya está resuelta; registre una nueva si vuelve.",
                         "{field}: this alert is resolved already; record a new one if it returns.")
_LMP_TOO_EARLY = Text("{field}: da más de {max} semanas de embarazo; revise la fecha.",
                      "{field}: gives more than {max} weeks of pregnancy; check the date.")
_UNKNOWN_ALERT = Text("{field}: no hay ninguna alerta con ese identificador para este paciente.",
                      "{field}: there is no alert with that id.")


def _parse_code(field: Field, raw) -> tuple[str | None, FieldError | None]:
    code = str(raw).strip().upper()
    if not _ICD10.fullmatch(code):
        return None, FieldError(field.key, "bad_code", field.label, text=_BAD_CODE)
    return code, None


KIND = Field("kind", FieldType.CHOICE, Text("Tipo de alerta", "Kind of alert"), required=True,
             choices=tuple(Choice(k, v) for k, v in KINDS.items()))
TEXT = Field("text", FieldType.TEXT, Text("Alerta", "Alert"), max_length=MAX_TEXT,
             help=Text("Lo que se debe saber: «penicilina», «diabetes», «epilepsia».",
                       "What must be known: «penicillin», «diabetes», «epilepsy»."))
CODE = Field("code", FieldType.TEXT, Text("Código CIE-10", "ICD-10 code"), max_length=8, parse=_parse_code,
             help=Text("Opcional, para una enfermedad crónica (E11.9, I10, G40.9).",
                       "Optional, for a chronic condition (E11.9, I10, G40.9)."))
WEEKS = Field("weeks", FieldType.INTEGER, Text("Semanas de embarazo", "Weeks of pregnancy"), unit="sem",
              min=1, max=MAX_GESTATION_WEEKS)
LMP = Field("lmp", FieldType.DATE, Text("Fecha de última menstruación (FUR)", "Last menstrual period (LMP)"))
NOTE = Field("note", FieldType.TEXT, Text("Nota", "Note"), max_length=MAX_NOTE)


def _check(values: dict) -> list[FieldError]:
    """Weeks and last period only for a pregnancy, a code only for a condition; the other kinds name
    what they are; a last period at most :data:`MAX_GESTATION_WEEKS` weeks ago."""
    kind, errors = values.get(KIND.key), []
    if kind != PREGNANCY:
        errors += [FieldError(f.key, "only_pregnancy", f.label, text=_ONLY_PREGNANCY) for f in (WEEKS, LMP)
                   if values.get(f.key) is not None]
        if not values.get(TEXT.key):
            errors.append(FieldError(TEXT.key, "required", TEXT.label))
    if kind != CONDITION and values.get(CODE.key):
        errors.append(FieldError(CODE.key, "only_condition", CODE.label, text=_ONLY_CONDITION))
    lmp = values.get(LMP.key)
    if lmp is not None and (today_in_lima() - lmp).days // 7 > MAX_GESTATION_WEEKS:
        errors.append(FieldError(LMP.key, "lmp_too_early", LMP.label, {"max": MAX_GESTATION_WEEKS},
                                 text=_LMP_TOO_EARLY))
    return errors


#: The form of one alert, as the patient screen asks it and :func:`record` validates it.
ALERT_FORM = FormSpec(key="core.patient_alert", version=1, title=Text("Alerta del paciente", "Patient alert"),
                      specialty="", fields=(KIND, TEXT, CODE, WEEKS, LMP, NOTE), checks=_check)


#: The form of a resolution: why the alert no longer holds.
REASON = attrs.evolve(NOTE, label=Text("Motivo", "Reason"),
                      help=Text("Terminó el embarazo, se curó, se registró por error…",
                                "The pregnancy ended, it was cured, it was recorded by mistake…"))
RESOLVE_FORM = FormSpec(key="core.patient_alert_resolve", version=1,
                        title=Text("Resolver una alerta del paciente", "Resolve a patient alert"), specialty="",
                        fields=(REASON,))


@attrs.frozen
class PersonAlert:
    """One revision of one alert of a person. ``text`` is as recorded (``text_en`` its English when
    it came from a list, such as a formulary's allergy classes); ``code`` an allergy class or an
    ICD-10 code; ``weeks`` and ``lmp`` a pregnancy's, as known on the day it was recorded; ``source``
    the form it came from (``""``: typed on the patient screen)."""

    id: str
    alert_id: str
    revision: int
    patient_id: str
    kind: str
    text: str = ""
    text_en: str = ""
    code: str = ""
    weeks: int | None = None
    lmp: dt.date | None = None
    status: str = ACTIVE
    note: str = ""
    source: str = ""
    encounter_id: str | None = None
    recorded_at: dt.datetime = attrs.field(factory=utcnow)
    recorded_by: str = ""

    @property
    def active(self) -> bool:
        return self.status == ACTIVE

    @property
    def recorded_on(self) -> dt.date:
        """The day it was recorded, in Lima."""
        return to_lima(self.recorded_at).date()

    def label(self, lang: str = DEFAULT_LANG) -> str:
        """What the alert says in ``lang``: the text (its English when known), or the kind's name."""
        said = self.text_en if lang == "en" and self.text_en else self.text
        return said or KINDS[self.kind].get(lang)

    def weeks_on(self, on: dt.date) -> int | None:
        """A pregnancy's completed weeks on ``on``: from the last period, else from the weeks recorded
        and the days since; ``None`` when neither was recorded."""
        if self.lmp is not None:
            return (on - self.lmp).days // 7
        if self.weeks is not None:
            return self.weeks + (on - self.recorded_on).days // 7
        return None


@attrs.frozen
class AlertFinding:
    """What a saved visit's forms say about the person (``ayni_person_alerts``): an allergy (``code``:
    the allergy class, ``text`` its name), a pregnancy (``weeks``, ``lmp`` when known) or a chronic
    condition (``code``: ICD-10, optional). ``ended`` says the person is *not* pregnant (a negative
    test, «no gestante»), which resolves a pregnancy recorded before. ``source`` is the form key it
    was found in (``"general.triage"``)."""

    kind: str
    text: Text | None = None
    code: str = ""
    weeks: int | None = None
    lmp: dt.date | None = None
    ended: bool = False
    source: str = ""


@attrs.frozen
class PregnancyStatus:
    """The answer prescribing needs: ``state`` is :data:`PREGNANT` (``weeks`` and ``trimester`` when
    a last period or the weeks were recorded, else ``None``), :data:`NOT_PREGNANT` or :data:`UNKNOWN`;
    ``recorded_at`` when what it rests on was recorded."""

    state: str
    weeks: int | None = None
    trimester: int | None = None
    recorded_at: dt.datetime | None = None

    @property
    def pregnant(self) -> bool:
        return self.state == PREGNANT


PREGNANT, NOT_PREGNANT, UNKNOWN = "pregnant", "not_pregnant", "unknown"


# -- reading ------------------------------------------------------------------------------------


def _revisions(store, where: str, params: list) -> list[PersonAlert]:
    return [from_row(PersonAlert, r) for r in store.db[TABLE].rows_where(where, params, order_by="recorded_at, rowid")]


def _latest(revisions: Iterable[PersonAlert]) -> list[PersonAlert]:
    latest: dict[str, PersonAlert] = {}
    for alert in revisions:  # oldest first: the last one seen of each alert is its latest revision
        if alert.alert_id not in latest or alert.revision >= latest[alert.alert_id].revision:
            latest[alert.alert_id] = alert
    return sorted(latest.values(), key=lambda a: (list(KINDS).index(a.kind), a.recorded_at))


def of_person(store, patient_id: str, include_resolved: bool = False) -> list[PersonAlert]:
    """The latest revision of each alert of the person (records merged into theirs too), allergies
    first, then a pregnancy, then conditions, oldest first within a kind; resolved ones only with
    ``include_resolved``. Empty for someone without the right to clinical notes (``clinical.read``)."""
    if not may(store, "clinical.read"):
        return []
    found = _latest(_revisions(store, of_same_person(), [patient_id]))
    return found if include_resolved else [a for a in found if a.active]


def history(store, alert_id: str) -> list[PersonAlert]:
    """Every revision of one alert, oldest first."""
    return sorted(_revisions(store, "alert_id = ?", [alert_id]), key=lambda a: a.revision)


def allergies(store, patient_id: str) -> list[PersonAlert]:
    """The person's current allergies."""
    return [a for a in of_person(store, patient_id) if a.kind == ALLERGY]


def pregnancy_status(store, patient_id: str, on: dt.date | None = None, visit=None) -> PregnancyStatus:
    """Is this person pregnant on ``on`` (today in Lima by default), in which week and trimester, or is it
    unknown? Only what was recorded counts, never a guess:

    * with ``visit`` (an encounter as it would be saved), what its forms say about a pregnancy
      (``ayni_person_alerts``: the SRH form, a pregnancy test) comes first, as the newest record;

    * the latest pregnancy record is current: :data:`PREGNANT`, with ``weeks`` counted to ``on`` from
      the last period or from the weeks recorded, and ``trimester`` 1 (to week 13), 2 (14–27) or 3
      (28 on); both ``None`` when neither was recorded. A record that would now be past
      :data:`MAX_GESTATION_WEEKS` weeks (or, without weeks, recorded longer ago than that) is
      :data:`UNKNOWN`: that pregnancy has ended, and nothing says what followed;
    * it was resolved (a negative test, «no gestante», the pregnancy ended) at most
      :data:`NOT_PREGNANT_DAYS` days before ``on``: :data:`NOT_PREGNANT`; longer ago, :data:`UNKNOWN`;
    * nothing recorded (whatever the person's sex or age): :data:`UNKNOWN`.
    """
    on = on or today_in_lima()
    said = _said_in_visit(store, visit, on) if visit is not None else None
    if said is not None:
        return said
    latest = _latest_pregnancy(store, patient_id)
    if latest is None:
        return PregnancyStatus(UNKNOWN)
    if not latest.active:
        fresh = (on - latest.recorded_on).days <= NOT_PREGNANT_DAYS
        return PregnancyStatus(NOT_PREGNANT if fresh else UNKNOWN, recorded_at=latest.recorded_at)
    weeks = latest.weeks_on(on)
    if (weeks if weeks is not None else (on - latest.recorded_on).days // 7) > MAX_GESTATION_WEEKS:
        return PregnancyStatus(UNKNOWN, recorded_at=latest.recorded_at)
    return PregnancyStatus(PREGNANT, weeks, trimester(weeks) if weeks is not None else None, latest.recorded_at)


def _said_in_visit(store, visit, on: dt.date) -> PregnancyStatus | None:
    """The pregnancy status the visit's own forms record (the last finding of a pregnancy), if any."""
    findings = [f for result in store.plugins.hook.ayni_person_alerts(visit=visit) if result for f in result
                if f.kind == PREGNANCY]
    if not findings:
        return None
    last = findings[-1]
    if last.ended:
        return PregnancyStatus(NOT_PREGNANT)
    weeks = (on - last.lmp).days // 7 if last.lmp is not None else last.weeks
    if weeks is not None and weeks > MAX_GESTATION_WEEKS:
        return None
    return PregnancyStatus(PREGNANT, weeks, trimester(weeks) if weeks is not None else None)


def _latest_pregnancy(store, patient_id: str) -> PersonAlert | None:
    """The latest revision of the person's most recently recorded pregnancy, if any."""
    found = [a for a in _latest(_revisions(store, of_same_person(), [patient_id])) if a.kind == PREGNANCY]
    return max(found, key=lambda a: a.recorded_at, default=None)


def trimester(weeks: int) -> int:
    """1, 2 or 3 for completed weeks of pregnancy (see :data:`TRIMESTER_STARTS`)."""
    return 1 + sum(weeks >= start for start in TRIMESTER_STARTS)


# -- the one line ------------------------------------------------------------------------------


def short_label(alert: PersonAlert, lang: str = DEFAULT_LANG) -> str:
    """«penicilinas» for «penicilinas (amoxicilina, ampicilina…)»: the header has one line."""
    return alert.label(lang).split(" (")[0].strip()


def summary(found: Iterable[PersonAlert], lang: str = DEFAULT_LANG, on: dt.date | None = None,
            width: int | None = None) -> str:
    """The person's current alerts on one line, «⚠ Alergias: penicilinas · Embarazo 12 sem ·
    Diabetes», cut with «…» to ``width`` characters when given; ``""`` when there are none."""
    current = [a for a in found if a.active]
    if not current:
        return ""
    on = on or today_in_lima()
    parts = []
    names = [short_label(a, lang) for a in current if a.kind == ALLERGY]
    if names:
        parts.append(ALERT_WORDS["allergies"].get(lang).format(names=", ".join(names)))
    for alert in current:
        if alert.kind == PREGNANCY:
            weeks = alert.weeks_on(on)
            parts.append(ALERT_WORDS["pregnant_weeks" if weeks is not None else "pregnant"].get(lang).format(weeks=weeks))
        elif alert.kind == CONDITION:
            parts.append(short_label(alert, lang)[:1].upper() + short_label(alert, lang)[1:])
    line = "⚠ " + " · ".join(parts)
    return line if width is None or len(line) <= width else line[:width - 1] + "…"


def described(alert: PersonAlert, lang: str = DEFAULT_LANG, on: dt.date | None = None) -> str:
    """One alert in full for the patient screen and documents: «Embarazo, 14 sem (2.º trimestre),
    FUR 8 de septiembre de 2026, registrado 1 de diciembre de 2026», «Diabetes (E11.9), registrado …»;
    a pregnancy's weeks are counted to ``on`` (today by default)."""
    parts = [alert.label(lang) + (f" ({alert.code})" if alert.kind == CONDITION and alert.code else "")]
    weeks = alert.weeks_on(on or today_in_lima()) if alert.kind == PREGNANCY else None
    if weeks is not None and weeks <= MAX_GESTATION_WEEKS:
        parts.append(ALERT_WORDS["weeks_trimester"].get(lang).format(weeks=weeks, trimester=trimester(weeks)))
    if alert.lmp is not None:
        parts.append(ALERT_WORDS["lmp"].get(lang).format(date=format_date(alert.lmp, lang)))
    parts.append(ALERT_WORDS["recorded"].get(lang).format(date=format_date(alert.recorded_on, lang)))
    if alert.note:
        parts.append(alert.note)
    return ", ".join(parts)


# -- writing ------------------------------------------------------------------------------------


def _same(alert: PersonAlert, kind: str, code: str, text: str) -> bool:
    if alert.kind != kind:
        return False
    if kind == PREGNANCY:
        return True
    return (code and alert.code == code) or (not code and not alert.code and fold(alert.text) == fold(text))


def _insert(store, alert: PersonAlert) -> PersonAlert:
    """Write one revision (``store.insert`` audits it, with the user)."""
    store.insert(TABLE, alert)
    return alert


def _revise(store, latest: PersonAlert, **changes) -> PersonAlert:
    """Write the next revision of ``latest`` with ``changes``, by the store's user, now."""
    return _insert(store, attrs.evolve(latest, id=new_id(), revision=latest.revision + 1, recorded_at=utcnow(),
                                       recorded_by=store.user.id, **changes))


def record(store, patient_id: str, raw: Mapping) -> PersonAlert:
    """Record an alert of the person from ``raw`` (the fields of :data:`ALERT_FORM`: ``kind``,
    ``text``, ``code``, ``weeks``, ``lmp``, ``note``) and return it. The same alert already current
    (same kind and code, or same words without a code; one pregnancy at a time) is returned as it
    is, nothing written; a pregnancy recorded with other weeks or period is a new revision of the
    current one. Refused (:class:`ValidationError`, nothing written) by field; needs ``alerts.record``."""
    require(store, "alerts.record")
    values = validate_form(ALERT_FORM, raw)
    with store.write():
        from .patients import get

        get(store, patient_id)  # refuses an unknown patient
        return _record(store, patient_id, values, source="", encounter_id=None, text_en="")[0]


def record_imported(store, patient_id: str, raw: Mapping, source: str,
                    allergy_class: str = "") -> tuple[PersonAlert, bool]:
    """Record an alert that came from another system (``source``, such as ``"fhir"``), inside the
    caller's write (the caller checks ``alerts.record``): ``raw`` checked as :func:`record` checks it
    (:class:`ValidationError`), an allergy keeping its class. Returns the alert and whether it was
    written now (``False``: the same alert is current already, nothing written)."""
    values = validate_form(ALERT_FORM, raw)
    if allergy_class:
        values = {**values, CODE.key: allergy_class}
    return _record(store, patient_id, values, source, None, "")


def _record(store, patient_id: str, values: Mapping, source: str, encounter_id: str | None,
            text_en: str) -> tuple[PersonAlert, bool]:
    """The alert ``values`` describe, and whether it was written now (``False``: already current)."""
    kind, text, code = values[KIND.key], values.get(TEXT.key, ""), values.get(CODE.key, "")
    current = [a for a in _latest(_revisions(store, of_same_person(), [patient_id])) if a.active]
    same = next((a for a in current if _same(a, kind, code, text)), None)
    fields = dict(text=text, text_en=text_en, code=code, weeks=values.get(WEEKS.key), lmp=values.get(LMP.key),
                  note=values.get(NOTE.key, ""))
    if same is None:
        return _insert(store, PersonAlert(id=new_id(), alert_id=new_id(), revision=1, patient_id=patient_id,
                                          kind=kind, source=source, encounter_id=encounter_id,
                                          recorded_by=store.user.id, **fields)), True
    dated = (fields["weeks"], fields["lmp"])
    if kind != PREGNANCY or dated in ((None, None), (same.weeks, same.lmp)):
        return same, False  # a pregnancy's new weeks or last period are news; anything else is known
    return _revise(store, same, source=source, encounter_id=encounter_id, **fields), True


def _current(store, alert_id: str) -> PersonAlert:
    """The latest revision of a current alert; refused when there is none or it is resolved."""
    found = history(store, alert_id)
    if not found:
        raise ValidationError([FieldError("alert", "unknown_alert", Text("Alerta", "Alert"), text=_UNKNOWN_ALERT)])
    if not found[-1].active:
        raise ValidationError([FieldError("alert", "resolved", KINDS[found[-1].kind], text=_ALREADY_RESOLVED)])
    return found[-1]


def correct(store, alert_id: str, raw: Mapping) -> PersonAlert:
    """Correct a current alert: a new revision with the fields of ``raw`` (as in :func:`record`;
    ``kind`` stays). The earlier revision stays in the history. Needs ``alerts.record``."""
    require(store, "alerts.record")
    with store.write():
        latest = _current(store, alert_id)
        values = validate_form(ALERT_FORM, {**dict(raw), KIND.key: latest.kind})
        text = values.get(TEXT.key, "")
        return _revise(store, latest, text=text, text_en=latest.text_en if text == latest.text else "",
                       code=values.get(CODE.key, ""), weeks=values.get(WEEKS.key), lmp=values.get(LMP.key),
                       note=values.get(NOTE.key, ""), source="", encounter_id=None)


def resolve(store, alert_id: str, note: str = "") -> PersonAlert:
    """Mark a current alert resolved (a pregnancy ended, a condition cured, an entry made by
    mistake), with an optional note saying why: a new revision; the alert leaves the header and
    stays in the history. Needs ``alerts.record``."""
    require(store, "alerts.record")
    errors: list[FieldError] = []
    note = clean_text(note, NOTE.key, NOTE.label, errors, MAX_NOTE)
    if errors:
        raise ValidationError(errors)
    with store.write():
        latest = _current(store, alert_id)
        return _revise(store, latest, status=RESOLVED, note=note or latest.note, source="", encounter_id=None)


# -- fed by the forms ---------------------------------------------------------------------------


def _finding_values(finding: AlertFinding) -> dict:
    return {KIND.key: finding.kind, TEXT.key: finding.text.es[:MAX_TEXT] if finding.text else "",
            CODE.key: finding.code, WEEKS.key: finding.weeks, LMP.key: finding.lmp}


def _english(finding: AlertFinding) -> str:
    return finding.text.en[:MAX_TEXT] if finding.text and finding.text.en != finding.text.es else ""


def apply_findings(store, patient_id: str, findings: Iterable[AlertFinding],
                   encounter_id: str | None = None) -> list[PersonAlert]:
    """Record what forms found (inside the caller's write, attributed to its user): new allergies,
    conditions and pregnancies, a pregnancy's new weeks, and ``ended`` pregnancies resolved (or, with
    none current, a resolved record that says «not pregnant» that day). Returns what was written."""
    written = []
    for finding in findings:
        if finding.ended:
            written += _not_pregnant(store, patient_id, finding.source, encounter_id)
            continue
        alert, new = _record(store, patient_id, _finding_values(finding), finding.source, encounter_id,
                             _english(finding))
        if new:
            written.append(alert)
    return written


def _not_pregnant(store, patient_id: str, source: str, encounter_id: str | None) -> list[PersonAlert]:
    latest = _latest_pregnancy(store, patient_id)
    if latest is not None and not latest.active and latest.encounter_id == encounter_id:
        return []  # said already in this encounter
    base = latest if latest is not None and latest.active else PersonAlert(
        id="", alert_id=new_id(), revision=0, patient_id=patient_id, kind=PREGNANCY)
    return [_revise(store, base, status=RESOLVED, note="No gestante", source=source, encounter_id=encounter_id)]


def record_from_visit(store, visit) -> list[PersonAlert]:
    """What every plugin finds about the person in a visit as saved (``ayni_person_alerts``), recorded
    by :func:`apply_findings`; called by ``encounters.save`` inside its transaction."""
    findings = [f for result in store.plugins.hook.ayni_person_alerts(visit=visit) if result for f in result]
    if not findings:
        return []
    return apply_findings(store, visit.patient.id, findings, visit.encounter.id)


class _Backfilling:
    """What recording needs of a store, over a migration's database: each row keeps the time and
    author of the form it comes from, and is audited as a backfill by that author."""

    def __init__(self, db, user_id: str, at: dt.datetime):
        from ..model import User

        self.db, self.user, self.at, self.written = db, User(id=user_id, name=""), at, 0

    def insert(self, table: str, record: PersonAlert) -> None:
        from ..storage.auditchain import append

        row = to_row(attrs.evolve(record, recorded_at=self.at))
        self.db[table].insert(row)
        append(self.db, [{"at": utcnow().isoformat(), "user_id": self.user.id, "action": "backfill",
                          "table_name": table, "record_id": row["id"],
                          "data": json.dumps(row, ensure_ascii=False, default=str), "previous": None}])
        self.written += 1


def backfill(db, found: Iterable[tuple[Mapping, Iterable[AlertFinding]]]) -> int:
    """For a plugin's migration: record what forms saved before this table existed say about their
    people. ``found`` gives, per saved form (oldest first), its facts (``patient_id``,
    ``encounter_id``, ``form_key``, ``saved_at`` ISO text, ``saved_by``) and its findings. Each alert
    is attributed to who saved the form and when, and audited (action ``backfill``); an alert already
    recorded is not repeated, and a past «not pregnant» is left out (it says nothing about today).
    Returns how many rows were written."""
    written = 0
    for facts, findings in found:
        shim = _Backfilling(db, facts["saved_by"] or "", dt.datetime.fromisoformat(facts["saved_at"]))
        for finding in findings:
            if not finding.ended:
                _record(shim, facts["patient_id"], _finding_values(finding), finding.source or facts["form_key"],
                        facts["encounter_id"], _english(finding))
        written += shim.written
    return written
