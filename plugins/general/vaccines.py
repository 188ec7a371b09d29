"""The vaccination register: vaccines of the Peruvian schedule, the doses each takes, where they are
given, and the parser of the register field (one dose per line).

A line is «vacuna dosis lote vencimiento sitio»: ``penta 2 L2301A 2030-03-31 mi`` (Spanish site
codes bd/bi/md/mi, English ra/la/rt/lt, or ``oral``). The expiry may be a month (``2030-03``: the
lot expires at the end of it). The stored value is a list of
``{"vaccine", "dose", "lot", "expiry", "site"}``, shown in words (:func:`dose_words`), which read back
too; whether the lot was in date on the day it was given
is checked against the encounter's day (:func:`expired_doses`). Each vaccine is a stock item
(:data:`STOCK_ITEMS`), so the lots that can be given today are offered (:func:`lots_in_stock`); the
dose to give follows the patient's recorded doses of the vaccine (:func:`next_dose`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping

import attrs

from ayni.core import (Encounter, EncounterRecord, EncounterStatus, EquipmentItem, Field, FieldError, FormData, Text,
                       fold, of_same_person, phrase, stock)
from ayni.core.dates import format_date, to_lima, today_in_lima

from .messages import refuse
from .record import latest_revisions

#: The form that holds the vaccination register.
FORM_KEY = "general.vaccination"


@attrs.frozen
class Vaccine:
    """A vaccine: its key (as typed), name, the doses it takes and whether it is given by mouth."""

    key: str
    name: Text
    doses: tuple[str, ...]
    oral: bool = False

    @property
    def item_key(self) -> str:
        """Its key as a stock item: ``general.vaccine_penta``."""
        return f"general.vaccine_{self.key}"

    @property
    def sites(self) -> tuple[str, ...]:
        """The sites (keys of :data:`SITES`) it may be given at: by mouth, or an arm or a thigh."""
        return ("oral",) if self.oral else tuple(k for k in SITES if k != "oral")


DOSES: dict[str, Text] = {
    "rn": Text("recién nacido", "newborn"),
    "1": Text("1.ª dosis", "1st dose"),
    "2": Text("2.ª dosis", "2nd dose"),
    "3": Text("3.ª dosis", "3rd dose"),
    "r1": Text("1.er refuerzo", "1st booster"),
    "r2": Text("2.º refuerzo", "2nd booster"),
    "u": Text("dosis única", "single dose"),
    "a": Text("dosis anual", "annual dose"),
}

SITES: dict[str, Text] = {
    "arm_right": Text("brazo derecho", "right arm"),
    "arm_left": Text("brazo izquierdo", "left arm"),
    "thigh_right": Text("muslo derecho", "right thigh"),
    "thigh_left": Text("muslo izquierdo", "left thigh"),
    "oral": Text("vía oral", "by mouth"),
}
#: What may be typed for each site.
SITE_TOKENS: dict[str, str] = {
    "bd": "arm_right", "bi": "arm_left", "md": "thigh_right", "mi": "thigh_left",
    "ra": "arm_right", "la": "arm_left", "rt": "thigh_right", "lt": "thigh_left",
    "oral": "oral", "vo": "oral", **{k: k for k in SITES},
}

VACCINES: tuple[Vaccine, ...] = (
    Vaccine("bcg", Text("BCG", "BCG"), ("u",)),
    Vaccine("hvb", Text("Hepatitis B (HvB)", "Hepatitis B (HepB)"), ("rn", "1", "2", "3")),
    Vaccine("penta", Text("Pentavalente (DPT-HvB-Hib)", "Pentavalent (DTP-HepB-Hib)"), ("1", "2", "3")),
    Vaccine("ipv", Text("Antipolio inactivada (IPV)", "Inactivated polio (IPV)"), ("1", "2", "3")),
    Vaccine("bopv", Text("Antipolio oral bivalente (bOPV)", "Bivalent oral polio (bOPV)"), ("1", "r1", "r2"),
            oral=True),
    Vaccine("rota", Text("Rotavirus", "Rotavirus"), ("1", "2"), oral=True),
    Vaccine("neumo", Text("Neumococo", "Pneumococcal"), ("1", "2", "3", "u")),
    Vaccine("influenza", Text("Influenza", "Influenza"), ("1", "2", "a")),
    Vaccine("spr", Text("SPR (sarampión, paperas, rubéola)", "MMR (measles, mumps, rubella)"), ("1", "2")),
    Vaccine("dpt", Text("DPT", "DTP"), ("r1", "r2")),
    Vaccine("varicela", Text("Varicela", "Varicella"), ("1", "2")),
    Vaccine("hva", Text("Hepatitis A", "Hepatitis A"), ("u",)),
    Vaccine("hpv", Text("Virus del papiloma humano (VPH)", "Human papillomavirus (HPV)"), ("1", "2")),
    Vaccine("dt", Text("dT (difteria, tétanos) adulto", "Td (tetanus, diphtheria) adult"), ("1", "2", "3", "r1")),
    Vaccine("dtpa", Text("dTpa (gestantes)", "Tdap (pregnancy)"), ("u",)),
    Vaccine("fa", Text("Fiebre amarilla", "Yellow fever"), ("u",)),
    Vaccine("covid", Text("COVID-19", "COVID-19"), ("1", "2", "r1", "r2", "a")),
)
BY_KEY: dict[str, Vaccine] = {v.key: v for v in VACCINES}
VACCINE_KIND = Text("vacuna", "vaccine")
#: The vaccines as stock items (``ayni_equipment``), so their lots are received, counted and offered.
STOCK_ITEMS: tuple[EquipmentItem, ...] = tuple(
    EquipmentItem(v.item_key, phrase(Text("Vacuna {name}", "{name} vaccine"), name=v.name), kind=VACCINE_KIND)
    for v in VACCINES)
_ALIASES = {"vph": "hpv", "sr": "spr", "mmr": "spr", "yf": "fa", "hepb": "hvb", "td": "dt", "tdap": "dtpa"}


def _allowed(values) -> str:
    return ", ".join(values)


def _expiry(text: str) -> dt.date | None:
    """A full date, or a month (the lot expires on its last day)."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
        year, month = int(text[:4]), int(text[5:])
        if 1 <= month <= 12:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
    return None


