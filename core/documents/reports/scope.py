"""Which day and which campaign a document is about: reading a date as people type it, finding the
campaign, and saying clearly (in Spanish or English) what is wrong when neither can be found."""

from __future__ import annotations

import datetime as dt
import re

from ...dates import format_date, format_date_range, today_in_lima
from ...errors import AyniError
from ...i18n import Text
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
                       "indíquela con --to.",
                       "Partner: the campaign «{name}» has no partner organisation on record; give one with --to."),
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


def _all(store) -> list[Campaign]:
    return store.rows(Campaign, "campaigns", "1 = 1", order_by="start_date desc, rowid desc")


def _known(campaigns: list[Campaign], limit: int = 5) -> str:
    shown = [f"{c.name} [{c.id[:8]}] {c.start_date.isoformat()}…{c.end_date.isoformat()}" for c in campaigns[:limit]]
    return "; ".join(shown) + (" …" if len(campaigns) > limit else "")


def find_campaign(store, campaign_id: str) -> Campaign:
    """The campaign with this id, or whose id starts with it (8 characters are enough, as the
    messages show them)."""
    value = (campaign_id or "").strip()
    campaigns = _all(store)
    found = [c for c in campaigns if c.id == value] or [c for c in campaigns if len(value) >= 4 and c.id.startswith(value)]
    if len(found) != 1:
        if not campaigns:
            raise ReportError("no_campaigns")
        raise ReportError("unknown_campaign", value=value, known=_known(campaigns))
    return found[0]


def campaign_on(store, day: dt.date) -> Campaign:
    """The campaign working on ``day`` (the one that started last if two overlap)."""
    campaigns = _all(store)
    if not campaigns:
        raise ReportError("no_campaigns")
    for campaign in campaigns:
        if campaign.start_date <= day <= campaign.end_date:
            return campaign
    raise ReportError("no_campaign_on_day", day=Text(format_date(day, "es"), format_date(day, "en")),
                      known=_known(campaigns))


def default_campaign(store, today: dt.date | None = None) -> Campaign:
    """The campaign running today, else the one that started most recently (never creates one)."""
    campaigns = _all(store)
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
