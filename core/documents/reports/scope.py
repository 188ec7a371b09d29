"""Which day, week or range of days and which campaign a document is about: reading a date or an
ISO week as people type it, finding the campaign, and saying clearly (in Spanish or English) what
is wrong when neither can be found."""

from __future__ import annotations

import datetime as dt
import re

from ...dates import Period, format_date, format_date_range, today_in_lima
from ...errors import AyniError
from ...i18n import Plural, Text
from ...model import Campaign

MESSAGES = {
    "bad_day": Text("Fecha: «{value}» no es una fecha válida; use AAAA-MM-DD (2026-11-23) o DD/MM/AAAA (23/11/2026).",
                    "Date: «{value}» is not a valid date; use YYYY-MM-DD (2026-11-23) or DD/MM/YYYY (23/11/2026)."),
    "no_campaigns": Text("No hay ninguna campaña en la base de datos: cree una o cargue la demo (ayni demo).",
                         "There is no campaign in the database: create one or load the demo (ayni demo)."),
    "unknown_campaign": Text("Campaña: no existe la campaña «{value}». Campañas registradas: {known}.",
                             "Campaign: there is no campaign «{value}». Campaigns on record: {known}."),
    "no_campaign_on_day": Text("Fecha: ninguna campaña trabajó el {day}. Campañas registradas: {known}.",
                               "Date: no campaign worked on {day}. Campaigns on record: {known}."),
    "day_outside_campaign": Text("Fecha: el {day} está fuera de la campaña «{name}» ({dates}).",
                                 "Date: {day} is outside the campaign «{name}» ({dates})."),
    "unknown_patient": Text("Paciente: no existe el paciente con id «{value}».",
                            "Patient: there is no patient with id «{value}»."),
    "unknown_station": Text("Estación: «{value}» no es una estación; elija una de: {allowed}.",
                            "Station: «{value}» is not a station; choose one of: {allowed}."),
    "no_partner": Text("Institución aliada: la campaña «{name}» no tiene institución aliada registrada; "
                       "indíquela con --addressee.",
                       "Partner: the campaign «{name}» has no partner organisation on record; give one with --addressee."),
    "bad_week": Text("Semana (--week): «{value}» no es una semana válida; use AAAA-Wss, con la semana ISO de 01 a "
                     "52 o 53 (2026-W48), o una fecha de esa semana (2026-11-23 o 23/11/2026).",
                     "Week (--week): «{value}» is not a valid week; use YYYY-Www, with the ISO week from 01 to 52 "
                     "or 53 (2026-W48), or a date in that week (2026-11-23 or 23/11/2026)."),
    "bad_bound": Text("{option}: «{value}» no es una fecha válida; use AAAA-MM-DD (2026-11-23) o DD/MM/AAAA "
                      "(23/11/2026).",
                      "{option}: «{value}» is not a valid date; use YYYY-MM-DD (2026-11-23) or DD/MM/YYYY (23/11/2026)."),
    "missing_bound": Text("Periodo: indique --from y --to (AAAA-MM-DD o DD/MM/AAAA), o bien --week (2026-W48).",
                          "Period: give --from and --to (YYYY-MM-DD or DD/MM/YYYY), or else --week (2026-W48)."),
    "two_periods": Text("Periodo: use --week o --from/--to, no ambos.",
                        "Period: use --week or --from/--to, not both."),
    "reversed_range": Text("Periodo: --from ({first}) es posterior a --to ({last}); --from debe ser el mismo día "
                           "o anterior.",
                           "Period: --from ({first}) is after --to ({last}); --from must be the same day or earlier."),
    "long_range": Text("Periodo: de --from a --to hay {days} días; el máximo es {most}.",
                       "Period: from --from to --to is {days} days; the most is {most}."),
    "no_campaign_in_period": Text("Periodo: ninguna campaña trabajó en {period}. Campañas registradas: {known}.",
                                  "Period: no campaign worked in {period}. Campaigns on record: {known}."),
    "dhis2_period": Text("Periodo: DHIS2 recibe un día, una semana ISO (de lunes a domingo) o un mes calendario; "
                         "del {first} al {last} no es ninguno. Use --week, un solo día o un mes entero, o --format csv.",
                         "Period: DHIS2 takes a day, an ISO week (Monday to Sunday) or a calendar month; "
                         "{first} to {last} is none of them. Use --week, a single day or a whole month, or --format csv."),
    "mapping_unreadable": Text("Correspondencia (--mapping): no se pudo leer «{path}»: {why}.",
                               "Mapping (--mapping): «{path}» could not be read: {why}."),
    "mapping_incomplete": Text("Correspondencia (--mapping): a «{path}» le falta «{key}»; parta de la plantilla "
                               "(ayni report aggregate-template).",
                               "Mapping (--mapping): «{path}» lacks «{key}»; start from the template "
                               "(ayni report aggregate-template)."),
    "mapping_unfilled": Plural(
        "Correspondencia (--mapping): falta {n} código DHIS2 del distrito (o sigue como REEMPLAZAR…): {codes}. "
        "Llénelo, o ponga \"\" para no enviar esa cifra.",
        "Correspondencia (--mapping): faltan {n} códigos DHIS2 del distrito (o siguen como REEMPLAZAR…): {codes}. "
        "Llénelos, o ponga \"\" para no enviar esas cifras.",
        "Mapping (--mapping): {n} of the district's DHIS2 codes is missing (or still REEMPLAZAR…): {codes}. "
        "Fill it in, or set \"\" not to send that figure.",
        "Mapping (--mapping): {n} of the district's DHIS2 codes are missing (or still REEMPLAZAR…): {codes}. "
        "Fill them in, or set \"\" not to send those figures."),
    "several_campaigns": Text("Periodo: en {period} trabajaron varias campañas: {known}. Un informe es de una "
                              "campaña: elija una con --campaign.",
                              "Period: several campaigns worked in {period}: {known}. A report is about one "
                              "campaign: choose one with --campaign."),
    "several_for_aggregate": Text("Periodo: en {period} trabajaron varias campañas: {known}. Elija una con --campaign, "
                                  "o todas, cada una en sus líneas, con --campaign all.",
                                  "Period: several campaigns worked in {period}: {known}. Choose one with --campaign, "
                                  "or all of them, each on its own lines, with --campaign all."),
    "period_outside_campaign": Text("Periodo: {period} está fuera de la campaña «{name}» ({dates}).",
                                    "Period: {period} is outside the campaign «{name}» ({dates})."),
}


