"""The queue ticket: handed to a patient who joins a station's queue, with their number (large, and
as a QR code the next station can scan), name, the station and the time they joined it."""

from __future__ import annotations

from ..campaign.stations import QueueEntry
from ..campaign.stations import station as station_record
from ..dates import format_time
from ..i18n import Text, document_language
from ..people.merges import kept_record
from .thermal import QR, Line, Rule, Slip

LABELS = {
    "ticket": Text("Turno", "Queue ticket"),
    "station": Text("Estación", "Station"),
    "since": Text("Hora de llegada", "Arrived at"),
    "wait": Text("Espere a que le llamen por su número.", "Wait until your number is called."),
}


def ticket_slip(store, entry_id: str, lang: str | None = None) -> Slip:
    """The ticket of queue entry ``entry_id``, in ``lang`` if given, else the patient's language."""
    entry = store.get(QueueEntry, "queue", entry_id)
    patient = kept_record(store, entry.patient_id)
    lang = document_language(patient.language, lang)
    station = station_record(store, entry.station, entry.campaign_id).label(lang, store.plugins)
    L = {key: text.get(lang) for key, text in LABELS.items()}
    return Slip((
        Line(L["ticket"], align="center", bold=True),
        Line(patient.card_number, align="center", bold=True, big=True),
        Line(patient.full_name, align="center", bold=True),
        Rule(),
        Line(f"{L['station']}: {station}"),
        Line(f"{L['since']}: {format_time(entry.arrived_at)}"),
        QR(patient.card_number),
        Line(L["wait"], align="center"),
    ))


__all__ = ["LABELS", "ticket_slip"]
