"""The change log: every write of the app is an immutable, append-only change.

The ordinary tables (organisation, contact, headline, ...) are the current state derived from
the log, updated in the same transaction as each write, and rebuildable from it at any time.
Undo is a new change that restores the earlier value, so it merges like any other edit.
See ``docs/storage.md`` for the model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import operator
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from sqlite_utils import Database

from ctip_desktop.storage.connection import connect, key_of
from ctip_desktop.storage.entities import (
    CREATED_FIELD,
    DELETED_FIELD,
    ENTITIES,
    ORGANISATION,
    EntitySpec,
)
from ctip_desktop.storage.hlc import HybridClock, stamp_time
from ctip_desktop.storage.pagecache import write_dirty_pages

log = logging.getLogger(__name__)

_CHANGE_COLUMNS = (
    "change_id, entity, entity_id, field, op, value, hlc, device_id, author, parents, tx"
)


# One encoder for every dump: json.dumps with keyword arguments builds a new one on each call,
# which costs more than the encoding when a merge checks a million changes.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _dump(value: Any) -> str:
    return _ENCODER.encode(value)


def dump_json(value: Any) -> str:
    """The canonical JSON text the log stores (sorted keys, no spaces, no ASCII escapes)."""
    return _ENCODER.encode(value)


def change_digest(
    entity: str,
    entity_id: str,
    field_name: str,
    op: str,
    value_json: str,
    hlc: str,
    device_id: str,
    author: str,
    parents: tuple[str, ...],
    tx: str,
) -> str:
    """The change id: a hash of everything else in the change, so it cannot be forged."""
    material = _ENCODER.encode(
        [entity, entity_id, field_name, op, value_json, hlc, device_id, author, list(parents), tx]
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]


class Change(NamedTuple):
    """One change of the log. A named tuple: a merge builds a million of them, and a frozen
    dataclass costs five times as much to construct."""

    change_id: str
    entity: str
    entity_id: str
    field: str
    op: str
    value: Any
    hlc: str
    device_id: str
    author: str
    parents: tuple[str, ...]
    tx: str

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Change:
        change_id, entity, entity_id, field_name, op, value, hlc, device, author, parents, tx = row
        return cls(
            change_id,
            entity,
            entity_id,
            field_name,
            op,
            json.loads(value) if value is not None else None,
            hlc,
            device,
            author,
            () if parents == "[]" else tuple(json.loads(parents)),
            tx,
        )


@dataclass(frozen=True)
class FieldState:
    """What the log says of one field: its value, and the competing heads if in conflict."""

    value: Any
    heads: tuple[Change, ...]

    @property
    def in_conflict(self) -> bool:
        # Two laptops writing the same value concurrently agree: no person needs to choose.
        heads = self.heads
        return len(heads) > 1 and len({_dump(head.value) for head in heads}) > 1


_new_tuple = tuple.__new__


def expand_creations(changes: Iterable[Change]) -> Iterator[Change]:
    """The changes, each creation (CREATED_FIELD) read as the changes it stands for: one of
    DELETED_FIELD (False) and one of each field it gives, all under the creation's id."""
    for change in changes:
        if change.field != CREATED_FIELD:
            yield change
            continue
        change_id, entity, entity_id, _, op, values, hlc, device, author, parents, tx = change
        # tuple.__new__ rather than _replace: a merge expands a million of these.
        yield _new_tuple(
            Change,
            (
                change_id,
                entity,
                entity_id,
                DELETED_FIELD,
                op,
                False,
                hlc,
                device,
                author,
                parents,
                tx,
            ),
        )
        for name, value in values.items():
            yield _new_tuple(
                Change,
                (change_id, entity, entity_id, name, op, value, hlc, device, author, parents, tx),
            )


def resolve_scalar(changes: Iterable[Change]) -> FieldState:
    """Heads are the changes nobody superseded; the latest head is shown (a stable rule)."""
    changes = list(changes)
    superseded = {parent for change in changes for parent in change.parents}
    heads = tuple(sorted((c for c in changes if c.change_id not in superseded), key=_order))
    return FieldState(heads[-1].value if heads else None, heads)


def resolve_set(changes: Iterable[Change]) -> list[Any]:
    """Observed-remove set: an element stays while one of its additions was not removed."""
    changes = sorted(changes, key=_order)
    removed = {p for c in changes if c.op == "remove" for p in c.parents}
    present: dict[str, Any] = {}
    for change in changes:
        if change.op == "add" and change.change_id not in removed:
            present.setdefault(_dump(change.value), change.value)
    return list(present.values())


# A change's place in the order of the log: (hlc, change_id). itemgetter rather than a
# function: a merge orders a million changes, and the call of a Python function costs more
# than the comparison.
_order: Callable[[Change], tuple[str, str]] = operator.itemgetter(
    Change._fields.index("hlc"), Change._fields.index("change_id")
)


_NO_CHANGE = FieldState(None, ())


def _resolve_field(changes: list[Change] | None) -> FieldState:
    """resolve_scalar, quicker for the usual field with one change (or none)."""
    if not changes:
        return _NO_CHANGE
    if len(changes) == 1:
        return FieldState(changes[0].value, (changes[0],))
    return resolve_scalar(changes)