class ReportError(AyniError):
    """A document cannot be made as asked (a bad date, an unknown campaign): the message says why."""

    MESSAGES = MESSAGES


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_day(text: str | dt.date | None) -> dt.date:
    """A date typed as ``2026-11-23`` or ``23/11/2026`` (day first, as in Peru); ``None`` or ``""`` is
    today in Lima. Raises :class:`ReportError` for anything else."""
    if isinstance(text, dt.date):
        return text
    value = (text or "").strip()
    if not value:
        return today_in_lima()
    try:
        if match := _DMY.fullmatch(value):
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReportError("bad_day", value=value) from None


#: The longest range of days a report covers (a year, leap or not).
MAX_PERIOD_DAYS = 366
_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)


def parse_week(text: str) -> Period:
    """An ISO week typed as ``2026-W48`` (or ``2026W48``), or any date in it (``2026-11-23``,
    ``23/11/2026``): Monday to Sunday. Raises :class:`ReportError` for anything else."""
    value = (text or "").strip()
    try:
        if match := _WEEK.fullmatch(value):
            return Period.iso_week(int(match[1]), int(match[2]))
        if value:
            return Period.week_of(parse_day(value))
    except (ValueError, ReportError):
        pass
    raise ReportError("bad_week", value=value)


_BOUNDS = {"--from": Text("Desde (--from)", "From (--from)"), "--to": Text("Hasta (--to)", "To (--to)")}


def _bound(text: str | dt.date | None, option: str) -> dt.date:
    if not isinstance(text, dt.date) and not (text or "").strip():
        raise ReportError("missing_bound")
    try:
        return parse_day(text)
    except ReportError:
        raise ReportError("bad_bound", option=_BOUNDS[option], value=str(text).strip()) from None


def parse_period(week: str | None = None, first: str | dt.date | None = None,
                 last: str | dt.date | None = None) -> Period:
    """The period a report was asked for: ``week`` (see :func:`parse_week`), or the days from
    ``first`` to ``last``, both included and at most :data:`MAX_PERIOD_DAYS` apart. Raises
    :class:`ReportError` naming the option (``--week``, ``--from``, ``--to``) and the allowed form."""
    if week is not None and (first is not None or last is not None):
        raise ReportError("two_periods")
    if week is not None:
        return parse_week(week)
    start, end = _bound(first, "--from"), _bound(last, "--to")
    if start > end:
        raise ReportError("reversed_range", first=_day_text(start), last=_day_text(end))
    period = Period(start, end)
    if period.days > MAX_PERIOD_DAYS:
        raise ReportError("long_range", days=period.days, most=MAX_PERIOD_DAYS)
    return period


def _day_text(day: dt.date) -> Text:
    return Text(format_date(day, "es"), format_date(day, "en"))


#: How a report's title names a week; other periods are named by their dates alone.
WEEK_WORDS = Text("semana {week} de {year} ({dates})", "week {week} of {year} ({dates})")


def period_words(period: Period, lang: str) -> str:
    """The period in words in ``lang``, as a report's title says it: «semana 48 de 2026
    (23–29 de noviembre de 2026)», «23–27 de noviembre de 2026»."""
    dates = format_date_range(period.first, period.last, lang)
    if period.week is None:
        return dates
    year, week = period.week
    return WEEK_WORDS.get(lang).format(week=week, year=year, dates=dates)


def _period_text(period: Period) -> Text:
    return Text(period_words(period, "es"), period_words(period, "en"))


def all_campaigns(store) -> list[Campaign]:
    """Every campaign on record, the one that started last first."""
    return store.rows(Campaign, "campaigns", "1 = 1", order_by="start_date desc, rowid desc")


