"""Rotating backups of a database file, what each one holds, and restoring one.

A backup is taken before every merge, when the app closes after changes, once a day while it
is open, and on request (``ctip backup``). Each is a whole database file in the data
folder's ``backups``, named after the database, the moment and the reason, so a person can
find the right one with a file manager too ("field @3f9a1c 2026-11-26 093000.000000
daily.ctip.db"). The mark after @ stands for the folder the database is in: two databases
of the same name in different folders keep their backups apart (backups named before the
mark existed belong to every database of that name). Each reason keeps its own newest few,
so a day of merges never pushes out yesterday's daily backup.

Backups carry the protection of their database: those of an encrypted database are
encrypted with its key, and when a passphrase is added, changed or removed, every backup is
converted after the database (``convert_backups``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ctip_desktop import paths
from ctip_desktop.storage import (
    DATABASE_ERRORS,
    SQLITE_ERRORS,
    FileKey,
    PassphraseRequiredError,
    StorageError,
    WrongPassphraseError,
    integrity_problems,
    is_encrypted,
    open_read_only,
)
from ctip_desktop.storage.connection import SQLITE_HEADER, connect, remove_with_side_files
from ctip_desktop.storage.encryption import convert_in_place, write_converted_copy
from ctip_desktop.storage.hlc import stamp_time

log = logging.getLogger(__name__)

_COPY_ERRORS: tuple[type[Exception], ...] = (OSError, *SQLITE_ERRORS)
_CONVERT_ERRORS: tuple[type[Exception], ...] = (StorageError, *_COPY_ERRORS)

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
    r"(?P<stem>.+?)(?: @(?P<place>[0-9a-f]{6}))? "
    r"(?P<stamp>\d{4}-\d{2}-\d{2} \d{6}\.\d{6})(?:-\d+)? "
    r"(?P<reason>" + "|".join(re.escape(reason) for reason in KEEP) + r")\.ctip\.db"
)
# What a backup being written or converted leaves beside it when the process dies: the
# temporary copy and SQLite's side files.
_LEFTOVER = re.compile(_NAME.pattern + r"(?:\.partial|\.converting)?(?:-journal|-wal|-shm)?")
# progress(done, total, text), as the window's background work reports it; the return
# value (False: the person asked to stop) is not heeded, see convert_backups.
Progress = Callable[[int, int, str], object]


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
    # It opens with another passphrase than the key given (written under an earlier one,
    # or the database's passphrase was removed since): that passphrase restores it.
    locked: bool = False


@dataclass(frozen=True)
class BackupConversion:
    """What bringing a database's backups to its protection did."""

    converted: int = 0
    # Could not be converted (damaged, unreadable) and were deleted rather than left
    # readable without the database's passphrase.
    removed: int = 0
    # Left as they were, still encrypted: written under a passphrase not known here, or
    # (the passphrase removed) one that could not be made plain.
    left: int = 0


def backup_folder() -> Path:
    folder = paths.data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stem(database: Path) -> str:
    return database.name.removesuffix(".db").removesuffix(".ctip")


