"""Rotating backups by kind, what a backup holds, and restoring one."""

from __future__ import annotations

import hashlib
from datetime import timedelta
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
    daily_backup_due,
    describe,
    list_backups,
    restore_backup,
)
from ctip_desktop.interviews import InterviewDetails
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "field.ctip.db"


def opened(path: Path) -> Workspace:
    return open_workspace(path, Settings(device_id="ab" * 16, interviewer_name="Malee"))


def add_organisations(path: Path, *names: str) -> None:
    workspace = opened(path)
    try:
        for name in names:
            workspace.profiles.save(Organisation(name=name))
    finally:
        workspace.close()


def test_each_kind_keeps_its_own_newest(database: Path) -> None:
    add_organisations(database, "Mekong Garments")
    for _ in range(3):
        backup_database(database, reason=BEFORE_MERGE, keep=2)
    daily = backup_database(database, reason=DAILY)
    backup_database(database, reason=MANUAL)
    found = list_backups(database)
    assert [b.reason for b in found] == [MANUAL, DAILY, BEFORE_MERGE, BEFORE_MERGE]
    assert found[1].path == daily and found[1].size == daily.stat().st_size
    assert found == sorted(found, key=lambda b: b.taken_at, reverse=True)
    # Another database's backups, even one whose name starts the same, are not listed.
    other = database.with_name("field.ctip 2.db")
    add_organisations(other, "Other")
    backup_database(other, reason=ON_EXIT)
    assert len(list_backups(database)) == 4
    assert [b.reason for b in list_backups(other)] == [ON_EXIT]


def test_unknown_reasons_are_refused(database: Path) -> None:
    add_organisations(database, "Mekong Garments")
    with pytest.raises(ValueError):
        backup_database(database, reason="whenever")


def test_a_backup_says_what_it_holds(database: Path) -> None:
    add_organisations(database, "Mekong Garments", "ក្រុមហ៊ុន អង្គរ")
    workspace = opened(database)
    try:
        org_id = workspace.profiles.list()[0].id
        questionnaire = workspace.interviews.questionnaires.latest("pse-outreach-example-1")
        details = InterviewDetails(started_at="2026-11-20T09:30")
        workspace.interviews.start(org_id, questionnaire, details, interviewer="Malee")
    finally:
        workspace.close()
    contents = describe(backup_database(database, reason=MANUAL))
    assert (contents.organisations, contents.interviews_draft) == (2, 1)
    assert contents.interviews_completed == 0
    assert contents.newest_change.startswith("20") and contents.problem == ""


def test_a_damaged_file_is_described_as_such(tmp_path: Path) -> None:
    bad = tmp_path / "field 2026-11-20 101010.000000 daily.ctip.db"
    bad.write_bytes(b"\x00garbage" * 512)
    contents = describe(bad)
    assert contents.problem and contents.organisations == 0


def test_a_daily_backup_is_due_after_a_day(database: Path) -> None:
    add_organisations(database, "Mekong Garments")
    assert daily_backup_due(database)
    taken = backup_database(database, reason=DAILY)
    newest = list_backups(database)[0]
    assert newest.path == taken
    assert not daily_backup_due(database, newest.taken_at + timedelta(hours=23))
    assert daily_backup_due(database, newest.taken_at + timedelta(days=1))


def test_restoring_brings_the_old_file_back_and_keeps_the_current_one(database: Path) -> None:
    add_organisations(database, "Mekong Garments")
    old = backup_database(database, reason=MANUAL)
    add_organisations(database, "Later Co.")
    safety = restore_backup(old, database)
    workspace = opened(database)
    try:
        assert [o.name for o in workspace.profiles.list()] == ["Mekong Garments"]
    finally:
        workspace.close()
    # The database as it was before the restore is a backup of its own: undo is possible.
    assert safety is not None and describe(safety).organisations == 2
    assert BEFORE_RESTORE in {b.reason for b in list_backups(database)}


def test_a_damaged_backup_is_not_restored(database: Path, tmp_path: Path) -> None:
    add_organisations(database, "Mekong Garments")
    before = digest(database)
    bad = tmp_path / "damaged.ctip.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(BackupError) as refused:
        restore_backup(bad, database)
    assert "cannot be restored" in str(refused.value) or "damaged" in str(refused.value)
    assert digest(database) == before
    assert list_backups(database) == []


def test_databases_of_the_same_name_in_two_folders_keep_their_backups_apart(
    tmp_path: Path,
) -> None:
    # Two laptops' files, both "field.ctip.db", opened from two folders: the restore list of
    # one must not offer the other's backups, and rotating one must not delete the other's.
    ours, theirs = tmp_path / "ours" / "field.ctip.db", tmp_path / "theirs" / "field.ctip.db"
    for path, name in ((ours, "Mekong Garments"), (theirs, "Golden Lotus Seafood")):
        path.parent.mkdir()
        add_organisations(path, name)
    theirs_daily = backup_database(theirs, reason=DAILY)
    for _ in range(3):
        backup_database(ours, reason=DAILY, keep=2)
    assert theirs_daily.exists()
    assert [b.path for b in list_backups(theirs)] == [theirs_daily]
    assert len(list_backups(ours)) == 2
    assert all(describe(b.path).organisations == 1 for b in list_backups(ours))
    assert theirs_daily not in [b.path for b in list_backups(ours)]
    # The same folder written another way is the same database.
    assert len(list_backups(tmp_path / "ours" / ".." / "ours" / "field.ctip.db")) == 2


def test_backups_named_before_folders_were_told_apart_still_belong(database: Path) -> None:
    add_organisations(database, "Mekong Garments")
    made = backup_database(database, reason=MANUAL)
    older = made.with_name("field 2025-01-02 030405.000000 manual.ctip.db")
    made.rename(older)
    assert [b.path for b in list_backups(database)] == [older]
    assert describe(older).organisations == 1
