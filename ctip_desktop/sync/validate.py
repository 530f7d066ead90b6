"""Checking a database file from another laptop without trusting anything in it.

The file is opened read-only (``immutable``: no lock, no journal, not a byte written next to
it) in its own connection, never ATTACHed to ours, with ``trusted_schema`` off and
``query_only`` on. It must be SQLite, carry this app's application id and a schema version
this build knows, pass SQLite's integrity check, and hold exactly the tables, columns and
indexes this app creates: no triggers, no views. A file from an older version of the app is
copied to a temporary file and the copy migrated. Rows are read with explicit column lists and
each change is checked in Python (entity, UUID, field, operation, JSON value and its length,
parents, clock stamp, device, and its id recomputed from its content) before it is used.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlite_utils import Database

from ctip_desktop.questionnaires.model import QuestionnaireError, parse_questionnaire
from ctip_desktop.storage import migrations as schema
from ctip_desktop.storage.changelog import Change, dump_json
from ctip_desktop.storage.connection import (
    DATABASE_ERRORS,
    SALT_BYTES,
    SQLITE_HEADER,
    FileKey,
    WrongPassphraseError,
    connect,
    may_be_encrypted,
)
from ctip_desktop.storage.entities import CREATED_FIELD, DELETED_FIELD, ENTITIES, EntitySpec
from ctip_desktop.sync.errors import (
    DamagedFileError,
    EmptyFileError,
    FileTooLargeError,
    ForeignFileError,
    InvalidChangeError,
    NewerSchemaFileError,
    NotADatabaseFileError,
    PassphraseNeededError,
    SyncError,
    UnexpectedSchemaError,
    UnreadableFileError,
    WrongPassphraseFileError,
)

log = logging.getLogger(__name__)

CHANGE_COLUMNS = (
    "change_id",
    "entity",
    "entity_id",
    "field",
    "op",
    "value",
    "hlc",
    "device_id",
    "author",
    "parents",
    "tx",
)
# The last column says whether every column holds text (SQLite's own check, in C). (Checking
# the forms of ids and stamps in SQL too was tried: SQLite's GLOB and ltrim take longer than
# the regular expressions.)
_SELECT_CHANGES = (
    f"SELECT {', '.join(CHANGE_COLUMNS)}, "
    + " AND ".join(f"typeof({c}) = 'text'" for c in CHANGE_COLUMNS)
    + " FROM change NOT INDEXED"
)

UUID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HEX_PATTERN = re.compile(r"[0-9a-f]{8,64}")
CHANGE_ID_PATTERN = re.compile(r"[0-9a-f]{32}")
HLC_PATTERN = re.compile(r"[0-9]{13}-[0-9]{6}-([0-9a-f]{8,64})")
ITEM_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")
QUESTIONNAIRE_ID_PATTERN = re.compile(r"[a-z][a-z0-9_.-]{0,63}")

# Tables SQLite itself may add to any file (statistics of ANALYZE / PRAGMA optimize).
_INTERNAL_TABLES = {"sqlite_stat1", "sqlite_stat4", "sqlite_sequence"}
# Fields naming another record, and the entity they must name.
REFERENCES = {
    "org_id": "organisation",
    "interview_id": "interview",
    "primary_contact_id": "contact",
}
# Scalar fields that hold a whole number rather than text.
_INTEGER_FIELDS = {"questionnaire_version"}


@dataclass(frozen=True)
class IncomingLimits:
    """How much a file may hold before it is refused as unreasonable."""

    max_bytes: int = 16 * 1024**3
    max_changes: int = 50_000_000
    # Characters of one change's JSON value (a long field note is 200,000 at most).
    max_value_chars: int = 1_000_000
    max_author_chars: int = 300
    max_parents: int = 1_000
    max_devices: int = 10_000
    max_snapshots: int = 10_000
    max_snapshot_chars: int = 5_000_000
    # SQLite's full integrity check reads every index against its table: minutes on a file
    # of gigabytes. Above this size the quick check (pages, b-trees, constraints) is run;
    # changes are read from the table itself, never through an index, so a damaged index of
    # the file cannot make us read wrong rows.
    full_check_below_bytes: int = 256 * 1024**2


@dataclass(frozen=True)
class Snapshot:
    """A questionnaire definition the file holds (checked with the questionnaire loader)."""

    id: str
    version: int
    definition: str


@dataclass(frozen=True)
class DeviceStats:
    """What the file holds of one device's changes."""

    count: int
    max_hlc: str
    # Of them, how many are stamped at or before the newest stamp the local file holds.
    count_up_to_mark: int


