"""The letter of thanks to the partner organisation that hosted a campaign (a parish, a
municipality, a health centre, a school): one page, with the dates, the place, the headline figures
of the final report (or of the report of a period: a week, a range of days) and the coordinator's
signature."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...dates import Period, format_date, format_date_range, today_in_lima
from ...i18n import DEFAULT_LANG, Text
from ...model import Campaign
from .document import figure_parts
from .figures import build_report
from .scope import ReportError

#: The figures a letter quotes, in this order, when they are not zero (plugin headline figures follow).
LETTER_FIGURES = ("patients", "encounters", "procedures", "dispensed", "referrals", "waived")

LETTER_LABELS: dict[str, Text] = {
    "letter_title": Text("Carta de agradecimiento", "Letter of thanks"),
    "to": Text("Señores", "To"),
    "present": Text("Presente.-", "Presente.-"),  # a Spanish letter formula only
    "subject": Text("Asunto", "Subject"),
    "subject_text": Text("Agradecimiento por la {campaign}", "Thank you for the {campaign}"),
    "greeting": Text("De nuestra consideración:", "Dear friends,"),
    "thanks": Text(
        "Reciban un cordial saludo. En nombre de todo el equipo, agradecemos sinceramente a {partner} por haber "
        "acogido la {campaign} en {place}, {dates}. Su hospitalidad y su apoyo hicieron posible atender a las "
        "familias de {communities} comunidades.",
        "On behalf of the whole team, we sincerely thank {partner} for hosting the {campaign} at {place}, "
        "{dates}. Your hospitality and support made it possible to care for families from {communities} "
        "communities."),
    "achieved": Text("Durante la campaña logramos:", "During the campaign we achieved:"),
    "achieved_period": Text("En esos días logramos:", "In those days we achieved:"),
    "specialties": Text("Especialidades que atendieron: {names}.", "Specialties that saw patients: {names}."),
    "closing": Text(
        "Nada de esto habría sido posible sin ustedes. Esperamos volver a trabajar juntos por la salud de la "
        "comunidad.",
        "None of this would have been possible without you. We hope to work together again for the health of the "
        "community."),
    "regards": Text("Atentamente,", "Yours sincerely,"),
    "coordinator": Text("Coordinación de la campaña", "Campaign coordinator"),
    "dates_from": Text("del {dates}", "on {dates}"),
}


def default_signer(store) -> str:
    """Who signs: the first active user with the coordinator role, else the user writing."""
    row = store.db.execute("SELECT name FROM users WHERE role = 'coordinator' ORDER BY created_at, rowid LIMIT 1"
                           ).fetchone()
    return row[0] if row else store.user.name


def worked_days(campaign: Campaign, period: Period | None) -> Period:
    """The days of ``campaign`` the letter is about: all of them, or those in ``period`` (which
    overlaps the campaign, as :func:`~.scope.period_scope` made sure)."""
    if period is None:
        return Period(campaign.start_date, campaign.end_date)
    return Period(max(period.first, campaign.start_date), min(period.last, campaign.end_date))


def letter_context(store, campaign: Campaign, lang: str = DEFAULT_LANG, to: str | None = None,
                   signer: str | None = None, on: dt.date | None = None, period: Period | None = None) -> dict[str, Any]:
    """Everything ``partner_letter.html`` prints, read in one snapshot: the figures of the whole
    campaign, or of ``period``, whose days in the campaign the letter names. Refuses a campaign with
    no partner unless ``to`` is given."""
    from ..pdf import campaign_context

    partner = (to or campaign.partner or "").strip()
    if not partner:
        raise ReportError("no_partner", name=campaign.name)
    with store.reading():
        report = build_report(store, campaign, period)
        signer = signer or default_signer(store)
    header = campaign_context(campaign, report.site, lang)
    place = ", ".join(p for p in (header["site"], header["place"]) if p) or campaign.region or campaign.name
    chosen = [f for key in LETTER_FIGURES for f in report.headline if f.key == key and f.value]
    chosen[3:3] = [f for f in report.headline if "." in f.key and f.value]  # the plugins' headline figures
    L = {k: v.get(lang) for k, v in LETTER_LABELS.items()}
    days = worked_days(campaign, period)
    dates = format_date_range(days.first, days.last, lang)
    return {
        "campaign": header,
        "title": L["letter_title"],
        "where_when": f"{header['place'].split(', ')[0] if header['place'] else campaign.region}, "
                      f"{format_date(on or today_in_lima(), lang)}".lstrip(", "),
        "partner": partner,
        "subject": L["subject_text"].format(campaign=campaign.name),
        "thanks": L["thanks"].format(partner=partner, campaign=campaign.name, place=place,
                                     dates=L["dates_from"].format(dates=dates),
                                     communities=report.figure("communities").value),
        "achieved": L["achieved" if period is None else "achieved_period"],
        "figures": [figure_parts(f, lang) for f in chosen],
        "specialties": L["specialties"].format(names=", ".join(n.get(lang) for n in report.specialty_names.values()))
        if report.specialty_names else "",
        "signer": signer,
    }


def render_letter(store, campaign: Campaign, lang: str = DEFAULT_LANG, to: str | None = None,
                  signer: str | None = None, printed_at: dt.datetime | None = None,
                  period: Period | None = None) -> bytes:
    """The partner letter as PDF bytes (one page), about the whole campaign or ``period``."""
    from ..pdf import render

    return render("partner_letter.html", letter_context(store, campaign, lang, to, signer, period=period), lang,
                  extra_labels=LETTER_LABELS, printed_at=printed_at)