def _known(campaigns: list[Campaign], limit: int = 5) -> str:
    shown = [f"{c.name} [{c.id[:8]}] {c.start_date.isoformat()}…{c.end_date.isoformat()}" for c in campaigns[:limit]]
    return "; ".join(shown) + (" …" if len(campaigns) > limit else "")


def find_campaign(store, campaign_id: str) -> Campaign:
    """The campaign with this id, or whose id starts with it (8 characters are enough, as the
    messages show them)."""
    value = (campaign_id or "").strip()
    campaigns = all_campaigns(store)
    found = [c for c in campaigns if c.id == value] or [c for c in campaigns if len(value) >= 4 and c.id.startswith(value)]
    if len(found) != 1:
        if not campaigns:
            raise ReportError("no_campaigns")
        raise ReportError("unknown_campaign", value=value, known=_known(campaigns))
    return found[0]


def campaign_on(store, day: dt.date) -> Campaign:
    """The campaign working on ``day`` (the one that started last if two overlap)."""
    campaigns = all_campaigns(store)
    if not campaigns:
        raise ReportError("no_campaigns")
    for campaign in campaigns:
        if campaign.start_date <= day <= campaign.end_date:
            return campaign
    raise ReportError("no_campaign_on_day", day=Text(format_date(day, "es"), format_date(day, "en")),
                      known=_known(campaigns))


def default_campaign(store, today: dt.date | None = None) -> Campaign:
    """The campaign running today, else the one that started most recently (never creates one)."""
    campaigns = all_campaigns(store)
    if not campaigns:
        raise ReportError("no_campaigns")
    today = today or today_in_lima()
    return next((c for c in campaigns if c.start_date <= today <= c.end_date), campaigns[0])


def check_day_in(campaign: Campaign, day: dt.date) -> None:
    """Refuse a day outside the campaign's dates."""
    if not campaign.start_date <= day <= campaign.end_date:
        raise ReportError("day_outside_campaign", day=Text(format_date(day, "es"), format_date(day, "en")),
                          name=campaign.name,
                          dates=Text(format_date_range(campaign.start_date, campaign.end_date, "es"),
                                     format_date_range(campaign.start_date, campaign.end_date, "en")))


def report_scope(store, day: str | dt.date | None = None, campaign_id: str | None = None,
                 final: bool = False) -> tuple[Campaign, dt.date | None]:
    """The campaign and day of a report as asked: for a daily report, the day (today by default) and
    the campaign given or the one working that day; for the final report, the campaign given or
    the current one."""
    if final:
        return (find_campaign(store, campaign_id) if campaign_id else default_campaign(store)), None
    when = parse_day(day)
    if campaign_id:
        campaign = find_campaign(store, campaign_id)
        check_day_in(campaign, when)
        return campaign, when
    return campaign_on(store, when), when


def campaigns_in(store, period: Period) -> list[Campaign]:
    """The campaigns that worked on any day of ``period``, the one that started last first; refused
    when there are none."""
    campaigns = all_campaigns(store)
    if not campaigns:
        raise ReportError("no_campaigns")
    working = [c for c in campaigns if period.overlaps(c.start_date, c.end_date)]
    if not working:
        raise ReportError("no_campaign_in_period", period=_period_text(period), known=_known(campaigns))
    return working


def period_scope(store, period: Period, campaign_id: str | None = None) -> Campaign:
    """The campaign a report of ``period`` is about: the one given (refused when it worked on none
    of the period's days), else the only one working in the period. When several did, refused
    naming them all, so that no campaign's days are left out of a report unnoticed."""
    if campaign_id:
        campaign = find_campaign(store, campaign_id)
        if not period.overlaps(campaign.start_date, campaign.end_date):
            raise ReportError("period_outside_campaign", period=_period_text(period), name=campaign.name,
                              dates=Text(format_date_range(campaign.start_date, campaign.end_date, "es"),
                                         format_date_range(campaign.start_date, campaign.end_date, "en")))
        return campaign
    working = campaigns_in(store, period)
    if len(working) > 1:
        raise ReportError("several_campaigns", period=_period_text(period), known=_known(working))
    return working[0]


#: What ``--campaign`` says to cover every campaign of the period (the aggregate export only).
ALL_CAMPAIGNS = "all"


def aggregate_scope(store, period: Period, campaign_id: str | None = None) -> list[Campaign]:
    """The campaigns an aggregate export of ``period`` covers, the first to start first: every one
    that worked in it for :data:`ALL_CAMPAIGNS`, else the one :func:`period_scope` finds (refused,
    pointing to ``--campaign all``, when several worked)."""
    if (campaign_id or "").strip().lower() == ALL_CAMPAIGNS:
        return sorted(campaigns_in(store, period), key=lambda c: (c.start_date, c.id))
    if not campaign_id and len(working := campaigns_in(store, period)) > 1:
        raise ReportError("several_for_aggregate", period=_period_text(period), known=_known(working))
    return [period_scope(store, period, campaign_id)]
