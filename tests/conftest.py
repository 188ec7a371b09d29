"""Fixtures shared by every test folder: a real temporary store, a campaign, a registered patient,
a helper that counts rows (to prove a refused write left nothing behind), and a local socket standing
in for a network thermal printer.

A folder may override ``plugins`` (tests/core uses a small test plugin instead of the built-ins) or
any fixture here with its own conftest.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import threading

import pytest
from storefiles import StoreFiles

from ayni.core import default_plugins
from ayni.core.campaign import campaigns as campaigns_module
from ayni.core.dates import today_in_lima
from ayni.core.people import patients as patients_module

#: An adult with a DNI and accents in both surnames: Rosa Elena Núñez Quispe, born 1974.
ADULT = {
    "given_names": "Rosa Elena", "paternal_surname": "Núñez", "maternal_surname": "Quispe", "sex": "F",
    "birth_date": "1974-05-12", "id_kind": "dni", "id_number": "45678912", "community": "Chinchero",
    "district": "Chinchero", "region": "Cusco", "language": "qu",
}


@pytest.fixture
def plugins():
    """The plugins the store is opened with (the installed ones, unless a folder overrides this)."""
    return default_plugins()


@pytest.fixture(scope="session")
def store_files(tmp_path_factory):
    """New migrated database files, each a copy of a template migrated once per test process
    (see :mod:`storefiles`): ``store_files.open(path, user, plugins)`` is ``open_store`` on a new
    file, ``store_files.copy(path, plugins)`` leaves the file closed."""
    return StoreFiles(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def store(tmp_path, plugins, store_files):
    """A new SQLite file in ``tmp_path``, migrated, opened as the user ``tester``."""
    store = store_files.open(tmp_path / "ayni.db", user="tester", plugins=plugins)
    yield store
    store.close()


@pytest.fixture
def campaign(store):
    """A campaign running today at a school in Chinchero, Cusco."""
    today = today_in_lima()
    site = campaigns_module.new_site("I.E. 50123", community="Chinchero", district="Chinchero", region="Cusco")
    return campaigns_module.create(store, "Campaña Chinchero", "medical", today - dt.timedelta(days=1),
                                   today + dt.timedelta(days=3), site=site)


@pytest.fixture
def patient_form():
    """``patient_form(**changes)``: the registration form of :data:`ADULT`, with ``changes``."""

    def make(**changes) -> dict:
        return {**ADULT, **changes}

    return make


@pytest.fixture
def patient(store, patient_form):
    """:data:`ADULT`, registered."""
    return patients_module.register(store, patient_form())


@pytest.fixture
def row_counts(store):
    """``row_counts()``: the number of rows of every table of ``store`` (compare before and after)."""

    def count() -> dict[str, int]:
        names = [r[0] for r in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%'")]
        return {name: store.db.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0] for name in names}

    return count


@pytest.fixture
def db_file(tmp_path, store_files):
    """``a.db`` in ``tmp_path`` as ``ayni init`` leaves it: created and migrated, no patients (the
    other commands refuse a database that does not exist yet)."""
    path = tmp_path / "a.db"
    store_files.open(path, user="tester").close()
    return path


@pytest.fixture
def tmpfs():
    """``tmpfs(folder)``: a 4 MiB tmpfs mounted on ``folder`` (made if needed), unmounted after the test;
    skipped, saying why, where mounting is not allowed (it needs root)."""
    mounted = []

    def mount(folder):
        folder.mkdir(parents=True, exist_ok=True)
        if not shutil.which("mount"):
            pytest.skip("no mount command on this machine: cannot make a small disk to fill")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True,
                              text=True)
        if done.returncode != 0:
            pytest.skip(f"mounting a 4 MiB tmpfs is not allowed here (needs root): {done.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def fill_disk():
    """``fill_disk(folder)``: take every free byte of ``folder``'s disk (into a file called ``filler``)."""

    def fill(folder) -> None:
        with open(folder / "filler", "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 4096)
            except OSError:
                pass

    return fill


@pytest.fixture
def network_printer():
    """A listening socket standing in for a network thermal printer: ``(address, received)``, where
    ``received()`` waits for the connection to close and gives every byte sent to it."""
    server = socket.create_server(("127.0.0.1", 0))
    chunks: list[bytes] = []

    def serve() -> None:
        connection, _ = server.accept()
        with connection:
            while data := connection.recv(65536):
                chunks.append(data)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    def received() -> bytes:
        thread.join(timeout=30)
        return b"".join(chunks)

    yield f"net:127.0.0.1:{server.getsockname()[1]}", received
    server.close()
