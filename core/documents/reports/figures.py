"""The figures of a daily or final campaign report, counted in SQL from the core tables, plus each
plugin's own (``ayni_report_rows``).

Scope: a daily report covers the encounters of the campaign opened on that day in Lima; a report
of a period (a week, a range of days) those opened on the period's days; the final report covers
every encounter of the campaign. Open encounters count (the patient was seen, even if
the note is not signed yet); the headline says how many are still open.

Definitions a coordinator may be asked about:

* **Patients seen** are distinct people with at least one encounter in scope; a person seen at
  triage and in consultation is one patient and two encounters (atenciones).
* A patient is **returning** when they had an encounter on a day before their first encounter in
  scope — in an earlier campaign, or on an earlier day of this one; otherwise they are **new**.
* **Age** is the age on the day of the patient's first encounter in scope, grouped by the life
  stages of the Peruvian Ministry of Health (niño 0–11, adolescente 12–17, joven 18–29,
  adulto 30–59, adulto mayor 60+) and, for the pyramid, in ten-year bands.
* **Fees**: the latest payment of each encounter counts (a correction is a new payment).
  *Waived* is the suggested total minus the amount paid, for waivers and sliding-scale payments.
  In-kind payments are valued at what was recorded as paid, and shown apart from cash.
* Plugin rows in the groups ``operations`` and ``vaccines`` are gathered into the core's
  «Operations» and «Vaccine doses» tables; rows in the group ``headline`` are quoted among the
  headline figures; rows in the group ``procedures`` are not repeated (the core's table of
  procedures by code has the same figures); every other group is a table in the plugin's section.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from ...hooks.declarations import ReportRow
from ...dates import Period
from ...i18n import Plural, Text, counted, fold, lower_first, phrase
from ...model import Campaign, Site
from ...money.fees import PaymentKind, PaymentMethod, from_cents
from ...people.merges import person_of
from ..reporting import LIMA_MODIFIER, encounter_scope
from .contents import Column, Figure, Kind, PluginSection, Report, Row, Table

LIFE_STAGES = (
    (Text("Niño (0–11 años)", "Child (0–11 years)"), 0, 11),
    (Text("Adolescente (12–17 años)", "Adolescent (12–17 years)"), 12, 17),
    (Text("Joven (18–29 años)", "Young adult (18–29 years)"), 18, 29),
    (Text("Adulto (30–59 años)", "Adult (30–59 years)"), 30, 59),
    (Text("Adulto mayor (60 años o más)", "Older adult (60 years and over)"), 60, 200),
)
UNKNOWN_AGE = Text("Edad no registrada", "Age not recorded")
#: Ten-year bands of the age pyramid, youngest first; the last is open-ended.
PYRAMID_BANDS = tuple((f"{low}–{low + 9}", low, low + 9) for low in range(0, 80, 10)) + (("80+", 80, 200),)
SEXES = (("F", Text("Mujeres", "Women")), ("M", Text("Hombres", "Men")), ("X", Text("Otro", "Other")))

#: The titles of the groups every specialty may use; a plugin titles its own groups itself
#: (``ReportRow.group_title``), and a group with neither is titled after its key.
GROUP_TITLES = {
    "encounters": Text("Atenciones por estación", "Encounters by station"),
    "diagnoses": Text("Diagnósticos (CIE-10)", "Diagnoses (ICD-10)"),
    "patients": Text("Pacientes", "Patients"),
    "dispensed": Text("Entregas", "Handed out"),
    "equipment": Text("Equipos y ayudas técnicas", "Equipment and mobility aids"),
    "referrals": Text("Referencias", "Referrals"),
}
#: Plugin groups the core places in its own tables or leaves out (see the module's notes).
CORE_GROUPS = {"operations", "vaccines", "headline", "procedures"}

COUNT = Text("Cantidad", "Number")
PATIENTS = Text("Pacientes", "Patients")
ENCOUNTERS = Text("Atenciones", "Encounters")


# -- reading the database -----------------------------------------------------------------------


def _day_sql(alias: str = "e") -> str:
    return f"date({alias}.opened_at, '{LIMA_MODIFIER}')"


def age_on(birth: str | None, on: dt.date) -> int | None:
    """Age in whole years on ``on`` of a stored birth date (``None`` when it is not recorded)."""
    if not birth:
        return None
    b = dt.date.fromisoformat(birth[:10])
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def _band(age: int | None, bands) -> int | None:
    return next((i for i, (_, low, high) in enumerate(bands) if age is not None and low <= age <= high), None)


class _Scope:
    """The encounters a report covers, and the queries over them."""

    def __init__(self, store, campaign: Campaign, day: dt.date | Period | None):
        self.store, self.campaign, self.day = store, campaign, day
        self.where, self.params = encounter_scope(campaign, day)

    def rows(self, sql: str, params=()) -> list[tuple]:
        return self.store.db.execute(sql.replace("{where}", self.where), [*self.params, *params]).fetchall()


# -- patients -----------------------------------------------------------------------------------


class _Seen:
    """A patient seen in scope: sex, birth date, where they come from, first day in scope, returning."""

    __slots__ = ("sex", "birth", "community", "district", "first_day", "returning")

    def __init__(self, sex, birth, community, district, first_day):
        self.sex, self.birth, self.community, self.district = sex, birth, community or "", district or ""
        self.first_day = dt.date.fromisoformat(first_day)
        self.returning = False

    @property
    def age(self) -> int | None:
        return age_on(self.birth, self.first_day)


def patients_seen(scope: _Scope) -> dict[str, _Seen]:
    """Every patient with an encounter in scope, marked returning when seen on an earlier day."""
    seen = {pid: _Seen(*rest) for pid, *rest in scope.rows(
        f"SELECT p.id, p.sex, p.birth_date, p.community, p.district, min({_day_sql()}) FROM encounters e "
        f"JOIN patients p ON p.id = {person_of('e.patient_id')} WHERE {{where}} GROUP BY p.id")}
    for pid, first_ever in scope.rows(
            f"SELECT {person_of('x.patient_id')} AS person, min({_day_sql('x')}) FROM encounters x "
            f"WHERE person IN (SELECT {person_of('e.patient_id')} FROM encounters e WHERE {{where}}) GROUP BY person"):
        seen[pid].returning = dt.date.fromisoformat(first_ever) < seen[pid].first_day
    return seen


def _specialty_name(store, key: str) -> Text:
    spec = store.plugins.specialties.get(key)
    return spec.name if spec else Text(key, key)


def _specialty_order(store, keys) -> list[str]:
    known = list(store.plugins.specialties)
    return sorted(set(keys), key=lambda k: (known.index(k) if k in known else len(known), k))


def by_specialty(scope: _Scope, seen: dict[str, _Seen]) -> tuple[Table, dict]:
    """Patients (new and returning) and encounters per specialty; also returns the open count."""
    per: dict[str, dict] = defaultdict(lambda: {"patients": set(), "encounters": 0, "open": 0})
    for specialty, pid, n, still_open in scope.rows(
            f"SELECT e.specialty, {person_of('e.patient_id')} AS person, count(*), sum(e.status = 'open') "
            "FROM encounters e WHERE {where} GROUP BY e.specialty, person"):
        per[specialty]["patients"].add(pid)
        per[specialty]["encounters"] += n
        per[specialty]["open"] += still_open

    def line(label, pids, encounters) -> tuple:
        returning = sum(seen[p].returning for p in pids)
        return label, (len(pids), len(pids) - returning, returning, encounters)

    rows = [Row(*line(_specialty_name(scope.store, key), per[key]["patients"], per[key]["encounters"]), code=key)
            for key in _specialty_order(scope.store, per)]
    total = Row(*line(Text("Total (cada paciente una vez)", "Total (each patient once)"), set(seen),
                      sum(p["encounters"] for p in per.values())))
    table = Table(
        "patients_by_specialty", Text("Pacientes por especialidad", "Patients by specialty"),
        Text("Especialidad", "Specialty"),
        (Column(PATIENTS), Column(Text("Nuevos", "New")), Column(Text("Continuadores", "Returning")), Column(ENCOUNTERS)),
        tuple(rows), total,
        Text("Continuador: atendido en una campaña anterior o en un día anterior. Quien pasó por dos especialidades "
             "cuenta en cada una, y una sola vez en el total.",
             "Returning: seen in an earlier campaign or on an earlier day. A patient seen in two specialties counts "
             "in each, and once in the total."),
    )
    return table, {"open": sum(p["open"] for p in per.values()), "encounters": total.values[3]}


def age_sex(seen: dict[str, _Seen]) -> tuple[Table, tuple]:
    """Patients by life stage and sex (a table), and by ten-year band and sex (the pyramid)."""
    stages = Counter()
    bands = Counter()
    for p in seen.values():
        age = p.age
        stages[(_band(age, LIFE_STAGES), p.sex)] += 1
        bands[(_band(age, PYRAMID_BANDS), p.sex)] += 1
    sexes = [(key, label) for key, label in SEXES if key != "X" or any(s == "X" for _, s in stages)]

    def values(index) -> tuple:
        counts = tuple(stages[(index, key)] for key, _ in sexes)
        return (*counts, sum(counts))

    rows = [Row(label, values(i)) for i, (label, _, _) in enumerate(LIFE_STAGES)]
    if any(index is None for index, _ in stages):
        rows.append(Row(UNKNOWN_AGE, values(None)))
    totals = tuple(sum(r.values[i] for r in rows) for i in range(len(sexes) + 1))
    table = Table("patients_by_age_sex", Text("Pacientes por etapa de vida y sexo", "Patients by life stage and sex"),
                  Text("Etapa de vida", "Life stage"), (*(Column(label) for _, label in sexes), Column(Text("Total", "Total"))),
                  tuple(rows), Row(Text("Total", "Total"), totals),
                  Text("Edad al día de la primera atención; etapas de vida del MINSA.",
                       "Age on the day of the first encounter; life stages of Peru's Ministry of Health."))
    pyramid = tuple((label, bands[(i, "F")], bands[(i, "M")]) for i, (label, _, _) in enumerate(PYRAMID_BANDS))
    return table, pyramid


def communities(seen: dict[str, _Seen], shown: int = 25) -> Table:
    """Patients by community (and district), the most frequent first; the rest in one line."""
    counts = Counter((p.community, p.district) for p in seen.values())
    ordered = sorted(counts.items(), key=lambda item: (-item[1], fold(item[0][0]), fold(item[0][1])))
    unknown = Text("Sin comunidad registrada", "No community recorded")
    rows = [Row(f"{community} ({district})" if community and district else community or district or unknown, (n,))
            for (community, district), n in ordered[:shown]]
    rest = ordered[shown:]
    if rest:
        rows.append(Row(counted(OTHER_COMMUNITIES, len(rest)),
                        (sum(n for _, n in rest),)))
    return Table("patients_by_community", Text("Pacientes por comunidad de procedencia", "Patients by home community"),
                 Text("Comunidad (distrito)", "Community (district)"), (Column(PATIENTS),), tuple(rows),
                 Row(Text("Total", "Total"), (len(seen),)))


# -- what was done ------------------------------------------------------------------------------


def procedures(scope: _Scope) -> Table:
    """Procedures by code (quantities summed), with their catalogue labels."""
    catalog = scope.store.plugins.procedures
    found = scope.rows(f"SELECT p.code, sum(p.quantity), count(DISTINCT {person_of('e.patient_id')}) FROM procedures p "
                       "JOIN encounters e ON e.id = p.encounter_id WHERE {where} GROUP BY p.code "
                       "ORDER BY sum(p.quantity) DESC, p.code")
    rows = tuple(Row(catalog[code].label if code in catalog else code, (n, people), code=code) for code, n, people in found)
    return Table("procedures", Text("Procedimientos por código", "Procedures by code"),
                 Text("Procedimiento", "Procedure"), (Column(COUNT), Column(PATIENTS)), rows,
                 Row(Text("Total", "Total"), (sum(r.values[0] for r in rows), None)), show_codes=True)


def dispensed(scope: _Scope) -> Table:
    """Medicines, glasses and equipment handed out (stock movements of kind dispense)."""
    from ...stock import items

    equipment = items(scope.store)
    found = scope.rows(f"SELECT l.item_key, -sum(m.quantity), count(DISTINCT {person_of('e.patient_id')}) "
                       "FROM stock_movements m "
                       "JOIN stock_lots l ON l.id = m.lot_id JOIN encounters e ON e.id = m.encounter_id "
                       "WHERE m.kind = 'dispense' AND {where} GROUP BY l.item_key ORDER BY 2 DESC, l.item_key")
    rows = tuple(Row(equipment[key].label if key in equipment else key, (n, people), code=key)
                 for key, n, people in found)
    return Table("dispensed", Text("Lentes, equipos y medicinas entregados", "Glasses, equipment and medicines handed out"),
                 Text("Artículo", "Item"), (Column(COUNT), Column(PATIENTS)), rows,
                 Row(Text("Total", "Total"), (sum(r.values[0] for r in rows), None)), show_codes=True)


URGENCY_COLUMNS = (("routine", Text("Rutina", "Routine")), ("priority", Text("Prioritaria", "Priority")),
                   ("urgent", Text("Urgente", "Urgent")))


def referral_destination(store, to: str) -> Text | str:
    """A referral's destination for people: a specialty's name, or the place after ``hospital:``."""
    if to in store.plugins.specialties:
        return store.plugins.specialties[to].name
    return to.split(":", 1)[1].strip() if ":" in to else to


def referrals(scope: _Scope) -> Table:
    """Referrals made, by destination and urgency."""
    per: dict[str, Counter] = defaultdict(Counter)
    for to, urgency, n in scope.rows("SELECT r.[to], r.urgency, count(*) FROM referrals r "
                                     "JOIN encounters e ON e.id = r.encounter_id WHERE {where} GROUP BY 1, 2"):
        per[to][urgency] += n
    keys = [key for key, _ in URGENCY_COLUMNS]

    def values(counter: Counter) -> tuple:
        return (*(counter[k] for k in keys), sum(counter.values()))

    ordered = sorted(per.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    rows = tuple(Row(referral_destination(scope.store, to), values(c), code=to) for to, c in ordered)
    total = Counter()
    for c in per.values():
        total.update(c)
    return Table("referrals", Text("Referencias", "Referrals"), Text("Destino", "Referred to"),
                 (*(Column(label) for _, label in URGENCY_COLUMNS), Column(Text("Total", "Total"))), rows,
                 Row(Text("Total", "Total"), values(total)))


FEE_LINES = (
    ((PaymentKind.FULL, PaymentMethod.CASH), Text("Tarifa sugerida, en efectivo", "Suggested fee, in cash")),
    ((PaymentKind.FULL, PaymentMethod.IN_KIND), Text("Tarifa sugerida, en especie", "Suggested fee, in kind")),
    ((PaymentKind.SLIDING, PaymentMethod.CASH), Text("Escala reducida, en efectivo", "Sliding scale, in cash")),
    ((PaymentKind.SLIDING, PaymentMethod.IN_KIND), Text("Escala reducida, en especie", "Sliding scale, in kind")),
    ((PaymentKind.WAIVER, PaymentMethod.CASH), Text("Exonerado", "Waived")),
)


def fees(scope: _Scope) -> tuple[Table, dict]:
    """Payments by kind: how many, suggested, paid and waived (latest payment of each encounter);
    and encounters with fees but no payment yet. Also returns the cash collected and the waived total."""
    found = {}
    for kind, method, n, suggested, paid in scope.rows(
            "SELECT kind, method, count(*), sum(suggested), sum(amount) FROM ("
            "SELECT pay.kind, pay.method, pay.suggested, pay.amount, row_number() OVER ("
            "PARTITION BY pay.encounter_id ORDER BY pay.received_at DESC, pay.rowid DESC) AS latest "
            "FROM payments pay JOIN encounters e ON e.id = pay.encounter_id WHERE {where}) "
            "WHERE latest = 1 GROUP BY kind, method"):
        method = PaymentMethod.CASH if kind == PaymentKind.WAIVER else method  # nothing was handed over
        n0, s0, p0 = found.get((kind, method), (0, 0, 0))
        found[(kind, method)] = (n0 + n, s0 + suggested, p0 + paid)
    rows, cash, waived_total = [], Decimal("0.00"), Decimal("0.00")
    for key, label in FEE_LINES:
        if key not in found:
            continue
        n, suggested, paid = found[key]
        waived = from_cents(suggested - paid) if key[0] != PaymentKind.FULL else Decimal("0.00")
        rows.append(Row(label, (n, from_cents(suggested), from_cents(paid), waived), code=f"{key[0]}.{key[1]}"))
        waived_total += waived
        if key[1] == PaymentMethod.CASH:
            cash += from_cents(paid)
    (unpaid, unpaid_cents), = scope.rows(
        "SELECT count(*), coalesce(sum(s), 0) FROM (SELECT e.id, sum(p.fee * p.quantity) AS s FROM encounters e "
        "JOIN procedures p ON p.encounter_id = e.id WHERE {where} AND NOT EXISTS "
        "(SELECT 1 FROM payments pay WHERE pay.encounter_id = e.id) GROUP BY e.id HAVING s > 0)")
    if unpaid:
        rows.append(Row(Text("Sin pago registrado", "No payment recorded"),
                        (unpaid, from_cents(unpaid_cents), Decimal("0.00"), None), code="unpaid"))
    total = Row(Text("Total", "Total"), (sum(r.values[0] for r in rows), sum((r.values[1] for r in rows), Decimal("0.00")),
                                        sum((r.values[2] for r in rows), Decimal("0.00")), waived_total))
    table = Table("fees", Text("Tarifas cobradas y exoneradas", "Fees collected and waived"), Text("Modalidad", "Type"),
                  (Column(Text("Pagos", "Payments")), Column(Text("Sugerido", "Suggested"), Kind.MONEY),
                   Column(Text("Pagado", "Paid"), Kind.MONEY), Column(Text("No cobrado", "Waived"), Kind.MONEY)),
                  tuple(rows), total,
                  Text("No cobrado = sugerido − pagado, en exoneraciones y escala reducida. Cuenta el último pago de "
                       "cada atención.",
                       "Waived = suggested − paid, for waivers and the sliding scale. The latest payment of each "
                       "encounter counts."))
    return table, {"cash": cash, "waived": waived_total}


# -- plugins ------------------------------------------------------------------------------------


def plugin_rows(store, campaign: Campaign, day: dt.date | Period | None) -> tuple[list[ReportRow], list[Text]]:
    """Every plugin's ``ayni_report_rows``, asked one plugin at a time so that one failing plugin
    costs only its own figures (each failure becomes a warning printed in the report)."""
    found, warnings = [], []
    args = {"store": store, "campaign": campaign, "day": day}
    for impl in reversed(store.plugins.hook.ayni_report_rows.get_hookimpls()):
        try:
            found.extend(impl.function(**{k: args[k] for k in impl.argnames}) or ())
        except Exception as error:  # noqa: BLE001 - a plugin's bug must not lose the whole report
            why = f"{type(error).__name__}: {error}".rstrip(": ")
            warnings.append(Text(f"No se pudieron calcular las cifras de «{impl.plugin_name}» ({why}).",
                                 f"The figures of «{impl.plugin_name}» could not be computed ({why})."))
    return found, warnings


def _group_title(group: str, rows: list[ReportRow]) -> Text:
    given = next((r.group_title for r in rows if r.group_title is not None), None)
    if given is not None:
        return given
    if group in GROUP_TITLES:
        return GROUP_TITLES[group]
    words = (group or "otros").replace("_", " ").capitalize()
    return Text(words, words)


def _all_zero(rows: list[ReportRow]) -> bool:
    return all(not r.value for r in rows)


#: The communities left out of the list, in one line.
OTHER_COMMUNITIES = Plural("{n} comunidad más", "Otras {n} comunidades", "{n} other community", "{n} other communities")


def gathered(store, rows: list[ReportRow], group: str, key: str, title: Text, empty: Text) -> Table:
    """One core table of every plugin's rows in ``group`` (operations, vaccine doses), by specialty,
    with their total; empty (with the note ``empty``) when every figure is zero."""
    picked = [r for r in rows if r.group == group]
    picked = [] if _all_zero(picked) else picked
    several = len({r.specialty for r in picked}) > 1
    lines = tuple(Row(phrase(Text("{specialty}: {item}", "{specialty}: {item}"), specialty=_specialty_name(store, r.specialty),
                             item=r.label) if several else r.label,
                      (r.value,), code=r.specialty) for r in picked)
    return Table(key, title, Text("Concepto", "Item"), (Column(COUNT),), lines,
                 Row(Text("Total", "Total"), (sum(r.value for r in picked),)), note=None if lines else empty)


def plugin_sections(store, rows: list[ReportRow]) -> tuple[PluginSection, ...]:
    """Each specialty's own figures, one table per group, in the order the plugin gave them.

    A group whose figures are all zero is left out, and so is a specialty with nothing to show:
    a daily report of general medicine does not list empty surgical tables."""
    by_specialty: dict[str, dict[str, list[ReportRow]]] = defaultdict(dict)
    for r in rows:
        if r.group not in CORE_GROUPS:
            by_specialty[r.specialty].setdefault(r.group, []).append(r)
    sections = []
    for key in _specialty_order(store, by_specialty):
        tables = tuple(Table(f"{key}.{group or 'other'}", _group_title(group, found), Text("Concepto", "Item"), (Column(COUNT),),
                             tuple(Row(r.label, (r.value,)) for r in found))
                       for group, found in by_specialty[key].items() if not _all_zero(found))
        if not tables:
            continue
        sections.append(PluginSection(key, _specialty_name(store, key), tables))
    return tuple(sections)


def _counted(label: Text) -> Text:
    """«{n} operaciones realizadas»: a plugin's label after its count, still to be filled with ``n``."""
    return phrase(Text("{{n}} {label}", "{{n}} {label}"), label=Text(lower_first(label.es), lower_first(label.en)))


