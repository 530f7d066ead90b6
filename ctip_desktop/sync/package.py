"""Export for sync: a consistent copy of the database, named for who wrote it and when."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from ctip_desktop.storage.connection import connect
from ctip_desktop.workspace import Workspace

SYNC_SUFFIX = ".ctip.db"


def sync_file_name(who: str, device_id: str, moment: datetime) -> str:
    """``CTIP sync - <who> - <device8> - 2026-11-26 1430.ctip.db``."""
    who = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", who)
    who = " ".join(who.split())[:60].strip(" .") or "unnamed"
    return f"CTIP sync - {who} - {device_id[:8]} - {moment:%Y-%m-%d %H%M}{SYNC_SUFFIX}"


def export_for_sync(
    workspace: Workspace, folder: Path | str, *, who: str, moment: datetime | None = None
) -> Path:
    """Write a consistent copy of the open database into ``folder``; return its path.

    The copy is made with SQLite's backup API from the open connection (so it is one
    consistent state even while the app writes), as a single file (no WAL beside it), first
    under a temporary name so a half-written copy is never mistaken for a finished one.

    The copy of an encrypted database is encrypted with the same key and salt (so the same
    passphrase opens it; the receiver is asked for it): not a byte of it is written in the
    clear, not even the temporary file.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = sync_file_name(who, workspace.log.clock.device_id, moment or datetime.now())
    target = folder / name
    counter = 1
    while target.exists():
        counter += 1
        target = folder / name.replace(SYNC_SUFFIX, f" ({counter}){SYNC_SUFFIX}")
    partial = target.with_name(target.name + ".partial")
    destination = connect(partial, key=workspace.key)
    try:
        workspace.db.conn.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        destination.close()
        partial.unlink(missing_ok=True)
        raise
    destination.close()
    os.replace(partial, target)
    return target
