"""Small helpers for the UI tests (imported by the test modules of this folder)."""

from __future__ import annotations

#: The terminal size the Pilot tests run at.
SIZE = (100, 40)


def cell_texts(table) -> list[list[str]]:
    """Every row of a DataTable as plain strings."""
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def to_pay(store, patient_id: str):
    """A general-medicine consultation of ``patient_id`` with the first procedure that has a fee,
    waiting at the cash desk: the encounter and that procedure."""
    from ayni.core.clinical import encounters
    from ayni.core.clinical.encounters import ProcedureEntry

    code = next(p for p in store.plugins.procedures_of("general") if p.fee > 0)
    encounter = encounters.open_encounter(store, patient_id, "general", "consultation")
    encounters.save(store, encounter.id, procedures=[ProcedureEntry(code.code)])
    return encounter, code


def text_of(widget) -> str:
    """What a Static or Label shows, as plain text."""
    return str(widget.render())


def with_user(store, name: str, role: str, pin: str) -> None:
    """Turn on PIN login (an admin «Ana», PIN 1234) and add ``name`` with ``role``; nobody is left logged in."""
    from ayni.core.people import users

    users.add(store, "Ana", "admin", "1234")
    users.login(store, "Ana", "1234")
    users.add(store, name, role, pin)
    users.logout(store)


def fixed_reference(store, encounter_id: str, reference: str = "3f2a9c1b") -> str:
    """Give a just-opened encounter an id starting with ``reference``, so the reference its title
    shows is the same in every run (snapshots); returns the new id."""
    fixed = f"{reference}-0000-4000-8000-000000000001"
    store.db.execute("UPDATE encounters SET id = ? WHERE id = ?", [fixed, encounter_id])
    store.db.conn.commit()
    return fixed
