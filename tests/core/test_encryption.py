"""Encryption at rest: passphrases, wrong passphrases, adding, removing and changing one."""

from __future__ import annotations

import hashlib
import logging
import os
import random
import sqlite3
import time
from pathlib import Path

import pytest

from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import (
    FileKey,
    NotADatabaseError,
    PassphraseRequiredError,
    PassphraseRulesError,
    StorageError,
    WrongPassphraseError,
    encryption,
    integrity_problems,
    is_encrypted,
    open_database,
    open_read_only,
)
from ctip_desktop.storage.connection import connect
from ctip_desktop.storage.encryption import (
    ConversionStoppedError,
    DatabaseInUseError,
    change_passphrase,
    decrypt_database,
    encrypt_database,
    unlock_file,
    write_converted_copy,
)
from ctip_desktop.workspace import Workspace, open_workspace

from tests.conftest import TEST_PASSPHRASE

THAI = "บริษัท ไทยซัมมิท ซีฟู้ด จำกัด"
KHMER = "ក្រុមហ៊ុន នេសាទ កម្ពុជា"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.glob(path.name + "*") if p != path)


def search(workspace: Workspace, text: str) -> list[str]:
    rows = workspace.db.execute(
        "SELECT o.name FROM organisation_fts f JOIN organisation o ON o.rowid = f.rowid "
        "WHERE organisation_fts MATCH ?",
        (f'"{text}"',),
    ).fetchall()
    return [row[0] for row in rows]


def filled(path: Path, settings: Settings, passphrase: str | None = None) -> str:
    workspace = open_workspace(path, settings, passphrase=passphrase)
    org_id = workspace.profiles.save(Organisation(name=THAI, notes=f"Met the {KHMER} team"))
    workspace.profiles.save(Organisation(name="Golden Lotus Seafood"))
    workspace.close()
    return org_id


class TestOpening:
    def test_a_database_created_with_a_passphrase_is_encrypted_from_the_first_byte(
        self, tmp_path: Path, settings: Settings
    ):
        path = tmp_path / "secret.db"
        filled(path, settings, TEST_PASSPHRASE)
        data = path.read_bytes()
        assert not data.startswith(b"SQLite format 3")
        assert THAI.encode() not in data and b"Golden Lotus" not in data
        assert is_encrypted(path)

    def test_thai_and_khmer_search_work_encrypted(self, tmp_path: Path, settings: Settings):
        filled(tmp_path / "secret.db", settings, TEST_PASSPHRASE)
        workspace = open_workspace(tmp_path / "secret.db", settings, passphrase=TEST_PASSPHRASE)
        assert search(workspace, "ไทยซัม") == [THAI]
        assert search(workspace, "នេសាទ") == [THAI]
        assert search(workspace, "lotus") == ["Golden Lotus Seafood"]
        assert integrity_problems(workspace.db) == []
        workspace.close()

    @pytest.mark.parametrize("given", [None, "", "correct horse", TEST_PASSPHRASE + " "])
    def test_without_the_right_passphrase_the_file_is_refused_and_unchanged(
        self, tmp_path: Path, settings: Settings, given: str | None
    ):
        path = tmp_path / "secret.db"
        filled(path, settings, TEST_PASSPHRASE)
        before = digest(path)
        expected = PassphraseRequiredError if not given else WrongPassphraseError
        with pytest.raises(expected) as refused:
            open_workspace(path, settings, passphrase=given)
        assert "passphrase" in str(refused.value).lower()
        if given:
            assert str(refused.value).startswith("Wrong passphrase, or secret.db is not")
        assert digest(path) == before
        assert side_files(path) == []  # no -wal or -shm created by the attempt
        with pytest.raises(expected):
            open_read_only(path, passphrase=given)
        assert digest(path) == before and side_files(path) == []

    def test_a_plain_file_opens_plain_whatever_passphrase_is_given(
        self, tmp_path: Path, settings: Settings
    ):
        path = tmp_path / "plain.db"
        filled(path, settings)
        workspace = open_workspace(path, settings, passphrase="anything at all")
        assert not workspace.encrypted
        workspace.close()
        assert path.read_bytes().startswith(b"SQLite format 3")

    def test_random_bytes_ask_for_a_passphrase_then_say_wrong_or_not_ours(self, tmp_path: Path):
        path = tmp_path / "random.db"
        path.write_bytes(bytes(range(256)) * 32)
        with pytest.raises(PassphraseRequiredError, match="or is not a CTIP Outreach Desk"):
            open_database(path)
        with pytest.raises(WrongPassphraseError, match="not a CTIP Outreach Desk database"):
            open_database(path, passphrase="a long passphrase")

    def test_a_text_file_is_not_mistaken_for_an_encrypted_one(self, tmp_path: Path):
        path = tmp_path / "notes.db"
        path.write_text("notes\n" * 101, encoding="utf-8")
        with pytest.raises(NotADatabaseError):
            open_database(path, passphrase="a long passphrase")

    def test_a_new_passphrase_must_be_long_enough(self, tmp_path: Path):
        with pytest.raises(PassphraseRulesError, match="at least 8 characters"):
            open_database(tmp_path / "new.db", passphrase="short")
        assert not (tmp_path / "new.db").exists()

    def test_the_key_recognises_its_passphrase_only(self, tmp_path: Path, settings: Settings):
        path = tmp_path / "secret.db"
        filled(path, settings, TEST_PASSPHRASE)
        key = unlock_file(path, TEST_PASSPHRASE)
        assert key.matches(TEST_PASSPHRASE)
        assert not key.matches("correct horse") and not key.matches("")
        assert key.key.hex() not in repr(key)