@dataclass
class IncomingFile:
    """A checked file from another laptop, open read-only until ``close()``."""

    path: Path
    sha256: str
    size: int
    schema_version: int
    migrated: bool
    change_count: int
    snapshots: list[Snapshot]
    limits: IncomingLimits
    _connection: sqlite3.Connection = field(repr=False)
    _temporary: Path | None = field(default=None, repr=False)
    # The key of an encrypted file (exported from a database with a passphrase): a merge
    # attaches the file with it.
    key: FileKey | None = field(default=None, repr=False)
    # Changes read for a preview, kept for the merge that usually follows it.
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return self.path.name

    def close(self) -> None:
        self._connection.close()
        self.cache.clear()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None

    def __enter__(self) -> IncomingFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # ----- reading changes -----------------------------------------------------------------

    def device_stats(
        self, marks: dict[str, str], *, own_connection: bool = False
    ) -> dict[str, DeviceStats]:
        """Per device: its changes in the file, the newest stamp, and how many are at or
        before ``marks[device]`` (the newest stamp of that device the local file holds).

        ``own_connection`` reads through a connection of its own, so that it can run in
        another thread while the changes are being read."""
        sql = (
            "SELECT device_id, count(*), max(hlc), "
            f"sum(hlc <= {_mark_case(marks)}) FROM change NOT INDEXED GROUP BY device_id"
        )
        try:
            if own_connection:
                connection = _open(self.database, self.key)
                try:
                    rows = connection.execute(sql, _mark_args(marks)).fetchall()
                finally:
                    connection.close()
            else:
                rows = self._connection.execute(sql, _mark_args(marks)).fetchall()
        except DATABASE_ERRORS as error:
            raise _damaged(self.name, error) from error
        if len(rows) > self.limits.max_devices:
            raise FileTooLargeError(
                f"{self.name} holds changes from {len(rows):,} devices, more than a team "
                "has: it was not merged."
            )
        stats = {}
        for device, count, max_hlc, up_to in rows:
            if not isinstance(device, str) or not isinstance(max_hlc, str):
                raise InvalidChangeError(_invalid(self.name), f"device column {device!r}")
            stats[device] = DeviceStats(int(count), max_hlc, int(up_to or 0))
        return stats

    def changes_after(
        self, marks: dict[str, str], *, batch: int = 50_000
    ) -> Iterator[list[Change]]:
        """The changes newer than the mark of their device ('' for devices not in
        ``marks``), checked, in batches: the rows ``newer_than_marks`` selects."""
        yield from self.changes_where(*newer_than_marks(marks), batch=batch)

    def changes_where(
        self, condition: str, args: list[str], *, batch: int = 50_000
    ) -> Iterator[list[Change]]:
        """The changes of ``change NOT INDEXED`` meeting an SQL condition, checked."""
        checker = ChangeChecker(self.name, self.limits)
        try:
            cursor = self._connection.execute(f"{_SELECT_CHANGES} WHERE {condition}", args)
            while True:
                rows = cursor.fetchmany(batch)
                if not rows:
                    return
                yield [checker.check(row) for row in rows]
        except DATABASE_ERRORS as error:
            raise _damaged(self.name, error) from error

    @property
    def database(self) -> Path:
        """The file the changes are read from: the file itself, or its migrated copy."""
        return self._temporary / _MIGRATED_NAME if self._temporary is not None else self.path

    @property
    def uri(self) -> str:
        """The database to open or attach: read-only, and ``immutable`` so that SQLite
        takes no lock and writes no -wal or -shm file next to someone else's file."""
        return f"{self.database.resolve().as_uri()}?mode=ro&immutable=1"

    def same_schema_as_checked(self, master: list[tuple[str, str, str, str | None]]) -> bool:
        """Whether a schema read again (say, through ATTACH) is still the one checked."""
        found = {row for row in master if row[1] not in _INTERNAL_TABLES}
        return found == reference_schema()