@dataclass
class Transaction:
    """One user action: its changes share a transaction id and are undone together."""

    log: ChangeLog
    label: str
    tx_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    touched: dict[str, EntitySpec] = field(default_factory=dict)
    count: int = 0
    last_hlc: str = ""
    # First and last rowid of its changes in the log, once committed (see UndoEntry).
    rowids: tuple[int, int] = (0, 0)
    # Records created in this action, and the fields written so far: a field of a new record
    # that was not written yet has no history, so there is nothing to look up.
    _fresh: set[str] = field(default_factory=set)
    _written: set[tuple[str, str]] = field(default_factory=set)

    def create(self, spec: EntitySpec, values: dict[str, Any], *, entity_id: str = "") -> str:
        """Create a record from field values; return its new UUID.

        ``entity_id`` names a record whose id follows from what it is about (a decision on
        one recommendation for one organisation), so two laptops create the same record.
        """
        entity_id = entity_id or str(uuid.uuid4())
        self.touched[entity_id] = spec
        self._fresh.add(entity_id)
        # The first scalar values travel in the one creating change (an empty one is what
        # the table holds anyway); set and keyed fields are written as their own changes.
        first = {
            name: value
            for name, value in values.items()
            if name in spec.scalar_fields and value is not None and value != ""
        }
        self._record(spec, entity_id, CREATED_FIELD, "set", first, ())
        self._written.update((entity_id, name) for name in (DELETED_FIELD, *first))
        self.update(
            spec,
            entity_id,
            {name: value for name, value in values.items() if name not in spec.scalar_fields},
        )
        return entity_id

    def update(self, spec: EntitySpec, entity_id: str, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name in spec.set_fields:
                self.set_list(spec, entity_id, name, list(value or []))
            elif name in spec.scalar_fields or (spec.keyed and name.startswith(spec.keyed.prefix)):
                self.set(spec, entity_id, name, value)
            else:
                raise KeyError(f"{spec.name} has no field {name!r}")

    def _unwritten(self, entity_id: str, name: str) -> bool:
        return entity_id in self._fresh and (entity_id, name) not in self._written

    def set(self, spec: EntitySpec, entity_id: str, name: str, value: Any) -> None:
        if self._unwritten(entity_id, name):
            if value is None or value == "":
                return  # a new record's empty field: the table default says the same
            self._record(spec, entity_id, name, "set", value, ())
            return
        state = self.log.field_state(entity_id, name)
        if state.value == value and not state.in_conflict:
            return
        if not state.heads and (value is None or value == ""):
            return  # never written, and still empty: nothing to record (as for a new record)
        parents = tuple(head.change_id for head in state.heads)
        op = "delete" if name == DELETED_FIELD and value is True else "set"
        self._record(spec, entity_id, name, op, value, parents)

    def add(self, spec: EntitySpec, entity_id: str, name: str, element: Any) -> None:
        if element in self.log.set_value(entity_id, name):
            return
        self._record(spec, entity_id, name, "add", element, ())

    def remove(self, spec: EntitySpec, entity_id: str, name: str, element: Any) -> None:
        adds = self.log.visible_additions(entity_id, name, element)
        if adds:
            self._record(spec, entity_id, name, "remove", element, adds)

    def set_list(self, spec: EntitySpec, entity_id: str, name: str, wanted: list[Any]) -> None:
        if self._unwritten(entity_id, name):
            for index, element in enumerate(wanted):
                if element not in wanted[:index]:
                    self._record(spec, entity_id, name, "add", element, ())
            return
        current = self.log.set_value(entity_id, name)
        for element in current:
            if element not in wanted:
                self.remove(spec, entity_id, name, element)
        for element in wanted:
            if element not in current:
                self.add(spec, entity_id, name, element)

    def delete(self, spec: EntitySpec, entity_id: str) -> None:
        """A tombstone: the record stays in the log and the table, marked deleted."""
        self.set(spec, entity_id, DELETED_FIELD, True)

    def restore(self, spec: EntitySpec, entity_id: str) -> None:
        self.set(spec, entity_id, DELETED_FIELD, False)

    def _record(
        self,
        spec: EntitySpec,
        entity_id: str,
        name: str,
        op: str,
        value: Any,
        parents: tuple[str, ...],
    ) -> None:
        hlc = self.log.clock.now()
        value_json = _dump(value)
        parents = tuple(sorted(parents))
        author, device = self.log.author, self.log.clock.device_id
        change_id = change_digest(
            spec.name, entity_id, name, op, value_json, hlc, device, author, parents, self.tx_id
        )
        self.log.db.execute(
            f"INSERT INTO change ({_CHANGE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                change_id,
                spec.name,
                entity_id,
                name,
                op,
                value_json,
                hlc,
                device,
                author,
                _dump(list(parents)),
                self.tx_id,
            ),
        )
        self.touched[entity_id] = spec
        self._written.add((entity_id, name))
        self.count += 1
        self.last_hlc = hlc


@dataclass(frozen=True)
class UndoEntry:
    tx_id: str
    label: str
    # The rowids the action's changes were written under: one action is one SQLite
    # transaction of the one writer, so its rows are consecutive (read back without an index
    # on the action id, which every save and every merge would pay for).
    first_rowid: int
    last_rowid: int