def _dose_of(field: Field, raw: Mapping, line: int) -> tuple[dict | None, FieldError | None]:
    token = fold(str(raw.get("vaccine", "")).strip())
    vaccine = BY_KEY.get(_ALIASES.get(token, token))
    if vaccine is None:
        return None, refuse(field.key, "general.vx_unknown", field.label, value=raw.get("vaccine", ""),
                            allowed=_allowed(BY_KEY))
    dose = fold(str(raw.get("dose", "")).strip()).removeprefix("d")
    if dose not in vaccine.doses:
        return None, refuse(field.key, "general.vx_dose", field.label, vaccine=vaccine.name,
                            value=raw.get("dose", ""), allowed=_allowed(vaccine.doses))
    lot = str(raw.get("lot", "")).strip()
    expiry_raw = raw.get("expiry")
    expiry = expiry_raw if isinstance(expiry_raw, dt.date) else _expiry(str(expiry_raw or "").strip())
    if not lot or expiry is None:
        return None, refuse(field.key, "general.vx_expiry" if lot else "general.vx_syntax", field.label,
                            vaccine=vaccine.name, value=expiry_raw or "", line=line,
                            example=example_line(today_in_lima()))
    site = SITE_TOKENS.get(fold(str(raw.get("site", "")).strip()))
    if site not in vaccine.sites:
        tokens = ["oral"] if vaccine.oral else ["bd", "bi", "md", "mi"]
        return None, refuse(field.key, "general.vx_site", field.label, vaccine=vaccine.name,
                            value=raw.get("site", ""), allowed=_allowed(tokens))
    return {"vaccine": vaccine.key, "dose": dose, "lot": lot, "expiry": expiry.isoformat(), "site": site}, None


_SEPARATOR = " · "
#: The lot and its expiry in words, by language, as :func:`dose_words` writes them.
_LOT_WORDS = {"es": "lote {lot}, vence {expiry}", "en": "lot {lot}, expires {expiry}"}
_LOT = re.compile(r"(?:lote|lot) (?P<lot>\S+), (?:vence|expires) (?P<expiry>\S+)")
#: Each vaccine, dose and site by its words in either language, folded: how :func:`dose_words` names them.
_BY_NAME = {fold(v.name.get(lang)): v.key for v in VACCINES for lang in ("es", "en")}
_DOSE_WORDS = {fold(label.get(lang)): key for key, label in DOSES.items() for lang in ("es", "en")}
_SITE_WORDS = {fold(label.get(lang)): key for key, label in SITES.items() for lang in ("es", "en")}