def newer_than_marks(marks: dict[str, str]) -> tuple[str, list[str]]:
    """SQL condition (and its arguments) for the changes of ``change NOT INDEXED`` stamped
    after the mark of their device ('' for devices not in ``marks``). Checking and copying
    both select with it: the rows copied are the rows checked. Never through an index of
    the file: above ``full_check_below_bytes`` only the quick check ran, which does not
    prove that the indexes match the table."""
    return f"hlc > {_mark_case(marks)}", _mark_args(marks)


def at_or_before(device: str, mark: str) -> tuple[str, list[str]]:
    """SQL condition for one device's changes stamped at or before ``mark`` (see
    ``newer_than_marks``: the two together select all of that device's changes)."""
    return "device_id = ? AND hlc <= ?", [device, mark]


def _mark_case(marks: dict[str, str]) -> str:
    """SQL for the mark of a change's device: its newest stamp here, '' if unknown here."""
    if not marks:
        return "''"
    return "CASE device_id " + " ".join("WHEN ? THEN ?" for _ in marks) + " ELSE '' END"


def _mark_args(marks: dict[str, str]) -> list[str]:
    return [value for device, mark in marks.items() for value in (device, mark)]


def _invalid(name: str) -> str:
    return (
        f"{name} holds a change that is malformed or does not match its id: the file was "
        "altered or damaged after it was written, so it was not merged."
    )


def _wrong_passphrase(name: str) -> WrongPassphraseFileError:
    return WrongPassphraseFileError(
        f"Wrong passphrase for {name}, or it is not a CTIP Outreach Desk database: "
        "it was not merged."
    )


def _damaged(name: str, error: Exception) -> DamagedFileError:
    return DamagedFileError(
        f"{name} is damaged (it could not be read through): it was not merged. Ask for a "
        "fresh copy made with Export for sync.",
        str(error),
    )


