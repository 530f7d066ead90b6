"""Adding, removing and changing the passphrase of a database file.

Each is one rewrite of the whole file: every table, index and full-text index is copied
into a new file next to the database (encrypted or plain), row by row so that the indexes
keep the room to grow a file in use has (``_copy_schema_and_rows``), the copy is checked
(integrity, schema version, row counts), synced to disk, and only then renamed over the
database: a failure at any step leaves the file as it was. Changing the passphrase takes
the same path rather than ``PRAGMA rekey`` in place, so it also gets a fresh salt, and a
power cut never meets a half-rekeyed file. The backups of the database are converted the
same way, one by one, after it (``backups.convert_backups``).

No plain page is written outside the two files: the copy being written is encrypted from
its first page when the target is, its rollback journal too (SQLCipher encrypts journal
pages), and SQLite's temporary files (sorting for the indexes) stay in memory.

The file must be closed (the app closes its workspace first): the rewrite opens it through
sqlcipher3, and a file must never be open through two SQLite libraries at once.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ctip_desktop.storage.connection import (
    DATABASE_ERRORS,
    FileKey,
    StorageError,
    connect,
    converting_copy,
    inspect_file,
    is_encrypted,
    remove_with_side_files,
)

log = logging.getLogger(__name__)

_TARGET = "converted"
# Page cache of the new file while it is written and checked. The indexes take their rows in
# random key order: with SQLite's default 2 MB, most inserts and checks go back to the file
# for a page, and in an encrypted file each one is decrypted (for 1.4 GB of interviews:
# the copy 80 s instead of 24 s, the check 38 s instead of 19 s). Used only as it fills.
_CONVERSION_CACHE = "-262144"  # KiB: 256 MB


# progress(done, total) -> False to stop.
Progress = Callable[[int, int], bool]


class DatabaseInUseError(StorageError):
    """The file is open elsewhere (another window, another program)."""


class ConversionStoppedError(StorageError):
    """The person stopped the rewrite; the file is as it was."""


STOPPED = "Stopped before the end: nothing was changed."


class _Reporter:
    """How far a rewrite is, in rows: each row counts once as copied and once as checked.

    Also SQLite's progress handler on the connections doing the work, so that a Stop takes
    effect within a fraction of a second, even in the middle of one large table."""

    # SQLite virtual machine instructions between calls of the handler (about 1-5 ms).
    HANDLER_STEPS = 20_000
    _INTERVAL = 0.1  # seconds between reports

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.done = 0
        self.total = 1
        self.stopped = False
        self.error: BaseException | None = None  # raised in the handler, raised again after
        self._last = self._started = time.monotonic()
        self._checking_since = 0.0
        self._copy_seconds = 0.0

    def start(self, rows: int) -> None:
        self.total = 2 * rows + 1  # + 1: done only once the copy is checked
        self._started = time.monotonic()
        self._step()

    def copied(self, rows: int) -> None:
        self.done += rows
        self._step()

    def checking(self) -> None:
        self._checking_since = time.monotonic()
        self._copy_seconds = self._checking_since - self._started
        self.done = self.total // 2
        self._step()

    def finished(self) -> None:
        if self.progress is None:
            return
        try:
            self.progress(self.total, self.total)
        except Exception:  # the file is converted by now: a last report cannot undo that
            log.exception("reporting the end of a rewrite failed")

    def watch(self, connection: Any) -> None:
        if self.progress is not None:
            connection.set_progress_handler(self._handler, self.HANDLER_STEPS)

    def _handler(self) -> int:
        """SQLite's progress handler: nonzero interrupts the statement running."""
        if time.monotonic() - self._last < self._INTERVAL:
            return 0
        if self._checking_since:
            # SQLite says nothing of how far its integrity check is: it takes about as long
            # as the copy (1.4 GB: 17-19 s against 21-24 s), so the bar moves by the clock
            # and waits near its end if the check runs longer.
            elapsed = time.monotonic() - self._checking_since
            share = min(0.95, elapsed / max(self._copy_seconds, 0.001))
            self.done = self.total // 2 + int(share * (self.total // 2))
        try:
            self._report()
        except BaseException as error:  # Ctrl+C, say: SQLite would turn it into "interrupted"
            self.error, self.stopped = error, True
        return 1 if self.stopped else 0

    def raise_if_stopped(self, error: BaseException) -> None:
        """After a failed statement: what stopped it, if the person or the callback did."""
        if self.error is not None:
            raise self.error from error
        if self.stopped:
            raise ConversionStoppedError(STOPPED) from error

    def _report(self) -> None:
        self._last = time.monotonic()
        if self.progress is not None and not self.stopped:
            self.stopped = not self.progress(min(self.done, self.total - 1), self.total)

    def _step(self) -> None:
        self._report()
        if self.stopped:
            raise ConversionStoppedError(STOPPED)


