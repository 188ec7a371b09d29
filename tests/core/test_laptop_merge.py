"""Export and merge between laptops: every record and version kept, corrections on both sides listed,
the same person registered twice listed, users by name and role, a plugin's tables carried without
the plugin doing anything, and every bad file refused with nothing written."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import AccessDenied, Migrations, StoreError, hookimpl, keep_rows, load_plugins, open_store
from ayni.core.campaign import campaigns
from ayni.core.people import patients, users
from ayni.core.storage.auditchain import chain_is_whole
from ayni.core.storage.backup import backup
from ayni.core.storage.devices import this_device
from ayni.core.storage.exchange import FORMAT_VERSION, ExchangeError, export, merged_chain
from ayni.core.storage.merge import PATIENT_NUMBER, RECORD, USER_ROLE, describe, listed, merge
from ayni.core.model import new_id

from merging import campaign_of, counts, laptop, person, register, ship, visit


def _laptop_in_campaign(folder, letter: str, plugins):
    store = laptop(folder, letter, plugins)
    campaign_of(store, f"Campaña {letter}")
    yield store
    store.close()


@pytest.fixture
def a(tmp_path, plugins):
    """Laptop A, with its campaign."""
    yield from _laptop_in_campaign(tmp_path, "A", plugins)


@pytest.fixture
def b(tmp_path, plugins):
    """Laptop B, with its campaign."""
    yield from _laptop_in_campaign(tmp_path, "B", plugins)


def versions(store, record_id: str) -> list[dict]:
    """Every version of a record the database's audit chains hold (its own and those merged in)."""
    rows = store.db.execute("SELECT data FROM audit_log WHERE record_id = ? UNION ALL "
                            "SELECT data FROM merged_audit WHERE record_id = ?", [record_id, record_id])
    return [json.loads(r[0]) for r in rows]


def test_a_merge_brings_every_record_its_number_and_its_history(a, b, tmp_path):
    rosa = register(a, 1)
    encounter = visit(a, rosa.id, paid=True)
    report = ship(a, b, tmp_path)
    assert report.added["patients"] == 1 and report.added["encounters"] == 1 and report.added["receipts"] == 1
    assert report.conflicts == () and not report.shared_letter
    [found] = patients.search(b, "A-0001")
    assert found.id == rosa.id and found.card_number == "A-0001"
    assert b.row("encounters", encounter)["patient_id"] == rosa.id
    chain = merged_chain(b.db, this_device(a.db).id).fetchall()
    assert len(chain) == a.db["audit_log"].count and chain_is_whole(iter(chain))
    assert b.audit(record_id=report.source.id)[-1]["action"] == "merge"  # the merge itself is audited here


def test_merging_the_same_file_twice_changes_nothing(a, b, tmp_path):
    visit(a, register(a, 1).id, paid=True)
    written = export(a, tmp_path / "a.ayni")
    merge(b, written.path)
    before = counts(b)
    again = merge(b, written.path)
    assert not again.changed and again.conflicts == () and again.candidates == ()
    assert counts(b) == before


def test_a_correction_on_one_laptop_replaces_the_older_version_without_a_conflict(a, b, tmp_path):
    rosa = register(a, 1)
    ship(a, b, tmp_path, "first.ayni")
    patients.correct(a, rosa.id, {**person(1), "given_names": "Rosa"})
    report = ship(a, b, tmp_path, "second.ayni")
    assert report.replaced == {"patients": 1} and report.conflicts == ()
    assert patients.get(b, rosa.id).given_names == "Rosa"
    assert patients.search(b, "rosa")[0].id == rosa.id  # the search index follows the new version
    back = ship(b, a, tmp_path, "back.ayni")  # the older version on its way back does not undo it
    assert patients.get(a, rosa.id).given_names == "Rosa" and back.replaced == {}


