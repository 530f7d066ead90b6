"""The one connection factory: every database file is opened here.

Before anything is written, a file is checked through a read-only connection: it must be an
SQLite file, belong to this app (or be empty), and carry a schema version this build knows.
A refused file is never modified, not even by switching it to WAL mode.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from ctip_desktop.storage import migrations as schema

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


class StorageError(Exception):
    """A database problem with a message fit to show the user."""


class MissingDatabaseError(StorageError):
    pass


class NotADatabaseError(StorageError):
    pass


class ForeignDatabaseError(StorageError):
    pass


class NewerSchemaError(StorageError):
    pass


class CorruptDatabaseError(StorageError):
    pass


@dataclass(frozen=True)
class FileFacts:
    exists: bool
    empty: bool
    application_id: int = 0
    schema_version: int = 0


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def inspect_file(path: Path) -> FileFacts:
    """Say what a file is without changing a byte of it; raise StorageError if unusable."""
    if not path.exists():
        return FileFacts(exists=False, empty=True)
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a database file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}.") from error
    if not header:
        return FileFacts(exists=True, empty=True)
    if not header.startswith(SQLITE_HEADER):
        raise NotADatabaseError(
            f"{path.name} is not a CTIP Outreach Desk database (it is not an SQLite file)."
        )
    try:
        connection = _read_only(path)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(
            f"{path.name} is damaged and cannot be opened ({error}). "
            "Restore it from a backup; the file was left as it is."
        ) from error
    if application_id != schema.APPLICATION_ID:
        if tables == 0 and version == 0:
            return FileFacts(exists=True, empty=True)
        raise ForeignDatabaseError(
            f"{path.name} is an SQLite database, but not one made by CTIP Outreach Desk."
        )
    if version > schema.SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path.name} was written by a newer version of CTIP Outreach Desk "
            f"(schema {version}; this version knows up to {schema.SCHEMA_VERSION}). "
            "Update the app to open it; the file was left unchanged."
        )
    return FileFacts(True, False, application_id, version)


def configure(connection: sqlite3.Connection) -> None:
    """The pragmas every read-write connection of ours runs with."""
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA busy_timeout = 5000")
    # A laptop can lose power mid-interview: FULL syncs each commit to disk.
    connection.execute("PRAGMA synchronous = FULL")
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("journal_mode WAL refused (got %s)", mode)


def open_database(path: Path | str, *, create: bool = True) -> Database:
    """Open (and if needed create and migrate) a database of this app.

    Raises StorageError subclasses, with a message for the user, for a missing file (when
    ``create`` is false), a file that is not SQLite, another program's database, a damaged
    file, or a file from a newer version of the app. Such files are left untouched.
    """
    path = Path(path)
    facts = inspect_file(path)
    if not facts.exists and not create:
        raise MissingDatabaseError(f"There is no database at {path}.")
    if facts.empty and facts.exists and not create:
        raise NotADatabaseError(f"{path.name} is empty: it holds no CTIP Outreach Desk data.")
    if not facts.exists:
        path.parent.mkdir(parents=True, exist_ok=True)
    # A URI, so that a merge can ATTACH another laptop's file read-only and immutable.
    connection = sqlite3.connect(path.resolve().as_uri(), uri=True, check_same_thread=False)
    try:
        configure(connection)
        db = Database(connection, execute_plugins=False)
        if facts.empty or facts.schema_version < schema.SCHEMA_VERSION:
            schema.migrate(db)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise CorruptDatabaseError(
            f"{path.name} could not be opened ({error}). The file was not changed."
        ) from error
    return db


def integrity_problems(db: Database) -> list[str]:
    """Run SQLite's full integrity check and the foreign key check; [] when all is well."""
    rows = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    problems = [] if rows == ["ok"] else rows
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{table} row {rowid} points at a missing {parent}")
    return problems


def open_read_only(path: Path | str) -> Database:
    """Open an existing database of this app for reading only (checks, reports)."""
    path = Path(path)
    facts = inspect_file(path)
    if not facts.exists:
        raise MissingDatabaseError(f"There is no database at {path}.")
    if facts.empty:
        raise NotADatabaseError(f"{path.name} is empty: it holds no CTIP Outreach Desk data.")
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.execute("PRAGMA trusted_schema = OFF")
    return Database(connection, execute_plugins=False)
