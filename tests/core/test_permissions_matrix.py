"""Who may do what, walked whole: every role × every write action of the core and of the built-in
plugins (``ayni_permissions``), by calling the real function as that role on a real database.
Each is allowed or refused exactly as the table says. The list of actions comes from the table, so
a new action without a writer here fails the test until it gets one."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from ayni.core import AyniError, default_plugins, open_store, stock
from ayni.core.campaign import campaigns, stations
from ayni.core.clinical import encounters, referrals
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.dates import today_in_lima
from ayni.core.money import cashier
from ayni.core.people import alerts as person_alerts
from ayni.core.people import merges, patients
from ayni.core.people import users as accounts
from ayni.core.people.users import AccessDenied
from ayni.core.storage.exchange import export
from ayni.core.storage.merge import check_conflict, merge
from ayni.plugins.optometry import orders
from ayni.plugins.physio import fitting
from ayni.plugins.surgery import cases

PIN = "1234"
#: Actions that are not writes to the database, and where their check is tested instead.
NOT_WRITES = {
    "clinical.read": "tests/core/test_users.py (a cashier's visit has no clinical notes)",
    "audit.read": "tests/core/test_users_audit.py",
    "backup": "tests/core/test_backup.py (ayni backup copies the file)",
    "restore": "tests/core/test_backup.py (ayni restore replaces the file)",
    "campaign.export": "tests/core/test_laptop_merge.py (ayni export writes a file, not the database)",
}
TODAY = today_in_lima()


def _person(n: int) -> dict:
    return {"given_names": f"Persona {n}", "paternal_surname": "Quispe", "maternal_surname": "Mamani", "sex": "F",
            "birth_date": "1980-01-01", "id_kind": "none", "id_number": ""}


#: action -> (what a person in that role does, the specialty and station it is done for)
WRITERS = {
    "patients.register": (lambda s, w: patients.register(s, _person(2)), None, None),
    "patients.merge": (lambda s, w: merges.merge(s, w["patient"], w["duplicate"]), None, None),
    "encounters.open": (lambda s, w: encounters.open_encounter(s, w["patient"], "general", "consultation"),
                        "general", "consultation"),
    "encounters.save": (lambda s, w: encounters.save(s, w["open"], procedures=[ProcedureEntry("general.consultation")]),
                        "general", "consultation"),
    "encounters.close": (lambda s, w: encounters.close(s, w["to_close"]), "general", "consultation"),
    "payments.record": (lambda s, w: cashier.pay(s, w["to_pay"], "full"), None, None),
    "payments.approve": (lambda s, w: accounts.confirm(s, s.user.name, PIN, "payments.approve"), None, None),
    "queue.move": (lambda s, w: stations.enqueue(s, w["patient"], "pharmacy"), None, None),
    "queue.registration": (lambda s, w: stations.call_next(s, "registration"), None, None),
    "queue.triage": (lambda s, w: stations.call_next(s, "triage"), "general", None),
    "queue.consult": (lambda s, w: stations.call_next(s, "dental:exam"), "dental", None),
    "queue.cashier": (lambda s, w: stations.call_next(s, "cashier"), None, None),
    "queue.pharmacy": (lambda s, w: stations.call_next(s, "pharmacy"), None, None),
    "stations.configure": (lambda s, w: stations.configure(s), None, None),
    "users.manage": (lambda s, w: accounts.add(s, "Nuevo", "registration", PIN), None, None),
    "campaign.merge": (lambda s, w: merge(s, w["export"]), None, None),
    "merge.check": (lambda s, w: check_conflict(s, "00000000", "visto"), None, None),  # past the role: none such
    "campaigns.manage": (lambda s, w: campaigns.create(s, "Otra campaña", "medical", TODAY, TODAY), None, None),
    "cashier.close": (lambda s, w: cashier.close_day(s, "0.00"), None, None),
    "stock.receive": (lambda s, w: stock.receive(s, "general.ors", 1000), None, None),
    "stock.count": (lambda s, w: stock.count(s, w["lot"], 20), None, None),
    "stock.adjust": (lambda s, w: stock.adjust(s, w["lot"], -4, "loss"), None, None),
    "stock.dispense": (lambda s, w: stock.dispense(s, w["open"], "general.ors", 1), "general", None),
    "stock.levels": (lambda s, w: stock.set_threshold(s, "general.ors", 3), None, None),
    "referrals.create": (lambda s, w: referrals.refer(s, w["open"], "hospital:Hospital Regional", "Control"),
                         "general", "consultation"),
    "referrals.update": (lambda s, w: referrals.set_status(s, w["referral"], "accepted"), None, None),
    "alerts.record": (lambda s, w: person_alerts.record(s, w["patient"], {"kind": "condition", "text": "Epilepsia"}),
                      None, None),
    "surgery.cases": (lambda s, w: cases.create_case(s, w["patient"], {"procedure": w["operation"]}), None, None),
    "surgery.schedule": (lambda s, w: cases.schedule(s, w["case"], {"day": TODAY, "theatre": "1",
                                                                    "surgeon": "Dr. Soto"}), None, None),
    "surgery.status": (lambda s, w: cases.cancel(s, w["case"], "paciente con fiebre"), None, None),
    "surgery.forms": (lambda s, w: cases.save_form(s, w["case"], "surgery.preop", {}), None, None),
    "surgery.checklist": (lambda s, w: cases.record_checklist(s, w["case"], "sign_in", {}), None, None),
    "optometry.orders": (lambda s, w: orders.place(s, w["optometry"], "single_vision", {}), None, None),
    "physio.fitting": (lambda s, w: fitting.fit_and_dispense(s, w["physio"], "physio.walker", {}), None, None),
    "encounters.cancel": (lambda s, w: encounters.cancel(s, w["to_cancel"], "abierta por error"), "general",
                          "consultation"),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A database with a campaign, patients, encounters, a lot, a referral, a surgical case and one
    user per role (every PIN 1234, hashed cheaply so a login costs nothing), and the ids of it all."""
    path = tmp_path_factory.mktemp("matrix") / "world.db"
    store = open_store(path, user="setup", plugins=default_plugins())
    campaign = campaigns.create(store, "Campaña", "medical", TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=3))
    patient = patients.register(store, _person(1)).id
    opened = {key: encounters.open_encounter(store, patient, key, station).id
              for key, station in (("general", "consultation"), ("optometry", "exam"), ("physio", "assessment"))}
    to_close = encounters.open_encounter(store, patient, "general", "consultation").id
    to_pay = encounters.open_encounter(store, patient, "general", "consultation").id
    to_cancel = encounters.open_encounter(store, patient, "general", "consultation").id
    encounters.save(store, to_pay, procedures=[ProcedureEntry("general.consultation")])
    operation = "surgery.inguinal_hernia_repair"
    world = {
        "patient": patient, "duplicate": patients.register(store, _person(3)).id, "open": opened["general"], "optometry": opened["optometry"], "physio": opened["physio"],
        "to_close": to_close, "to_pay": to_pay, "to_cancel": to_cancel, "operation": operation,
        "lot": stock.receive(store, "general.ors", 40).id,
        "referral": referrals.refer(store, opened["general"], "surgery", "Pterigión").id,
        "case": cases.create_case(store, patient, {"procedure": operation}, campaign_id=campaign.id).id,
    }
    other = open_store(path.with_name("other.db"), user="otra", plugins=default_plugins())
    world["export"] = export(other, path.with_name("other.ayni")).path  # another laptop's records
    other.close()
    roles = accounts.all_roles(store.plugins)
    with pytest.MonkeyPatch.context() as cheap:
        cheap.setattr(accounts, "SCRYPT_N", 2)
        accounts.add(store, accounts.ADMIN, accounts.ADMIN, PIN)
        accounts.login(store, accounts.ADMIN, PIN)
        for role in roles:
            if role != accounts.ADMIN:
                accounts.add(store, role, role, PIN)
    store.close()
    return path, world, roles