class ChangeChecker:
    """Checks one stored change row at a time; raises InvalidChangeError."""

    def __init__(self, name: str, limits: IncomingLimits) -> None:
        self.name = name
        self.limits = limits
        self._fields: dict[tuple[str, str], str] = {}
        for spec in ENTITIES.values():
            for scalar in spec.scalar_fields:
                self._fields[(spec.name, scalar)] = "scalar"
            for name in spec.set_fields:
                self._fields[(spec.name, name)] = "set"
            self._fields[(spec.name, DELETED_FIELD)] = "deleted"
            self._fields[(spec.name, CREATED_FIELD)] = "created"
        self._max_value = limits.max_value_chars
        self._max_author = limits.max_author_chars

    def fail(self, row: tuple[Any, ...], why: str) -> InvalidChangeError:
        shown = [str(value)[:80] if isinstance(value, str) else value for value in row]
        log.warning("%s: refused change %s: %s", self.name, shown, why)
        return InvalidChangeError(_invalid(self.name), f"{why}: {shown}")

    def check(self, row: tuple[Any, ...]) -> Change:
        """Check a row read with ``_SELECT_CHANGES`` (its columns, then the all-text flag)."""
        change_id, entity, entity_id, name, op, value, hlc, device, author, parents, tx, text = row
        if text != 1:
            raise self.fail(row, "a column is not text")
        kind = self._fields.get((entity, name))
        if kind is None:
            spec = ENTITIES.get(entity)
            if spec is None:
                raise self.fail(row, "unknown entity")
            kind = _keyed_kind(spec, name)
            if kind is None:
                raise self.fail(row, "unknown field")
        # The four ids at once (a quarter of the calls); one by one only to say which failed.
        ids = _IDS_MATCH(f"{entity_id}\n{hlc}\n{tx}\n{change_id}")
        if ids is None or ids.group(1) != device:
            if _UUID_MATCH(entity_id) is None:
                raise self.fail(row, "entity id is not a UUID")
            stamp = _HLC_MATCH(hlc)
            if stamp is None or stamp.group(1) != device:
                raise self.fail(row, "clock stamp malformed or of another device")
            raise self.fail(row, "action or change id malformed")
        if len(value) > self._max_value:
            raise self.fail(row, f"value of {len(value):,} characters")
        if len(author) > self._max_author:
            raise self.fail(row, "author too long")
        try:
            decoded = _loads(value)
            parent_ids = () if parents == "[]" else _loads(parents)
        except (ValueError, RecursionError):
            raise self.fail(row, "value or parents not JSON") from None
        if parent_ids:
            if (
                not isinstance(parent_ids, list)
                or len(parent_ids) > self.limits.max_parents
                or not all(isinstance(p, str) and _CHANGE_ID_MATCH(p) for p in parent_ids)
                or parent_ids != sorted(set(parent_ids))
                or dump_json(parent_ids) != parents
            ):
                raise self.fail(row, "parents are not a sorted list of change ids")
            parent_ids = tuple(parent_ids)
        if kind == "created":
            if not _valid_creation(ENTITIES[entity], op, parent_ids, decoded):
                raise self.fail(row, "a creation that is not a map of the entity's fields")
        elif not _valid_value(kind, name, op, decoded):
            raise self.fail(row, f"operation {op!r} or value type not valid for {kind} field")
        # The id is the hash of dump_json([entity, entity_id, name, op, value, hlc, device,
        # author, parents, tx]). Every part but the value and the author has been checked to
        # hold only letters, digits and '_:-' (a known entity, field and operation; a UUID;
        # hex; a well formed stamp), which JSON writes as they are, and ``parents`` is its
        # canonical JSON: so the same text is put together here at a third of the cost.
        material = (
            f'["{entity}","{entity_id}","{name}","{op}",{_encode_string(value)},"{hlc}",'
            f'"{device}",{_encode_string(author)},{parents},"{tx}"]'
        )
        if _hash(material.encode()).hexdigest()[:32] != change_id:
            raise self.fail(row, "change id does not match the content")
        # tuple.__new__ skips the named tuple's Python-level __new__ (a third of the cost).
        return _new_tuple(
            Change,
            (change_id, entity, entity_id, name, op, decoded, hlc, device, author, parent_ids, tx),
        )


_UUID_MATCH = UUID_PATTERN.fullmatch
_HLC_MATCH = HLC_PATTERN.fullmatch
_HEX_MATCH = HEX_PATTERN.fullmatch
_CHANGE_ID_MATCH = CHANGE_ID_PATTERN.fullmatch
# Entity id, clock stamp, action id and change id, joined by line feeds (which none of the
# patterns admits, so no part can reach into the next).
_IDS_MATCH = re.compile(
    "\n".join(p.pattern for p in (UUID_PATTERN, HLC_PATTERN, HEX_PATTERN, CHANGE_ID_PATTERN))
).fullmatch
_loads = json.loads
_new_tuple = tuple.__new__
_hash = hashlib.sha256
# JSON text of one string as the canonical encoder writes it (ensure_ascii off).
_encode_string = json.encoder.encode_basestring


def _keyed_kind(spec: EntitySpec, name: str) -> str | None:
    keyed = spec.keyed
    if (
        keyed
        and name.startswith(keyed.prefix)
        and ITEM_ID_PATTERN.fullmatch(name[len(keyed.prefix) :])
    ):
        return "keyed"
    return None


def _valid_creation(spec: EntitySpec, op: str, parents: Any, value: Any) -> bool:
    """A creation: a map of the entity's scalar fields to valid, non-empty values."""
    return (
        op == "set"
        and not parents
        and isinstance(value, dict)
        and all(
            name in spec.scalar_fields
            and item is not None
            and item != ""
            and _valid_value("scalar", name, "set", item)
            for name, item in value.items()
        )
    )


