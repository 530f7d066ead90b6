"""The connection factory, migrations and the change log."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ctip_desktop.profiles import Contact, Headline, Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import (
    SCHEMA_VERSION,
    CorruptDatabaseError,
    FileKey,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    WrongPassphraseError,
    open_database,
)
from ctip_desktop.storage.changelog import Change, change_digest
from ctip_desktop.storage.connection import connect
from ctip_desktop.storage.hlc import HybridClock, parse_stamp
from ctip_desktop.storage.migrations import APPLICATION_ID, migrations
from ctip_desktop.sync.validate import CHANGE_COLUMNS
from ctip_desktop.workspace import Workspace, open_workspace


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Every test of this module runs on a plain and on an encrypted database (the `passphrase`
# fixture of tests/conftest.py): encryption must change nothing the storage promises.
@pytest.fixture
def workspace(tmp_path: Path, settings: Settings, passphrase: str | None) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "test.db", settings, passphrase=passphrase)
    if passphrase:
        assert workspace.encrypted
        assert not (tmp_path / "test.db").read_bytes().startswith(b"SQLite format 3")
    yield workspace
    workspace.close()


def raw_connection(path: Path, passphrase: str | None) -> sqlite3.Connection:
    """A connection around the app's checks (to damage or alter a file on purpose)."""
    key = FileKey.for_file(path, passphrase) if passphrase and path.exists() else None
    if passphrase and key is None:
        key = FileKey.new(passphrase)
    return connect(path, key=key)  # type: ignore[no-any-return]


def table_contents(workspace: Workspace) -> dict[str, list[tuple]]:
    contents = {}
    for table in ("organisation", "contact", "headline"):
        contents[table] = workspace.db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    contents["search"] = workspace.db.execute(
        "SELECT o.id, f.name, f.other_names, f.notes, f.headlines, f.details "
        "FROM organisation_fts f JOIN organisation o ON o.rowid = f.rowid ORDER BY o.id"
    ).fetchall()
    return contents


def sample(name: str = "Golden Lotus Seafood Co., Ltd.") -> Organisation:
    return Organisation(
        name=name,
        other_names=["บริษัท โกลเด้นโลตัส ซีฟู้ด จำกัด"],
        sectors=["Fishing and seafood"],
        countries=["Thailand"],
        description="Processes frozen shrimp for export.",
        contacts=[Contact(name="Somchai P.", role="HR manager", primary=True)],
        headlines=[Headline(headline="Workers report unpaid overtime", date="2025-03-01")],
    )


