"""A laptop killed while it writes keeps a sound file and every write it had committed."""

from __future__ import annotations

import json
from pathlib import Path

from ctip_desktop.storage import open_read_only

from tests.crash_writes import _survived, run_kills

# bench/bench_crash.py runs 200 kills; the default run keeps to a few seconds.
KILLS = 25


def test_random_kills_during_writes_lose_nothing_committed(tmp_path: Path) -> None:
    report = run_kills(tmp_path, KILLS, seed=7)
    assert report.kills == KILLS
    assert report.integrity_failures == []
    assert report.lost == []
    # The children did write what the check is about, of every kind, between the kills.
    assert report.writes_reported > KILLS
    assert set(report.reported_by_kind) >= {"create", "edit", "answer", "merge"}


def test_the_survival_check_sees_a_missing_write(tmp_path: Path) -> None:
    """The check can fail: a write that is not in the file is reported lost."""
    report = run_kills(tmp_path, 1, seed=3)
    assert report.lost == []
    db = open_read_only(tmp_path / "crash.db")
    try:
        org_id = db.execute("SELECT id FROM organisation LIMIT 1").fetchone()[0]
        assert _survived(db, {"kind": "create", "org_id": org_id})
        never = {"kind": "edit", "org_id": org_id, "notes": "never written"}
        assert not _survived(db, never)
        answer = {"kind": "answer", "interview_id": org_id, "item": "x", "value": "y"}
        assert not _survived(db, answer)
        merge = {"kind": "merge", "sha256": "0" * 64, "file": "incoming-9.db"}
        assert not _survived(db, json.loads(json.dumps(merge)))
    finally:
        db.close()
