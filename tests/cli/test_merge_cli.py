"""ctip merge and ctip sync-export."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from ctip_desktop.cli import main
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.workspace import open_workspace

ANN = "a" * 32
BOB = "b" * 32


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def change_ids(path: Path) -> set[str]:
    import sqlite3

    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT change_id FROM change")}
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def laptop_file(tmp_path: Path, name: str, device: str, *orgs: str) -> Path:
    path = tmp_path / f"{name}.db"
    workspace = open_workspace(path, Settings(device_id=device, interviewer_name=name))
    for org in orgs:
        workspace.profiles.save(Organisation(name=org))
    workspace.close()
    return path


def org_names(path: Path) -> set[str]:
    workspace = open_workspace(path, Settings(device_id="c" * 32), create=False)
    names = {row.name for row in workspace.profiles.list()}
    workspace.close()
    return names


@pytest.fixture
def files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """Ann's database, and Bob's exported with ctip sync-export."""
    local = laptop_file(tmp_path, "ann", ANN, "Golden Lotus Seafood")
    bob = laptop_file(tmp_path, "bob", BOB, "Mekong Garments", "Siam Sugar Mill")
    result = run(capsys, "sync-export", "--db", str(bob), "--out", str(tmp_path / "stick"))
    assert result.code == 0, result.err
    exported = Path(result.out.strip())
    assert exported.parent == tmp_path / "stick" and exported.name.startswith("CTIP sync - ")
    return local, exported


def test_merge_prints_what_it_brought(tmp_path, capsys, files):
    local, exported = files
    result = run(capsys, "merge", "--db", str(local), str(exported))
    assert result.code == 0, result.err
    assert f"Merged {exported}: " in result.out
    assert "added 2 organisations" in result.out
    assert "0 conflict(s)" in result.out and "backup" in result.out
    assert org_names(local) == {"Golden Lotus Seafood", "Mekong Garments", "Siam Sugar Mill"}
    again = run(capsys, "merge", "--db", str(local), str(exported))
    assert again.code == 0 and "already merged" in again.out


def test_preview_changes_nothing(tmp_path, capsys, files):
    local, exported = files
    before = digest(local)
    result = run(capsys, "merge", "--db", str(local), "--preview", str(exported))
    assert result.code == 0, result.err
    lacking = change_ids(exported) - change_ids(local)  # changes are counted, not records
    assert f"{len(lacking)} new change" in result.out
    assert "Mekong Garments" in result.out and "new" in result.out
    assert "Nothing was changed." in result.out
    assert digest(local) == before


def test_json_lists_counts_and_conflicts(tmp_path, capsys, files):
    local, exported = files
    result = run(capsys, "merge", "--db", str(local), "--json", str(exported))
    assert result.code == 0, result.err
    (report,) = json.loads(result.out)
    assert report["status"] == "merged"
    assert report["added"] == {"organisation": 2}
    assert report["conflicts"] == []
    assert report["sha256"] == digest(exported)


def test_conflicts_are_listed_side_by_side(tmp_path, capsys, files):
    local, exported = files
    assert run(capsys, "merge", "--db", str(local), str(exported)).code == 0
    ann = open_workspace(local, Settings(device_id=ANN, interviewer_name="Ann"))
    org_id = next(r.id for r in ann.profiles.list() if r.name == "Mekong Garments")
    org = ann.profiles.get(org_id)
    org.notes = "Ann's note"
    ann.profiles.save(org)
    ann.close()
    bob = open_workspace(tmp_path / "bob.db", Settings(device_id=BOB, interviewer_name="Bob"))
    org = bob.profiles.get(org_id)
    org.notes = "Bob's note"
    bob.profiles.save(org)
    bob.close()
    exported = run(capsys, "sync-export", "--db", str(tmp_path / "bob.db"), "--out", str(tmp_path))
    result = run(capsys, "merge", "--db", str(local), exported.out.strip())
    assert result.code == 0, result.err
    assert "1 conflict(s)" in result.out
    (line,) = [line for line in result.out.splitlines() if "conflict:" in line]
    assert "Mekong Garments" in line and "notes" in line
    assert '"Ann\'s note" (Ann' in line and '"Bob\'s note" (Bob' in line


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (os.urandom(4096), "not a CTIP Outreach Desk database"),
        (b"SQLite format 3\x00" + b"\x00" * 84, "damaged"),
    ],
)
def test_a_refused_file_is_one_line_and_changes_nothing(tmp_path, capsys, files, content, words):
    local, _ = files
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    before = digest(local)
    result = run(capsys, "merge", "--db", str(local), str(bad))
    assert result.code == 1
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ctip: ") and words in lines[0], result.err
    assert "Traceback" not in result.err
    assert digest(local) == before


def test_several_files_in_order_a_refused_one_does_not_stop_the_others(tmp_path, capsys, files):
    local, exported = files
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"")
    result = run(capsys, "merge", "--db", str(local), "--json", str(bad), str(exported))
    assert result.code == 1
    reports = json.loads(result.out)
    assert [r["status"] for r in reports] == ["refused", "merged"]
    assert "empty" in reports[0]["error"]


def test_a_missing_local_database(tmp_path, capsys, files):
    _, exported = files
    result = run(capsys, "merge", "--db", str(tmp_path / "none.db"), str(exported))
    assert result.code == 1 and "There is no database" in result.err
    assert not (tmp_path / "none.db").exists()