def _valid_value(kind: str, name: str, op: str, value: Any) -> bool:
    if kind == "keyed":
        return op == "set"
    if kind == "deleted":
        return (op == "set" and isinstance(value, bool)) or (op == "delete" and value is True)
    if kind == "set":
        return op in ("add", "remove") and isinstance(value, str)
    if op != "set":
        return False
    if value is None:
        return True
    if name in _INTEGER_FIELDS:
        return isinstance(value, int) and not isinstance(value, bool)
    if name in REFERENCES:
        return isinstance(value, str) and (value == "" or UUID_PATTERN.fullmatch(value) is not None)
    return isinstance(value, str)


# ----- opening and checking the file ---------------------------------------------------------


def inspect_incoming(
    path: Path | str, *, limits: IncomingLimits | None = None, passphrase: str | None = None
) -> IncomingFile:
    """Open and check a file to merge; raise a SyncError (with a message) if it is refused.

    Nothing is written to the file or next to it. The changes themselves are checked as
    they are read (``IncomingFile.changes_after``), so only the ones a merge needs are read.
    An encrypted file (exported from a database with a passphrase) needs its ``passphrase``:
    without it PassphraseNeededError, with a wrong one WrongPassphraseFileError. A copy
    migrated from an older schema stays encrypted with the same key.
    """
    limits = limits or IncomingLimits()
    path = Path(path)
    name = path.name
    size, key = _check_file(path, limits, passphrase)
    digest: list[str] = []
    hashing = threading.Thread(target=lambda: digest.append(_sha256(path)), daemon=True)
    hashing.start()  # reading the file twice at once: hashing releases the interpreter lock
    try:
        connection = _open(path, key)
    except SyncError:
        hashing.join()
        raise
    temporary: Path | None = None
    try:
        application_id, version = _identity(connection, name, key)
        _check_integrity(connection, name, size, limits)
        _check_no_code(connection, name)
        migrated = False
        if version < schema.SCHEMA_VERSION:
            _check_older_schema(connection, name, version)
            connection.close()
            temporary = Path(tempfile.mkdtemp(prefix="ctip-merge-"))
            connection = _migrated_copy(path, temporary, name, key)
            migrated = True
        _check_schema(connection, name)
        change_count = int(connection.execute("SELECT count(*) FROM change").fetchone()[0])
        if change_count > limits.max_changes:
            raise FileTooLargeError(
                f"{name} holds {change_count:,} changes, more than this app merges "
                f"({limits.max_changes:,}): it was not merged."
            )
        snapshots = _snapshots(connection, name, limits)
        connection.execute("PRAGMA query_only = ON")
    except SyncError as error:
        connection.close()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        log.warning("refused %s: %s %s", path, error, error.detail)
        raise
    except DATABASE_ERRORS as error:
        connection.close()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        log.warning("refused %s: %s", path, error)
        raise _damaged(name, error) from error
    finally:
        hashing.join()
    if not digest:
        connection.close()
        raise UnreadableFileError(f"{name} could not be read to the end: it was not merged.")
    del application_id
    return IncomingFile(
        path=path,
        sha256=digest[0],
        size=size,
        schema_version=version,
        migrated=migrated,
        change_count=change_count,
        snapshots=snapshots,
        limits=limits,
        _connection=connection,
        _temporary=temporary,
        key=key,
    )