def test_a_record_corrected_on_both_laptops_keeps_both_versions_and_is_listed(a, b, tmp_path):
    rosa = register(a, 1)
    ship(a, b, tmp_path, "first.ayni")
    patients.correct(a, rosa.id, {**person(1), "given_names": "Rosa"})
    patients.correct(b, rosa.id, {**person(1), "given_names": "Rosa Elena"})
    report = ship(a, b, tmp_path, "second.ayni")
    [conflict] = report.conflicts
    assert (conflict.kind, conflict.table_name, conflict.record_id) == (RECORD, "patients", rosa.id)
    kept = patients.get(b, rosa.id).given_names
    names = {v.get("given_names") for v in versions(b, rosa.id)}
    assert {"Persona 1", "Rosa", "Rosa Elena"} <= names and kept in ("Rosa", "Rosa Elena")
    assert "corregido en los dos equipos" in describe(b, conflict, "es") and "A-0001" in describe(b, conflict)
    [written] = [e for e in b.audit(record_id=rosa.id) if e["action"] in ("merge", "merge_kept")]
    both = {json.loads(written["data"])["given_names"], json.loads(written["previous"])["given_names"]}
    assert both == {"Rosa", "Rosa Elena"}  # this laptop's own audit log holds both, whichever stands
    assert listed(b)[0] == [conflict]
    ship(b, a, tmp_path, "back.ayni")  # the other way round ends with the same version and the same list
    assert patients.get(a, rosa.id).given_names == kept
    assert [c.id for c in listed(a)[0]] == [conflict.id]


def test_people_registered_on_both_laptops_with_one_dni_are_candidates(a, b, tmp_path):
    mine = register(a, 1, dni="45678912")
    theirs = patients.register(b, {**person(2, dni="45678912"), "birth_date": "1990-03-03"})  # another birth date
    register(b, 3, dni="11112222")
    report = ship(b, a, tmp_path)
    [candidate] = report.candidates
    assert {candidate.patient_id, candidate.other_patient_id} == {mine.id, theirs.id}
    assert candidate.identifier == "dni 45678912"
    line = describe(a, candidate, "en")
    assert "A-0001 Persona 1" in line and "B-0001 Persona 2" in line and "DNI 45678912" in line
    assert patients.count(a) == 3  # nobody is joined or dropped: a person decides


def test_users_with_one_name_and_one_role_are_one_person_another_role_is_listed(tmp_path, plugins):
    a = laptop(tmp_path, "A", plugins, user="María")
    b = laptop(tmp_path, "B", plugins, user="María")  # set up on both laptops alike: the same person
    c = laptop(tmp_path, "C", plugins, user="María")
    c.db["users"].update(c.user.id, {"role": "cashier"})  # another María, a cashier
    try:
        assert ship(b, a, tmp_path, "b.ayni").conflicts == ()
        assert a.db["users"].count_where("name = 'María'") == 2  # both rows kept: records keep naming who wrote
        conflicts = ship(c, a, tmp_path, "c.ayni").conflicts  # the cashier beside each clinician María
        assert [(x.kind, x.detail) for x in conflicts] == [(USER_ROLE, "María")] * 2
        assert c.user.id in {conflicts[0].record_id, conflicts[0].other_id}
        assert "otro rol en cada equipo" in describe(a, conflicts[0], "es")
    finally:
        for store in (a, b, c):
            store.close()


def test_a_name_from_two_laptops_logs_in_with_the_pin_set_here(tmp_path, plugins, monkeypatch):
    monkeypatch.setattr(users, "SCRYPT_N", 2)
    a, b = laptop(tmp_path, "A", plugins, user="admin"), laptop(tmp_path, "B", plugins, user="admin")
    try:
        users.add(b, "admin", "admin", "1111")  # B's admin has a PIN on B only
        users.login(b, "admin", "1111")
        ship(b, a, tmp_path)
        users.add(a, "admin", "admin", "2222")
        session = users.login(a, "admin", "2222")
        assert session is not None and a.user.id != b.user.id
        with pytest.raises(AccessDenied):
            users.login(a, "admin", "1111")  # a PIN never travels
    finally:
        a.close(), b.close()


def test_two_laptops_without_letters_are_warned_and_their_shared_numbers_listed(tmp_path, plugins):
    first, second = laptop(tmp_path, "", plugins, name="1"), laptop(tmp_path, "", plugins, name="2")
    try:
        register(first, 1), register(second, 2)
        report = ship(second, first, tmp_path)
        assert report.shared_letter
        [clash] = report.conflicts
        assert clash.kind == PATIENT_NUMBER and clash.detail == "1"
        assert "N.º 1: dos pacientes con el mismo número" in describe(first, clash, "es")
        assert len(patients.by_number(first, "1")) == 2  # both still found by the number on their card
    finally:
        first.close(), second.close()


