"""Campaigns and sites: where and when care is given."""

from __future__ import annotations

import datetime as dt

from ..clinical.forms import clean_text
from ..dates import today_in_lima
from ..errors import FieldError, ValidationError
from ..i18n import Text
from ..model import Campaign, Site, new_id
from ..people.users import require
from ..storage.store import Store


#: The most characters of a campaign's or a site's name and place.
MAX_NAME = 120
SITE_LABELS = {
    "name": Text("Nombre de la sede", "Site name"), "community": Text("Comunidad de la sede", "Site community"),
    "district": Text("Distrito de la sede", "Site district"), "region": Text("Región de la sede", "Site region"),
}


def create(store: Store, name: str, kind: str, start: dt.date, end: dt.date, site: Site | None = None,
           region: str = "", partner: str = "") -> Campaign:
    """Create a campaign (and its site, if given and new). Refuses an empty name or an end before the start."""
    require(store, "campaigns.manage")
    return _create(store, name, kind, start, end, site, region, partner)


def _create(store: Store, name: str, kind: str, start: dt.date, end: dt.date, site: Site | None,
            region: str, partner: str) -> Campaign:
    errors: list[FieldError] = []
    name = clean_text(name, "name", Text("Nombre de la campaña", "Campaign name"), errors, MAX_NAME, required=True)
    region = clean_text(region, "region", Text("Región", "Region"), errors, MAX_NAME)
    partner = clean_text(partner, "partner", Text("Institución aliada", "Partner"), errors, MAX_NAME)
    if site is not None:
        for key in ("name", "community", "district", "region"):
            clean_text(getattr(site, key), f"site.{key}", SITE_LABELS[key], errors, MAX_NAME)
    if end < start:
        errors.append(FieldError("end_date", "date_too_old", Text("Fecha de fin", "End date"), {"min": start.isoformat()}))
    if errors:
        raise ValidationError(errors)
    campaign = Campaign(id=new_id(), name=name, kind=kind, start_date=start, end_date=end,
                        site_id=site.id if site else None, region=region or (site.region if site else ""),
                        partner=partner)
    with store.write():
        if site and store.row("sites", site.id) is None:
            store.insert("sites", site)
        store.insert("campaigns", campaign)
    return campaign


def current_campaign(store: Store, today: dt.date | None = None) -> Campaign:
    """The campaign running today, else the one that started most recently.

    Creates a campaign named after today if the database has none, so care is never blocked.
    """
    today = today or today_in_lima()
    running = store.rows(Campaign, "campaigns", "start_date <= ? AND end_date >= ?",
                         [today.isoformat(), today.isoformat()], order_by="start_date desc")
    if running:
        return running[0]
    latest = store.rows(Campaign, "campaigns", "1 = 1", order_by="start_date desc")
    if latest:
        return latest[0]
    # whoever needs one gets the day's campaign (audited as them): care is never blocked on a coordinator
    return _create(store, f"Campaña {today.isoformat()}", "medical", today, today, None, "", "")


def new_site(name: str, community: str = "", district: str = "", region: str = "") -> Site:
    """A site record, not yet stored."""
    return Site(id=new_id(), name=name, community=community, district=district, region=region)
