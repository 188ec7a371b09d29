"""Which laptop this database is, and the short numbers it gives.

Every database has a device id (a UUID, made once by migration ``0009`` or ``ayni init``) and a
device letter, one or two letters A–Z given at set-up (``ayni init --device B``). Patient and
receipt numbers are that laptop's own sequence, written with its letter («B-0042», receipt
«B-000042»), so two laptops that worked offline never give the same number as long as each has its
own letter. A database without a letter (the default, and every database made before letters
existed) numbers 1, 2, 3 … as before: right for a campaign with one laptop.

``devices`` holds the letter of this laptop and of every laptop merged into it (so a merge can see
two laptops sharing a letter); ``this_device`` says which row is this one. Changing the letter is
audited and only changes the numbers given from then on: numbers already written on cards stay.
"""

from __future__ import annotations

import re

import attrs

from ..errors import FieldError, ValidationError
from ..i18n import Text
from ..model import utcnow

LETTER = Text("Letra del equipo (--device)", "Device letter (--device)")
_LETTERS = re.compile(r"[A-Z]{1,2}")
#: A number as typed: an optional letter or two, an optional dash, the digits («b42», «B-0042», «42»).
_TYPED = re.compile(r"\s*([A-Za-z]{1,2})?\s*-?\s*([0-9]{1,9})\s*")


@attrs.frozen
class Device:
    """A laptop: its id (the same in every database that merged it) and its letter ('' for none)."""

    id: str
    letter: str = ""
    named_at: str = ""


def check_letter(raw: str) -> str:
    """A device letter as typed, upper-cased: one or two letters A–Z; anything else is refused."""
    letter = (raw or "").strip().upper()
    if not _LETTERS.fullmatch(letter):
        raise ValidationError([FieldError("device", "bad_pattern", LETTER, {"hint": Text(
            "una o dos letras de la A a la Z (A, B, … Z, AA … ZZ)",
            "one or two letters from A to Z (A, B, … Z, AA … ZZ)")})])
    return letter


def this_device(db) -> Device:
    """This database's own device."""
    row = db.execute("SELECT devices.id, devices.letter, devices.named_at FROM this_device "
                     "JOIN devices ON devices.id = this_device.device_id").fetchone()
    return Device(*row)


def set_letter(store, letter: str) -> Device:
    """Give this laptop the letter ``letter`` (checked by :func:`check_letter`), audited as the user
    writing; numbers given before keep their letter. Needs ``campaigns.manage``."""
    from ..people.users import require

    letter = check_letter(letter)
    current = this_device(store.db)
    if letter == current.letter:
        return current
    require(store, "campaigns.manage")
    device = Device(current.id, letter, utcnow().isoformat())
    with store.write():
        store.update("devices", device)
    return device


def next_number(db, table: str, letter: str) -> int:
    """The next number of this laptop's sequence in ``table`` (patients or receipts). Numbers without a
    letter count too, so a laptop given a letter after working without one never repeats a number
    typed so far. Inside the write transaction that uses it."""
    return db.execute(f"SELECT coalesce(max(number), 0) + 1 FROM [{table}] WHERE device IN (?, '')",
                      [letter]).fetchone()[0]


def parse_number(text: str) -> tuple[str | None, int] | None:
    """A typed number as (letter or ``None``, number): «b-42» → ("B", 42), «42» → (None, 42); ``None``
    for anything that is not a number."""
    found = _TYPED.fullmatch(text or "")
    if not found:
        return None
    return (found[1].upper() if found[1] else None), int(found[2])