def plugin_headline(rows: list[ReportRow]) -> list[Figure]:
    """Plugin rows of group ``headline`` as figures: «12 operaciones realizadas», «1 operación realizada»."""
    return [Figure(f"{r.specialty}.{fold(r.label.en).replace(' ', '_')}", r.value,
                   _counted(r.label_one or r.label), _counted(r.label))
            for r in rows if r.group == "headline"]


# -- the chart of patients per day ----------------------------------------------------------------


def per_day(store, campaign: Campaign, day: dt.date | Period | None) -> tuple[tuple[dt.date, ...], dict]:
    """Patients seen per day and specialty: over the campaign's days up to ``day`` for a daily
    report, over the days of a period, over every campaign day for the final report; a day with
    encounters outside the campaign's dates is added."""
    period = day if isinstance(day, Period) else None
    first, last = (period.first, period.last) if period else (campaign.start_date, day or campaign.end_date)
    where, params = encounter_scope(campaign, period)
    counts: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for on, specialty, n in store.db.execute(
            f"SELECT {_day_sql()} AS d, e.specialty, count(DISTINCT {person_of('e.patient_id')}) FROM encounters e "
            f"WHERE {where} GROUP BY d, e.specialty", params).fetchall():
        on = dt.date.fromisoformat(on)
        if period or day is None or on <= day:
            counts[on][specialty] = n
    span = (last - first).days + 1
    days = {first + dt.timedelta(days=i) for i in range(span)} if 0 < span <= 31 else set()
    days |= set(counts)
    return tuple(sorted(days)), {d: counts.get(d, {}) for d in days}


