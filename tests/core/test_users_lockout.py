"""The PIN lockout holds under parallel sessions: real processes (as ``ayni serve`` starts one per
browser) guessing PINs of one account on one database file never get more than MAX_ATTEMPTS wrong
PINs compared before it locks. The test counts audit entries, never time."""

from __future__ import annotations

import multiprocessing

import pytest

from ayni.core import open_store
from ayni.core.people import users as accounts

PROCESSES = 8
GUESSES = 5


def _guess(path: str, barrier, guesses: int, results) -> None:
    """One browser session: ``guesses`` wrong PINs for «Caja»; each refusal's key goes to ``results``."""
    store = open_store(path, user="Caja")
    barrier.wait()  # everyone starts together, so the sessions overlap
    keys = []
    try:
        for _ in range(guesses):
            try:
                accounts.login(store, "Caja", "0000")
                keys.append("logged_in")
            except accounts.AccessDenied as refused:
                keys.append(refused.key)
    finally:
        store.close()
        results.put(keys)


def test_parallel_sessions_never_compare_more_than_max_attempts_wrong_pins(tmp_path):
    path = str(tmp_path / "ayni.db")
    store = open_store(path, user="setup")
    accounts.add(store, "Ana", "admin", "1234")
    accounts.login(store, "Ana", "1234")
    accounts.add(store, "Caja", "cashier", "5555")
    store.close()

    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(PROCESSES)
    queue = context.Queue()
    sessions = [context.Process(target=_guess, args=(path, barrier, GUESSES, queue)) for _ in range(PROCESSES)]
    for session in sessions:
        session.start()
    results = [queue.get() for _ in sessions]
    for session in sessions:
        session.join()

    store = open_store(path, user="check")
    caja = next(a for a in accounts.accounts(store) if a.user.name == "Caja")
    compared = [e for e in store.audit(record_id=caja.user.id) if e["action"] in ("wrong_pin", "lock")]
    keys = [key for keys in results for key in keys]
    assert len(compared) == accounts.MAX_ATTEMPTS  # each wrong PIN compared is audited: exactly the limit
    assert keys.count("wrong_pin") == accounts.MAX_ATTEMPTS - 1
    assert keys.count("locked") == PROCESSES * GUESSES - (accounts.MAX_ATTEMPTS - 1)
    assert "logged_in" not in keys
    assert caja.locked_until is not None
    with pytest.raises(accounts.AccessDenied) as refused:
        accounts.login(store, "Caja", "5555")  # the right PIN, too late
    assert refused.value.key == "locked"
    store.close()