class Notes:
    """An outside plugin with two tables of its own: notes keyed by id and an append-only log."""

    @hookimpl
    def ayni_migrations(self):
        """Its tables."""
        migrations = Migrations("notes")

        @migrations(name="0001_notes")
        def notes(db):
            db["notes_notes"].create({"id": str, "patient_id": str, "text": str}, pk="id")
            db["notes_events"].create({"id": str, "note_id": str, "what": str, "at": str}, pk="id")
            keep_rows(db, "notes_events", "never deleted", "append-only")

        return migrations


def test_a_plugins_own_tables_come_along_without_the_plugin_doing_anything(tmp_path):
    plugins = load_plugins(extra=[Notes()])
    a, b = laptop(tmp_path, "A", plugins), laptop(tmp_path, "B", plugins)
    try:
        rosa = register(a, 1)
        note = {"id": new_id(), "patient_id": rosa.id, "text": "alergia a la penicilina"}
        with a.write():
            a.db["notes_notes"].insert(note)
            a.db["notes_events"].insert({"id": new_id(), "note_id": note["id"], "what": "written", "at": "now"})
        ship(a, b, tmp_path)
        assert b.row("notes_notes", note["id"]) == note
        assert b.db["notes_events"].count == 1
    finally:
        a.close(), b.close()


def test_a_campaign_export_holds_that_campaign_and_its_patients(a, b, tmp_path):
    here = a.db["campaigns"].rows.__next__()["id"]
    seen, only_registered = register(a, 1), register(a, 2)
    encounter = visit(a, seen.id, paid=True)
    written = export(a, tmp_path / "campaign.ayni", campaign_id=here)
    assert written.counts["patients"] == 2 and written.counts["receipts"] == 1
    merge(b, written.path)
    assert b.row("encounters", encounter) and b.row("patients", seen.id)
    assert b.row("patients", only_registered.id)  # registered here during the campaign, never seen: still its


def test_a_campaign_export_leaves_out_people_registered_on_other_days_or_laptops(a, b, tmp_path):
    last_year = campaigns.create(a, "Campaña 2025", "medical", dt.date(2025, 6, 10), dt.date(2025, 6, 12))
    register(a, 1)  # registered today, not during last year's campaign
    from_b = register(b, 2)
    ship(b, a, tmp_path)
    written = export(a, tmp_path / "last-year.ayni", campaign_id=last_year.id)
    assert written.counts.get("patients", 0) == 0
    this_year = next(c["id"] for c in a.db["campaigns"].rows if c["id"] != last_year.id and c["name"] == "Campaña A")
    written = export(a, tmp_path / "this-year.ayni", campaign_id=this_year)
    holds = {r[0] for r in sqlite3.connect(written.path).execute("SELECT id FROM patients")}
    assert from_b.id not in holds and len(holds) == 1  # B registered that one: B's export brings it


# -- bad input: a clear message, nothing written -----------------------------------------------------


def refused(store, path, key: str) -> ExchangeError:
    before = counts(store)
    with pytest.raises(ExchangeError) as caught:
        merge(store, path)
    assert caught.value.key == key, caught.value.message("en")
    assert counts(store) == before
    for lang in ("es", "en"):
        assert str(path) in caught.value.message(lang)
    return caught.value


def exported(store, folder, edit=None):
    """An export of ``store``, then changed by ``edit(conn)`` (as someone tampering with it)."""
    path = export(store, folder / "edited.ayni").path
    if edit:
        conn = sqlite3.connect(path)
        edit(conn)
        conn.commit()
        conn.close()
    return path


def test_a_file_that_is_not_an_export(a, tmp_path):
    text = tmp_path / "notas.txt"
    text.write_text("hola")
    assert "no es un archivo exportado por Ayni" in refused(a, text, "not_export").message("es")
    refused(a, a.path, "not_export")  # a database is not an export
    with pytest.raises(ExchangeError) as missing:
        merge(a, tmp_path / "nada.ayni")
    assert missing.value.key == "not_export"