def _check_file(
    path: Path, limits: IncomingLimits, passphrase: str | None
) -> tuple[int, FileKey | None]:
    name = path.name
    if not path.exists():
        raise UnreadableFileError(f"There is no file {path}.")
    if path.is_dir():
        raise UnreadableFileError(f"{name} is a folder, not a database file.")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise UnreadableFileError(f"{name} cannot be read: {error.strerror}.") from error
    if size == 0:
        raise EmptyFileError(f"{name} is empty: there is nothing to merge.")
    key = None
    if may_be_encrypted(header, size):
        if not passphrase:
            raise PassphraseNeededError(
                f"{name} is protected by a passphrase (or is not a CTIP Outreach Desk "
                "database): enter the passphrase it was exported with. Nothing was merged."
            )
        try:
            key = FileKey.derive(passphrase, header[:SALT_BYTES])
        except WrongPassphraseError as error:
            raise PassphraseNeededError(str(error)) from error
    elif not header.startswith(SQLITE_HEADER):
        raise NotADatabaseFileError(
            f"{name} is not a CTIP Outreach Desk database (it is not a database file at all): "
            "it was not merged."
        )
    if size > limits.max_bytes:
        raise FileTooLargeError(
            f"{name} is {size / 1024**3:.1f} GB, larger than this app merges: it was not merged."
        )
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise UnreadableFileError(
            f"{name} is open in the app on another computer, or was copied while it was open "
            "(its changes are partly in {wal.name}). Ask for a copy made with Export for sync."
        )
    return size, key


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


_MIGRATED_NAME = "incoming.db"


def _open(path: Path, key: FileKey | None = None) -> sqlite3.Connection:
    # immutable: no locks, no -wal or -shm file created next to someone else's file.
    try:
        connection = connect(path, key=key, immutable=True, check_same_thread=False)
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA query_only = ON")
        connection.execute("PRAGMA cell_size_check = ON")
        connection.execute("PRAGMA mmap_size = 0")
    except DATABASE_ERRORS as error:
        if key is not None:
            raise _wrong_passphrase(path.name) from None
        raise _damaged(path.name, error) from error
    return connection


def _identity(
    connection: sqlite3.Connection, name: str, key: FileKey | None = None
) -> tuple[int, int]:
    try:
        application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    except DATABASE_ERRORS as error:
        if key is not None:
            # SQLCipher cannot tell a wrong key from a damaged first page or random bytes.
            raise _wrong_passphrase(name) from None
        raise _damaged(name, error) from error
    if application_id != schema.APPLICATION_ID:
        raise ForeignFileError(
            f"{name} is a database of another program, not of CTIP Outreach Desk: "
            "it was not merged."
        )
    if version > schema.SCHEMA_VERSION:
        raise NewerSchemaFileError(
            f"{name} was written by a newer version of CTIP Outreach Desk (schema {version}; "
            f"this version knows up to {schema.SCHEMA_VERSION}). Update the app, then merge "
            "it again; nothing was changed."
        )
    if version < 1:
        raise ForeignFileError(f"{name} is not a finished CTIP Outreach Desk database.")
    return application_id, version


def _check_integrity(
    connection: sqlite3.Connection, name: str, size: int, limits: IncomingLimits
) -> None:
    pragma = "integrity_check" if size < limits.full_check_below_bytes else "quick_check"
    try:
        rows = [row[0] for row in connection.execute(f"PRAGMA {pragma}(20)").fetchall()]
    except DATABASE_ERRORS as error:
        raise _damaged(name, error) from error
    if rows != ["ok"]:
        raise DamagedFileError(
            f"{name} is damaged (SQLite's integrity check fails): it was not merged. Ask for "
            "a fresh copy made with Export for sync.",
            "; ".join(str(row) for row in rows),
        )