class TestConverting:
    def test_add_change_and_remove_a_passphrase_keep_every_record(
        self, tmp_path: Path, settings: Settings
    ):
        path = tmp_path / "outreach.db"
        org_id = filled(path, settings)
        workspace = open_workspace(path, settings)
        before = workspace.db.execute("SELECT * FROM change ORDER BY change_id").fetchall()
        workspace.close()

        key = encrypt_database(path, TEST_PASSPHRASE)
        assert is_encrypted(path) and THAI.encode() not in path.read_bytes()
        assert side_files(path) == []
        with pytest.raises(PassphraseRequiredError):
            open_database(path)

        new_key = change_passphrase(path, key, "a new passphrase for the team")
        assert new_key.salt != key.salt  # rewritten with a fresh salt
        with pytest.raises(WrongPassphraseError):
            open_database(path, passphrase=TEST_PASSPHRASE)
        workspace = open_workspace(path, settings, passphrase="a new passphrase for the team")
        assert workspace.profiles.get(org_id).name == THAI
        assert search(workspace, "នេសាទ") == [THAI]
        assert workspace.db.execute("SELECT * FROM change ORDER BY change_id").fetchall() == before
        workspace.profiles.save(Organisation(name="Written while encrypted"))
        workspace.close()

        decrypt_database(path, new_key)
        assert path.read_bytes().startswith(b"SQLite format 3")
        workspace = open_workspace(path, settings)
        assert not workspace.encrypted
        assert search(workspace, "ไทยซัม") == [THAI]
        assert search(workspace, "encrypted") == ["Written while encrypted"]
        assert integrity_problems(workspace.db) == []
        workspace.close()

    def test_a_wrong_key_removes_or_changes_nothing(self, tmp_path: Path, settings: Settings):
        path = tmp_path / "secret.db"
        filled(path, settings, TEST_PASSPHRASE)
        before = digest(path)
        wrong = FileKey.for_file(path, "not the passphrase")
        with pytest.raises(WrongPassphraseError):
            decrypt_database(path, wrong)
        with pytest.raises(WrongPassphraseError):
            change_passphrase(path, wrong, "another passphrase")
        with pytest.raises(WrongPassphraseError):
            unlock_file(path, "not the passphrase")
        assert digest(path) == before
        assert side_files(path) == []

    def test_a_weak_new_passphrase_changes_nothing(self, tmp_path: Path, settings: Settings):
        path = tmp_path / "plain.db"
        filled(path, settings)
        before = digest(path)
        with pytest.raises(PassphraseRulesError):
            encrypt_database(path, "short")
        assert digest(path) == before and side_files(path) == []

    def test_a_file_open_elsewhere_is_not_rewritten(self, tmp_path: Path, settings: Settings):
        path = tmp_path / "busy.db"
        filled(path, settings, TEST_PASSPHRASE)
        key = unlock_file(path, TEST_PASSPHRASE)
        other = open_workspace(path, settings, key=key)  # another window, say
        other.db.execute("BEGIN")
        other.db.execute("SELECT count(*) FROM change").fetchone()  # holds a read lock
        with pytest.raises((DatabaseInUseError, StorageError)):
            change_passphrase(path, key, "a new passphrase for the team")
        other.db.execute("COMMIT")
        other.close()
        assert [p.name for p in tmp_path.iterdir() if "converting" in p.name] == []
        workspace = open_workspace(path, settings, passphrase=TEST_PASSPHRASE)
        assert workspace.db.execute("SELECT count(*) FROM organisation").fetchone()[0] == 2
        workspace.close()

    def test_what_a_killed_rewrite_left_is_removed_at_the_next_opening(
        self, tmp_path: Path, settings: Settings
    ):
        # Killed while removing the passphrase: the half-written copy beside the (still
        # encrypted) database is plain, readable by anyone.
        path = tmp_path / "secret.db"
        filled(path, settings, TEST_PASSPHRASE)
        before = digest(path)
        leftover = tmp_path / "secret.db.converting"
        leftover.write_bytes(b"SQLite format 3\x00" + THAI.encode() * 100)
        journal = tmp_path / "secret.db.converting-journal"
        journal.write_bytes(b"\0" * 512)
        # Written a minute ago: maybe a rewrite another process runs now (it has closed the
        # database meanwhile, so this one can open it). Left alone.
        workspace = open_workspace(path, settings, passphrase=TEST_PASSPHRASE)
        workspace.close()
        assert leftover.exists() and journal.exists()
        an_hour_ago = time.time() - 3600
        for file in (leftover, journal):
            os.utime(file, (an_hour_ago, an_hour_ago))
        workspace = open_workspace(path, settings, passphrase=TEST_PASSPHRASE)
        assert sorted(p.name for p in tmp_path.glob("secret.db*")) == [
            "secret.db",
            "secret.db-shm",
            "secret.db-wal",
        ]
        assert search(workspace, "ไทยซัม") == [THAI]
        workspace.close()
        assert digest(path) == before

    def test_encrypting_twice_or_an_empty_database_is_refused(
        self, tmp_path: Path, settings: Settings
    ):
        path = tmp_path / "secret.db"
        filled(path, settings, TEST_PASSPHRASE)
        with pytest.raises(StorageError, match="already protected"):
            encrypt_database(path, "another passphrase")
        empty = tmp_path / "empty.db"
        open_database(empty, create=True).close()
        (tmp_path / "nothing.db").write_bytes(b"")
        with pytest.raises(StorageError, match="holds no data"):
            encrypt_database(tmp_path / "nothing.db", "another passphrase")


