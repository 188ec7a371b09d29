"""Which thermal printer each station prints on, set once per station of each laptop.

A station is named by its key (``registration``, ``cashier``, ``triage``, ``dental:exam``…, see
``ayni.core.campaign.stations``); '' sets the printer of every station of this laptop that has none
of its own. Each setting is a new row of ``station_printers`` (audited, never changed), the latest
counts; a setting with no printer means «PDF only». :func:`print_on_station` prints a slip on the
station's printer when one is set and says so; without one the caller writes the PDF instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from ..errors import FieldError, ValidationError
from ..i18n import Text
from ..model import new_id, utcnow
from ..storage.devices import this_device
from .thermal import PrinterAddress, PrinterError, Slip, check_profile, paper_width, parse_printer, print_at

STATION = Text("Estación (--station)", "Station (--station)")
_STATION_KEY = re.compile(r"[a-z0-9_.:-]{1,60}")


@attrs.frozen
class StationPrinter:
    """The printer of ``station`` on laptop ``device_id`` ('' spec: none, PDF only), its python-escpos
    ``profile`` ('' for the default), who set it and when."""

    id: str
    device_id: str
    station: str
    spec: str
    width_mm: int
    profile: str = ""
    set_at: str = ""
    set_by: str = ""

    @property
    def address(self) -> PrinterAddress:
        return parse_printer(self.spec)


def known_stations(store) -> list[str]:
    """The station keys a printer may be set for: the kinds every campaign has and each station set up."""
    from ..campaign.stations import KIND_LABELS

    keys = {row[0] for row in store.db.execute("SELECT DISTINCT key FROM stations")}
    return sorted(set(KIND_LABELS) - {"consult"} | keys)


def _check_station(store, station: str) -> str:
    station = (station or "").strip().lower()
    if station and (not _STATION_KEY.fullmatch(station) or station not in known_stations(store)):
        raise ValidationError([FieldError("station", "bad_choice", STATION,
                                          {"allowed": ", ".join(known_stations(store))})])
    return station


def set_printer(store, station: str, spec: str | None, width: int | str = 80, profile: str = "") -> StationPrinter:
    """Set the printer of ``station`` ('' for every station of this laptop) to ``spec`` (checked by
    :func:`~ayni.core.documents.thermal.parse_printer`; ``None`` for none) on ``width`` mm paper (58
    or 80), of python-escpos ``profile`` ('' for the default), as a new audited row. Needs
    ``campaigns.manage``."""
    from ..people.users import require

    station = _check_station(store, station)
    address = parse_printer(spec) if spec is not None else None
    width = paper_width(width)
    profile = check_profile(profile) if address else ""
    require(store, "campaigns.manage")
    setting = StationPrinter(new_id(), this_device(store.db).id, station, address.spec if address else "", width,
                             profile, utcnow().isoformat(), store.user.id)
    with store.write():
        store.insert("station_printers", setting)
    return setting


def _latest(store, device_id: str, station: str) -> StationPrinter | None:
    rows = store.rows(StationPrinter, "station_printers", "device_id = ? AND station = ?", [device_id, station],
                      order_by="rowid desc")
    return rows[0] if rows else None


def printer_of(store, station: str) -> StationPrinter | None:
    """The printer ``station`` prints on at this laptop: its own, else the laptop's ('' station);
    ``None`` when neither is set or the latest setting says «none» (then: PDF)."""
    device_id = this_device(store.db).id
    setting = _latest(store, device_id, station) if station else None
    setting = setting or _latest(store, device_id, "")
    return setting if setting and setting.spec else None


def settings(store) -> list[StationPrinter]:
    """This laptop's current setting of each station that has one, by station ('' first)."""
    device_id = this_device(store.db).id
    stations = [row[0] for row in store.db.execute(
        "SELECT DISTINCT station FROM station_printers WHERE device_id = ? ORDER BY station", [device_id])]
    return [_latest(store, device_id, station) for station in stations]


def print_on_station(store, station: str, slip: Slip) -> StationPrinter | None:
    """Print ``slip`` on ``station``'s printer and return its setting; ``None`` (nothing printed) when
    the station has none, so the caller writes the PDF instead."""
    setting = printer_of(store, station)
    if setting is None:
        return None
    print_at(setting.address, slip, setting.width_mm, setting.profile)
    return setting


@attrs.frozen
class Printed:
    """What became of a document: printed on ``printer`` (the station's setting), or else ``pdf``, the
    bytes to write instead (``None`` when there is no PDF to make); ``failure`` is why the station's
    printer did not print it, when it was tried."""

    printer: StationPrinter | None = None
    pdf: bytes | None = None
    failure: PrinterError | None = None


def print_or_render(store, station: str, slip: Callable | None, render: Callable | None) -> Printed:
    """Print ``slip(store)`` (a :class:`Slip`, or a list of them, each cut off after it: labels) on
    ``station``'s printer when one is set; else, or when that printer fails, make the PDF
    ``render(store)`` for the caller to write. Without ``render`` (a queue ticket has no PDF) a failing
    printer's :class:`~ayni.core.documents.thermal.PrinterError` is raised."""
    setting = printer_of(store, station) if slip is not None else None
    failure = None
    if setting is not None:
        try:
            slips = slip(store)
            for one in slips if isinstance(slips, list) else [slips]:
                print_at(setting.address, one, setting.width_mm, setting.profile)
            return Printed(printer=setting)
        except PrinterError as error:
            if render is None:
                raise
            failure = error
    return Printed(pdf=render(store) if render is not None else None, failure=failure)


__all__ = ["Printed", "StationPrinter", "known_stations", "print_on_station", "print_or_render", "printer_of",
           "set_printer", "settings"]
