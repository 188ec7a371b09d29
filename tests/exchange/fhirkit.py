"""What the FHIR tests share by import (a module of its own: ``conftest`` names a different module in
each test folder, so importing from it depends on which folders a run collects)."""

from __future__ import annotations

import datetime as dt

#: The day the demo campaign of these tests is seeded on.
TODAY = dt.date(2026, 12, 1)