def every_row(path: Path, key: FileKey | None = None) -> dict[str, list[tuple[object, ...]]]:
    """Each stored table's rows with their row numbers, and the schema, read as they are."""
    connection = connect(path, key=key, read_only=True)
    try:
        tables = [
            (name, without_rowid)
            for _schema, name, kind, _columns, without_rowid, _strict in connection.execute(
                "PRAGMA main.table_list"
            )
            if kind == "table" and _schema == "main" and name != "sqlite_schema"
        ]
        rows = {
            name: connection.execute(
                f"SELECT {'' if without_rowid else 'rowid, '}* "
                f'FROM "{name.replace(chr(34), chr(34) * 2)}" ORDER BY 1, 2'
            ).fetchall()
            for name, without_rowid in tables
        }
        rows["sqlite_schema"] = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"
        ).fetchall()
        return rows
    finally:
        connection.close()


def leaf_fill(path: Path, index: str) -> float:
    """How full the leaf pages of an index of a plain file are (SQLite's dbstat)."""
    connection = sqlite3.connect(path)
    try:
        used, size = connection.execute(
            "SELECT sum(pgsize - unused), sum(pgsize) FROM dbstat "
            "WHERE name = ? AND pagetype = 'leaf'",
            (index,),
        ).fetchone()
        return used / size
    finally:
        connection.close()


