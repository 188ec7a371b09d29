"""A lookup that sees only the catalogues a test registers (see ``catalogue_files``)."""

from __future__ import annotations

import pytest

from ayni.core import catalogues


@pytest.fixture
def only_registered(monkeypatch, tmp_path):
    """Lookups that ask only the domains the test registers, then a core domain of its own in
    ``tmp_path / "core"`` (empty unless the test writes one)."""
    monkeypatch.setattr(catalogues, "_plugin_catalogues", {})
    monkeypatch.setattr(catalogues, "_loaded", {})
    core = catalogues.Catalogue(catalogues.CORE_DOMAIN, tmp_path / "core")
    monkeypatch.setattr(catalogues, "CORE", core)
    return core
