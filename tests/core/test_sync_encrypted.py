"""Sync and backups of encrypted databases: packages stay encrypted, a file encrypted with
one passphrase cannot be merged without it, and the local file is untouched when refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ctip_desktop.backups import backup_database, describe, list_backups, restore_backup
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import (
    FileKey,
    PassphraseRequiredError,
    WrongPassphraseError,
    is_encrypted,
    open_read_only,
)
from ctip_desktop.sync import (
    PassphraseNeededError,
    WrongPassphraseFileError,
    export_for_sync,
    inspect_incoming,
    merge,
    preview_merge,
)
from ctip_desktop.workspace import Workspace, open_workspace

from tests.conftest import TEST_PASSPHRASE

LOCAL = Settings(device_id="1" * 32, interviewer_name="Local")
OTHER = Settings(device_id="2" * 32, interviewer_name="Other")
OTHER_PASSPHRASE = "mekong river at dawn"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def package(tmp_path: Path, passphrase: str | None, name: str = "Mekong Garments") -> Path:
    """An export for sync from another laptop's database (encrypted with ``passphrase``)."""
    workspace = open_workspace(tmp_path / "other.db", OTHER, passphrase=passphrase)
    workspace.profiles.save(Organisation(name=name, notes="ស្រុកកំណើត ไทย"))
    path = export_for_sync(workspace, tmp_path / "stick", who="Other")
    workspace.close()
    return path


def local(tmp_path: Path, passphrase: str | None) -> Workspace:
    workspace = open_workspace(tmp_path / "local.db", LOCAL, passphrase=passphrase)
    if not workspace.db.execute("SELECT count(*) FROM organisation").fetchone()[0]:
        workspace.profiles.save(Organisation(name="Golden Lotus Seafood"))
    return workspace


def names(workspace: Workspace) -> list[str]:
    return [r[0] for r in workspace.db.execute("SELECT name FROM organisation ORDER BY name")]


def test_an_export_from_an_encrypted_database_is_encrypted_with_its_passphrase(tmp_path: Path):
    path = package(tmp_path, TEST_PASSPHRASE)
    assert is_encrypted(path)
    assert b"Mekong" not in path.read_bytes()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no partial or side file
    with pytest.raises(PassphraseRequiredError):
        open_read_only(path)
    db = open_read_only(path, passphrase=TEST_PASSPHRASE)
    assert [r[0] for r in db.execute("SELECT name FROM organisation")] == ["Mekong Garments"]
    db.close()


@pytest.mark.parametrize("local_passphrase", [None, TEST_PASSPHRASE], ids=["plain", "encrypted"])
@pytest.mark.parametrize("package_passphrase", [None, OTHER_PASSPHRASE], ids=["plain", "encrypted"])
def test_every_mix_of_plain_and_encrypted_files_merges(
    tmp_path: Path, local_passphrase: str | None, package_passphrase: str | None
):
    path = package(tmp_path, package_passphrase)
    workspace = local(tmp_path, local_passphrase)
    with inspect_incoming(path, passphrase=package_passphrase) as incoming:
        preview = preview_merge(workspace, incoming)
        assert not preview.nothing_new
        result = merge(workspace, incoming)
    assert result.new_changes > 0
    assert names(workspace) == ["Golden Lotus Seafood", "Mekong Garments"]
    hits = workspace.db.execute(
        "SELECT count(*) FROM organisation_fts WHERE organisation_fts MATCH 'ស្រុក'"
    ).fetchone()[0]
    assert hits == 1
    workspace.close()
    assert is_encrypted(tmp_path / "local.db") == (local_passphrase is not None)
    # The backup made before the merge is as protected as the database.
    backups = list_backups(tmp_path / "local.db")
    assert backups and all(is_encrypted(b.path) == bool(local_passphrase) for b in backups)


@pytest.mark.parametrize("local_passphrase", [None, TEST_PASSPHRASE], ids=["plain", "encrypted"])
@pytest.mark.parametrize(
    ("given", "error"),
    [
        (None, PassphraseNeededError),
        ("", PassphraseNeededError),
        (TEST_PASSPHRASE, WrongPassphraseFileError),
    ],
    ids=["none", "empty", "wrong"],
)
def test_without_its_passphrase_a_package_is_refused_and_nothing_changes(
    tmp_path: Path, local_passphrase: str | None, given: str | None, error: type[Exception]
):
    path = package(tmp_path, OTHER_PASSPHRASE)
    workspace = local(tmp_path, local_passphrase)
    workspace.close()
    before, package_before = digest(tmp_path / "local.db"), digest(path)
    workspace = open_workspace(tmp_path / "local.db", LOCAL, passphrase=local_passphrase)
    with (
        pytest.raises(error, match="passphrase") as refused,
        inspect_incoming(path, passphrase=given) as incoming,
    ):
        merge(workspace, incoming)
    assert "\n" not in str(refused.value)
    workspace.close()
    assert digest(tmp_path / "local.db") == before
    assert digest(path) == package_before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert list_backups(tmp_path / "local.db") == []


@pytest.mark.parametrize("raw", [False, True], ids=["backup API", "file copy"])
def test_backups_of_an_encrypted_database_are_encrypted_and_restore(tmp_path: Path, raw: bool):
    workspace = local(tmp_path, TEST_PASSPHRASE)
    key = workspace.key
    assert key is not None
    if raw:
        workspace.close()
    backup = backup_database(tmp_path / "local.db", reason="manual", raw=raw, key=key)
    assert is_encrypted(backup) and b"Golden Lotus" not in backup.read_bytes()
    assert describe(backup).problem  # needs the key
    contents = describe(backup, key)
    assert contents.problem == "" and contents.organisations == 1
    # Its own passphrase opens it too, without the app's key.
    open_read_only(backup, passphrase=TEST_PASSPHRASE).close()
    if not raw:
        workspace.close()
    restore_backup(backup, tmp_path / "local.db", key)
    reopened = open_workspace(tmp_path / "local.db", LOCAL, passphrase=TEST_PASSPHRASE)
    assert names(reopened) == ["Golden Lotus Seafood"]
    reopened.close()
    with pytest.raises(WrongPassphraseError):
        open_read_only(backup, key=FileKey.for_file(backup, "not the passphrase"))
