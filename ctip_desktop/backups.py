"""Rotating backups of a database file, what each one holds, and restoring one.

A backup is taken before every merge, when the app closes after changes, once a day while it
is open, and on request (``ctip backup``). Each is a whole database file in the data
folder's ``backups``, named after the database, the moment and the reason, so a person can
find the right one with a file manager too. Each reason keeps its own newest few, so a day
of merges never pushes out yesterday's daily backup.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ctip_desktop import paths
from ctip_desktop.storage import (
    DATABASE_ERRORS,
    SQLITE_ERRORS,
    FileKey,
    StorageError,
    integrity_problems,
    open_read_only,
)
from ctip_desktop.storage.connection import connect
from ctip_desktop.storage.hlc import stamp_time

log = logging.getLogger(__name__)

_COPY_ERRORS: tuple[type[Exception], ...] = (OSError, *SQLITE_ERRORS)

BEFORE_MERGE = "before merge"
ON_EXIT = "on exit"
DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before restore"
# How many of each kind are kept, newest first.
KEEP = {BEFORE_MERGE: 5, ON_EXIT: 3, DAILY: 7, MANUAL: 10, BEFORE_RESTORE: 3}
SUFFIX = ".ctip.db"
_STAMP_FORMAT = "%Y-%m-%d %H%M%S.%f"
_NAME = re.compile(
    r"(?P<stem>.+) (?P<stamp>\d{4}-\d{2}-\d{2} \d{6}\.\d{6})(?:-\d+)? "
    r"(?P<reason>" + "|".join(re.escape(reason) for reason in KEEP) + r")\.ctip\.db"
)


class BackupError(Exception):
    """A backup could not be made, read or restored; the message is for the user."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # local time
    reason: str
    size: int


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds, read from it without changing it."""

    organisations: int
    interviews_completed: int
    interviews_draft: int
    # When its newest change was made (ISO 8601 UTC), '' for an empty database.
    newest_change: str
    schema_version: int
    # '' when the file is sound, else why it cannot be restored.
    problem: str = ""


def backup_folder() -> Path:
    folder = paths.data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stem(database: Path) -> str:
    return database.name.removesuffix(".db").removesuffix(".ctip")


def backup_database(
    database: Path,
    *,
    reason: str = BEFORE_MERGE,
    keep: int | None = None,
    raw: bool = False,
    key: FileKey | None = None,
) -> Path:
    """Copy a database into the backups folder and keep the newest of its kind.

    With SQLite's backup API (a consistent copy while the app has the file open), or with
    ``raw`` as a plain file copy done by the kernel (a fraction of the work): only for a
    caller that holds the write lock of a file whose WAL is empty, or a file nobody has
    open, so that nothing writes into it while it is copied.

    The backup of an encrypted database (``key``: the one it is open with) is encrypted with
    the same key and salt, so the same passphrase opens it: the kernel's copy is the
    encrypted bytes, and the backup API writes into a destination keyed the same way.
    """
    if reason not in KEEP:
        raise ValueError(f"unknown backup reason {reason!r}")
    folder = backup_folder()
    stamp = datetime.now().strftime(_STAMP_FORMAT)
    target = folder / f"{_stem(database)} {stamp} {reason}{SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{_stem(database)} {stamp}-{counter} {reason}{SUFFIX}"
    partial = target.with_name(target.name + ".partial")
    try:
        if raw:
            shutil.copyfile(database, partial)
            destination = connect(partial, key=key)
            try:
                destination.execute("PRAGMA journal_mode = DELETE")
            finally:
                destination.close()
        else:
            source = connect(database, key=key, read_only=True)
            destination = connect(partial, key=key)
            try:
                source.backup(destination)
                destination.execute("PRAGMA journal_mode = DELETE")
            finally:
                destination.close()
                source.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    rotate_backups(database, reason=reason, keep=KEEP[reason] if keep is None else keep)
    log.info("backup of %s (%s): %s", database.name, reason, target.name)
    return target


def list_backups(database: Path) -> list[Backup]:
    """The backups of a database (by its file name), newest first."""
    stem = _stem(database)
    found: list[Backup] = []
    for path in backup_folder().glob(f"{_glob_escape(stem)} *{SUFFIX}"):
        match = _NAME.fullmatch(path.name)
        if match is None or match["stem"] != stem:
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        taken = datetime.strptime(match["stamp"], _STAMP_FORMAT)
        found.append(Backup(path, taken, match["reason"], size))
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def rotate_backups(database: Path, *, reason: str = BEFORE_MERGE, keep: int = 5) -> list[Path]:
    """Delete all but the newest ``keep`` backups of one kind; return those kept."""
    mine = [backup.path for backup in list_backups(database) if backup.reason == reason]
    for old in mine[keep:]:
        old.unlink(missing_ok=True)
    return sorted(mine[:keep])


def daily_backup_due(database: Path, now: datetime | None = None) -> bool:
    """Whether the newest backup of any kind is a day old or more (or there is none)."""
    backups = list_backups(database)
    moment = now or datetime.now()
    return not backups or moment - backups[0].taken_at >= timedelta(days=1)


def describe(path: Path, key: FileKey | None = None) -> BackupContents:
    """What a backup (or any database file of this app) holds; ``problem`` says if it is
    unusable. Opened read-only: reading it changes nothing. An encrypted backup opens with
    ``key`` (its database's); one written under an earlier passphrase says so."""
    try:
        db = open_read_only(path, key=key)
    except StorageError as error:
        return BackupContents(0, 0, 0, "", 0, str(error))
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        organisations = db.execute(
            "SELECT count(*) FROM organisation WHERE deleted = 0"
        ).fetchone()[0]
        interviews = (
            dict(
                db.execute(
                    "SELECT status, count(*) FROM interview WHERE deleted = 0 GROUP BY status"
                ).fetchall()
            )
            if _has_table(db.conn, "interview")
            else {}
        )
        newest = (
            db.execute("SELECT max(max_hlc) FROM device_clock").fetchone()[0]
            if _has_table(db.conn, "device_clock")
            else None
        )
        return BackupContents(
            int(organisations),
            int(interviews.get("completed", 0)),
            int(interviews.get("draft", 0)),
            stamp_time(newest) if newest else "",
            version,
        )
    except DATABASE_ERRORS as error:
        return BackupContents(0, 0, 0, "", 0, f"{path.name} is damaged: {error}")
    finally:
        db.close()


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    return (
        connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        is not None
    )


def restore_backup(backup: Path, database: Path, key: FileKey | None = None) -> Path | None:
    """Put a backup in the place of a database; return the backup made of the database
    first (None when there was no database).

    Nothing may have the database open. The backup is checked first (this app's file, a
    known schema, SQLite's integrity and foreign key checks): a file that fails changes
    nothing. The database as it was is backed up ("before restore") before it is replaced,
    so a restore can itself be undone.
    """
    if Path(f"{database}-shm").exists():
        raise BackupError(
            f"{database.name} is open (in the app, or the app did not close cleanly): close "
            "the app, or open and close it once, then restore. Nothing was changed."
        )
    try:
        db = open_read_only(backup, key=key)
    except StorageError as error:
        raise BackupError(f"{backup.name} cannot be restored: {error}") from error
    try:
        problems = integrity_problems(db)
    except DATABASE_ERRORS as error:
        problems = [str(error)]
    finally:
        db.close()
    if problems:
        raise BackupError(
            f"{backup.name} is damaged and cannot be restored ({problems[0]}). "
            "Your database was not changed."
        )
    safety = None
    if database.exists():
        try:
            safety = backup_database(database, reason=BEFORE_RESTORE, key=key)
        except _COPY_ERRORS as error:
            raise BackupError(
                f"The database could not be backed up before restoring ({error}): nothing "
                "was changed. Is the disk full?"
            ) from error
    partial = database.with_name(database.name + ".restoring")
    try:
        shutil.copyfile(backup, partial)
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(partial, database)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The backup could not be restored: {error.strerror}.") from error
    log.info("restored %s from %s", database.name, backup.name)
    return safety


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in text)
