"""A plugin from outside declares the permissions of its own writes (``ayni_permissions``) and gets
the same protection as the built-ins through ``require``; the contract check refuses actions that
are not namespaced or that would redefine a core action."""

from __future__ import annotations

import pytest

from ayni.core import (
    COORDINATOR, AccessDenied, Permission, Specialty, Text, hookimpl, load_plugins, open_store, require,
)
from ayni.core.hooks.contract import check_plugin
from ayni.core.people import users as accounts

GROWTH = Permission(Text("registrar el crecimiento", "record growth"), frozenset({COORDINATOR}), clinician=True,
                    specialty="peds")


class Pediatrics:
    """A third-party specialty with one write of its own."""

    @hookimpl
    def ayni_specialties(self):
        """Pediatrics."""
        return [Specialty("peds", Text("Pediatría", "Pediatrics"), stations=("consult",),
                          station_labels={"consult": Text("Consulta", "Consultation")})]

    @hookimpl
    def ayni_permissions(self):
        """Who may record growth."""
        return {"peds.growth": GROWTH}


def record_growth(store) -> None:
    """The plugin's own write, checked first."""
    require(store, "peds.growth")
    with store.write():
        store.note("growth", "patients", "-", {"weight": 12})


def test_an_outside_plugins_action_is_protected_like_the_core(tmp_path):
    store = open_store(tmp_path / "ayni.db", user="setup", plugins=load_plugins(extra=[Pediatrics()]))
    accounts.add(store, "Ana", "admin", "1234")
    accounts.login(store, "Ana", "1234")
    for name, role in (("Pedi", "clinician:peds"), ("Gen", "clinician:general"), ("Caja", "cashier")):
        accounts.add(store, name, role, "2222")
    for name in ("Gen", "Caja"):
        accounts.login(store, name, "2222")
        with pytest.raises(AccessDenied) as refused:
            record_growth(store)
        assert "«registrar el crecimiento» requiere el rol clínico de Pediatría o coordinación" in \
            refused.value.message("es")
    accounts.login(store, "Pedi", "2222")
    record_growth(store)
    assert [e["action"] for e in store.audit(record_id="-")] == ["growth"]
    assert "peds.growth" in accounts.permissions(store.plugins)
    store.close()


def test_the_contract_accepts_the_plugin():
    assert check_plugin(Pediatrics(), "peds") == []


class Greedy(Pediatrics):
    @hookimpl
    def ayni_permissions(self):
        """Two bad names and a value that is not a Permission."""
        return {"encounters.save": GROWTH, "growth": GROWTH, "peds.weigh": "everyone"}


def test_the_contract_refuses_unnamespaced_redefined_or_malformed_actions():
    problems = "\n".join(check_plugin(Greedy(), "greedy"))
    assert "'encounters.save' must be namespaced" in problems and "a core action cannot be redefined" in problems
    assert "'growth' must be namespaced" in problems
    assert "'peds.weigh' needs a Permission with a Text label" in problems