def _in_words(text: str) -> dict | None:
    """A dose as :func:`dose_words` writes it, as the typed form's dict, or ``None`` when it is not one."""
    parts = [part.strip() for part in text.split(_SEPARATOR)]
    if len(parts) != 4:
        return None
    name, dose, lot, site = parts
    vaccine, found = _BY_NAME.get(fold(name)), _LOT.fullmatch(lot)
    if vaccine is None or found is None:
        return None
    return {"vaccine": vaccine, "dose": _DOSE_WORDS.get(fold(dose), dose), "lot": found["lot"],
            "expiry": found["expiry"], "site": _SITE_WORDS.get(fold(site), site)}


def _lines(raw) -> list[dict] | None:
    """The doses as dicts, from text (one per line or «;», typed or in words) or from a list of dicts
    (a widget's value)."""
    if isinstance(raw, (list, tuple)):
        return [dict(item) if isinstance(item, Mapping) else None for item in raw]
    found = []
    for text in re.split(r"[;\n]+", str(raw)):
        parts = text.split()
        if not parts:
            continue
        worded = _in_words(text)
        if worded is not None:
            found.append(worded)
            continue
        if len(parts) != 5:
            found.append({"_text": text.strip()})
            continue
        found.append(dict(zip(("vaccine", "dose", "lot", "expiry", "site"), parts)))
    return found


def parse_doses(field: Field, raw) -> tuple[list[dict] | None, FieldError | None]:
    """The vaccination register's parser (``Field.parse``): every dose known, with an allowed dose
    number, a lot, an expiry date and a site that fits the route; one dose per vaccine."""
    doses: list[dict] = []
    for line, item in enumerate(_lines(raw), start=1):
        if item is None or "_text" in item:
            value = item["_text"] if item else ""
            return None, refuse(field.key, "general.vx_syntax", field.label, line=line, value=value,
                                example=example_line(today_in_lima()))
        dose, error = _dose_of(field, item, line)
        if error is not None:
            return None, error
        if any(d["vaccine"] == dose["vaccine"] for d in doses):
            return None, refuse(field.key, "general.vx_twice", field.label, vaccine=BY_KEY[dose["vaccine"]].name)
        doses.append(dose)
    return doses, None


#: The Spanish token typed for each site, used to show stored doses as text.
SITE_TYPED = {"arm_right": "bd", "arm_left": "bi", "thigh_right": "md", "thigh_left": "mi", "oral": "oral"}


def dose_line(dose: Mapping) -> str:
    """One dose (stored, or as the lot picker fills it in) in the typed form: «penta 2 L2301A 2030-03-31 mi»."""
    return f"{dose['vaccine']} {dose['dose']} {dose['lot']} {dose['expiry']} {SITE_TYPED.get(dose['site'], dose['site'])}"


def dose_words(dose: Mapping, lang: str = "es") -> str:
    """One dose in the words a nurse reads, which :func:`parse_doses` takes back as it is: «Pentavalente
    (DPT-HvB-Hib) · 2.ª dosis · lote L2301A, vence 2030-03-31 · muslo izquierdo». A vaccine, dose or
    site no longer known keeps its typed form."""
    vaccine, number, site = BY_KEY.get(dose["vaccine"]), DOSES.get(dose["dose"]), SITES.get(dose["site"])
    if vaccine is None or number is None or site is None:
        return dose_line(dose)
    lang = lang if lang in _LOT_WORDS else "es"
    lot = _LOT_WORDS[lang].format(lot=dose["lot"], expiry=dose["expiry"])
    return _SEPARATOR.join((vaccine.name.get(lang), number.get(lang), lot, site.get(lang)))


def to_text(doses, lang: str = "es") -> str:
    """Stored doses in words, one per line (what the editor shows; it parses back the same)."""
    return "\n".join(dose_words(d, lang) for d in doses or [])


def example_line(today: dt.date) -> str:
    """A line to show as an example, with a lot in date: it expires at the end of next year."""
    return dose_line({"vaccine": "penta", "dose": "2", "lot": "L2301A", "expiry": f"{today.year + 1}-12-31",
                      "site": "thigh_left"})


def _dated_lots(store, today: dt.date, expired: bool) -> list[tuple[Vaccine, stock.LotBalance]]:
    found = [(vaccine, balance) for vaccine in VACCINES for balance in stock.available(store, vaccine.item_key)
             if balance.lot.expiry is not None and balance.expired(today) is expired]
    return sorted(found, key=lambda found: (found[1].lot.expiry, found[1].lot.received_at))


