"""storage.pagecache: a transaction's changed pages written to the WAL before the commit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctip_desktop.storage.connection import FileKey, connect
from ctip_desktop.storage.pagecache import write_dirty_pages

ROWS = 2_000
ROW_TEXT = "ข้อมูล " * 60  # about 1 KB in UTF-8: the rows fill some 500 pages


def _scratch(path: Path, passphrase: str | None) -> Any:
    key = FileKey.new(passphrase) if passphrase else None
    connection = connect(path, key=key)
    connection.isolation_level = None  # explicit BEGIN / COMMIT / ROLLBACK
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA cache_size = -65536")  # nothing spills on its own
    connection.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, text TEXT)")
    return connection, key


def _fill(connection: Any) -> None:
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany("INSERT INTO scratch (text) VALUES (?)", [(ROW_TEXT,)] * ROWS)


def test_the_pages_reach_the_wal_before_the_commit_and_still_roll_back(
    tmp_path: Path, passphrase: str | None
) -> None:
    path = tmp_path / "scratch.db"
    connection, key = _scratch(path, passphrase)
    wal = Path(f"{path}-wal")
    before = wal.stat().st_size
    _fill(connection)
    assert wal.stat().st_size == before, "the pages were written before the flush"

    assert write_dirty_pages(connection) is True
    assert wal.stat().st_size > before + ROWS * len(ROW_TEXT.encode())

    connection.execute("ROLLBACK")
    reader = connect(path, key=key)
    assert reader.execute("SELECT count(*) FROM scratch").fetchone()[0] == 0
    assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reader.close()
    connection.close()


def test_pages_written_early_are_committed_like_the_others(
    tmp_path: Path, passphrase: str | None
) -> None:
    path = tmp_path / "scratch.db"
    connection, key = _scratch(path, passphrase)
    _fill(connection)
    assert write_dirty_pages(connection) is True
    connection.execute("UPDATE scratch SET text = 'changed after the flush' WHERE id = 1")
    connection.execute("COMMIT")
    connection.close()

    reader = connect(path, key=key)
    assert reader.execute("SELECT count(*) FROM scratch").fetchone()[0] == ROWS
    assert reader.execute("SELECT text FROM scratch WHERE id = 1").fetchone()[0] == (
        "changed after the flush"
    )
    assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reader.close()


def test_anything_but_a_known_connection_is_left_alone() -> None:
    assert write_dirty_pages(object()) is False