def unlock_file(path: Path | str, passphrase: str) -> FileKey:
    """The checked key of an encrypted file; WrongPassphraseError, PassphraseRequiredError
    (plain file: nothing to unlock is not an error here, see ``is_encrypted``)."""
    path = Path(path)
    key = FileKey.for_file(path, passphrase)
    inspect_file(path, key)
    return key


def encrypt_database(
    path: Path | str, passphrase: str, progress: Progress | None = None
) -> FileKey:
    """Protect a plain database with a passphrase; return the key that now opens it."""
    path = Path(path)
    key = FileKey.new(passphrase)  # a weak passphrase is refused before the file is touched
    if is_encrypted(path):
        raise StorageError(
            f"{path.name} is already protected by a passphrase: change the passphrase instead."
        )
    facts = inspect_file(path)
    if facts.empty:
        raise StorageError(f"{path.name} holds no data yet: create it with a passphrase instead.")
    convert_in_place(path, None, key, progress)
    log.info("%s is now protected by a passphrase", path.name)
    return key


def decrypt_database(path: Path | str, key: FileKey, progress: Progress | None = None) -> None:
    """Remove the passphrase: the file becomes a plain SQLite database again."""
    path = Path(path)
    inspect_file(path, key)  # a wrong key stops here, before anything is written
    convert_in_place(path, key, None, progress)
    log.info("%s is no longer protected by a passphrase", path.name)


def change_passphrase(
    path: Path | str, key: FileKey, new_passphrase: str, progress: Progress | None = None
) -> FileKey:
    """Re-encrypt the file under a new passphrase; return the new key."""
    path = Path(path)
    new_key = FileKey.new(new_passphrase)
    inspect_file(path, key)
    convert_in_place(path, key, new_key, progress)
    log.info("the passphrase of %s was changed", path.name)
    return new_key


def convert_in_place(
    path: Path,
    source_key: FileKey | None,
    target_key: FileKey | None,
    progress: Progress | None = None,
) -> None:
    """Rewrite a closed database file with another protection (a key, or None for a plain
    file), all or nothing: a checked copy beside it, synced, then renamed over it. Used for
    the database itself and, after it, for each of its backups. ``progress`` hears how far
    the copy and its check are; when it returns False the rewrite stops
    (ConversionStoppedError) and the file stays as it was."""
    facts = inspect_file(path, source_key)
    converted = converting_copy(path)
    remove_with_side_files(converted)
    reporter = _Reporter(progress)
    try:
        counts = _export(path, source_key, converted, target_key, facts.schema_version, reporter)
        _check_copy(
            converted, target_key, facts.application_id, facts.schema_version, counts, reporter
        )
        if Path(f"{path}-wal").exists():
            # Our connection was the last one only if SQLite removed the WAL as it closed.
            raise DatabaseInUseError(
                f"{path.name} is open elsewhere (another window or program): close it and "
                "try again. Nothing was changed."
            )
        _fsync(converted)
        os.replace(converted, path)
    except BaseException:
        remove_with_side_files(converted)
        raise
    # The new file is in place: what follows cannot make the rewrite fail.
    try:
        Path(f"{path}-shm").unlink(missing_ok=True)
        _fsync_folder(path.parent)
    except OSError as error:
        log.warning("after rewriting %s: %s", path.name, error)
    reporter.finished()


def write_converted_copy(
    source: Path, source_key: FileKey | None, target: Path, target_key: FileKey | None
) -> None:
    """Write a checked copy of a closed database at ``target`` (replaced if it exists) with
    another protection; on failure nothing is left at ``target``. A restore uses it to put
    a backup in place under the database's own passphrase."""
    facts = inspect_file(source, source_key)
    remove_with_side_files(target)
    try:
        reporter = _Reporter(None)
        counts = _export(source, source_key, target, target_key, facts.schema_version, reporter)
        _check_copy(
            target, target_key, facts.application_id, facts.schema_version, counts, reporter
        )
        _fsync(target)
    except BaseException:
        remove_with_side_files(target)
        raise


