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
    # the core grouped by subject
    "ayni.core.auditchain": "ayni.core.storage.auditchain",
    "ayni.core.auditlog": "ayni.core.storage.auditlog",
    "ayni.core.backup": "ayni.core.storage.backup",
    "ayni.core.convert": "ayni.core.storage.convert",
    "ayni.core.migrations": "ayni.core.storage.migrations",
    "ayni.core.store": "ayni.core.storage.store",
    "ayni.core.patients": "ayni.core.people.patients",
    "ayni.core.users": "ayni.core.people.users",
    "ayni.core.campaigns": "ayni.core.campaign.campaigns",
    "ayni.core.stations": "ayni.core.campaign.stations",
    "ayni.core.alerts": "ayni.core.clinical.alerts",
    "ayni.core.codesearch": "ayni.core.clinical.codesearch",
    "ayni.core.encounters": "ayni.core.clinical.encounters",
    "ayni.core.forms": "ayni.core.clinical.forms",
    "ayni.core.referrals": "ayni.core.clinical.referrals",
    "ayni.core.cashier": "ayni.core.money.cashier",
    "ayni.core.fees": "ayni.core.money.fees",
    "ayni.core.payments": "ayni.core.money.payments",
    "ayni.core.stock_report": "ayni.core.stock.report",
    "ayni.core.csvformat": "ayni.core.documents.csvformat",
    "ayni.core.files": "ayni.core.documents.files",
    "ayni.core.pdf": "ayni.core.documents.pdf",
    "ayni.core.reporting": "ayni.core.documents.reporting",
    "ayni.core.reports": "ayni.core.documents.reports",
    "ayni.core.reports.batch": "ayni.core.documents.reports.batch",
    "ayni.core.reports.charts": "ayni.core.documents.reports.charts",
    "ayni.core.reports.csvfile": "ayni.core.documents.reports.csvfile",
    "ayni.core.reports.document": "ayni.core.documents.reports.document",
    "ayni.core.reports.figures": "ayni.core.documents.reports.figures",
    "ayni.core.reports.formatting": "ayni.core.documents.reports.formatting",
    "ayni.core.reports.history": "ayni.core.documents.reports.history",
    "ayni.core.reports.letter": "ayni.core.documents.reports.letter",
    "ayni.core.reports.model": "ayni.core.documents.reports.contents",
    "ayni.core.reports.pdfjoin": "ayni.core.documents.reports.pdfjoin",
    "ayni.core.reports.scope": "ayni.core.documents.reports.scope",
    "ayni.core.sections": "ayni.core.documents.sections",
    "ayni.core.catalog": "ayni.core.hooks.declarations",
    "ayni.core.contract": "ayni.core.hooks.contract",
    "ayni.core.hookspecs": "ayni.core.hooks.hookspecs",
    "ayni.core.plugins": "ayni.core.hooks.plugins",
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


def renamed_fields(**old_to_new: str):
    """A class decorator for an attrs record whose fields were renamed: for one release the old name
    still reads (a property) and is still accepted by the constructor, each time with a
    ``DeprecationWarning`` naming the new one. ``@renamed_fields(primary="is_primary")``."""
    def warn(old: str, new: str, cls) -> None:
        warnings.warn(f"{cls.__name__}.{old} is now {cls.__name__}.{new} (the old name goes away in the next "
                      "release)", DeprecationWarning, stacklevel=3)

    def decorate(cls):
        init = cls.__init__

        def __init__(self, *args, **kwargs):
            for old, new in old_to_new.items():
                if old in kwargs:
                    warn(old, new, cls)
                    kwargs[new] = kwargs.pop(old)
            init(self, *args, **kwargs)

        __init__.__doc__, __init__.__wrapped__ = init.__doc__, init
        cls.__init__ = __init__
        for old, new in old_to_new.items():
            def read(self, old=old, new=new):
                warn(old, new, type(self))
                return getattr(self, new)
            setattr(cls, old, property(read, doc=f"Deprecated: {new}."))
        return cls

    return decorate
