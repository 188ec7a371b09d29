"""sqlite-utils, imported without numpy.

Every part of Ayni imports sqlite-utils from here, when it first opens a store (never at start-up).
sqlite-utils imports numpy whenever it is installed (rapidfuzz's duplicate review needs it), only to
give numpy's scalar types a column type. Ayni never writes a numpy value: the duplicate review turns
its scores into floats first. Importing numpy costs about 0.18 s of CPU, a quarter of the terminal
UI's work before its first paint, so sqlite-utils is imported here with numpy hidden; numpy itself
stays importable, and is imported by whoever needs it, later.
"""

from __future__ import annotations

import sys


def _import_without_numpy() -> None:
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # an ImportError for sqlite-utils' optional ``import numpy``
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


_import_without_numpy()

import sqlite_utils  # noqa: E402
from sqlite_utils.migrations import Migrations  # noqa: E402

__all__ = ["Migrations", "sqlite_utils"]
