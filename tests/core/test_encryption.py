"""Encryption at rest: passphrases, wrong passphrases, adding, removing and changing one."""

from __future__ import annotations

import hashlib
import logging
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
    integrity_problems,
    is_encrypted,
    open_database,
    open_read_only,
)
from ctip_desktop.storage.encryption import (
    DatabaseInUseError,
    change_passphrase,
    decrypt_database,
    encrypt_database,
    unlock_file,
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