def _master(connection: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return [(str(t), str(n), str(b), s if s is None else str(s)) for t, n, b, s in rows]


def _check_no_code(connection: sqlite3.Connection, name: str) -> None:
    kinds = {kind for kind, _, _, _ in _master(connection)}
    if "trigger" in kinds or "view" in kinds:
        raise UnexpectedSchemaError(
            f"{name} contains triggers or views, which CTIP Outreach Desk never creates: it "
            "was not merged (it may have been altered by another program)."
        )


_REFERENCE: dict[int, set[tuple[str, str, str, str | None]]] = {}


def reference_schema(version: int = schema.SCHEMA_VERSION) -> set[tuple[str, str, str, str | None]]:
    """The tables, indexes and their SQL that this app creates at a schema version."""
    if version not in _REFERENCE:
        connection = sqlite3.connect(":memory:")
        db = Database(connection, execute_plugins=False)
        later = [m.name for m in schema.migrations._migrations][version:]
        schema.migrations.apply(db, stop_before=later or None)
        _REFERENCE[version] = {row for row in _master(connection) if row[1] not in _INTERNAL_TABLES}
        connection.close()
    return _REFERENCE[version]


def _unexpected(name: str, detail: str) -> UnexpectedSchemaError:
    return UnexpectedSchemaError(
        f"{name} has tables or columns CTIP Outreach Desk does not make: it was not merged "
        "(it may have been altered by another program).",
        detail,
    )


def _check_older_schema(connection: sqlite3.Connection, name: str, version: int) -> None:
    """Before a copy is migrated by our code: exactly the schema that version made."""
    found = {row for row in _master(connection) if row[1] not in _INTERNAL_TABLES}
    extra = found - reference_schema(version)
    if extra:
        raise _unexpected(name, f"schema {version}: unexpected {sorted(extra)[:5]}")


def _check_schema(connection: sqlite3.Connection, name: str) -> None:
    found = {row for row in _master(connection) if row[1] not in _INTERNAL_TABLES}
    reference = reference_schema()
    if found != reference:
        detail = f"extra {sorted(found - reference)[:5]}, missing {sorted(reference - found)[:5]}"
        raise _unexpected(name, detail)
    columns = [row[1] for row in connection.execute("PRAGMA table_xinfo(change)").fetchall()]
    if tuple(columns) != CHANGE_COLUMNS:
        raise _unexpected(name, f"change columns {columns}")


def _migrated_copy(
    path: Path, folder: Path, name: str, key: FileKey | None = None
) -> sqlite3.Connection:
    """Copy a file from an older version of the app and migrate the copy (never the file).

    The copy of an encrypted file is encrypted with the same key: nothing of it is written
    to the temporary folder in the clear."""
    copy = folder / _MIGRATED_NAME
    source = _open(path, key)
    target = connect(copy, key=key)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    connection = connect(copy, key=key, check_same_thread=False)
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA journal_mode = DELETE")
        schema.migrate(Database(connection, execute_plugins=False))
    except Exception as error:
        connection.close()
        raise DamagedFileError(
            f"{name} comes from an older version of the app and could not be brought up to "
            "date: it was not merged.",
            str(error),
        ) from error
    connection.close()
    return _open(copy, key)


def _snapshots(connection: sqlite3.Connection, name: str, limits: IncomingLimits) -> list[Snapshot]:
    rows = connection.execute(
        "SELECT id, version, definition FROM questionnaire_snapshot NOT INDEXED "
        f"LIMIT {limits.max_snapshots + 1}"
    ).fetchall()
    if len(rows) > limits.max_snapshots:
        raise FileTooLargeError(f"{name} holds too many questionnaires: it was not merged.")
    snapshots = []
    for questionnaire_id, version, definition in rows:
        if (
            not isinstance(questionnaire_id, str)
            or not QUESTIONNAIRE_ID_PATTERN.fullmatch(questionnaire_id)
            or not isinstance(version, int)
            or not isinstance(definition, str)
            or len(definition) > limits.max_snapshot_chars
        ):
            raise InvalidChangeError(
                f"{name} holds a questionnaire that is malformed: it was not merged.",
                f"snapshot {str(questionnaire_id)[:80]!r} v{version!r}",
            )
        try:
            parsed = parse_questionnaire(definition, f"{questionnaire_id} v{version} (in {name})")
        except QuestionnaireError as error:
            raise InvalidChangeError(
                f"{name} holds a questionnaire that is malformed: it was not merged.", str(error)
            ) from error
        if (parsed.id, parsed.version) != (questionnaire_id, version):
            raise InvalidChangeError(
                f"{name} holds a questionnaire stored under another id or version: "
                "it was not merged.",
                f"{questionnaire_id} v{version} holds {parsed.id} v{parsed.version}",
            )
        snapshots.append(Snapshot(questionnaire_id, version, parsed.definition))
    return snapshots
