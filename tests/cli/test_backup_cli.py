"""ctip backup and ctip restore."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ctip_desktop.cli import main
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import open_workspace


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def add(path: Path, name: str) -> None:
    workspace = open_workspace(path, Settings(device_id="cd" * 16, interviewer_name="Sok"))
    try:
        workspace.profiles.save(Organisation(name=name))
    finally:
        workspace.close()


def names(path: Path) -> list[str]:
    workspace = open_workspace(path, Settings(device_id="cd" * 16, interviewer_name="Sok"))
    try:
        return [o.name for o in workspace.profiles.list()]
    finally:
        workspace.close()


def test_back_up_list_and_restore_by_number(tmp_path: Path, capsys) -> None:
    database = tmp_path / "team.ctip.db"
    add(database, "Mekong Garments")
    code, out, _ = run(capsys, "backup", "--db", str(database))
    assert code == 0 and Path(out.strip()).is_file()
    add(database, "Later Co.")
    code, out, _ = run(capsys, "backup", "--db", str(database), "--list")
    assert code == 0
    assert "manual" in out and "1 organisation(s)" in out
    code, out, err = run(capsys, "restore", "--db", str(database), "1")
    assert code == 0, err
    assert "Restored" in out and "as it was is kept" in out
    assert names(database) == ["Mekong Garments"]
    # The restore kept the database it replaced: restoring that one undoes the restore.
    code, out, _ = run(capsys, "backup", "--db", str(database), "--list")
    assert "before restore" in out and "2 organisation(s)" in out
    listed = [line for line in out.splitlines() if "before restore" in line]
    number = listed[0].split()[0]
    assert run(capsys, "restore", "--db", str(database), number)[0] == 0
    assert sorted(names(database)) == ["Later Co.", "Mekong Garments"]


def test_bad_requests_get_one_line_and_change_nothing(tmp_path: Path, capsys) -> None:
    database = tmp_path / "team.ctip.db"
    add(database, "Mekong Garments")
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    code, _, err = run(capsys, "restore", "--db", str(database), "7")
    assert code == 1 and err.startswith("ctip: There is no backup number 7")
    junk = tmp_path / "junk.ctip.db"
    junk.write_bytes(b"not a database at all" * 100)
    code, _, err = run(capsys, "restore", "--db", str(database), str(junk))
    assert code == 1 and err.startswith("ctip: ") and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "backup", "--db", str(junk))
    assert code == 1 and err.startswith("ctip: ")
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
    code, out, _ = run(capsys, "backup", "--db", str(tmp_path / "none.db"), "--list")
    assert code == 0 and "No backups" in out