def _place(database: Path) -> str:
    """A short mark of the folder the database is in (the same folder, however written)."""
    folder = os.path.normcase(str(database.resolve().parent))
    return hashlib.sha256(folder.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def _is_of(match: re.Match[str], database: Path) -> bool:
    """Whether a backup's name (matched by _NAME or _LEFTOVER) says it is this database's."""
    return match["stem"] == _stem(database) and match["place"] in (None, _place(database))


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
    encrypted bytes, and the backup API writes into a destination keyed the same way. Plain
    backups of it that a protection interrupted midway left behind are encrypted then too.
    """
    if reason not in KEEP:
        raise ValueError(f"unknown backup reason {reason!r}")
    folder = backup_folder()
    stamp = datetime.now().strftime(_STAMP_FORMAT)
    prefix = f"{_stem(database)} @{_place(database)}"
    target = folder / f"{prefix} {stamp} {reason}{SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{prefix} {stamp}-{counter} {reason}{SUFFIX}"
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
    if key is not None:
        _finish_protection(database, key)
    return target


def list_backups(database: Path) -> list[Backup]:
    """The backups of a database (by its file name and folder), newest first."""
    found: list[Backup] = []
    for path in backup_folder().glob(f"{_glob_escape(_stem(database))} *{SUFFIX}"):
        match = _NAME.fullmatch(path.name)
        if match is None or not _is_of(match, database):
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
    ``key`` (its database's); one written under another passphrase says so (``locked``)."""
    try:
        db = open_read_only(path, key=key)
    except StorageError as error:
        locked = isinstance(error, (PassphraseRequiredError, WrongPassphraseError))
        return BackupContents(0, 0, 0, "", 0, str(error), locked)
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


def restore_backup(
    backup: Path,
    database: Path,
    key: FileKey | None = None,
    backup_key: FileKey | None = None,
) -> Path | None:
    """Put a backup in the place of a database; return the backup made of the database
    first (None when there was no database).

    Nothing may have the database open. The backup is checked first (this app's file, a
    known schema, SQLite's integrity and foreign key checks): a file that fails changes
    nothing. The database as it was is backed up ("before restore") before it is replaced,
    so a restore can itself be undone.

    ``key`` opens the database (None: a plain one), ``backup_key`` the backup when it was
    written under another passphrase (by default the database's). The database keeps its
    protection: a backup that does not carry it (left by a conversion that was interrupted,
    or by an earlier version of the app) is converted to it as it is put in place, through a
    checked copy like the conversion itself. With no database the backup is put as it is.
    """
    if Path(f"{database}-shm").exists():
        raise BackupError(
            f"{database.name} is open (in the app, or the app did not close cleanly): close "
            "the app, or open and close it once, then restore. Nothing was changed."
        )
    if not is_encrypted(backup):
        backup_key = None
    elif backup_key is None:
        backup_key = key
    try:
        db = open_read_only(backup, key=backup_key)
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
    target_key = backup_key
    if database.exists():
        target_key = key if is_encrypted(database) else None
        try:
            safety = backup_database(database, reason=BEFORE_RESTORE, key=key)
        except _COPY_ERRORS as error:
            raise BackupError(
                f"The database could not be backed up before restoring ({error}): nothing "
                "was changed. Is the disk full?"
            ) from error
    partial = database.with_name(database.name + ".restoring")
    try:
        # (The backup made just now may have encrypted this one, if it was plain: then it
        # carries the database's key already.)
        if _header(backup) == _signature(target_key):
            shutil.copyfile(backup, partial)
        else:
            write_converted_copy(backup, backup_key, partial, target_key)
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(partial, database)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The backup could not be restored: {error.strerror}.") from error
    except StorageError as error:
        raise BackupError(f"The backup could not be restored: {error}") from error
    log.info("restored %s from %s", database.name, backup.name)
    return safety


def convert_backups(
    database: Path,
    old_key: FileKey | None,
    new_key: FileKey | None,
    progress: Progress | None = None,
) -> BackupConversion:
    """Bring every backup of a database to the protection the database has now: encrypted
    with ``new_key`` (None: plain), converting those written plain or with ``old_key``.

    The database is converted first, and that rewrite is the commit point: this refuses to
    run while the database does not carry ``new_key`` yet. Each backup is then converted the
    way the database was (a checked copy renamed over it), so a failure leaves it whole, and
    never touches the database. Leftovers that a process killed while writing or converting
    a backup left beside it (temporary copies, journals: plain pages, possibly) are deleted
    first.

    A backup that cannot be converted (damaged, say) is deleted when the target is a key:
    kept, it would stay readable without the new passphrase (plain, or with the old one,
    which may be why it was changed). When the passphrase is removed it stays as it was,
    encrypted, and is counted in ``left`` (nothing is more readable for keeping it), as are
    backups written under a passphrase not known here.

    If the process dies between the database and its backups, or among them: after a
    protection, the next backup of the database (made with its key, as every backup of an
    encrypted database is) encrypts the plain ones left; after a change or a removal, the
    ones left under the old passphrase cannot be converted without it, and stay encrypted:
    the restore dialog and ``ctip restore`` ask for that passphrase, and ``restore_backup``
    gives the restored file the database's protection. Simple on purpose: a two-phase
    conversion (all copies first, renamed after the database) would need twice the space
    and still an old passphrase to finish a change.

    Not cancellable (``progress``'s answer is not heeded): stopping halfway would leave
    backups readable without the database's passphrase.
    """
    header = _header(database)
    if new_key is not None and header != _signature(new_key):
        raise BackupError(
            f"{database.name} is not protected by that passphrase yet: its backups are "
            "converted after it. Nothing was changed."
        )
    if new_key is None and header != SQLITE_HEADER:
        raise BackupError(
            f"{database.name} is not a plain file yet: its backups are converted after it. "
            "Nothing was changed."
        )
    _remove_leftovers(database)
    backups = list_backups(database)
    outcomes = {"converted": 0, "removed": 0, "left": 0, "kept": 0}
    for done, backup in enumerate(backups):
        if progress is not None:
            progress(done, len(backups), backup.path.name)
        outcomes[_convert_backup(backup.path, old_key, new_key)] += 1
    if progress is not None:
        progress(len(backups), len(backups), "")
    result = BackupConversion(outcomes["converted"], outcomes["removed"], outcomes["left"])
    if backups:
        log.info(
            "backups of %s: %d converted, %d removed, %d left as they were",
            database.name,
            result.converted,
            result.removed,
            result.left,
        )
    return result


def _convert_backup(path: Path, old_key: FileKey | None, new_key: FileKey | None) -> str:
    """Convert one backup; say how it went ('kept': it already carried ``new_key``)."""
    try:
        header = _header(path)
    except OSError:
        return "left"
    if header == _signature(new_key):
        return "kept"
    if header == SQLITE_HEADER:
        source = None
    elif old_key is not None and header == old_key.salt:
        source = old_key
    elif new_key is None or is_encrypted(path):
        return "left"  # under a passphrase not known here (or not a database at all)
    else:
        source = None  # neither plain nor encrypted: damaged; the attempt says so
    try:
        convert_in_place(path, source, new_key)
    except _CONVERT_ERRORS as error:
        log.warning("backup %s could not be converted: %s", path.name, error)
        if new_key is None:
            return "left"
        try:
            remove_with_side_files(path)
        except OSError as failure:
            log.warning("backup %s could not be removed either: %s", path.name, failure)
            return "left"
        return "removed"
    return "converted"


def _finish_protection(database: Path, key: FileKey) -> None:
    """Encrypt the plain backups of a database that is encrypted now: a protection that
    was interrupted between the database and its backups (see convert_backups)."""
    try:
        if not any(_header(b.path) == SQLITE_HEADER for b in list_backups(database)):
            return
        result = convert_backups(database, None, key)
    except (BackupError, OSError) as error:
        log.warning("plain backups of %s could not be encrypted: %s", database.name, error)
        return
    log.info(
        "finished protecting the backups of %s (%d encrypted)", database.name, result.converted
    )


def _remove_leftovers(database: Path) -> None:
    for path in backup_folder().glob(f"{_glob_escape(_stem(database))} *"):
        match = _LEFTOVER.fullmatch(path.name)
        if match is None or not _is_of(match, database) or _NAME.fullmatch(path.name):
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("leftover %s could not be removed: %s", path.name, error)
        else:
            log.info("removed the leftover %s", path.name)


def _header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER))


def _signature(key: FileKey | None) -> bytes:
    """The first bytes of a file with this protection: SQLite's header, or the salt."""
    return SQLITE_HEADER if key is None else key.salt


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in text)