class TestOpening:
    def test_new_database_has_pragmas_version_and_recorded_migrations(
        self, tmp_path: Path, passphrase: str | None
    ):
        db = open_database(tmp_path / "new.db", passphrase=passphrase)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        recorded = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations")]
        assert recorded == [m.name for m in migrations._migrations]
        assert migrations.pending(db) == []
        db.close()

    def test_reopening_applies_nothing_twice(self, tmp_path: Path, passphrase: str | None):
        open_database(tmp_path / "a.db", passphrase=passphrase).close()
        db = open_database(tmp_path / "a.db", passphrase=passphrase)
        assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
            migrations._migrations
        )
        db.close()

    def test_empty_file_is_initialised(self, tmp_path: Path, passphrase: str | None):
        path = tmp_path / "empty.db"
        path.write_bytes(b"")
        db = open_database(path, passphrase=passphrase)
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        db.close()
        assert path.read_bytes().startswith(b"SQLite format 3") == (passphrase is None)

    def test_text_file_is_refused_and_unchanged(self, tmp_path: Path, passphrase: str | None):
        path = tmp_path / "notes.db"
        path.write_text("Interview notes, not a database\n" * 50, encoding="utf-8")
        before = digest(path)
        with pytest.raises(NotADatabaseError, match="not an SQLite file"):
            open_database(path, passphrase=passphrase)
        assert digest(path) == before

    def test_corrupt_file_is_refused_and_unchanged(
        self, tmp_path: Path, settings: Settings, passphrase: str | None
    ):
        path = tmp_path / "corrupt.db"
        workspace = open_workspace(path, settings, passphrase=passphrase)
        workspace.profiles.save(sample())
        workspace.close()
        data = bytearray(path.read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
        path.write_bytes(bytes(data))
        before = digest(path)
        # SQLCipher cannot tell a damaged first page from a wrong key: both fail its check.
        with pytest.raises(CorruptDatabaseError if passphrase is None else WrongPassphraseError):
            open_database(path, passphrase=passphrase)
        assert digest(path) == before

    def test_newer_schema_is_refused_and_unchanged(self, tmp_path: Path, passphrase: str | None):
        path = tmp_path / "newer.db"
        open_database(path, passphrase=passphrase).close()
        connection = raw_connection(path, passphrase)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.close()
        before = digest(path)
        with pytest.raises(NewerSchemaError, match="newer version"):
            open_database(path, passphrase=passphrase)
        assert digest(path) == before
        assert not (tmp_path / "newer.db-wal").exists()

    def test_another_programs_database_is_refused(self, tmp_path: Path, passphrase: str | None):
        path = tmp_path / "other.db"
        connection = raw_connection(path, passphrase)
        connection.execute("CREATE TABLE songs (title TEXT)")
        connection.commit()
        connection.close()
        before = digest(path)
        with pytest.raises(ForeignDatabaseError):
            open_database(path, passphrase=passphrase)
        assert digest(path) == before


class TestChangeLog:
    def test_every_write_is_a_change_with_clock_device_and_author(
        self, workspace: Workspace, settings: Settings
    ):
        org_id = workspace.profiles.save(sample())
        # Read back, the creation stands for a change of each field it gave.
        assert {c.field for c in workspace.log.changes_of(org_id)} >= {
            "name",
            "sectors",
            "_deleted",
        }
        # As stored: one creation with the first values, and the set's own additions.
        stored = [
            Change.from_row(row)
            for row in workspace.db.execute(
                f"SELECT {', '.join(CHANGE_COLUMNS)} FROM change WHERE entity_id = ?", (org_id,)
            )
        ]
        assert {c.field for c in stored} >= {"_created", "sectors"}
        assert not {c.field for c in stored} & {"name", "_deleted"}
        creation = next(c for c in stored if c.field == "_created")
        assert creation.value["name"] == sample().name
        for change in stored:
            assert change.device_id == settings.device_id
            assert change.author == "Dara Test"
            assert parse_stamp(change.hlc)[2] == settings.device_id
            recomputed = change_digest(
                change.entity,
                change.entity_id,
                change.field,
                change.op,
                json.dumps(change.value, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                change.hlc,
                change.device_id,
                change.author,
                change.parents,
                change.tx,
            )
            assert recomputed == change.change_id
        row = workspace.db.execute(
            "SELECT created_by, created_device, created_at, updated_at FROM organisation"
        ).fetchone()
        assert row[0] == "Dara Test"
        assert row[1] == settings.device_id
        assert row[2] <= row[3]

    def test_an_edit_supersedes_the_earlier_value(self, workspace: Workspace):
        org_id = workspace.profiles.save(sample())
        first = workspace.log.field_state(org_id, "name").heads[0]
        org = workspace.profiles.get(org_id)
        org.name = "Golden Lotus Foods"
        workspace.profiles.save(org)
        state = workspace.log.field_state(org_id, "name")
        assert state.value == "Golden Lotus Foods"
        assert state.heads[0].parents == (first.change_id,)
        assert not state.in_conflict

    def test_delete_is_a_tombstone(self, workspace: Workspace):
        org_id = workspace.profiles.save(sample())
        count = workspace.db.execute("SELECT count(*) FROM change").fetchone()[0]
        workspace.profiles.delete(org_id)
        assert workspace.profiles.get(org_id) is None
        assert workspace.db.execute(
            "SELECT deleted FROM organisation WHERE id = ?", (org_id,)
        ).fetchone() == (1,)
        assert workspace.db.execute("SELECT count(*) FROM change").fetchone()[0] == count + 1
        assert workspace.profiles.list() == []

    def test_undo_and_redo_of_create_edit_and_delete(self, workspace: Workspace):
        store = workspace.profiles
        org_id = store.save(sample())
        org = store.get(org_id)
        org.sectors = ["Aquaculture"]
        org.contacts = []
        store.save(org)
        assert workspace.log.undo() is not None
        restored = store.get(org_id)
        assert restored.sectors == ["Fishing and seafood"]
        assert [c.name for c in restored.contacts] == ["Somchai P."]
        assert restored.primary_contact is not None
        store.delete(org_id)
        assert store.get(org_id) is None
        workspace.log.undo()
        assert store.get(org_id).name == "Golden Lotus Seafood Co., Ltd."
        workspace.log.undo()  # the creation
        assert store.get(org_id) is None
        assert workspace.log.undo() is None
        workspace.log.redo()
        assert store.get(org_id) is not None
        assert workspace.log.redo_label == "delete “Golden Lotus Seafood Co., Ltd.”"
        workspace.log.redo()
        assert store.get(org_id) is None
        assert workspace.log.redo_label is None

    def test_rebuilding_from_the_log_gives_the_same_tables(self, workspace: Workspace):
        store = workspace.profiles
        first = store.save(sample())
        second = store.save(sample("ក្រុមហ៊ុន មេគង្គ កាត់ដេរ"))
        org = store.get(first)
        org.tags = ["priority", "sugar"]
        org.headlines.append(Headline(headline="Hotline launched", tone="Positive"))
        store.save(org)
        store.delete(second)
        workspace.log.undo()
        before = table_contents(workspace)
        workspace.log.rebuild()
        assert table_contents(workspace) == before
        assert len(before["organisation"]) == 2

    def test_a_copied_file_writes_under_the_new_laptops_device(
        self, tmp_path: Path, workspace: Workspace, other_device: Settings, passphrase: str | None
    ):
        org_id = workspace.profiles.save(sample())
        workspace.close()
        shutil.copy(tmp_path / "test.db", tmp_path / "copy.db")
        copy = open_workspace(tmp_path / "copy.db", other_device, passphrase=passphrase)
        org = copy.profiles.get(org_id)
        org.notes = "Edited on the second laptop"
        copy.profiles.save(org)
        devices = {c.device_id for c in copy.log.changes_of(org_id)}
        assert devices == {workspace.log.clock.device_id, other_device.device_id}
        notes = copy.log.field_state(org_id, "notes").heads[0]
        assert notes.device_id == other_device.device_id
        copy.close()

    def test_a_failed_action_writes_nothing(self, workspace: Workspace):
        with pytest.raises(RuntimeError), workspace.log.transaction("broken") as tx:
            from ctip_desktop.storage.entities import ORGANISATION

            tx.create(ORGANISATION, {"name": "Half written"})
            raise RuntimeError("power cut")
        assert workspace.db.execute("SELECT count(*) FROM change").fetchone()[0] == 0
        assert workspace.db.execute("SELECT count(*) FROM organisation").fetchone()[0] == 0
        assert workspace.log.undo_label is None


class TestHybridClock:
    def test_stamps_increase_even_when_the_wall_clock_goes_back(self):
        times = iter([1_000, 1_000, 900, 2_000])
        clock = HybridClock("dev", now_ms=lambda: next(times))
        stamps = [clock.now() for _ in range(4)]
        assert stamps == sorted(stamps)
        assert len(set(stamps)) == 4

    def test_observing_a_later_stamp_moves_the_clock_past_it(self):
        clock = HybridClock("a", now_ms=lambda: 5)
        clock.observe(HybridClock("b", now_ms=lambda: 10_000).now())
        assert parse_stamp(clock.now())[:2] == (10_000, 1)


# Random sequences of user actions: the tables must always equal what the log rebuilds.
actions = st.lists(
    st.tuples(
        st.sampled_from(["create", "rename", "tag", "untag", "delete", "undo", "redo"]),
        st.text(min_size=1, max_size=12).filter(lambda s: s.strip() and "\x00" not in s),
    ),
    max_size=15,
)


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=actions)
def test_any_sequence_of_actions_rebuilds_to_the_same_tables(
    tmp_path_factory: pytest.TempPathFactory,
    settings: Settings,
    passphrase: str | None,
    steps: list[tuple[str, str]],
):
    workspace = open_workspace(
        tmp_path_factory.mktemp("h") / "h.db", settings, passphrase=passphrase
    )
    store = workspace.profiles
    ids: list[str] = []
    for action, text in steps:
        live = [i for i in ids if store.get(i) is not None]
        if action == "create":
            ids.append(store.save(Organisation(name=text)))
        elif action == "undo":
            workspace.log.undo()
        elif action == "redo":
            workspace.log.redo()
        elif live:
            org = store.get(live[len(text) % len(live)])
            if action == "rename":
                org.name = text
            elif action == "tag":
                org.tags = [*org.tags, text]
            elif action == "untag":
                org.tags = org.tags[1:]
            elif action == "delete":
                store.delete(org.id)
                continue
            store.save(org)
    before = table_contents(workspace)
    workspace.log.rebuild()
    assert table_contents(workspace) == before
    for row in workspace.db.execute("SELECT change_id, parents FROM change"):
        assert all(isinstance(p, str) for p in json.loads(row[1]))
    assert Change  # the type is part of the public surface used above
    workspace.close()


def test_a_record_created_field_by_field_reads_and_edits_the_same(workspace: Workspace) -> None:
    """Files written before creations became one change hold one change per field: those
    records read, edit and undo as before."""
    import uuid

    from ctip_desktop.storage.entities import DELETED_FIELD, ORGANISATION

    org_id = str(uuid.uuid4())
    with workspace.log.transaction("create the old way") as tx:
        tx.touched[org_id] = ORGANISATION
        tx._record(ORGANISATION, org_id, DELETED_FIELD, "set", False, ())
        tx._record(ORGANISATION, org_id, "name", "set", "Old Way Trading Co.", ())
        tx._record(ORGANISATION, org_id, "places", "set", "Hai Phong", ())
    old = workspace.profiles.get(org_id)
    assert old is not None and (old.name, old.places) == ("Old Way Trading Co.", "Hai Phong")
    old.places = "Da Nang"
    workspace.profiles.save(old)
    state = workspace.log.field_state(org_id, "places")
    assert state.value == "Da Nang" and len(state.heads) == 1 and not state.in_conflict
    workspace.log.undo()
    assert workspace.profiles.get(org_id).places == "Hai Phong"
    workspace.profiles.delete(org_id)
    assert workspace.profiles.get(org_id) is None