def test_every_write_action_has_a_writer_here():
    table = accounts.permissions(default_plugins())
    assert set(table) - set(NOT_WRITES) == set(WRITERS)


@pytest.mark.parametrize("role", accounts.all_roles(default_plugins()))
def test_each_role_may_do_exactly_what_the_table_says(role, world, tmp_path):
    template, ids, _ = world
    path = tmp_path / "ayni.db"
    shutil.copy(template, path)
    store = open_store(path, user=role, plugins=default_plugins())
    accounts.login(store, role, PIN)
    table = accounts.permissions(store.plugins)
    wrong = []
    for action, (write, specialty, station) in WRITERS.items():
        allowed = table[action].allows(role, specialty, station)
        try:
            write(store, ids)
            passed = True
        except AccessDenied as refused:
            passed = refused.key not in ("forbidden", "login_required")
        except AyniError:  # refused for what was written (an empty form), so past the role check
            passed = True
        if passed != allowed:
            wrong.append(f"{action}: {'allowed' if passed else 'refused'}, the table says "
                         f"{'allowed' if allowed else 'refused'}")
    store.close()
    assert not wrong, "\n".join(wrong)


def test_an_unknown_action_is_a_programming_error_even_without_access_control(store):
    with pytest.raises(LookupError, match="stock.recieve"):
        accounts.require(store, "stock.recieve")
    with pytest.raises(LookupError):
        accounts.may(store, "surgery.anything")