class TestTheRewrittenFile:
    """Adding, changing and removing a passphrase rewrite the whole file: the copy must hold
    the same rows under the same row numbers, every object, and room to grow."""

    def test_row_numbers_tables_views_triggers_and_statistics_come_through(
        self, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
    ):
        # Rows are copied in chunks (here of 7): tables cross several, the search index's too.
        monkeypatch.setattr(encryption, "_CHUNK_ROWS", 7)
        path = tmp_path / "outreach.db"
        filled(path, settings)
        workspace = open_workspace(path, settings)
        db = workspace.db.conn
        with db:
            # Row numbers with gaps, in the search index too: a copy that numbered the
            # organisations afresh would make a search find the wrong one.
            thai_row = db.execute("SELECT rowid FROM organisation WHERE name = ?", (THAI,))
            (old_rowid,) = thai_row.fetchone()
            db.execute("UPDATE organisation SET rowid = 4000 WHERE rowid = ?", (old_rowid,))
            db.execute("UPDATE organisation_fts SET rowid = 4000 WHERE rowid = ?", (old_rowid,))
            db.execute("CREATE TABLE scratch (note TEXT, n INTEGER)")
            db.execute(
                "INSERT INTO scratch (rowid, note, n) VALUES (7, ?, 1), (90, 'b', 2)", (KHMER,)
            )
            db.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)")
            db.execute("INSERT INTO counter (id, v) VALUES (41, 'x')")
            db.execute("DELETE FROM counter")  # the sequence remembers 41
            db.execute("CREATE TABLE pair (a TEXT, b TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID")
            db.execute("INSERT INTO pair VALUES ('z', '1'), ('a', '2')")
            # Keyed like the answers (no row numbers, two columns), with a descending and a
            # case-blind key and a name that needs quoting.
            db.execute(
                'CREATE TABLE "we""ird t" (b TEXT, a TEXT, v TEXT, '
                "PRIMARY KEY (b DESC, a COLLATE NOCASE)) WITHOUT ROWID"
            )
            db.executemany(
                'INSERT INTO "we""ird t" VALUES (?, ?, ?)',
                [(f"b{n % 5}", f"{'A' if n % 2 else 'a'}{n}", KHMER) for n in range(40)],
            )
            db.execute(
                "CREATE TABLE sized (t TEXT, length INTEGER GENERATED ALWAYS AS (length(t)))"
            )
            db.execute("INSERT INTO sized (t) VALUES ('four')")
            db.execute("CREATE VIEW scratch_view AS SELECT note FROM scratch")
            db.execute(
                "CREATE TRIGGER scratch_count AFTER INSERT ON scratch "
                "BEGIN UPDATE scratch SET n = n + 1 WHERE rowid = new.rowid; END"
            )
        db.execute("ANALYZE")
        workspace.close()
        before = every_row(path)
        assert "sqlite_stat1" in before and "sqlite_sequence" in before  # what is checked

        key = encrypt_database(path, TEST_PASSPHRASE)
        assert every_row(path, key) == before
        new_key = change_passphrase(path, key, "a new passphrase for the team")
        assert every_row(path, new_key) == before
        decrypt_database(path, new_key)
        assert every_row(path) == before

        workspace = open_workspace(path, settings)
        assert search(workspace, "ไทยซัม") == [THAI]
        assert integrity_problems(workspace.db) == []
        with workspace.db.conn:
            workspace.db.execute("INSERT INTO scratch (note, n) VALUES ('c', 10)")
            workspace.db.execute("INSERT INTO counter (v) VALUES ('y')")
        # The trigger came through and did not fire on the copied rows (n stayed 1 and 2).
        assert workspace.db.execute("SELECT n FROM scratch ORDER BY rowid").fetchall() == [
            (1,),
            (2,),
            (11,),
        ]
        assert workspace.db.execute("SELECT id FROM counter").fetchall() == [(42,)]
        assert workspace.db.execute("SELECT length FROM sized").fetchall() == [(4,)]
        workspace.close()

    def test_indexes_keep_room_to_grow_as_in_a_file_grown_by_use(
        self, tmp_path: Path, settings: Settings
    ):
        # A copy that packs every index page full (as one sort builds it) makes nearly every
        # later insert splits a page: in an encrypted file each page written costs. Keys
        # arriving in random order, as ids do, leave room in the pages of a file in use.
        path = tmp_path / "outreach.db"
        filled(path, settings)
        workspace = open_workspace(path, settings)
        rng = random.Random(7)
        with workspace.db.conn:
            workspace.db.execute("CREATE TABLE scratch (k TEXT PRIMARY KEY, v TEXT)")
            workspace.db.execute("CREATE INDEX scratch_v ON scratch (v)")
            for _ in range(4000):
                workspace.db.execute(
                    "INSERT INTO scratch VALUES (?, ?)",
                    (f"{rng.getrandbits(128):032x}", f"{rng.getrandbits(64):016x}"),
                )
        workspace.close()
        copy = tmp_path / "copy.db"
        write_converted_copy(path, None, copy, None)
        packed = tmp_path / "packed.db"  # what one sort per index makes (VACUUM, the export)
        connection = sqlite3.connect(path)
        connection.execute("VACUUM INTO ?", (str(packed),))
        connection.close()
        for index in ("sqlite_autoindex_scratch_1", "scratch_v"):
            grown, copied = leaf_fill(path, index), leaf_fill(copy, index)
            room = leaf_fill(packed, index) - grown
            assert room > 0.04, index  # what is compared: pages in use are not packed
            assert abs(copied - grown) < room / 4, index