def _export(
    path: Path,
    source_key: FileKey | None,
    converted: Path,
    target_key: FileKey | None,
    version: int,
    reporter: _Reporter,
) -> dict[str, int]:
    source = connect(path, key=source_key, sqlcipher_library=True)
    source.isolation_level = None  # the copy is one explicit transaction
    try:
        busy = source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            raise DatabaseInUseError(
                f"{path.name} is in use elsewhere (another window or program): close it and "
                "try again. Nothing was changed."
            )
        counts = _row_counts(source, "main")
        reporter.start(sum(counts.values()))
        reporter.watch(source)
        # sqlcipher3 is built with SQLITE_TEMP_STORE=2 (memory unless asked otherwise): say
        # so here too, so a build that differs never spills plain pages to /tmp.
        source.execute("PRAGMA temp_store = MEMORY")
        # KEY '' writes a plain file; without a KEY clause the attachment would inherit the
        # main database's key.
        source.execute(
            f"ATTACH DATABASE ? AS {_TARGET} KEY ?",
            (str(converted), target_key.sqlcipher_key if target_key else ""),
        )
        try:
            source.execute(f"PRAGMA {_TARGET}.cache_size = {_CONVERSION_CACHE}")
            source.execute("BEGIN")
            try:
                _copy_schema_and_rows(source, reporter)
                source.execute("COMMIT")
            except BaseException:
                if source.in_transaction:  # an interrupted statement may have ended it
                    source.execute("ROLLBACK")
                raise
            # The copy carries tables, not the header fields that say whose file this is
            # and which schema it has.
            application_id = source.execute("PRAGMA main.application_id").fetchone()[0]
            source.execute(f"PRAGMA {_TARGET}.application_id = {int(application_id)}")
            source.execute(f"PRAGMA {_TARGET}.user_version = {int(version)}")
        finally:
            source.execute(f"DETACH DATABASE {_TARGET}")
    except DATABASE_ERRORS as error:
        reporter.raise_if_stopped(error)
        raise StorageError(
            f"{path.name} could not be rewritten ({error}). Nothing was changed."
        ) from error
    finally:
        source.close()
    return counts


_SCHEMA_PREFIX = re.compile(r"^CREATE (?:UNIQUE )?(?:TABLE|INDEX) ")
_STATISTICS_TABLES = ("sqlite_stat1", "sqlite_stat4")
_CHUNK_ROWS = 20_000


