"""Backups carry the same protection as their database: protecting, changing and removing
the passphrase convert every backup too (after the database, which is the commit point), an
interrupted conversion is finished by the next backup, and a restore keeps the database's
passphrase whatever the backup was written under."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ctip_desktop.backups import (
    BEFORE_MERGE,
    BEFORE_RESTORE,
    DAILY,
    MANUAL,
    ON_EXIT,
    BackupError,
    backup_database,
    backup_folder,
    convert_backups,
    describe,
    list_backups,
    restore_backup,
)
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import FileKey, WrongPassphraseError, is_encrypted, open_read_only
from ctip_desktop.storage.encryption import (
    change_passphrase,
    decrypt_database,
    encrypt_database,
    unlock_file,
)
from ctip_desktop.workspace import Workspace, open_workspace

from tests.conftest import TEST_PASSPHRASE

SQLITE_HEADER = b"SQLite format 3\x00"
NEW = "a new passphrase for the team"
SECRET_NAME = "Mekong Garments Secret Supplier"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "field.ctip.db"


def opened(path: Path, passphrase: str | None = None) -> Workspace:
    settings = Settings(device_id="ab" * 16, interviewer_name="Malee")
    return open_workspace(path, settings, passphrase=passphrase)


def add(path: Path, name: str, passphrase: str | None = None) -> None:
    workspace = opened(path, passphrase)
    try:
        workspace.profiles.save(Organisation(name=name))
    finally:
        workspace.close()


def names(path: Path, passphrase: str | None = None) -> list[str]:
    workspace = opened(path, passphrase)
    try:
        return sorted(o.name for o in workspace.profiles.list())
    finally:
        workspace.close()


def plain_files(folder: Path) -> list[str]:
    """Every file in the folder that an SQLite tool reads without a passphrase."""
    found = []
    for path in sorted(folder.iterdir()):
        with path.open("rb") as handle:
            if handle.read(16) == SQLITE_HEADER:
                found.append(path.name)
    return found


def salts(database: Path) -> set[bytes]:
    return {backup.path.read_bytes()[:16] for backup in list_backups(database)}


def a_damaged_backup(database: Path, header: bytes = SQLITE_HEADER) -> Path:
    """A file named like a backup of ``database`` that no SQLite opens as a database."""
    bad = (
        backup_folder()
        / f"{database.name.removesuffix('.ctip.db')} 2020-01-01 101010.000000 daily.ctip.db"
    )
    bad.write_bytes(header + SECRET_NAME.encode() + b"\xff" * (4096 - 16 - len(SECRET_NAME)))
    return bad


def leftovers_of_a_crash(database: Path) -> list[Path]:
    """What a process killed while writing or converting a plain backup leaves beside it:
    plain pages in a temporary copy and in side files."""
    source = list_backups(database)[0].path
    strays = [
        source.with_name(source.name + ".partial"),
        source.with_name(source.name + ".converting"),
        source.with_name(source.name + "-journal"),
        source.with_name(source.name + "-wal"),
        source.with_name(source.name + ".partial-journal"),
    ]
    for stray in strays:
        stray.write_bytes(source.read_bytes())
    return strays


def several_backups(database: Path) -> list[Path]:
    made = [backup_database(database, reason=reason) for reason in (MANUAL, DAILY, BEFORE_MERGE)]
    made.append(backup_database(database, reason=ON_EXIT, raw=True))
    return made


class TestProtecting:
    def test_every_backup_is_encrypted_and_no_plain_byte_remains(self, database: Path) -> None:
        add(database, SECRET_NAME)
        several_backups(database)
        a_damaged_backup(database)
        leftovers_of_a_crash(database)
        assert len(plain_files(backup_folder())) == 10  # the situation before this change

        key = encrypt_database(database, TEST_PASSPHRASE)
        database_before = digest(database)
        result = convert_backups(database, None, key)

        assert (result.converted, result.removed, result.left) == (4, 1, 0)
        assert plain_files(backup_folder()) == []
        for path in backup_folder().iterdir():
            assert SECRET_NAME.encode() not in path.read_bytes(), path.name
        backups = list_backups(database)
        assert len(backups) == 4
        assert salts(database) == {key.salt}  # the database's own key opens them all
        for backup in backups:
            contents = describe(backup.path, key)
            assert contents.problem == "" and contents.organisations == 1
        assert digest(database) == database_before  # the backups' conversion never touches it

    def test_a_backup_is_restored_with_the_new_passphrase(self, database: Path) -> None:
        add(database, SECRET_NAME)
        first = backup_database(database, reason=MANUAL)
        add(database, "Later Co.")
        key = encrypt_database(database, TEST_PASSPHRASE)
        convert_backups(database, None, key)
        safety = restore_backup(first, database, key)
        assert is_encrypted(database)
        assert names(database, TEST_PASSPHRASE) == [SECRET_NAME]
        assert safety is not None and describe(safety, key).organisations == 2
        assert plain_files(backup_folder()) == []

    def test_converting_again_changes_nothing(self, database: Path) -> None:
        add(database, SECRET_NAME)
        several_backups(database)
        key = encrypt_database(database, TEST_PASSPHRASE)
        convert_backups(database, None, key)
        before = {b.path.name: digest(b.path) for b in list_backups(database)}
        result = convert_backups(database, None, key)
        assert (result.converted, result.removed, result.left) == (0, 0, 0)
        assert {b.path.name: digest(b.path) for b in list_backups(database)} == before

    def test_the_backups_are_not_converted_before_the_database(self, database: Path) -> None:
        """The database is the commit point: converting its backups first is refused."""
        add(database, SECRET_NAME)
        several_backups(database)
        before = {path.name: digest(path) for path in backup_folder().iterdir()}
        key = FileKey.new(TEST_PASSPHRASE)
        with pytest.raises(BackupError, match="not protected by that passphrase"):
            convert_backups(database, None, key)
        assert {path.name: digest(path) for path in backup_folder().iterdir()} == before

    def test_another_databases_backups_are_left_alone(self, database: Path) -> None:
        add(database, SECRET_NAME)
        other = database.with_name("field.ctip 2.db")
        add(other, "Other Co.")
        theirs = backup_database(other, reason=MANUAL)
        backup_database(database, reason=MANUAL)
        key = encrypt_database(database, TEST_PASSPHRASE)
        convert_backups(database, None, key)
        assert plain_files(backup_folder()) == [theirs.name]

    def test_a_process_stopped_among_the_backups_leaves_each_whole(
        self, database: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Killed (here: interrupted) while the second backup is converted: the first is
        encrypted, the others are whole and still plain, nothing is deleted, and the next
        backup finishes the work."""
        from ctip_desktop.storage import encryption

        add(database, SECRET_NAME)
        several_backups(database)
        key = encrypt_database(database, TEST_PASSPHRASE)
        check_copy = encryption._check_copy
        calls: list[object] = []

        def dies_on_the_second(*args: object) -> None:
            calls.append(args)
            if len(calls) == 2:
                raise KeyboardInterrupt
            check_copy(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(encryption, "_check_copy", dies_on_the_second)
        with pytest.raises(KeyboardInterrupt):
            convert_backups(database, None, key)
        monkeypatch.setattr(encryption, "_check_copy", check_copy)
        assert len(list_backups(database)) == 4
        assert len(plain_files(backup_folder())) == 3
        assert len(list(backup_folder().iterdir())) == 4  # no temporary copy left beside them
        for backup in list_backups(database):
            assert describe(backup.path, key).organisations == 1
        backup_database(database, reason=DAILY, key=key)
        assert plain_files(backup_folder()) == []

    def test_an_interrupted_protection_is_finished_by_the_next_backup(self, database: Path) -> None:
        """The process died after the database was encrypted, before its backups were."""
        add(database, SECRET_NAME)
        several_backups(database)
        key = encrypt_database(database, TEST_PASSPHRASE)
        assert len(plain_files(backup_folder())) == 4
        backup_database(database, reason=DAILY, key=key)
        assert plain_files(backup_folder()) == []
        assert len(list_backups(database)) == 5 and salts(database) == {key.salt}


class TestChanging:
    def test_every_backup_is_rekeyed_and_the_old_passphrase_opens_none(
        self, database: Path
    ) -> None:
        add(database, SECRET_NAME, TEST_PASSPHRASE)
        old = unlock_file(database, TEST_PASSPHRASE)
        for reason in (MANUAL, DAILY, BEFORE_MERGE):
            backup_database(database, reason=reason, key=old)
        damaged = a_damaged_backup(database, header=old.salt)

        new = change_passphrase(database, old, NEW)
        result = convert_backups(database, old, new)

        assert (result.converted, result.removed, result.left) == (3, 1, 0)
        assert not damaged.exists()
        assert salts(database) == {new.salt}
        for backup in list_backups(database):
            assert describe(backup.path, new).organisations == 1
            with pytest.raises(WrongPassphraseError):
                open_read_only(backup.path, passphrase=TEST_PASSPHRASE)
        assert plain_files(backup_folder()) == []


class TestRemoving:
    def test_every_backup_becomes_plain_like_the_database(self, database: Path) -> None:
        add(database, SECRET_NAME, TEST_PASSPHRASE)
        key = unlock_file(database, TEST_PASSPHRASE)
        for reason in (MANUAL, DAILY):
            backup_database(database, reason=reason, key=key)
        decrypt_database(database, key)
        result = convert_backups(database, key, None)
        assert (result.converted, result.removed, result.left) == (2, 0, 0)
        for backup in list_backups(database):
            assert not is_encrypted(backup.path)
            assert describe(backup.path).organisations == 1

    def test_one_that_cannot_be_made_plain_stays_protected(self, database: Path) -> None:
        """Nothing is more readable for leaving it encrypted: it is kept, and counted."""
        add(database, SECRET_NAME, TEST_PASSPHRASE)
        key = unlock_file(database, TEST_PASSPHRASE)
        backup_database(database, reason=MANUAL, key=key)
        damaged = a_damaged_backup(database, header=key.salt)
        kept = damaged.read_bytes()
        decrypt_database(database, key)
        result = convert_backups(database, key, None)
        assert (result.converted, result.removed, result.left) == (1, 0, 1)
        assert damaged.read_bytes() == kept


class TestRestoringAcrossPassphrases:
    """Backups left behind by a conversion that was interrupted (or made by an earlier
    version of the app) open with the passphrase they were written under; restoring one
    keeps the database's passphrase."""

    def test_a_plain_backup_restored_into_a_protected_database_is_encrypted(
        self, database: Path
    ) -> None:
        add(database, SECRET_NAME)
        old = backup_database(database, reason=MANUAL)
        add(database, "Later Co.")
        key = encrypt_database(database, TEST_PASSPHRASE)
        restore_backup(old, database, key)
        assert is_encrypted(database) and database.read_bytes()[:16] == key.salt
        assert names(database, TEST_PASSPHRASE) == [SECRET_NAME]
        assert [p.name for p in database.parent.iterdir() if p.name.startswith(database.name)] == [
            database.name
        ]

    def test_a_backup_under_an_earlier_passphrase_restores_with_it(self, database: Path) -> None:
        add(database, SECRET_NAME, TEST_PASSPHRASE)
        old_key = unlock_file(database, TEST_PASSPHRASE)
        old = backup_database(database, reason=MANUAL, key=old_key)
        add(database, "Later Co.", TEST_PASSPHRASE)
        new_key = change_passphrase(database, old_key, NEW)  # died before the backups
        assert describe(old, new_key).locked
        assert not describe(old, old_key).locked
        restore_backup(old, database, new_key, backup_key=old_key)
        assert names(database, NEW) == [SECRET_NAME]  # the database keeps its new passphrase
        safety = next(b for b in list_backups(database) if b.reason == BEFORE_RESTORE)
        assert describe(safety.path, new_key).organisations == 2

    def test_an_encrypted_backup_restored_into_a_plain_database_is_plain(
        self, database: Path
    ) -> None:
        add(database, SECRET_NAME, TEST_PASSPHRASE)
        key = unlock_file(database, TEST_PASSPHRASE)
        old = backup_database(database, reason=MANUAL, key=key)
        decrypt_database(database, key)  # died before the backups
        add(database, "Later Co.")
        assert describe(old).locked
        restore_backup(old, database, None, backup_key=key)
        assert not is_encrypted(database)
        assert names(database) == [SECRET_NAME]

    def test_a_wrong_backup_passphrase_changes_nothing(self, database: Path) -> None:
        add(database, SECRET_NAME, TEST_PASSPHRASE)
        key = unlock_file(database, TEST_PASSPHRASE)
        old = backup_database(database, reason=MANUAL, key=key)
        decrypt_database(database, key)
        before = digest(database)
        wrong = FileKey.for_file(old, "not the passphrase at all")
        with pytest.raises(BackupError, match="cannot be restored"):
            restore_backup(old, database, None, backup_key=wrong)
        assert digest(database) == before
