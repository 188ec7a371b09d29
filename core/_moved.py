"""Old module names that still import, for one release, with a ``DeprecationWarning``.

:data:`MOVED` is the one table of modules that left their place: importing an old name warns,
naming the new one, and gives the new module itself (the same objects, not copies). The table
holds names, not imports, so the core does not depend on where they went.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings

#: Old module name → the module that replaced it.
MOVED = {
    "ayni.core.cli": "ayni.cli",
    "ayni.core.cli_audit": "ayni.cli.audit",
    "ayni.core.cli_campaign": "ayni.cli.campaign",
    "ayni.core.cli_stock": "ayni.cli.stock",
    "ayni.core.reports.cli": "ayni.cli.documents",
    "ayni.core.webserve": "ayni.cli.serve",
    "ayni.core.tlscert": "ayni.cli.tls",
    "ayni.core.demo": "ayni.cli.demo",
}


class MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """A ``sys.meta_path`` finder that answers the old names of :data:`MOVED` with the new modules."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        new = MOVED[spec.name]
        warnings.warn(f"{spec.name} is now {new}: import {new} instead (the old name goes away in the next "
                      "release)", DeprecationWarning, stacklevel=2)
        module = importlib.import_module(new)
        spec.loader_state = module.__spec__  # the import system overwrites it with the old name's spec
        return module

    def exec_module(self, module):
        module.__spec__ = module.__spec__.loader_state


def install() -> None:
    """Put the finder on ``sys.meta_path`` (once)."""
    if not any(isinstance(finder, MovedModules) for finder in sys.meta_path):
        sys.meta_path.insert(0, MovedModules())
