"""The one connection factory: every database file is opened here.

Before anything is written, a file is checked through a read-only connection: it must be an
SQLite file, belong to this app (or be empty), and carry a schema version this build knows.
A refused file is never modified, not even by switching it to WAL mode.

Encryption at rest: a file protected by a passphrase is an SQLCipher 4 database, opened
through ``sqlcipher3`` (which bundles its own SQLite); a plain file is opened through the
standard library as always. Which library opens a file follows from the file alone (its
header), so one file is never open through both at once: two SQLite libraries in one process
do not see each other's locks, and closing the file in one would drop the other's.

The passphrase is stretched once per opening (PBKDF2-HMAC-SHA512 with the file's salt,
SQLCipher 4's own derivation, ~140 ms on purpose); every further connection to the file
(merge reader, backups, export for sync) is opened with the derived key, a ``FileKey``.
The passphrase itself is never kept, written or logged.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlite_utils import Database

from ctip_desktop.storage import migrations as schema

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"

# Every error either SQLite library can raise. sqlcipher3's exceptions do not subclass the
# standard library's: code that may meet an encrypted file catches these tuples.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
SQLITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError, sqlcipher.IntegrityError)

# SQLCipher 4's defaults, so that a file made here opens with its passphrase in any
# SQLCipher 4 tool (DB Browser for SQLite, the sqlcipher shell) as well.
KDF_ITERATIONS = 256_000
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 8
ENCRYPTED_CACHE_KIB = 64 * 1024


def _quiet_sqlcipher() -> None:
    # SQLCipher writes a line to stderr for every page that fails to decrypt (a wrong
    # passphrase); the app says so itself. Memory wiping stays off (the default): it made
    # full-text search 13 times slower in our measurements. Both settings are process-wide.
    connection = sqlcipher.connect(":memory:")
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute("PRAGMA cipher_memory_security = OFF")
    finally:
        connection.close()


_quiet_sqlcipher()


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


class PassphraseRequiredError(StorageError):
    """The file is not plain SQLite: protected by a passphrase (or not a database at all)."""


class WrongPassphraseError(StorageError):
    """The passphrase does not open the file (or the file is not one of ours)."""


class PassphraseRulesError(StorageError):
    """A new passphrase that is too weak to protect a database."""


@dataclass(frozen=True)
class FileKey:
    """The key that opens one encrypted file: derived from its passphrase and the file's
    salt (its first 16 bytes). Never printed: ``repr`` hides the key."""

    key: bytes = field(repr=False)
    salt: bytes

    @classmethod
    def derive(cls, passphrase: str, salt: bytes) -> FileKey:
        if not passphrase:
            raise WrongPassphraseError("Enter the passphrase: it cannot be empty.")
        key = hashlib.pbkdf2_hmac(
            "sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
        )
        return cls(key, salt)

    @classmethod
    def new(cls, passphrase: str) -> FileKey:
        """The key of a file to be written with a new passphrase (a fresh random salt)."""
        problem = passphrase_problem(passphrase)
        if problem:
            raise PassphraseRulesError(problem)
        return cls.derive(passphrase, os.urandom(SALT_BYTES))

    @classmethod
    def for_file(cls, path: Path | str, passphrase: str) -> FileKey:
        """The key the passphrase gives for this existing file (not yet checked)."""
        with Path(path).open("rb") as handle:
            salt = handle.read(SALT_BYTES)
        return cls.derive(passphrase, salt)

    def matches(self, passphrase: str) -> bool:
        """Whether a passphrase typed again (say, to unlock the window) is this key's."""
        if not passphrase:
            return False
        again = FileKey.derive(passphrase, self.salt)
        return hmac.compare_digest(again.key, self.key)

    @property
    def sqlcipher_key(self) -> str:
        """SQLCipher's raw-key form: key and salt in hex, so that no second derivation runs
        and a new file written with it gets this salt (and opens with the passphrase)."""
        return f"x'{self.key.hex()}{self.salt.hex()}'"