class ChangeLog:
    """Writes changes and keeps the current-state tables in step with them."""

    def __init__(self, db: Database, *, device_id: str, author: str = "") -> None:
        self.db = db
        self.author = author
        # The newest stamp of each device, from the device index (stamps of one device only
        # grow): a max over the whole log would read all of it. A file read as it is, before
        # migration 5 (a report, a benchmark), has no device_clock: its hlc index serves.
        has_devices = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'device_clock'"
        ).fetchone()
        last = (
            db.execute(
                "SELECT max((SELECT max(hlc) FROM change WHERE device_id = d.device_id)) "
                "FROM (SELECT device_id FROM device_clock UNION SELECT ?) AS d",
                (device_id,),
            ).fetchone()[0]
            if has_devices
            else db.execute("SELECT max(hlc) FROM change").fetchone()[0]
        )
        self.clock = HybridClock(device_id, last=last)
        self._undo: list[UndoEntry] = []
        self._redo: list[UndoEntry] = []
        self._rowid_at_open = self._last_rowid()

    # ----- writing -----------------------------------------------------------------------

    @contextmanager
    def transaction(
        self, label: str, *, undoable: bool = True, _keep_redo: bool = False
    ) -> Iterator[Transaction]:
        """Group the changes of one user action into one SQLite transaction.

        ``undoable=False`` is for writes the user does not think of as an action to take
        back, such as an interview answer saved as it is typed.
        """
        tx = Transaction(self, label)
        with self.db.atomic():
            before = self._last_rowid()
            yield tx
            self._project(tx.touched, tx._written)
            if tx.count:
                self._count_device_changes({self.clock.device_id: (tx.last_hlc, tx.count)})
                tx.rowids = (before + 1, self._last_rowid())
        if tx.count and undoable and not _keep_redo:
            self._undo.append(UndoEntry(tx.tx_id, label, *tx.rowids))
            self._redo.clear()

    def changed_since_open(self) -> bool:
        """Whether any change was written to the file since this log was opened (here or
        merged in)."""
        return self._last_rowid() != self._rowid_at_open

    def _last_rowid(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(rowid), 0) FROM change").fetchone()[0])

    # ----- undo and redo -----------------------------------------------------------------

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    def undo(self) -> str | None:
        """Undo the latest action of this session with new changes; return its label."""
        if not self._undo:
            return None
        entry = self._undo.pop()
        inverse = self._invert(entry, f"Undo {entry.label}")
        self._redo.append(UndoEntry(inverse.tx_id, entry.label, *inverse.rowids))
        return entry.label

    def redo(self) -> str | None:
        if not self._redo:
            return None
        entry = self._redo.pop()
        inverse = self._invert(entry, entry.label)
        self._undo.append(UndoEntry(inverse.tx_id, entry.label, *inverse.rowids))
        return entry.label

    def _invert(self, entry: UndoEntry, label: str) -> Transaction:
        changes = self._changes(
            "WHERE rowid BETWEEN ? AND ? AND tx = ? ORDER BY hlc DESC",
            (entry.first_rowid, entry.last_rowid, entry.tx_id),
        )
        with self.transaction(label, _keep_redo=True) as tx:
            created = {
                c.entity_id
                for c in changes
                if c.field == DELETED_FIELD and c.value is False and not c.parents
            }
            for entity_id in created:
                tx.delete(ENTITIES[self._entity_of(changes, entity_id)], entity_id)
            for change in changes:
                if change.entity_id in created:
                    continue
                spec = ENTITIES[change.entity]
                if change.op in ("set", "delete"):
                    # Revert only what still shows this change's value: a later edit by
                    # someone else is kept (undoing it is their call, not ours).
                    state = self.field_state(change.entity_id, change.field)
                    if state.in_conflict or state.value != change.value:
                        log.info("undo skips %s.%s: changed since", change.entity, change.field)
                        continue
                    earlier = [
                        c
                        for c in self._changes(
                            f"WHERE change_id IN ({','.join('?' * len(change.parents))})",
                            change.parents,
                        )
                        if c.field == change.field
                    ]
                    previous = resolve_scalar(earlier).value if earlier else None
                    if change.field == DELETED_FIELD:
                        previous = bool(previous)
                    tx.set(spec, change.entity_id, change.field, previous)
                elif change.op == "add":
                    tx.remove(spec, change.entity_id, change.field, change.value)
                elif change.op == "remove":
                    tx.add(spec, change.entity_id, change.field, change.value)
        return tx

    @staticmethod
    def _entity_of(changes: list[Change], entity_id: str) -> str:
        return next(c.entity for c in changes if c.entity_id == entity_id)

    # ----- reading the log ---------------------------------------------------------------

    def _changes(self, where: str, params: Iterable[Any] = ()) -> list[Change]:
        """Changes of the log, creations expanded (see expand_creations)."""
        rows = self.db.execute(f"SELECT {_CHANGE_COLUMNS} FROM change {where}", list(params))
        return list(expand_creations(Change.from_row(row) for row in rows.fetchall()))

    def field_changes(self, entity_id: str, name: str) -> list[Change]:
        """Every change of one field of a record, its creation included."""
        return [
            c
            for c in self._changes(
                "WHERE entity_id = ? AND field IN (?, ?)", (entity_id, name, CREATED_FIELD)
            )
            if c.field == name
        ]

    def changes_of(self, entity_id: str) -> list[Change]:
        return self._changes("WHERE entity_id = ? ORDER BY hlc", (entity_id,))

    def field_state(self, entity_id: str, name: str) -> FieldState:
        return resolve_scalar(self._field_heads(entity_id, name))

    def _field_heads(self, entity_id: str, name: str) -> list[Change]:
        """A scalar field's heads, read without decoding the values they superseded.

        A note saved at every pause in typing has many versions: reading them all on each
        save made saving slower the longer the note grew.
        """
        # The record's creation counts when it gave the field (or for DELETED_FIELD, always).
        # Two exact lookups of the (entity_id, field) index: one query with an OR read every
        # change of the record (a note saved 600 times: 4.4 ms a save instead of 0.8 ms).
        rows = self.db.execute(
            "SELECT rowid, change_id, parents FROM change WHERE entity_id = ? AND field = ?",
            (entity_id, name),
        ).fetchall()
        rows += self.db.execute(
            "SELECT rowid, change_id, parents FROM change WHERE entity_id = ? AND field = ? "
            "AND (? = ? OR json_type(value, '$.\"' || ? || '\"') IS NOT NULL)",
            (entity_id, CREATED_FIELD, name, DELETED_FIELD, name),
        ).fetchall()
        if not rows:
            return []
        superseded = {p for _, _, parents in rows if parents != "[]" for p in json.loads(parents)}
        # By rowid, from the rows just read: by change id, each head cost a lookup in the
        # change id index, a random page of it (decrypted again when the file is encrypted).
        heads = sorted(rowid for rowid, change_id, _ in rows if change_id not in superseded)
        return [
            c
            for c in self._changes(f"WHERE rowid IN ({','.join('?' * len(heads))})", heads)
            if c.field == name
        ]

    def set_value(self, entity_id: str, name: str) -> list[Any]:
        return resolve_set(self._changes("WHERE entity_id = ? AND field = ?", (entity_id, name)))

    def visible_additions(self, entity_id: str, name: str, element: Any) -> tuple[str, ...]:
        changes = self._changes("WHERE entity_id = ? AND field = ?", (entity_id, name))
        removed = {p for c in changes if c.op == "remove" for p in c.parents}
        return tuple(
            c.change_id
            for c in changes
            if c.op == "add" and c.value == element and c.change_id not in removed
        )

    # ----- projection: the log into the current-state tables -------------------------------

    def _project(
        self, touched: dict[str, EntitySpec], written: set[tuple[str, str]] | None = None
    ) -> None:
        """Update the rows of the touched records (and, of keyed fields, the written ones)."""
        organisations: set[str] = set()
        for spec in ENTITIES.values():  # owners first, for the foreign keys
            for entity_id, entity_spec in touched.items():
                if entity_spec is not spec:
                    continue
                changes, firsts = self._changes_to_project(spec, entity_id, written)
                row, conflicts = self._derive_row(spec, changes)
                self._upsert(spec.table, row)
                # None: every field of the record was derived again, keyed ones included.
                keyed_names: list[str] | None = None
                if spec.keyed:
                    keyed = spec.keyed
                    keyed_rows = self.project_keyed(spec, changes, firsts)
                    for keyed_row in keyed_rows:
                        self._upsert(keyed.table, keyed_row)
                        if keyed_row["conflict"]:
                            conflicts.append(keyed.prefix + keyed_row[keyed.key_column])
                    if written is not None:
                        keyed_names = [keyed.prefix + r[keyed.key_column] for r in keyed_rows]
                self._store_conflicts(spec, entity_id, conflicts, keyed_names)
                if not spec.feeds_search:
                    continue
                if spec is ORGANISATION:
                    organisations.add(entity_id)
                elif spec.parent_field and row.get(spec.parent_field):
                    organisations.add(row[spec.parent_field])
        for org_id in organisations:
            self._refresh_search(org_id)

    def project_row(self, spec: EntitySpec, changes: list[Change]) -> dict[str, Any]:
        """The table row the given changes of one record amount to."""
        return self._derive_row(spec, changes)[0]

    def _derive_row(
        self, spec: EntitySpec, changes: list[Change]
    ) -> tuple[dict[str, Any], list[str]]:
        """The table row of one record, and its scalar fields whose heads disagree."""
        by_field: dict[str, list[Change]] = {}
        for change in changes:
            by_field.setdefault(change.field, []).append(change)
        first = min(changes, key=_order)
        last = max(changes, key=_order)
        row: dict[str, Any] = {"id": first.entity_id}
        conflicts: list[str] = []
        for name in spec.scalar_fields:
            field_changes = by_field.get(name)
            # The usual field, given once or never, without building its FieldState (a
            # merge derives a million fields).
            if not field_changes:
                value = None
            elif len(field_changes) == 1:
                value = field_changes[0].value
            else:
                state = resolve_scalar(field_changes)
                value = state.value
                if len(state.heads) > 1 and state.in_conflict:
                    conflicts.append(name)
            if value is None:
                value = None if name == spec.parent_field else ""
            row[name] = value
        for name in spec.set_fields:
            row[name] = _dump(resolve_set(by_field.get(name, [])))
        row["created_at"] = stamp_time(first.hlc)
        row["created_by"] = first.author
        row["created_device"] = first.device_id
        row["updated_at"] = stamp_time(last.hlc)
        row["updated_by"] = last.author
        deleted = _resolve_field(by_field.get(DELETED_FIELD))
        row["deleted"] = int(bool(deleted.value))
        if len(deleted.heads) > 1 and deleted.in_conflict:
            conflicts.append(DELETED_FIELD)
        return row, conflicts

    def _store_conflicts(
        self,
        spec: EntitySpec,
        entity_id: str,
        conflicts: list[str],
        keyed_names: list[str] | None,
    ) -> None:
        """Keep ``field_conflict`` in step with the fields just derived (only those)."""
        if keyed_names is None or spec.keyed is None:
            self.db.execute("DELETE FROM field_conflict WHERE entity_id = ?", (entity_id,))
        else:
            prefix = spec.keyed.prefix
            self.db.execute(
                "DELETE FROM field_conflict WHERE entity_id = ? AND "
                f"(substr(field, 1, ?) <> ? OR field IN ({','.join('?' * len(keyed_names))}))",
                (entity_id, len(prefix), prefix, *keyed_names),
            )
        for name in conflicts:
            self.db.execute(
                "INSERT OR REPLACE INTO field_conflict (entity, entity_id, field) VALUES (?, ?, ?)",
                (spec.name, entity_id, name),
            )

    def _changes_to_project(
        self, spec: EntitySpec, entity_id: str, written: set[tuple[str, str]] | None
    ) -> tuple[list[Change], dict[str, Change]]:
        """A record's changes, and the first change of each keyed field given only by heads.

        Of the keyed fields (answers), only those this action wrote are read, and of those
        only the heads (the value; the latest was written now) and the first change (when it
        was first given), not the versions in between. The record's first change (its
        creation) is not keyed, and its last one was written now, so the row's created and
        updated stamps come out the same.
        """
        if spec.keyed is None or written is None:
            return self.changes_of(entity_id), {}
        changes = self._changes(
            "WHERE entity_id = ? AND substr(field, 1, ?) <> ?",
            (entity_id, len(spec.keyed.prefix), spec.keyed.prefix),
        )
        firsts: dict[str, Change] = {}
        for entity, name in written:
            if entity == entity_id and name.startswith(spec.keyed.prefix):
                changes += self._field_heads(entity_id, name)
                # By stamp alone, which the (entity_id, field, hlc) index gives in order: a
                # stamp names its device, so two changes never share one; adding change_id
                # to the order made SQLite read every version of the field to sort them.
                firsts[name] = self._changes(
                    "WHERE entity_id = ? AND field = ? ORDER BY hlc LIMIT 1",
                    (entity_id, name),
                )[0]
        return changes, firsts

    def project_keyed(
        self, spec: EntitySpec, changes: list[Change], firsts: dict[str, Change] | None = None
    ) -> list[dict[str, Any]]:
        """The rows of a record's keyed fields (its answers): value, first and last change.

        ``firsts`` gives a field's first change when ``changes`` holds only its heads.
        """
        keyed = spec.keyed
        if keyed is None:
            return []
        by_field: dict[str, list[Change]] = {}
        for change in changes:
            if change.field.startswith(keyed.prefix):
                by_field.setdefault(change.field, []).append(change)
        rows = []
        for name, field_changes in sorted(by_field.items()):
            if len(field_changes) == 1:  # the usual answer, given once
                first = last = field_changes[0]
                value, conflict = first.value, 0
            else:
                state = resolve_scalar(field_changes)
                value, conflict = state.value, int(state.in_conflict)
                first = min(field_changes, key=_order)
                last = max(field_changes, key=_order)
            first = (firsts or {}).get(name) or first
            rows.append(
                {
                    keyed.owner_column: first.entity_id,
                    keyed.key_column: name[len(keyed.prefix) :],
                    "value": _dump(value),
                    "first_at": stamp_time(first.hlc),
                    "first_by": first.author,
                    "last_at": stamp_time(last.hlc),
                    "last_by": last.author,
                    "conflict": conflict,
                }
            )
        return rows

    def _upsert(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """Insert a derived row, or set in the stored one only the columns that differ.

        An update that sets every column rewrites the row's entry in every index of the
        table, changed or not (SQLite decides by the columns named, not by their values):
        saving an answer rewrote its interview's three index entries, three more pages for
        the commit to write (and, in an encrypted file, to encrypt and sign).
        """
        columns = list(row)
        keys = ["id"] if "id" in row else columns[:2]  # keyed rows: (owner, key)
        where = " AND ".join(f"{c} = ?" for c in keys)
        key_values = [row[c] for c in keys]
        stored = self.db.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {where}", key_values
        ).fetchone()
        if stored is None:
            self.db.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                [row[c] for c in columns],
            )
            return row
        # Equal and of the same type: storing the value again would store the same.
        changed = [
            c
            for c, old in zip(columns, stored, strict=True)
            if type(old) is not type(row[c]) or old != row[c]
        ]
        if changed:
            self.db.execute(
                f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in changed)} WHERE {where}",
                [*(row[c] for c in changed), *key_values],
            )
        return row

    def _refresh_search(self, org_id: str) -> None:
        found = self.db.execute(
            "SELECT rowid, name, other_names, notes, description, places, tags, deleted "
            "FROM organisation WHERE id = ?",
            (org_id,),
        ).fetchone()
        if found is None:
            return
        rowid, name, other_names, notes, description, places, tags, deleted = found
        self.db.execute("DELETE FROM organisation_fts WHERE rowid = ?", (rowid,))
        if deleted:
            return
        headlines = self.db.execute(
            "SELECT group_concat(headline || ' ' || source || ' ' || note, ' | ') "
            "FROM headline WHERE org_id = ? AND deleted = 0",
            (org_id,),
        ).fetchone()[0]
        self.db.execute(
            "INSERT INTO organisation_fts (rowid, name, other_names, notes, headlines, details) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                rowid,
                name,
                " ".join(json.loads(other_names)),
                notes,
                headlines or "",
                " ".join([description, places, *json.loads(tags)]),
            ),
        )

    def rebuild(self) -> None:
        """Derive every current-state table again from the log alone."""
        with self.db.atomic():
            self.db.execute("DELETE FROM organisation_fts")
            self.db.execute("DELETE FROM field_conflict")
            self.db.execute("DELETE FROM device_clock")
            self.db.execute(
                "INSERT INTO device_clock (device_id, max_hlc, changes) "
                "SELECT device_id, max(hlc), count(*) FROM change GROUP BY device_id"
            )
            for spec in reversed(list(ENTITIES.values())):
                if spec.keyed:
                    self.db.execute(f"DELETE FROM {spec.keyed.table}")
                self.db.execute(f"DELETE FROM {spec.table}")
            touched: dict[str, EntitySpec] = {}
            for entity, entity_id in self.db.execute(
                "SELECT DISTINCT entity, entity_id FROM change"
            ).fetchall():
                touched[entity_id] = ENTITIES[entity]
            self._project(touched)

    # ----- merging: changes from another file ----------------------------------------------

    def device_marks(self) -> dict[str, tuple[str, int]]:
        """For each device, the newest stamp of its changes in this file and their number."""
        rows = self.db.execute("SELECT device_id, max_hlc, changes FROM device_clock").fetchall()
        return {device: (max_hlc, count) for device, max_hlc, count in rows}

    def _count_device_changes(self, added: dict[str, tuple[str, int]]) -> None:
        self.db.conn.executemany(
            "INSERT INTO device_clock (device_id, max_hlc, changes) VALUES (?, ?, ?) "
            "ON CONFLICT (device_id) DO UPDATE SET "
            "max_hlc = max(max_hlc, excluded.max_hlc), changes = changes + excluded.changes",
            [(device, max_hlc, count) for device, (max_hlc, count) in added.items()],
        )

    def entities_of(
        self, entity_ids: Iterable[str], *, up_to_rowid: int | None = None
    ) -> dict[str, str]:
        """Which of these ids name a record with changes here, and of which entity.

        ``up_to_rowid`` counts only the changes stored up to that row: what the file held
        before a merge started inserting.
        """
        return entities_in(self.db.execute, entity_ids, up_to_rowid)

    def integrate(
        self,
        changes: Sequence[Change],
        rows: Sequence[tuple[Any, ...]] | None = None,
        *,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> Integration:
        """Add changes written elsewhere and derive again the records they touch.

        ``changes`` must be checked already (sync.validate does); ``rows`` are the same
        changes as stored (the ``change`` columns in order), to insert without encoding them
        again. Changes this file holds already are ignored, so integrating is idempotent.
        Records new to this file are derived from the given changes alone, the others from
        all their changes here. Runs inside the caller's transaction, or its own.
        Raises EntityCollisionError when an id names a record of another entity here.
        """
        with self.db.atomic(), self.integrator(progress) as integrator:
            integrator.add(changes, rows)
            return integrator.finish()

    def integrator(self, progress: Callable[[str, int, int], None] | None = None) -> Integrator:
        """Integrate changes batch by batch while they are still being read and checked
        (see Integrator); use inside a transaction, as a context manager."""
        return Integrator(self, progress or (lambda stage, done, total: None))

    def _project_many(
        self,
        touched: dict[str, EntitySpec],
        given: dict[str, list[Change]],
        progress: Callable[[str, int, int], None],
        submit: Callable[..., None] | None = None,
    ) -> set[str]:
        """Derive many records at once: rows are written table by table, in batches.

        ``given`` holds all the changes of records new to this file (creations whole, see
        expand_creations); the other records are read from the log. With ``submit``
        (Integrator.submit), only records in ``given`` may be passed, and the writes are
        queued; the organisations whose search row is stale are returned, for the caller to
        refresh.
        """
        write = submit or (lambda function, *args: function(*args))
        organisations: set[str] = set()
        total = len(touched)
        done = 0
        for spec in ENTITIES.values():  # owners first, for the foreign keys
            ids = [i for i, s in touched.items() if s is spec]
            for start in range(0, len(ids), _INSERT_CHUNK):
                table_rows: list[dict[str, Any]] = []
                keyed_rows: list[dict[str, Any]] = []
                conflicts: list[tuple[str, str, str]] = []
                stale: list[tuple[str]] = []
                for entity_id in ids[start : start + _INSERT_CHUNK]:
                    changes = given.get(entity_id)
                    if changes is None:
                        changes = self.changes_of(entity_id)
                        stale.append((entity_id,))
                    else:
                        changes = list(expand_creations(changes))
                    row, fields = self._derive_row(spec, changes)
                    table_rows.append(row)
                    if spec.keyed:
                        keyed = spec.keyed
                        for keyed_row in self.project_keyed(spec, changes):
                            keyed_rows.append(keyed_row)
                            if keyed_row["conflict"]:
                                fields.append(keyed.prefix + keyed_row[keyed.key_column])
                    conflicts += [(spec.name, entity_id, name) for name in fields]
                    if spec is ORGANISATION:
                        organisations.add(entity_id)
                    elif spec.feeds_search and spec.parent_field and row.get(spec.parent_field):
                        organisations.add(row[spec.parent_field])
                write(self._write_derived, spec, table_rows, keyed_rows, stale, conflicts)
                done += len(table_rows)
                progress("records", done, total)
        if submit is None:
            self._refresh_search_many(sorted(organisations))
        return organisations

    def _write_derived(
        self,
        spec: EntitySpec,
        table_rows: list[dict[str, Any]],
        keyed_rows: list[dict[str, Any]],
        stale: list[tuple[str]],
        conflicts: list[tuple[str, str, str]],
    ) -> None:
        self._upsert_many(spec.table, table_rows)
        if spec.keyed:
            # In key order (the table is its key's B-tree), SQLite fills one page after the
            # other instead of jumping between random ones: a fifth faster for a merge's
            # answers. (Tables with row numbers keep the order of derivation, which their
            # row numbers, and the search text's order of headlines, follow.)
            keyed = spec.keyed
            keyed_rows.sort(key=operator.itemgetter(keyed.owner_column, keyed.key_column))
            self._upsert_many(keyed.table, keyed_rows)
        if stale:
            self.db.conn.executemany("DELETE FROM field_conflict WHERE entity_id = ?", stale)
        if conflicts:
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO field_conflict (entity, entity_id, field) VALUES (?, ?, ?)",
                conflicts,
            )

    def _index_many(self, org_ids: list[str]) -> None:
        """_refresh_search_many for the many organisations a merge brings, with FTS5's
        incremental merging of index segments (automerge) off meanwhile: a sixth of the
        indexing time. It is set back in the same transaction, so later writes merge the
        extra segments bit by bit (and FTS5 merges anyway past 16 on one level)."""
        if len(org_ids) < _BULK_INDEX:
            self._refresh_search_many(org_ids)
            return
        row = self.db.execute(
            "SELECT v FROM organisation_fts_config WHERE k = 'automerge'"
        ).fetchone()
        automerge = int(row[0]) if row else _FTS5_DEFAULT_AUTOMERGE
        self.db.execute(
            "INSERT INTO organisation_fts (organisation_fts, rank) VALUES ('automerge', 0)"
        )
        self._refresh_search_many(org_ids)
        self.db.execute(
            "INSERT INTO organisation_fts (organisation_fts, rank) VALUES ('automerge', ?)",
            (automerge,),
        )

    def _refresh_search_many(self, org_ids: list[str]) -> None:
        """_refresh_search for many organisations, in SQL: the same text, without a round
        trip through Python for each one."""
        for start in range(0, len(org_ids), _CHUNK):
            chunk = org_ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            self.db.execute(
                "DELETE FROM organisation_fts WHERE rowid IN "
                f"(SELECT rowid FROM organisation WHERE id IN ({marks}))",
                chunk,
            )
            self.db.execute(
                "INSERT INTO organisation_fts (rowid, name, other_names, notes, headlines, "
                "details) SELECT o.rowid, o.name, "
                "coalesce((SELECT group_concat(j.value, ' ') FROM json_each(o.other_names) j), "
                "''), o.notes, "
                "coalesce((SELECT group_concat(h.headline || ' ' || h.source || ' ' || h.note, "
                "' | ') FROM headline h WHERE h.org_id = o.id AND h.deleted = 0), ''), "
                "o.description || ' ' || o.places || "
                "coalesce((SELECT group_concat(' ' || j.value, '') FROM json_each(o.tags) j), '') "
                f"FROM organisation o WHERE o.id IN ({marks}) AND o.deleted = 0",
                chunk,
            )

    def _upsert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = list(rows[0])
        keys = ["id"] if "id" in columns else columns[:2]
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
        self.db.conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}",
            [[row[c] for c in columns] for row in rows],
        )