def _copy_schema_and_rows(connection: Any, reporter: _Reporter) -> None:
    """Copy every table of ``main`` into the attached target, row by row.

    Not ``sqlcipher_export`` (nor ``VACUUM INTO``): they build each index in one sort and
    pack its pages full, so in the new file nearly every later insert splits a page. In an
    encrypted file each page written costs an encryption and a MAC, and saving an answer
    on a packed file wrote 16 pages instead of 9 (1.6x the time of the plain file). Here
    the indexes exist before the rows arrive and fill as they would by use (``_copy_rows``
    keeps SQLite from its bulk copy, which would pack them again). Row numbers are copied
    explicitly: the search index refers to organisations by theirs.
    """
    schema = connection.execute(
        "SELECT type, name, sql, rootpage FROM main.sqlite_schema "
        "WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    stored_tables = []
    # Tables, then their indexes, in sqlite_schema's order; the rows after, so the indexes
    # take every row one at a time.
    for kind, name, sql, rootpage in schema:
        if kind in ("table", "index") and rootpage and not name.startswith("sqlite_"):
            connection.execute(_SCHEMA_PREFIX.sub(lambda m: f"{m[0]}{_TARGET}.", sql, count=1))
            if kind == "table":
                stored_tables.append(name)
    without_rowid = {
        row[1]
        for row in connection.execute("PRAGMA main.table_list")
        if row[0] == "main" and row[4]
    }
    for name in stored_tables:
        _copy_rows(connection, name, name not in without_rowid, reporter)
    present = {name for kind, name, _sql, _root in schema if kind == "table"}
    if present & set(_STATISTICS_TABLES):
        # ANALYZE of a table without indexes creates the statistics tables, empty; those
        # this build keeps and the file had not are dropped again.
        connection.execute(f"ANALYZE {_TARGET}.sqlite_schema")
        for name in set(_STATISTICS_TABLES) - present:
            connection.execute(f"DROP TABLE IF EXISTS {_TARGET}.{name}")
    for name in ("sqlite_sequence", *_STATISTICS_TABLES):
        if name in present:
            connection.execute(f"DELETE FROM {_TARGET}.{name}")
            copied = connection.execute(
                f"INSERT INTO {_TARGET}.{name} SELECT * FROM main.{name}"
            ).rowcount
            reporter.copied(copied)
    # Views, triggers and virtual tables own no pages (a full-text index's pages are its
    # shadow tables, copied above): their schema rows are copied as they are, as VACUUM
    # and sqlcipher_export do. Triggers arrive after the rows, so none fired on the copy.
    connection.execute(f"PRAGMA {_TARGET}.writable_schema = ON")
    connection.execute(
        f"INSERT INTO {_TARGET}.sqlite_schema (type, name, tbl_name, rootpage, sql) "
        "SELECT type, name, tbl_name, rootpage, sql FROM main.sqlite_schema "
        "WHERE type IN ('view', 'trigger') OR (type = 'table' AND rootpage = 0)"
    )
    connection.execute(f"PRAGMA {_TARGET}.writable_schema = OFF")


def _copy_rows(connection: Any, table: str, has_rowid: bool, reporter: _Reporter) -> None:
    """Copy one table's rows, with their row numbers, in key order and in chunks, so that
    progress is heard and a Stop is noticed between them too. (A WHERE, ORDER BY or LIMIT
    also keeps SQLite from its bulk copy.)"""
    quoted = _quoted(table)
    columns = [
        (row[1], row[5])  # name, place in the primary key
        for row in connection.execute(f"PRAGMA main.table_xinfo({quoted})")
        if row[6] == 0  # generated columns are computed, not copied
    ]
    listed = [_quoted(name) for name, _ in columns]
    if has_rowid:
        listed.insert(0, "rowid")
        key = ["rowid"]
    else:
        key = [_quoted(name) for name, place in sorted(columns, key=lambda c: c[1]) if place]
    select = ", ".join(listed)
    ascending, descending = ", ".join(key), ", ".join(f"{k} DESC" for k in key)
    after: tuple[Any, ...] = ()
    while True:
        where = f"WHERE ({ascending}) > ({', '.join('?' * len(key))})" if after else ""
        copied = connection.execute(
            f"INSERT INTO {_TARGET}.{quoted} ({select}) SELECT {select} FROM main.{quoted} "
            f"{where} ORDER BY {ascending} LIMIT {_CHUNK_ROWS}",
            after,
        ).rowcount
        reporter.copied(copied)
        if copied < _CHUNK_ROWS:
            return
        after = tuple(
            connection.execute(
                f"SELECT {ascending} FROM {_TARGET}.{quoted} ORDER BY {descending} LIMIT 1"
            ).fetchone()
        )


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _check_copy(
    converted: Path,
    key: FileKey | None,
    application_id: int,
    version: int,
    counts: dict[str, int],
    reporter: _Reporter,
) -> None:
    reporter.checking()
    try:
        copy = connect(converted, key=key, read_only=True)
        try:
            reporter.watch(copy)
            copy.execute(f"PRAGMA cache_size = {_CONVERSION_CACHE}")
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check(5)")]
            header = (
                copy.execute("PRAGMA application_id").fetchone()[0],
                copy.execute("PRAGMA user_version").fetchone()[0],
            )
            copied = _row_counts(copy, "main")
        finally:
            copy.close()
    except DATABASE_ERRORS as error:
        reporter.raise_if_stopped(error)
        problems, header, copied = [str(error)], (0, 0), {}
    if problems != ["ok"] or header != (application_id, version) or copied != counts:
        raise StorageError(
            "The rewritten copy did not match the database "
            f"({problems[0] if problems != ['ok'] else 'contents differ'}). Nothing was changed."
        )


def _row_counts(connection: Any, schema_name: str) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            f"SELECT name FROM {schema_name}.sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    return {
        table: connection.execute(
            f"SELECT count(*) FROM {schema_name}.{_quoted(table)}"
        ).fetchone()[0]
        for table in tables
    }


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder to sync it; the rename is journalled there
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