def test_an_export_from_a_newer_ayni(a, b, tmp_path):
    newer = exported(b, tmp_path, lambda c: c.execute("UPDATE ayni_export SET format_version = ?",
                                                      [FORMAT_VERSION + 1]))
    assert "versión más nueva" in refused(a, newer, "newer").message("es")
    later = exported(b, tmp_path, lambda c: c.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('core', '0099_future', 'x')"))
    assert "0099_future" in refused(a, later, "newer").message("en")


def test_a_truncated_file(a, b, tmp_path):
    for n in range(30):
        register(b, n)
    path = export(b, tmp_path / "b.ayni").path
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    error = refused(a, path, "damaged")
    assert "dañado o incompleto" in error.message("es") and "Export it again" in error.message("en")


def test_a_file_changed_after_it_was_exported(a, b, tmp_path):
    register(b, 1)
    edited = exported(b, tmp_path, lambda c: c.execute("UPDATE patients SET given_names = 'Otra'"))
    assert "digest" in refused(a, edited, "damaged").message("en")


def test_a_copy_of_this_very_database_is_refused(a, tmp_path):
    register(a, 1)
    backup(a.path, tmp_path / "copy.db")  # a second laptop set up from this one's backup: the same device
    copy = open_store(tmp_path / "copy.db", user="otra", plugins=a.plugins)
    register(copy, 2)
    register(a, 3)
    path = export(copy, tmp_path / "copy.ayni").path
    copy.close()
    assert "copia de este mismo equipo" in refused(a, path, "forked").message("es")


def test_records_of_a_plugin_this_laptop_lacks(a, tmp_path):
    plugins = load_plugins(extra=[Notes()])
    other = laptop(tmp_path, "N", plugins)
    with other.write():
        other.db["notes_notes"].insert({"id": new_id(), "patient_id": "", "text": "x"})
    path = export(other, tmp_path / "n.ayni").path
    other.close()
    assert "notes_notes" in refused(a, path, "missing_tables").message("es")


def test_a_user_without_the_right_to_merge(a, b, tmp_path, monkeypatch):
    monkeypatch.setattr(users, "SCRYPT_N", 2)
    path = export(b, tmp_path / "b.ayni").path
    users.add(a, "admin", "admin", "1234")
    users.login(a, "admin", "1234")
    users.add(a, "caja", "cashier", "1234")
    users.login(a, "caja", "1234")
    before = counts(a)
    with pytest.raises(AccessDenied) as denied:
        merge(a, path)
    assert "unir los datos de otro equipo" in denied.value.message("es")
    assert counts(a) == before


# -- the command line ----------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, [str(x) for x in args])


def test_export_merge_and_conflicts_from_the_command_line(tmp_path):
    first, second, file = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "b.ayni"
    assert run("--db", first, "init", "--device", "A").exit_code == 0
    assert run("--db", second, "init", "--device", "B").exit_code == 0
    assert run("--db", second, "demo", "--patients", 5).exit_code == 0
    result = run("--db", second, "export", file)
    assert result.exit_code == 0, result.output
    assert "5 pacientes" in result.stdout and "equipo B" in result.stdout
    merged = run("--db", first, "--lang", "en", "merge", file)
    assert merged.exit_code == 0, merged.output
    assert "new records" in merged.stdout and "laptop B" in merged.stdout
    again = run("--db", first, "merge", file)
    assert "no trae nada nuevo" in again.stdout
    assert "Nada que revisar" in run("--db", first, "conflicts").stdout


def test_merging_a_bad_file_from_the_command_line_is_one_clean_message(tmp_path):
    db, junk = tmp_path / "a.db", tmp_path / "junk.ayni"
    run("--db", db, "init")
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    result = run("--db", db, "merge", junk)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "no se unió nada" in result.stderr.lower()


def test_merging_into_a_database_that_refuses_writes(a, b, tmp_path):
    register(b, 1)
    path = export(b, tmp_path / "b.ayni").path
    before = counts(a)
    a.db.execute("PRAGMA query_only = ON")  # what a read-only file does to a write
    with pytest.raises(StoreError) as caught:
        merge(a, path)
    a.db.execute("PRAGMA query_only = OFF")
    assert counts(a) == before
    assert str(a.path) in caught.value.message("es")


def test_ayni_audit_verify_checks_each_merged_laptops_chain(a, b, tmp_path):
    register(b, 1)
    ship(b, a, tmp_path)
    a.close()
    whole = run("--db", a.path, "audit", "verify")
    assert whole.exit_code == 0, whole.output
    assert "Cadena del equipo B (unida aquí)" in whole.stdout and "filas íntegras" in whole.stdout
    conn = sqlite3.connect(a.path)
    conn.execute("DROP TRIGGER merged_audit_append_only")  # someone editing the file behind Ayni's back
    conn.execute("UPDATE merged_audit SET data = '{}' WHERE id = 2")
    conn.commit()
    conn.close()
    broken = run("--db", a.path, "--lang", "en", "audit", "verify")
    assert broken.exit_code == 1 and "Chain of laptop B (merged here) BROKEN" in broken.stdout


def test_an_export_that_cannot_be_written_leaves_nothing(a, tmp_path):
    from ayni.core.documents.files import OutputError

    with pytest.raises(OutputError) as refused:
        export(a, tmp_path / "no-such-stick" / "a.ayni")
    assert "no-such-stick/a.ayni" in refused.value.message("es") and "No quedó ningún archivo" in (
        refused.value.message("es"))
    with pytest.raises(ExchangeError) as onto:
        export(a, a.path)
    assert onto.value.key == "export_onto_db" and a.db["patients"].count == 0


def test_receipts_numbered_alike_on_two_laptops_without_letters_are_listed(tmp_path, plugins):
    first, second = laptop(tmp_path, "", plugins, name="1"), laptop(tmp_path, "", plugins, name="2")
    try:
        for store in (first, second):
            campaign_of(store)
            visit(store, register(store, 1).id, paid=True)
        clashes = {c.kind: c for c in ship(second, first, tmp_path).conflicts}
        assert clashes["receipt_number"].detail == "000001"
        assert "Recibo 000001: dos recibos con el mismo número." == describe(first, clashes["receipt_number"], "es")
    finally:
        first.close(), second.close()


def test_a_record_corrected_on_both_laptops_again_is_listed_again(a, b, tmp_path):
    rosa = register(a, 1)
    ship(a, b, tmp_path, "0.ayni")
    for round_ in (1, 2):
        patients.correct(a, rosa.id, {**person(1), "phone": f"91111111{round_}"})
        patients.correct(b, rosa.id, {**person(1), "phone": f"92222222{round_}"})
        [conflict] = ship(a, b, tmp_path, f"{round_}.ayni").conflicts
        assert conflict.record_id == rosa.id
        ship(b, a, tmp_path, f"{round_}-back.ayni")
    assert len(listed(b)[0]) == 1  # one row per record in the list, met twice


def test_a_laptop_with_this_laptops_letter_is_refused_with_nothing_written(a, tmp_path, plugins):
    twin = laptop(tmp_path, "A", plugins, name="twin")  # set up as A too, on another laptop
    try:
        register(twin, 1)
        file = export(twin, tmp_path / "twin.ayni").path
        before = counts(a)
        with pytest.raises(ExchangeError) as refused:
            merge(a, file)
        assert counts(a) == before
        message = refused.value.message("es")
        assert "viene del equipo A" in message and "ya es la de este equipo" in message
        assert this_device(twin.db).id[:8] in message and this_device(a.db).id[:8] in message
        assert "ayni init --device X" in message and "No se unió nada" in message
        assert "is already this laptop's" in refused.value.message("en")
    finally:
        twin.close()


def test_a_laptop_with_the_letter_of_one_merged_before_is_refused(a, b, tmp_path, plugins):
    ship(b, a, tmp_path)
    second_b = laptop(tmp_path, "B", plugins, name="second-b")
    try:
        register(second_b, 1)
        with pytest.raises(ExchangeError) as refused:
            ship(second_b, a, tmp_path, "second-b.ayni")
        assert "ya es la de otro equipo unido antes" in refused.value.message("es")
        assert this_device(b.db).id[:8] in refused.value.message("es")
        assert patients.by_number(a, "B-0001") == []
    finally:
        second_b.close()


def test_the_patients_a_merge_brings_are_indexed_for_search_in_its_transaction(a, b, tmp_path):
    brought = [register(a, n) for n in (1, 2, 3)]
    ship(a, b, tmp_path)
    for table in ("patients_fts", "patient_search"):
        assert b.db.execute(f"SELECT count(*) FROM {table}").fetchone() == (b.db["patients"].count,)
    assert b.db.execute("SELECT count(*) FROM search_indexing_deferred").fetchone() == (0,)
    for patient in brought:
        assert patient.id in [p.id for p in patients.search(b, patient.full_name)]
