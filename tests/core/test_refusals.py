"""Refused merges are listed per database, outside the database itself."""

from __future__ import annotations

from pathlib import Path

from ctip_desktop import paths
from ctip_desktop.sync.refusals import record_refused, refusals_for


def test_refusals_are_kept_per_database_newest_first(tmp_path: Path) -> None:
    mine, other = tmp_path / "mine.db", tmp_path / "other.db"
    record_refused(mine, tmp_path / "a.db", "not a database")
    record_refused(other, tmp_path / "b.db", "from a newer version")
    record_refused(mine, tmp_path / "c.db", "damaged")
    assert [(r.file_name, r.reason) for r in refusals_for(mine)] == [
        ("c.db", "damaged"),
        ("a.db", "not a database"),
    ]
    assert [r.file_name for r in refusals_for(other)] == ["b.db"]


def test_a_damaged_log_line_is_skipped(tmp_path: Path) -> None:
    mine = tmp_path / "mine.db"
    record_refused(mine, tmp_path / "a.db", "damaged")
    log = paths.data_dir() / "refused-merges.jsonl"
    log.write_text(log.read_text("utf-8") + "{not json\n", encoding="utf-8")
    record_refused(mine, tmp_path / "b.db", "empty")
    assert [r.file_name for r in refusals_for(mine)] == ["b.db", "a.db"]