def lots_in_stock(store, today: dt.date | None = None) -> list[tuple[Vaccine, stock.LotBalance]]:
    """The vaccine lots that can be given ``today`` (Lima): with doses on hand, an expiry date and
    not expired, nearest expiry first."""
    return _dated_lots(store, today or today_in_lima(), expired=False)


def expired_lots_in_stock(store, today: dt.date | None = None) -> list[tuple[Vaccine, stock.LotBalance]]:
    """The vaccine lots still holding doses that expired before ``today`` (Lima): never given, but
    named when a vial in hand is looked up by its lot."""
    return _dated_lots(store, today or today_in_lima(), expired=True)


def expired_doses(doses: list[Mapping], day: dt.date) -> list[Mapping]:
    """The doses whose lot had expired before ``day`` (a lot is good through its expiry date)."""
    return [d for d in doses if dt.date.fromisoformat(str(d["expiry"])[:10]) < day]


def dose_text(dose: Mapping, lang: str) -> str:
    """«Pentavalente (DPT-HvB-Hib), 2.ª dosis»."""
    vaccine = BY_KEY.get(dose["vaccine"])
    name = vaccine.name.get(lang) if vaccine else dose["vaccine"]
    label = DOSES.get(dose["dose"])
    return f"{name}, {label.get(lang) if label else dose['dose']}"


#: Each dose as the one before is named: «la 1.ª fue el …».
DOSES_BEFORE: dict[str, Text] = {
    "rn": Text("la del recién nacido", "the newborn dose"),
    "1": Text("la 1.ª", "the 1st"),
    "2": Text("la 2.ª", "the 2nd"),
    "3": Text("la 3.ª", "the 3rd"),
    "r1": Text("el 1.er refuerzo", "the 1st booster"),
    "r2": Text("el 2.º refuerzo", "the 2nd booster"),
    "u": Text("la dosis única", "the single dose"),
    "a": Text("la anual", "the annual dose"),
}
_NEXT = Text("{dose}: {before} fue el {day}", "{dose}: {before} was given on {day}")
_COMPLETE = Text("Esquema completo: {before} fue el {day}", "Schedule complete: {before} was given on {day}")
#: A dose given again each time (every year), never the end of the schedule.
_REPEATED = "a"


@attrs.frozen
class DoseAdvice:
    """The dose to give next (``None`` when the schedule is complete), after the patient's latest
    recorded ``before`` dose of the vaccine, given on ``day`` (Lima)."""

    dose: str | None
    before: str
    day: dt.date

    def text(self, lang: str) -> str:
        """«2.ª dosis: la 1.ª fue el 3 de marzo de 2026», or «Esquema completo: …»."""
        values = {"before": DOSES_BEFORE[self.before], "day": format_date(self.day, lang)}
        if self.dose is None:
            return phrase(_COMPLETE, **values).get(lang)
        return phrase(_NEXT, dose=DOSES[self.dose], **values).get(lang)


def doses_given(store, visit: EncounterRecord, vaccine: Vaccine) -> list[tuple[str, dt.date]]:
    """``(dose, day)`` of each dose of ``vaccine`` recorded for the patient in their other encounters,
    of any campaign (a cancelled encounter's left out; a corrected register read as corrected)."""
    others = {e.id: e for e in store.rows(Encounter, "encounters", f"{of_same_person()} AND id != ? AND status != ?",
                                          [visit.patient.id, visit.encounter.id, EncounterStatus.CANCELLED.value])}
    if not others:
        return []
    marks = ", ".join("?" for _ in others)
    rows = store.rows(FormData, "form_data", f"form_key = ? AND encounter_id IN ({marks})", [FORM_KEY, *others])
    return [(dose["dose"], to_lima(others[data.encounter_id].opened_at).date())
            for data in latest_revisions(rows).values() for dose in data.data.get("doses") or []
            if dose.get("vaccine") == vaccine.key and dose.get("dose") in vaccine.doses]


def next_dose(store, visit: EncounterRecord, vaccine: Vaccine) -> DoseAdvice | None:
    """The dose of ``vaccine`` to give in ``visit``: the one after the furthest the patient has had in
    its schedule (the annual dose again; none past the last), or ``None`` when none is recorded."""
    given = doses_given(store, visit, vaccine)
    if not given:
        return None
    before, day = max(given, key=lambda found: (vaccine.doses.index(found[0]), found[1]))
    at = vaccine.doses.index(before)
    dose = vaccine.doses[at + 1] if at + 1 < len(vaccine.doses) else (before if before == _REPEATED else None)
    return DoseAdvice(dose, before, day)
