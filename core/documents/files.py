"""Writing an output file (a PDF, a CSV, a report) so that it is either whole or not there at all.

:func:`write_file` writes to a temporary file beside the target, flushes it to the disk, and only
then renames it over the target (atomic on the same file system). A full disk, a removed USB stick
or a power cut never leaves a half-written PDF under the name a person will print from, and an
existing file of that name is only replaced by a complete one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from ..errors import AyniError

PARTIAL = ".partial"


class OutputError(AyniError):
    """An output file could not be written (``file_disk_full``, ``file_unwritable``); nothing was left
    behind under its name or beside it."""


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` survive a power cut (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def write_file(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` (text is written as UTF-8) to ``path`` whole, or raise :class:`OutputError`
    naming ``path`` and leave no partial file. The folder must exist: a missing one (a USB stick not
    mounted) is refused rather than created on the wrong disk."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PARTIAL, dir=path.parent)
        temp = Path(name)
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), 0o644)  # mkstemp's 0600 would hide the PDF from whoever prints it
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        temp.replace(path)
    except BaseException as error:
        if temp is not None:
            temp.unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        key = "file_disk_full" if error.errno in (errno.ENOSPC, errno.EDQUOT) else "file_unwritable"
        raise OutputError(key, path=path, error=error.strerror or error) from None
    fsync_folder(path.parent)
    return path


def prints_dir(db_path: str | Path) -> Path:
    """Where documents printed to PDF go by default: a ``prints/`` folder next to the database."""
    return Path(db_path).resolve().parent / "prints"


def free_path(folder: Path, stem: str) -> Path:
    """``folder/<stem>.pdf``, or ``<stem>-2.pdf``, ``-3``… when that name is taken (nothing is overwritten)."""
    path, n = folder / f"{stem}.pdf", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.pdf", n + 1
    return path