def entities_in(
    execute: Callable[..., Any], entity_ids: Iterable[str], up_to_rowid: int | None = None
) -> dict[str, str]:
    """ChangeLog.entities_of through any connection's ``execute`` to the file."""
    found: dict[str, str] = {}
    ids = list(entity_ids)
    limit = "" if up_to_rowid is None else f" AND rowid <= {int(up_to_rowid)}"
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = execute(
            "SELECT DISTINCT entity_id, entity FROM change "
            f"WHERE entity_id IN ({','.join('?' * len(chunk))}){limit}",
            chunk,
        ).fetchall()
        for entity_id, entity in rows:
            if found.setdefault(entity_id, entity) != entity:
                raise EntityCollisionError(entity_id, found[entity_id], entity)
    return found


_CHUNK = 500
_INSERT_CHUNK = 20_000
_BULK_INDEX = 1_000
_FTS5_DEFAULT_AUTOMERGE = 4
_FLUSH_AFTER_COPYING = 20_000
_MERGE_CACHE_KIB = 512 * 1024
_READER_CACHE_KIB = 64 * 1024


class Integrator:
    """Inserts changes from another file in a thread of its own while the caller goes on
    reading and checking the next ones, then derives the records they touch.

    SQLite releases the interpreter lock while it updates its B-trees, so the inserts (most
    of a large merge) run beside the Python work of checking and deriving. All use of the
    connection goes through the one writer thread, in order (``call``); the caller must not
    use the connection until the integrator is closed. What the file held before the merge
    is read through a second, read-only connection (``reader``): in WAL mode it sees the
    file as last committed, so those reads need not wait behind the inserts. Runs inside the
    caller's transaction: an error rolls everything back.
    """

    def __init__(self, log: ChangeLog, progress: Callable[[str, int, int], None]) -> None:
        self.log = log
        self.progress = progress
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ctip-integrate")
        self._pending: list[Future[Any]] = []
        self.incoming: dict[str, list[Change]] = {}
        self.entity_of: dict[str, str] = {}
        self.added: dict[str, tuple[str, int]] = {}
        self.received = 0
        self.inserted = 0
        self._closed = False
        self._staging = False
        self._reader: sqlite3.Connection | None = None
        self.newest_copied = ""
        db = log.db
        self._cache = db.execute("PRAGMA cache_size").fetchone()[0]
        self.up_to_rowid = int(
            db.execute("SELECT coalesce(max(rowid), 0) FROM change").fetchone()[0]
        )
        # Inserting a million changes touches index pages all over the file: a page cache of
        # the default 2 MB makes that twice as slow as one that holds them.
        db.execute(f"PRAGMA cache_size = {-_MERGE_CACHE_KIB}")

    def __enter__(self) -> Integrator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._reader is not None:
            self._reader.close()
        if self._staging:
            self.log.db.execute("DROP TABLE IF EXISTS temp.integrate_staging")
        self.log.db.execute(f"PRAGMA cache_size = {int(self._cache)}")

    def call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``function`` in the writer thread after everything queued; its result."""
        self._check()
        return self._pool.submit(function, *args, **kwargs).result()

    def submit(self, function: Callable[..., Any], *args: Any) -> None:
        """Queue work on the connection (in order), without waiting for it."""
        self._check()
        self._pending.append(self._pool.submit(function, *args))

    def _check(self) -> None:
        """Raise the first error of the queued work, and forget the work done."""
        while self._pending and self._pending[0].done():
            self._pending.pop(0).result()

    @property
    def reader(self) -> sqlite3.Connection:
        """A read-only connection to the file as it was before this merge (see the class)."""
        if self._reader is None:
            path = next(
                row[2] for row in self.log.db.execute("PRAGMA database_list") if row[1] == "main"
            )
            # Through the same library and key as the writer: an encrypted file never has
            # a plain-SQLite connection beside its SQLCipher one.
            self._reader = connect(
                Path(path), key=key_of(self.log.db), read_only=True, check_same_thread=False
            )
            self._reader.execute("PRAGMA trusted_schema = OFF")
            self._reader.execute(f"PRAGMA cache_size = {-_READER_CACHE_KIB}")
        return self._reader

    def add(self, changes: Sequence[Change], rows: Sequence[tuple[Any, ...]] | None = None) -> None:
        """Queue checked changes (and the same rows as stored) for inserting."""
        self.receive(changes)
        if rows is None:
            rows = [_as_row(change) for change in changes]
        # Inserted device by device, to count what each one brought.
        by_device: dict[str, list[int]] = {}
        for index, change in enumerate(changes):
            by_device.setdefault(change.device_id, []).append(index)
        for device, indexes in by_device.items():
            whole = len(indexes) == len(rows)
            device_rows = list(rows) if whole else [rows[i] for i in indexes]
            newest = max(changes[i].hlc for i in indexes)
            for start in range(0, len(device_rows), _INSERT_CHUNK):
                chunk = device_rows[start : start + _INSERT_CHUNK]
                self.submit(self._insert, device, newest, chunk)

    def copy_from(self, schema: str, condition: str, args: Sequence[Any]) -> None:
        """Queue copying the changes of an attached file that meet ``condition``.

        One statement: SQLite moves the rows without a trip through Python. The caller
        checks the same changes (read with the same condition) before it commits, and then
        has the counts of the devices they came from taken again (``recount_devices``).
        """
        self.submit(self._copy, schema, condition, list(args))

    def _copy(self, schema: str, condition: str, args: list[Any]) -> None:
        connection = self.log.db.conn
        before = connection.total_changes
        connection.execute(
            f"INSERT OR IGNORE INTO main.change ({_CHANGE_COLUMNS}) "
            f"SELECT {_CHANGE_COLUMNS} FROM {schema}.change NOT INDEXED WHERE {condition}",
            args,
        )
        copied = connection.total_changes - before
        self.inserted += copied
        if copied >= _FLUSH_AFTER_COPYING:
            # The caller is still checking what was copied: write the copied pages now,
            # rather than all at the commit (see storage.pagecache).
            write_dirty_pages(connection)

    def recount_devices(self, devices: list[str]) -> None:
        """Queue counting again, from the log, the changes of devices copied from a file
        (rows it shared with this one were ignored, and which ones is SQLite's secret)."""
        self.submit(self._recount, devices)

    def _recount(self, devices: list[str]) -> None:
        if not self.inserted:
            return
        connection = self.log.db.conn
        for device in devices:
            newest, count = connection.execute(
                "SELECT max(hlc), count(*) FROM main.change WHERE device_id = ?", (device,)
            ).fetchone()
            if count:
                connection.execute(
                    "INSERT OR REPLACE INTO device_clock (device_id, max_hlc, changes) "
                    "VALUES (?, ?, ?)",
                    (device, newest, count),
                )
                self.newest_copied = max(self.newest_copied, newest)

    def receive(self, changes: Sequence[Change]) -> None:
        """Keep checked changes (inserted by ``add`` or ``copy_from``) for deriving."""
        entity_of, incoming = self.entity_of, self.incoming
        # Creations are kept whole and read as the changes they stand for only when their
        # record is derived: the expanded changes then live one record at a time.
        for change in changes:
            entity_id = change.entity_id
            if entity_of.setdefault(entity_id, change.entity) != change.entity:
                raise EntityCollisionError(entity_id, entity_of[entity_id], change.entity)
            record = incoming.get(entity_id)
            if record is None:
                incoming[entity_id] = [change]
            else:
                record.append(change)
        self.received += len(changes)

    def _insert(self, device: str, newest: str, rows: list[tuple[Any, ...]]) -> None:
        # Staged in a temporary table, then inserted by one statement: SQLite does the whole
        # B-tree work without taking the interpreter lock back for each row, which would
        # make this thread and the one checking the next changes wait for each other.
        connection = self.log.db.conn
        if not self._staging:
            connection.execute("PRAGMA temp_store = MEMORY")
            connection.execute(
                "CREATE TEMP TABLE IF NOT EXISTS integrate_staging AS "
                f"SELECT {_CHANGE_COLUMNS} FROM main.change WHERE 0"
            )
            self._staging = True
        connection.execute("DELETE FROM temp.integrate_staging")
        connection.executemany(
            f"INSERT INTO temp.integrate_staging ({_CHANGE_COLUMNS}) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        before = connection.total_changes
        connection.execute(
            f"INSERT OR IGNORE INTO main.change ({_CHANGE_COLUMNS}) "
            f"SELECT {_CHANGE_COLUMNS} FROM temp.integrate_staging"
        )
        count = connection.total_changes - before
        if count:
            mark, so_far = self.added.get(device, ("", 0))
            self.added[device] = (max(mark, newest), so_far + count)
            self.inserted += count

    def entities_before(self, entity_ids: Iterable[str]) -> dict[str, str]:
        """entities_of, as the file was before the merge (see the class docstring)."""
        return entities_in(self.reader.execute, entity_ids)

    def finish(
        self, known: dict[str, str] | None = None, then: Callable[[], None] | None = None
    ) -> Integration:
        """Wait for the inserts, derive the touched records; return what was done.

        ``known``: the records this file held before, if the caller looked them up already.
        ``then`` is called once the new records are derived, while the writer thread still
        writes them (this thread only waits from then on).
        """
        begin = time.perf_counter()
        log = self.log
        if known is None:
            known = self.entities_before(self.incoming)
        for entity_id, entity in known.items():
            if self.entity_of[entity_id] != entity:
                raise EntityCollisionError(entity_id, entity, self.entity_of[entity_id])
        touched = {i: ENTITIES[e] for i, e in self.entity_of.items()}
        # Records new here are derived in this thread from the changes in memory while the
        # writer thread still inserts; the others are read from the log there, afterwards.
        fresh = {i: s for i, s in touched.items() if i not in known}
        given = {i: self.incoming[i] for i in fresh}
        # What the search index reads (organisations, headlines) is derived first, so the
        # writer thread builds the index while this one derives the rest (interviews).
        searched = {i: s for i, s in fresh.items() if s is ORGANISATION or s.feeds_search}
        others = {i: s for i, s in fresh.items() if i not in searched}
        organisations = log._project_many(searched, given, self.progress, self.submit)
        # Written before anything else is derived (see below), then indexed by SQLite alone
        # while this thread derives the rest.
        self.call(lambda: None)
        self.submit(log._index_many, sorted(organisations))

        def progress_after_searched(stage: str, done: int, total: int) -> None:
            self.progress(stage, len(searched) + done, len(searched) + total)

        # The rest is written once all of it is derived: writing binds each row in Python,
        # and with this thread deriving meanwhile the two would wait on each other for the
        # interpreter lock at every row (slower than one after the other). Meanwhile the
        # writer thread builds the search index, in SQLite alone.
        writes: list[tuple[Callable[..., None], tuple[Any, ...]]] = []
        log._project_many(
            others, given, progress_after_searched, lambda f, *args: writes.append((f, args))
        )
        for function, args in writes:
            self.submit(function, *args)
        deriving = time.perf_counter() - begin
        if then is not None:
            then()
        self.call(lambda: None)
        self.progress("changes", self.inserted, self.received)
        waiting = time.perf_counter() - begin - deriving
        if self.added:
            self.call(log._count_device_changes, self.added)
            log.clock.observe(max(mark for mark, _ in self.added.values()))
        if self.newest_copied:
            log.clock.observe(self.newest_copied)
        held = {i: s for i, s in touched.items() if i in known}
        # Derived from the log in the writer thread, search rows included.
        self.call(log._project_many, held, {}, self.progress)
        timings = {
            "derive new records (beside the inserts)": deriving,
            "wait for inserts": waiting,
            "derive held records, search": time.perf_counter() - begin - deriving - waiting,
        }
        return Integration(self.inserted, dict(self.entity_of), set(known), timings)


@dataclass(frozen=True)
class Integration:
    """What integrating changes from another file did."""

    inserted: int
    # Every record the changes were about (id: entity), and those this file held before.
    records: dict[str, str]
    existing: set[str]
    # Seconds spent inserting changes and deriving records.
    timings: dict[str, float] = field(default_factory=dict)


class EntityCollisionError(ValueError):
    """One id names records of two different entities (say, a contact and an organisation)."""

    def __init__(self, entity_id: str, here: str, there: str) -> None:
        super().__init__(f"record {entity_id} is a {here} in one file and a {there} in the other")
        self.entity_id, self.here, self.there = entity_id, here, there


def _as_row(change: Change) -> tuple[Any, ...]:
    return (
        change.change_id,
        change.entity,
        change.entity_id,
        change.field,
        change.op,
        _dump(change.value),
        change.hlc,
        change.device_id,
        change.author,
        _dump(list(change.parents)),
        change.tx,
    )
