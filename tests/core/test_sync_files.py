"""Bad files to merge: each refused (or handled) with a clear message, the local file untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage.changelog import change_digest, dump_json
from ctip_desktop.storage.migrations import SCHEMA_VERSION
from ctip_desktop.sync import IncomingLimits, export_for_sync, inspect_incoming, merge
from ctip_desktop.sync import preview_merge as preview
from ctip_desktop.sync.errors import (
    DamagedFileError,
    EmptyFileError,
    FileTooLargeError,
    ForeignFileError,
    InvalidChangeError,
    NewerSchemaFileError,
    NotADatabaseFileError,
    PassphraseNeededError,
    RecordCollisionError,
    SyncError,
    UnexpectedSchemaError,
    UnreadableFileError,
)
from ctip_desktop.workspace import Workspace, open_workspace

LOCAL_DEVICE = "1" * 32
OTHER_DEVICE = "2" * 32


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_local(tmp_path: Path) -> Workspace:
    return open_workspace(tmp_path / "local.db", Settings(device_id=LOCAL_DEVICE))


@pytest.fixture
def local(tmp_path: Path) -> Workspace:
    """The local database, with one organisation and its contact; closed (checkpointed)."""
    workspace = open_local(tmp_path)
    workspace.profiles.save(
        Organisation(name="Golden Lotus Seafood", contacts=[Contact(name="Somchai P.")])
    )
    workspace.close()
    return workspace


@pytest.fixture
def other(tmp_path: Path) -> Path:
    """A good file from another laptop, to be spoiled by each test."""
    workspace = open_workspace(
        tmp_path / "other.db", Settings(device_id=OTHER_DEVICE, interviewer_name="Other")
    )
    workspace.profiles.save(Organisation(name="Mekong Garments"))
    path = export_for_sync(workspace, tmp_path / "stick", who="Other")
    workspace.close()
    return path


def refused(tmp_path: Path, incoming: Path, error: type[SyncError], words: str) -> SyncError:
    """Inspect, preview and merge ``incoming``: refused with ``error``, local file unchanged."""
    local_path = tmp_path / "local.db"
    before = digest(local_path)
    incoming_before = digest(incoming) if incoming.is_file() else ""
    had_wal = Path(f"{incoming}-wal").exists()
    workspace = open_local(tmp_path)
    try:
        limits = IncomingLimits(max_value_chars=300_000)
        with (
            pytest.raises(error, match=words) as caught,
            inspect_incoming(incoming, limits=limits) as incoming_file,
        ):
            preview(workspace, incoming_file)
            merge(workspace, incoming_file)
    finally:
        workspace.close()
    assert digest(local_path) == before
    if incoming_before:
        assert digest(incoming) == incoming_before
        assert had_wal or not Path(f"{incoming}-wal").exists()
        assert not Path(f"{incoming}-shm").exists()
    message = str(caught.value)
    assert "\n" not in message and len(message) < 400
    return caught.value


def forge(path: Path, entity: str, entity_id: str, field: str, value, *, op: str = "set") -> str:
    """Add a change with a correct id to a file (what a tampering program could do)."""
    connection = sqlite3.connect(path)
    value_json = dump_json(value)
    hlc = f"{1_900_000_000_000:013d}-000000-{OTHER_DEVICE}"
    tx = "3" * 32
    change_id = change_digest(
        entity, entity_id, field, op, value_json, hlc, OTHER_DEVICE, "", (), tx
    )
    connection.execute(
        "INSERT INTO change (change_id, entity, entity_id, field, op, value, hlc, device_id, "
        "author, parents, tx) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '[]', ?)",
        (change_id, entity, entity_id, field, op, value_json, hlc, OTHER_DEVICE, tx),
    )
    connection.commit()
    connection.close()
    return change_id


def local_ids(tmp_path: Path, table: str) -> list[str]:
    connection = sqlite3.connect(tmp_path / "local.db")
    ids = [r[0] for r in connection.execute(f"SELECT id FROM {table}")]
    connection.close()
    return ids


def test_random_bytes(tmp_path, local):
    # Whole pages of random bytes are what an encrypted export looks like: the passphrase
    # is asked for (tests/core/test_sync_encrypted.py), the message says it may be neither.
    path = tmp_path / "random.db"
    path.write_bytes(os.urandom(8192))
    refused(tmp_path, path, PassphraseNeededError, "or is not a CTIP Outreach Desk database")
    path.write_bytes(os.urandom(8000))
    refused(tmp_path, path, NotADatabaseFileError, "not a CTIP Outreach Desk database")


def test_an_empty_file(tmp_path, local):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    refused(tmp_path, path, EmptyFileError, "empty")


def test_a_missing_file_and_a_folder(tmp_path, local):
    refused(tmp_path, tmp_path / "nowhere.db", UnreadableFileError, "no file")
    (tmp_path / "folder.db").mkdir()
    refused(tmp_path, tmp_path / "folder.db", UnreadableFileError, "folder")


def test_a_truncated_database(tmp_path, local, other):
    data = other.read_bytes()
    other.write_bytes(data[: len(data) // 2])
    refused(tmp_path, other, DamagedFileError, "damaged")


def test_a_database_with_a_wrecked_page(tmp_path, local, other):
    data = bytearray(other.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = os.urandom(200)
    other.write_bytes(bytes(data))
    refused(tmp_path, other, DamagedFileError, "damaged")


def test_another_applications_sqlite_file(tmp_path, local):
    path = tmp_path / "songs.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    refused(tmp_path, path, ForeignFileError, "another program")


def test_a_file_from_a_newer_version(tmp_path, local, other):
    connection = sqlite3.connect(other)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    refused(tmp_path, other, NewerSchemaFileError, "Update the app")


def test_extra_triggers_and_views(tmp_path, local, other):
    connection = sqlite3.connect(other)
    connection.execute(
        "CREATE TRIGGER sneaky AFTER INSERT ON organisation BEGIN DELETE FROM change; END"
    )
    connection.execute("CREATE VIEW everything AS SELECT * FROM change")
    connection.commit()
    connection.close()
    refused(tmp_path, other, UnexpectedSchemaError, "triggers or views")


def test_a_view_alone(tmp_path, local, other):
    connection = sqlite3.connect(other)
    connection.execute("CREATE VIEW names AS SELECT name FROM organisation")
    connection.commit()
    connection.close()
    refused(tmp_path, other, UnexpectedSchemaError, "triggers or views")


def test_an_unexpected_column_or_table(tmp_path, local, other):
    connection = sqlite3.connect(other)
    connection.execute("ALTER TABLE change ADD COLUMN payload TEXT")
    connection.commit()
    connection.close()
    refused(tmp_path, other, UnexpectedSchemaError, "tables or columns")
    connection = sqlite3.connect(other)
    connection.execute("ALTER TABLE change DROP COLUMN payload")
    connection.execute("CREATE TABLE extra (x)")
    connection.commit()
    connection.close()
    refused(tmp_path, other, UnexpectedSchemaError, "tables or columns")


def test_a_forged_change_id(tmp_path, local, other):
    connection = sqlite3.connect(other)
    connection.execute(
        'UPDATE change SET value = \'{"name":"Mekong Garments (taken over)"}\' '
        "WHERE field = '_created' AND entity = 'organisation'"
    )
    connection.commit()
    connection.close()
    error = refused(tmp_path, other, InvalidChangeError, "does not match its id")
    assert "change id does not match" in error.detail


def test_a_malformed_change(tmp_path, local, other):
    forge(other, "organisation", "not-a-uuid", "name", "X")
    refused(tmp_path, other, InvalidChangeError, "malformed")


def test_an_unknown_field(tmp_path, local, other):
    forge(other, "organisation", "6f1d3c1e-0000-4000-8000-000000000001", "owner_password", "x")
    error = refused(tmp_path, other, InvalidChangeError, "malformed")
    assert "unknown field" in error.detail


def test_absurdly_long_text(tmp_path, local, other):
    forge(other, "organisation", "6f1d3c1e-0000-4000-8000-000000000002", "notes", "x" * 400_000)
    error = refused(tmp_path, other, InvalidChangeError, "malformed")
    assert "400,002 characters" in error.detail


def test_a_file_too_large_for_the_limits(tmp_path, local, other):
    local_before = digest(tmp_path / "local.db")
    with pytest.raises(FileTooLargeError, match="changes, more than"):
        inspect_incoming(other, limits=IncomingLimits(max_changes=0))
    with pytest.raises(FileTooLargeError, match="larger than"):
        inspect_incoming(other, limits=IncomingLimits(max_bytes=1000))
    assert digest(tmp_path / "local.db") == local_before


def test_an_id_that_is_another_kind_of_record_here(tmp_path, local, other):
    """'Collides': the other file has an organisation whose UUID is a contact here. One id
    names one record, so the file is refused (merging would mix two records' histories)."""
    (contact_id,) = local_ids(tmp_path, "contact")
    forge(other, "organisation", contact_id, "name", "Impostor Ltd.")
    error = refused(tmp_path, other, RecordCollisionError, "cannot name two different records")
    assert contact_id in str(error)


def test_a_contact_claiming_an_organisation_that_is_something_else(tmp_path, local, other):
    """A contact whose organisation id names a contact here: refused, never attached."""
    (contact_id,) = local_ids(tmp_path, "contact")
    forge(other, "contact", "6f1d3c1e-0000-4000-8000-000000000003", "org_id", contact_id)
    refused(tmp_path, other, RecordCollisionError, "which is a contact here, not a organisation")


def test_a_contact_of_an_organisation_in_neither_file(tmp_path, local, other):
    forge(
        other,
        "contact",
        "6f1d3c1e-0000-4000-8000-000000000004",
        "org_id",
        "6f1d3c1e-0000-4000-8000-00000000dead",
    )
    refused(tmp_path, other, RecordCollisionError, "in neither database")


def test_a_file_copied_while_open(tmp_path, local, other):
    Path(f"{other}-wal").write_bytes(b"\x00" * 100)
    refused(tmp_path, other, UnreadableFileError, "Export for sync")


def _rewind_to_schema_6(connection: sqlite3.Connection) -> None:
    """Undo what migration 7 made, leaving the file as schema 6 wrote it."""
    connection.execute("ALTER TABLE interview DROP COLUMN questionnaire_language")
    connection.execute("DELETE FROM _sqlite_migrations WHERE name = '0007_questionnaire_language'")
    connection.execute("PRAGMA user_version = 6")


def _rewind_to_schema_4(connection: sqlite3.Connection) -> None:
    """Undo what migrations 5, 6 and 7 made, leaving the file as schema 4 wrote it."""
    _rewind_to_schema_6(connection)
    for table in ("field_conflict", "device_clock", "merge_history"):
        connection.execute(f"DROP TABLE {table}")
    connection.execute("DROP INDEX change_by_device")
    connection.execute("CREATE INDEX change_by_tx ON change (tx)")
    connection.execute("CREATE INDEX change_by_hlc ON change (hlc)")
    connection.execute("PRAGMA user_version = 4")


def test_a_file_from_an_older_version_is_migrated_in_a_copy(tmp_path, local, other):
    """Schema 4 (before sync): the copy is migrated, the file itself left as it was."""
    connection = sqlite3.connect(other)
    _rewind_to_schema_4(connection)
    connection.execute(
        "DELETE FROM _sqlite_migrations WHERE name IN ('0005_sync', '0006_lean_change_indexes')"
    )
    connection.commit()
    connection.close()
    before = digest(other)
    workspace = open_local(tmp_path)
    with inspect_incoming(other) as incoming:
        assert incoming.migrated and incoming.schema_version == 4
        result = merge(workspace, incoming)
    assert result.added == {"organisation": 1}
    assert "Mekong Garments" in {r.name for r in workspace.profiles.list()}
    workspace.close()
    assert digest(other) == before


def test_an_older_file_with_an_extra_table_is_refused_before_migrating(tmp_path, local, other):
    connection = sqlite3.connect(other)
    _rewind_to_schema_4(connection)
    connection.execute("CREATE TABLE device_clock (x)")  # migration 5 would trip over it
    connection.commit()
    connection.close()
    refused(tmp_path, other, UnexpectedSchemaError, "tables or columns")


@pytest.mark.parametrize(
    "author, text",
    [
        ('Nok "the fixer"', 'a "quoted" note\\ with a backslash'),
        ("Tab\there", "line one\nline two\r\n\x00\x1f end"),
        ("ສົມໃຈ 🙂", "ตัวอย่าง \u2028 \u2029 \ud7ff"),
    ],
)
def test_the_checker_recomputes_the_id_of_any_text(author, text):
    """The checker puts the hashed text together itself: it must equal dump_json's."""
    from ctip_desktop.sync.validate import ChangeChecker

    checker = ChangeChecker("x.db", IncomingLimits())
    entity_id = "7a0f2c1e-1d2b-4c3d-8e4f-5a6b7c8d9e0f"
    hlc = f"1795660914687-000001-{OTHER_DEVICE}"
    value = dump_json(text)
    for parents in ((), ("0" * 32, "f" * 32)):
        change_id = change_digest(
            "organisation", entity_id, "notes", "set", value, hlc, OTHER_DEVICE, author,
            parents, "ab" * 16,
        )  # fmt: skip
        row = (
            change_id, "organisation", entity_id, "notes", "set", value, hlc, OTHER_DEVICE,
            author, dump_json(list(parents)), "ab" * 16, 1,
        )  # fmt: skip
        assert checker.check(row).value == text
        with pytest.raises(InvalidChangeError):
            checker.check((*row[:8], author + " ", *row[9:]))


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("entity_id", "not-a-uuid", "entity id is not a UUID"),
        ("hlc", f"{1_900_000_000_000:013d}-000000-{'d' * 32}", "of another device"),
        ("hlc", "yesterday at noon", "clock stamp malformed"),
        ("tx", "not hex", "action or change id malformed"),
        ("change_id", "A" * 32, "action or change id malformed"),
    ],
)
def test_a_malformed_id_or_stamp_is_named(tmp_path, local, other, column, value, reason):
    change_id = forge(other, "organisation", "6f1d3c1e-0000-4000-8000-000000000003", "notes", "x")
    connection = sqlite3.connect(other)
    connection.execute(f"UPDATE change SET {column} = ? WHERE change_id = ?", (value, change_id))
    connection.commit()
    connection.close()
    error = refused(tmp_path, other, InvalidChangeError, "malformed")
    assert reason in error.detail