# -- the report ---------------------------------------------------------------------------------


def _fig(key: str, value, one_es: str, many_es: str, one_en: str, many_en: str, money: bool = False) -> Figure:
    return Figure(key, value, Text(one_es, one_en), Text(many_es, many_en), money)


def build_report(store, campaign: Campaign, day: dt.date | Period | None = None) -> Report:
    """The daily report of ``day`` (Lima), the report of the period ``day`` (a week, a range of
    days), or the final report of the campaign when ``day`` is ``None``,
    counted in one snapshot of the database (:meth:`~ayni.core.storage.store.Store.reading`), so its figures
    agree with one another while other stations save."""
    with store.reading():
        return _count(store, campaign, day)


def _count(store, campaign: Campaign, day: dt.date | Period | None) -> Report:
    scope = _Scope(store, campaign, day)
    seen = patients_seen(scope)
    specialty_table, encounter_totals = by_specialty(scope, seen)
    age_table, pyramid = age_sex(seen)
    procedure_table = procedures(scope)
    dispensed_table = dispensed(scope)
    referral_table = referrals(scope)
    fee_table, money = fees(scope)
    rows, warnings = plugin_rows(store, campaign, day)
    operations = gathered(store, rows, "operations", "operations", Text("Operaciones", "Operations"),
                          Text("No se registraron operaciones.", "No operations were recorded."))
    vaccines = gathered(store, rows, "vaccines", "vaccines", Text("Dosis de vacunas", "Vaccine doses"),
                        Text("No se registraron vacunas.", "No vaccine doses were recorded."))
    returning = sum(p.returning for p in seen.values())
    headline = [
        _fig("patients", len(seen), "{n} paciente atendido", "{n} pacientes atendidos", "{n} patient seen",
             "{n} patients seen"),
        _fig("encounters", encounter_totals["encounters"], "{n} atención ambulatoria", "{n} atenciones ambulatorias",
             "{n} outpatient consultation", "{n} outpatient consultations"),
        _fig("new", len(seen) - returning, "{n} paciente nuevo", "{n} pacientes nuevos", "{n} new patient",
             "{n} new patients"),
        _fig("returning", returning, "{n} paciente continuador", "{n} pacientes continuadores",
             "{n} returning patient", "{n} returning patients"),
        _fig("procedures", procedure_table.total.values[0], "{n} procedimiento", "{n} procedimientos",
             "{n} procedure", "{n} procedures"),
        *plugin_headline(rows),
        _fig("dispensed", dispensed_table.total.values[0], "{n} artículo entregado (lentes, equipos, medicinas)",
             "{n} artículos entregados (lentes, equipos, medicinas)", "{n} item handed out (glasses, equipment, medicines)",
             "{n} items handed out (glasses, equipment, medicines)"),
        _fig("referrals", referral_table.total.values[-1], "{n} referencia", "{n} referencias", "{n} referral",
             "{n} referrals"),
        _fig("communities", len({(p.community, p.district) for p in seen.values()}), "{n} comunidad de procedencia",
             "{n} comunidades de procedencia", "{n} home community", "{n} home communities"),
        _fig("collected", money["cash"], "{n} recaudados en efectivo", "{n} recaudados en efectivo",
             "{n} collected in cash", "{n} collected in cash", money=True),
        _fig("waived", money["waived"], "{n} exonerados o rebajados", "{n} exonerados o rebajados",
             "{n} waived or reduced", "{n} waived or reduced", money=True),
    ]
    if encounter_totals["open"]:
        headline.insert(2, _fig("open", encounter_totals["open"], "{n} atención aún abierta", "{n} atenciones aún abiertas",
                                "{n} encounter still open", "{n} encounters still open"))
    days, counts = per_day(store, campaign, day)
    keys = _specialty_order(store, {k for c in counts.values() for k in c})
    site = store.get(Site, "sites", campaign.site_id) if campaign.site_id else None
    return Report(
        campaign=campaign, site=site, day=None if isinstance(day, Period) else day, headline=tuple(headline),
        tables=(specialty_table, age_table, communities(seen), procedure_table, operations, vaccines, dispensed_table,
                referral_table, fee_table),
        plugin_sections=plugin_sections(store, rows), days=days, per_day=counts,
        specialty_names={k: _specialty_name(store, k) for k in keys}, pyramid=pyramid, warnings=tuple(warnings),
        period=day if isinstance(day, Period) else None,
    )