class TestProgressAndStop:
    """A rewrite of a large file takes a while: it says how far it is, and a Stop at any
    moment leaves the file as it was."""

    @pytest.fixture
    def plain_file(self, tmp_path: Path, settings: Settings) -> Path:
        path = tmp_path / "outreach.db"
        workspace = open_workspace(path, settings)
        for number in range(60):
            workspace.profiles.save(Organisation(name=f"{THAI} {number}", notes=KHMER * 20))
        workspace.close()
        return path

    def test_progress_rises_to_the_end(
        self, plain_file: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
    ):
        monkeypatch.setattr(encryption, "_CHUNK_ROWS", 50)  # several chunks per large table
        heard: list[tuple[int, int]] = []
        key = encrypt_database(plain_file, TEST_PASSPHRASE, lambda *p: heard.append(p) or True)
        totals = {total for _done, total in heard}
        assert len(totals) == 1
        (total,) = totals
        done = [d for d, _t in heard]
        assert done == sorted(done) and done[0] == 0
        assert done[-1] >= total // 2  # the copy and the start of its check
        assert len(heard) > 10
        workspace = open_workspace(plain_file, settings, key=key)
        assert len(search(workspace, "នេសាទ")) == 60
        workspace.close()

    def test_ctrl_c_in_the_middle_of_a_table_is_not_taken_for_damage(
        self, plain_file: Path, monkeypatch: pytest.MonkeyPatch
    ):
        # SQLite turns an exception in its progress handler into "interrupted": the rewrite
        # raises the interruption itself, not "could not be rewritten" or "did not match".
        monkeypatch.setattr(encryption._Reporter, "HANDLER_STEPS", 50)
        monkeypatch.setattr(encryption._Reporter, "_INTERVAL", 0.0)
        before = digest(plain_file)
        # The third report of a phase comes from the handler, inside a statement.
        for phase in ("copying", "checking"):
            heard: list[int] = []

            def progress(
                done: int, total: int, phase: str = phase, heard: list[int] = heard
            ) -> bool:
                if (done < total // 2) == (phase == "copying"):
                    heard.append(done)
                if len(heard) == 3:
                    raise KeyboardInterrupt
                return True

            with pytest.raises(KeyboardInterrupt):
                encrypt_database(plain_file, TEST_PASSPHRASE, progress)
            assert digest(plain_file) == before and side_files(plain_file) == []

    @pytest.mark.parametrize("stop_at", ["copying", "checking"])
    def test_a_stop_changes_nothing(
        self, plain_file: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings, stop_at: str
    ):
        # Heard often, so that the stop lands inside a statement (SQLite's progress handler).
        monkeypatch.setattr(encryption._Reporter, "HANDLER_STEPS", 50)
        monkeypatch.setattr(encryption._Reporter, "_INTERVAL", 0.0)
        before = digest(plain_file)
        heard: list[int] = []

        def progress(done: int, total: int) -> bool:
            heard.append(done)
            if stop_at == "copying":
                return len(heard) < 6
            return done < total // 2 or len([d for d in heard if d >= total // 2]) < 3

        with pytest.raises(ConversionStoppedError, match="nothing was changed"):
            encrypt_database(plain_file, TEST_PASSPHRASE, progress)
        assert digest(plain_file) == before
        assert side_files(plain_file) == []
        assert not is_encrypted(plain_file)
        workspace = open_workspace(plain_file, settings)
        assert integrity_problems(workspace.db) == []
        workspace.close()


def test_neither_passphrase_nor_key_reaches_the_log(
    tmp_path: Path, settings: Settings, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "secret.db"
    filled(path, settings, TEST_PASSPHRASE)
    filled(tmp_path / "p.db", settings)
    key = encrypt_database(tmp_path / "p.db", "pass phrase 2")
    with pytest.raises(WrongPassphraseError):
        open_database(path, passphrase="a wrong passphrase")
    change_passphrase(tmp_path / "p.db", key, "pass phrase 3")
    text = caplog.text
    assert caplog.records  # the conversions do log what they did
    for secret in (TEST_PASSPHRASE, "a wrong passphrase", "pass phrase", key.key.hex()):
        assert secret not in text