def passphrase_problem(passphrase: str) -> str:
    """Why a new passphrase will not do ('' when it will)."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return (
            f"Choose a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters "
            "(a few words are easier to remember than symbols)."
        )
    if not passphrase.strip():
        return "A passphrase cannot be only spaces."
    return ""


class OutreachDatabase(Database):
    """A sqlite-utils Database that knows its file and the key that opened it (None for a
    plain file), so that further connections to the file open the same way."""

    def __init__(self, connection: Any, *, path: Path, key: FileKey | None) -> None:
        super().__init__(connection, execute_plugins=False)
        self.path = path
        self.key = key


def key_of(db: Database) -> FileKey | None:
    """The key a database was opened with; None when it is a plain file."""
    return db.key if isinstance(db, OutreachDatabase) else None


def connect(
    path: Path | str,
    *,
    key: FileKey | None = None,
    read_only: bool = False,
    immutable: bool = False,
    check_same_thread: bool = True,
    timeout: float = 5.0,
    sqlcipher_library: bool = False,
) -> Any:
    """A bare connection to a file, through the library that file needs.

    With a ``key`` (or ``sqlcipher_library``, for converting a file between plain and
    encrypted) through sqlcipher3, the key set before anything is read; otherwise through
    the standard library. ``immutable`` files are opened read-only without locks, journal or
    side files (someone else's file). The connection is typed ``Any``: both libraries' share
    the DB-API surface, not a class.
    """
    uri = Path(path).resolve().as_uri()
    if immutable:
        uri += "?mode=ro&immutable=1"
    elif read_only:
        uri += "?mode=ro"
    if key is None and not sqlcipher_library:
        return sqlite3.connect(uri, uri=True, check_same_thread=check_same_thread, timeout=timeout)
    connection = sqlcipher.connect(
        uri, uri=True, check_same_thread=check_same_thread, timeout=timeout
    )
    if key is not None:
        connection.set_key(key.sqlcipher_key)
    return connection


@dataclass(frozen=True)
class FileFacts:
    exists: bool
    empty: bool
    application_id: int = 0
    schema_version: int = 0
    encrypted: bool = False


def _file_header(path: Path) -> tuple[bytes, int]:
    try:
        with path.open("rb") as handle:
            return handle.read(100), path.stat().st_size
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}.") from error


def may_be_encrypted(header: bytes, size: int) -> bool:
    """Whether a file that is not plain SQLite could be an SQLCipher database: those are
    whole pages (SQLite pages are at least 512 bytes) of what looks like random bytes."""
    return size >= 512 and size % 512 == 0 and not header.startswith(SQLITE_HEADER)


def is_encrypted(path: Path | str) -> bool:
    """Whether a file looks protected by a passphrase (to ask for one before opening it)."""
    path = Path(path)
    if not path.is_file():
        return False
    header, size = _file_header(path)
    return may_be_encrypted(header, size)


def inspect_file(path: Path, key: FileKey | None = None) -> FileFacts:
    """Say what a file is without changing a byte of it; raise StorageError if unusable.

    An encrypted file needs its ``key``: without one PassphraseRequiredError, with a wrong
    one WrongPassphraseError. A plain file ignores any key.
    """
    if not path.exists():
        return FileFacts(exists=False, empty=True)
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a database file.")
    header, size = _file_header(path)
    if not header:
        return FileFacts(exists=True, empty=True)
    encrypted = not header.startswith(SQLITE_HEADER)
    if encrypted:
        if not may_be_encrypted(header, size):
            raise NotADatabaseError(
                f"{path.name} is not a CTIP Outreach Desk database (it is not an SQLite file)."
            )
        if key is None:
            raise PassphraseRequiredError(
                f"{path.name} is protected by a passphrase (or is not a CTIP Outreach Desk "
                "database): enter its passphrase to open it."
            )
        if key.salt != header[:SALT_BYTES]:
            raise _wrong_passphrase(path)
    try:
        connection = connect(path, key=key if encrypted else None, read_only=True)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
        finally:
            connection.close()
    except DATABASE_ERRORS as error:
        if encrypted:
            # SQLCipher cannot tell a wrong key from a damaged first page or random bytes.
            raise _wrong_passphrase(path) from None
        raise CorruptDatabaseError(
            f"{path.name} is damaged and cannot be opened ({error}). "
            "Restore it from a backup; the file was left as it is."
        ) from error
    if application_id != schema.APPLICATION_ID:
        if tables == 0 and version == 0:
            return FileFacts(exists=True, empty=True, encrypted=encrypted)
        raise ForeignDatabaseError(
            f"{path.name} is an SQLite database, but not one made by CTIP Outreach Desk."
        )
    if version > schema.SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path.name} was written by a newer version of CTIP Outreach Desk "
            f"(schema {version}; this version knows up to {schema.SCHEMA_VERSION}). "
            "Update the app to open it; the file was left unchanged."
        )
    return FileFacts(True, False, application_id, version, encrypted)


def _wrong_passphrase(path: Path) -> WrongPassphraseError:
    return WrongPassphraseError(
        f"Wrong passphrase, or {path.name} is not a CTIP Outreach Desk database. "
        "Nothing was changed."
    )


def key_for(path: Path | str, passphrase: str | None) -> FileKey | None:
    """The key to open (or create) a file with, from a passphrase (not yet checked).

    None for a plain file (a passphrase is not needed) or when none is given; for a file to
    be created, a new key (fresh salt) once the passphrase passes the rules.
    """
    path = Path(path)
    if not passphrase:
        return None
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return FileKey.new(passphrase)
    return FileKey.for_file(path, passphrase) if is_encrypted(path) else None


def configure(connection: Any) -> None:
    """The pragmas every read-write connection of ours runs with."""
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA busy_timeout = 5000")
    # A laptop can lose power mid-interview: FULL syncs each commit to disk.
    connection.execute("PRAGMA synchronous = FULL")
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("journal_mode WAL refused (got %s)", mode)


def open_database(
    path: Path | str,
    *,
    create: bool = True,
    passphrase: str | None = None,
    key: FileKey | None = None,
) -> OutreachDatabase:
    """Open (and if needed create and migrate) a database of this app.

    An encrypted file opens with its ``passphrase`` (or the ``key`` an earlier opening
    derived); a file created with a passphrase is encrypted from its first byte. A plain
    file ignores both.

    Raises StorageError subclasses, with a message for the user, for a missing file (when
    ``create`` is false), a file that is not SQLite, another program's database, a damaged
    file, a file from a newer version of the app, or a missing or wrong passphrase. Such
    files are left untouched.
    """
    path = Path(path)
    if key is None:
        key = key_for(path, passphrase)
    facts = inspect_file(path, key)
    if not facts.exists and not create:
        raise MissingDatabaseError(f"There is no database at {path}.")
    if facts.empty and facts.exists and not create:
        raise NotADatabaseError(f"{path.name} is empty: it holds no CTIP Outreach Desk data.")
    if not facts.exists:
        path.parent.mkdir(parents=True, exist_ok=True)
    if not facts.encrypted and facts.exists and path.stat().st_size > 0:
        key = None  # a plain file: a passphrase given for it protects nothing
    # A URI, so that a merge can ATTACH another laptop's file read-only and immutable.
    connection = connect(path, key=key, check_same_thread=False)
    try:
        configure(connection)
        if key is not None:
            # Every page read from the operating system's cache is decrypted and checked
            # again: a page cache that holds the working set (64 MB, not SQLite's 2 MB)
            # keeps an encrypted database close to a plain one.
            connection.execute(f"PRAGMA cache_size = {-ENCRYPTED_CACHE_KIB}")
        db = OutreachDatabase(connection, path=path, key=key)
        if facts.empty or facts.schema_version < schema.SCHEMA_VERSION:
            schema.migrate(db)
    except DATABASE_ERRORS as error:
        connection.close()
        raise CorruptDatabaseError(
            f"{path.name} could not be opened ({error}). The file was not changed."
        ) from error
    _remove_conversion_leftover(path)
    return db


# A rewrite in progress writes its copy at least this often (while copying; its check, which
# only reads, takes less): an older copy is what a killed one left.
_LEFTOVER_AGE_SECONDS = 600


def _remove_conversion_leftover(path: Path) -> None:
    """Delete what a passphrase change killed halfway left beside the database (a plain
    copy, if it was removing the passphrase). The database itself was never touched. A
    recent copy may belong to a rewrite running in another process, which has the database
    closed meanwhile: it is left alone."""
    leftovers = [p for p in side_files(converting_copy(path)) if p.exists()]
    try:
        if leftovers and all(
            time.time() - p.stat().st_mtime > _LEFTOVER_AGE_SECONDS for p in leftovers
        ):
            remove_with_side_files(converting_copy(path))
            log.warning("removed the copy an interrupted passphrase change left: %s", path.name)
    except OSError as error:  # in use (Windows), or gone meanwhile
        log.warning(
            "could not remove what a passphrase change left beside %s: %s", path.name, error
        )


def converting_copy(path: Path) -> Path:
    """Where a passphrase change writes the new file before it replaces the database."""
    return path.with_name(path.name + ".converting")


def side_files(path: Path) -> list[Path]:
    """A database file and the journal, WAL and shared-memory files SQLite keeps beside it."""
    return [Path(f"{path}{suffix}") for suffix in ("", "-journal", "-wal", "-shm")]


def remove_with_side_files(path: Path) -> None:
    """Delete a database file and its side files, whichever exist."""
    for file in side_files(path):
        file.unlink(missing_ok=True)


def integrity_problems(db: Database) -> list[str]:
    """Run SQLite's full integrity check and the foreign key check; [] when all is well."""
    rows = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    problems = [] if rows == ["ok"] else rows
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{table} row {rowid} points at a missing {parent}")
    return problems


def open_read_only(
    path: Path | str, *, passphrase: str | None = None, key: FileKey | None = None
) -> OutreachDatabase:
    """Open an existing database of this app for reading only (checks, reports)."""
    path = Path(path)
    if key is None and passphrase and is_encrypted(path):
        key = FileKey.for_file(path, passphrase)
    facts = inspect_file(path, key)
    if not facts.exists:
        raise MissingDatabaseError(f"There is no database at {path}.")
    if facts.empty:
        raise NotADatabaseError(f"{path.name} is empty: it holds no CTIP Outreach Desk data.")
    key = key if facts.encrypted else None
    connection = connect(path, key=key, read_only=True)
    connection.execute("PRAGMA trusted_schema = OFF")
    return OutreachDatabase(connection, path=path, key=key)
