"""Merging another laptop's database file: preview, backup, one transaction, history.

A merge is the union of the two files' changes (idempotent, commutative, associative), then
the records the new changes touch are derived again. Only the changes this file lacks are
read from the other file: for each device, this file knows the newest stamp it holds and how
many changes of that device it holds (``device_clock``). Merges always take whole files, so
a file holding a device's change stamped t holds all of that device's earlier changes; the
other file's changes of a device stamped after our mark are new, the ones before are ours
already. The counts prove it per device (the other file must hold exactly as many changes of
the device up to our mark as we do, or we exactly as many up to its newest); when they
disagree (a restored backup, a device id shared by two laptops, a file put together by hand)
that device's changes are compared one by one instead. A merge assumes the counts agree and
counts once the records are derived, beside the last writes; when they disagree, it rolls
back and starts again, counting first. See docs/sync.md.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ctip_desktop.backups import BEFORE_MERGE, backup_database
from ctip_desktop.storage.changelog import (
    Change,
    EntityCollisionError,
    Integration,
    Integrator,
    expand_creations,
)
from ctip_desktop.storage.connection import SQLITE_ERRORS, FileKey, connect, key_of
from ctip_desktop.storage.entities import (
    ANSWER_PREFIX,
    CREATED_FIELD,
    DELETED_FIELD,
    ENTITIES,
    ORGANISATION,
)
from ctip_desktop.sync.conflicts import Conflict, conflicts_of
from ctip_desktop.sync.errors import (
    RecordCollisionError,
    SameDatabaseError,
    SyncError,
    UnexpectedSchemaError,
)
from ctip_desktop.sync.validate import (
    REFERENCES,
    DeviceStats,
    IncomingFile,
    at_or_before,
    newer_than_marks,
)
from ctip_desktop.workspace import Workspace

log = logging.getLogger(__name__)

DEFAULT_KEEP_BACKUPS = 5
_CHUNK = 500
# Merges bringing at least this many changes leave the WAL checkpoint to a background thread.
_BACKGROUND_CHECKPOINT_CHANGES = 20_000

# progress(stage, done, total), stages "reading", "changes", "records". Raising (say
# MergeCancelledError) from it cancels the merge: the transaction is rolled back.
Progress = Callable[[str, int, int], None]


# ----- what a merge would do ------------------------------------------------------------------


@dataclass
class OrganisationPreview:
    """What merging the file would do to one organisation and the records under it."""

    org_id: str
    name: str
    # The organisation itself: "new", "changed", "deleted", or "" when only records under it
    # (contacts, interviews, ...) change.
    status: str
    # Records by entity ("contact": 2, "interview": 1) added, updated or deleted.
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    # Answer values arriving (new answers and changed ones).
    answers: int = 0
    # The organisation's own fields that change.
    fields: list[str] = field(default_factory=list)
    # (entity, entity_id, field) that would be in conflict after the merge.
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class MergePreview:
    file_name: str
    sha256: str
    new_changes: int
    organisations: list[OrganisationPreview]
    # Totals by entity over all organisations.
    added: dict[str, int]
    updated: dict[str, int]
    deleted: dict[str, int]
    answers: int
    conflicts: int
    # Questionnaire definitions (id, version) the file brings that this one lacks.
    questionnaires: list[tuple[str, int]]
    # The file was merged before (same bytes): nothing to do.
    already_merged: bool = False

    @property
    def nothing_new(self) -> bool:
        return self.new_changes == 0 and not self.questionnaires


@dataclass
class MergeResult:
    file_name: str
    sha256: str
    status: str  # "merged" or "nothing new"
    new_changes: int
    added: dict[str, int]
    updated: dict[str, int]
    deleted: dict[str, int]
    questionnaires: int
    # Open conflicts among the records the merge touched.
    conflicts: list[Conflict]
    backup: Path | None
    seconds: float
    already_merged: bool = False
    # Devices whose changes had to be compared one by one (see the module docstring).
    compared_fully: list[str] = field(default_factory=list)
    # Seconds per step (reading, checking, backup, insert, derive, commit), for benchmarks.
    timings: dict[str, float] = field(default_factory=dict)
    # Copying the merged pages from the WAL into the file, after the merge (durable already).
    checkpoint: threading.Thread | None = field(default=None, repr=False, compare=False)

    def wait_for_checkpoint(self) -> None:
        """Wait until the merged pages are copied into the database file (see merge)."""
        if self.checkpoint is not None:
            self.checkpoint.join()

    def counts(self) -> dict[str, Any]:
        return {
            "new_changes": self.new_changes,
            "added": self.added,
            "updated": self.updated,
            "deleted": self.deleted,
            "questionnaires": self.questionnaires,
            "conflicts": len(self.conflicts),
        }


@dataclass(frozen=True)
class MergeRecord:
    """One line of the merge history."""

    id: int
    file_name: str
    sha256: str
    merged_at: str
    device_id: str
    author: str
    status: str  # "merged", "nothing new" or "refused"
    reason: str
    new_changes: int
    counts: dict[str, Any]
    backup: str


# ----- finding the new changes -----------------------------------------------------------------


@dataclass
class _NewChanges:
    changes: list[Change]
    compared_fully: list[str]
    # The local device_clock disagreed with the log: derive it again in the merge.
    refresh_clock: bool
    # The newest stamp here of each device whose changes are read after it.
    marks: dict[str, str]
    # Every device with changes in the file.
    devices: list[str]
    # This file's newest stamp and count per device, when what the file holds of each
    # device has not been counted yet (see _read_new_into): the merge compares them before
    # it commits.
    unverified: dict[str, tuple[str, int]] | None = None


def _local_marks(
    workspace: Workspace, execute: Callable[..., Any] | None = None
) -> tuple[dict[str, tuple[str, int]], bool]:
    """This file's newest stamp and count per device; True if device_clock had to be derived.

    ``execute`` reads through another connection (the merge's reader)."""
    execute = execute or workspace.db.execute
    marks = {
        device: (max_hlc, count)
        for device, max_hlc, count in execute(
            "SELECT device_id, max_hlc, changes FROM device_clock"
        ).fetchall()
    }
    total = execute("SELECT count(*) FROM change").fetchone()[0]
    if sum(count for _, count in marks.values()) == total:
        return marks, False
    log.warning("device_clock disagrees with the log (%s changes): deriving it", total)
    rows = execute("SELECT device_id, max(hlc), count(*) FROM change GROUP BY device_id").fetchall()
    return {device: (mark, count) for device, mark, count in rows}, True


def _inconsistent(
    local: dict[str, tuple[str, int]],
    stats: dict[str, DeviceStats],
    execute: Callable[..., Any],
) -> list[str]:
    """The devices whose changes must be compared one by one (see the module docstring)."""
    fully: list[str] = []
    for device, found in stats.items():
        if device not in local:
            continue  # all of it is new here
        mark, count = local[device]
        if found.max_hlc <= mark:
            # The other file is behind (or level) for this device: we hold all it holds.
            newer_here = execute(
                "SELECT count(*) FROM change WHERE device_id = ? AND hlc > ?",
                (device, found.max_hlc),
            ).fetchone()[0]
            consistent = found.count == count - newer_here
        else:
            consistent = found.count_up_to_mark == count
        if not consistent:
            log.warning(
                "device %s: %s changes up to %s here, the file disagrees (%s): comparing all",
                device,
                count,
                mark,
                found,
            )
            fully.append(device)
    return fully


def _new_in_file(stats: dict[str, DeviceStats], marks: dict[str, str]) -> int:
    """How many changes the file holds after the marks (for progress)."""
    return sum(
        found.count - (found.count_up_to_mark if device in marks else 0)
        for device, found in stats.items()
    )


def _read_new(
    workspace: Workspace,
    incoming: IncomingFile,
    progress: Progress | None,
    integrator: Integrator | None = None,
    attached: bool = True,
    count_first: bool = False,
) -> _NewChanges:
    """The changes of the file this one lacks, checked.

    With an ``integrator`` (inside the merge transaction, the file attached as
    ``incoming``), SQLite copies the same changes straight from the file while they are
    read and checked here, and each checked batch is handed to the integrator; every use
    of the connection then goes through it. Otherwise the reading is kept for the merge.
    When the file could not be ``attached`` (an encrypted file, a plain database: the
    standard library's SQLite cannot read it), the integrator inserts the checked changes.
    """
    key = _cache_key(workspace)
    cached = incoming.cache.get("new")
    if cached is not None and cached[0] == key:
        result: _NewChanges = cached[1]
        if integrator is not None and attached:
            integrator.copy_from(_ATTACHED, *newer_than_marks(result.marks))
            integrator.recount_devices(result.devices)
            integrator.receive(result.changes)
        elif integrator is not None:
            integrator.add(result.changes)
        return result
    if integrator is None:
        return _read_new_for_preview(workspace, incoming, progress, key)
    return _read_new_into(workspace, incoming, progress, integrator, attached, count_first)


def _read_new_for_preview(
    workspace: Workspace, incoming: IncomingFile, progress: Progress | None, key: Any
) -> _NewChanges:
    local, refresh = _local_marks(workspace)
    marks = {device: mark for device, (mark, _) in local.items()}
    stats = incoming.device_stats(marks)
    fully = _inconsistent(local, stats, workspace.db.execute)
    for device in fully:
        marks.pop(device)
    result = _NewChanges([], fully, refresh, marks, sorted(stats))
    total = _new_in_file(stats, marks)
    suspect = set(fully)
    for batch in incoming.changes_after(marks):
        if suspect:
            keep = _not_here(
                workspace.db.execute, [c.change_id for c in batch if c.device_id in suspect]
            )
            batch = [c for c in batch if c.device_id not in suspect or c.change_id in keep]
        result.changes += batch
        if progress:
            progress("reading", len(result.changes), total)
    incoming.cache["new"] = (key, result)
    return result


def _read_new_into(
    workspace: Workspace,
    incoming: IncomingFile,
    progress: Progress | None,
    integrator: Integrator,
    attached: bool,
    count_first: bool,
) -> _NewChanges:
    """The merge's reading. The usual case (every device's history here is a prefix of the
    file's) is assumed, and what the file holds of each device is counted later, when the
    machine has a core to spare (see merge): the result says so (``unverified``). With
    ``count_first`` (the merge's second attempt, when the counts disproved the first), they
    are counted first, and the devices that disagree are read again from their start."""
    reader = integrator.reader.execute
    local, refresh = _local_marks(workspace, reader)
    marks = {device: mark for device, (mark, _) in local.items()}
    stats = incoming.device_stats(marks) if count_first else None
    changes: list[Change] = []
    if attached:
        integrator.copy_from(_ATTACHED, *newer_than_marks(marks))
    take = integrator.receive if attached else integrator.add
    total = _new_in_file(stats, marks) if stats is not None else incoming.change_count
    for batch in incoming.changes_after(marks):
        take(batch)
        changes += batch
        if progress:
            progress("reading", len(changes), total)
    if stats is None:
        devices = sorted({change.device_id for change in changes})
        if attached:
            integrator.recount_devices(devices)
        return _NewChanges(changes, [], refresh, marks, devices, unverified=local)
    fully = _inconsistent(local, stats, reader)
    for device in fully:
        # Its changes up to our mark are read too; those this file holds are left out.
        condition, args = at_or_before(device, marks.pop(device))
        if attached:
            integrator.copy_from(_ATTACHED, condition, args)
        for batch in incoming.changes_where(condition, args):
            keep = _not_here(reader, [c.change_id for c in batch])
            batch = [c for c in batch if c.change_id in keep]
            take(batch)
            changes += batch
    if attached:
        integrator.recount_devices(sorted(stats))
    return _NewChanges(changes, fully, refresh, marks, sorted(stats))


class _DevicesDisagree(Exception):
    """The file's counts of some device disagree with this file's (see _read_new_into)."""


def _cache_key(workspace: Workspace) -> tuple[Any, ...]:
    """Changes when this file gets a change: a cached reading of new changes is then stale."""
    # Rows are never deleted from the log, so its last rowid moves with every new change.
    row = workspace.db.execute("SELECT max(rowid) FROM change").fetchone()
    return (str(workspace.path.resolve()), row[0])


def _not_here(execute: Callable[..., Any], change_ids: list[str]) -> set[str]:
    missing = set(change_ids)
    for start in range(0, len(change_ids), _CHUNK):
        chunk = change_ids[start : start + _CHUNK]
        rows = execute(
            f"SELECT change_id FROM change WHERE change_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        missing -= {r[0] for r in rows}
    return missing


def _check_records(
    workspace: Workspace,
    incoming: IncomingFile,
    changes: list[Change],
    entities_of: Callable[[list[str]], dict[str, str]] | None = None,
) -> dict[str, str]:
    """An id names one record of one entity, and a reference names the right entity; the
    entity, here, of each record the changes are about (those this file holds).

    Refuses the file (RecordCollisionError) when an incoming change is about a record this
    file holds as another entity (its organisation id is a contact here), or when a change
    points a record at one of the wrong entity (a contact whose organisation is an interview
    here) or at one that is in neither file (which a foreign key would refuse half-way).
    """
    entity_of: dict[str, str] = {}
    targets: dict[str, tuple[str, Change]] = {}
    for change in changes:
        if entity_of.setdefault(change.entity_id, change.entity) != change.entity:
            raise _collision(incoming, change.entity_id, entity_of[change.entity_id], change)
        if change.field == CREATED_FIELD:
            # Only the references a creation gives (not each of its fields) need a look.
            for name in REFERENCES.keys() & change.value.keys():
                _aim(
                    targets, REFERENCES[name], change._replace(field=name, value=change.value[name])
                )
            continue
        wanted = REFERENCES.get(change.field)
        if change.field == "contact_ids":
            wanted = "contact"
        if wanted:
            _aim(targets, wanted, change)
    try:
        here = (entities_of or workspace.log.entities_of)(list(entity_of) + list(targets))
    except EntityCollisionError as error:  # our own file names one id twice: not its fault
        raise RecordCollisionError(
            f"This database names record {error.entity_id} twice (as a {error.here} and a "
            f"{error.there}): run ctip check, then merge again; nothing was changed."
        ) from error
    for entity_id, entity in entity_of.items():
        if here.get(entity_id, entity) != entity:
            raise _collision(incoming, entity_id, here[entity_id], None, entity)
    for target, (wanted, change) in targets.items():
        found = here.get(target) or entity_of.get(target)
        if found is None and change.field in ("org_id", "interview_id"):
            raise RecordCollisionError(
                f"{incoming.name} holds a {change.entity} that belongs to a {wanted} which is "
                f"in neither database ({target}): the file is incomplete or altered, so it was "
                "not merged."
            )
        if found is not None and found != wanted:
            raise RecordCollisionError(
                f"{incoming.name} holds a {change.entity} whose {change.field} names record "
                f"{target}, which is a {found} here, not a {wanted}: the file was not merged.",
                f"change {change.change_id}",
            )
    return {entity_id: entity for entity_id, entity in here.items() if entity_id in entity_of}


def _aim(targets: dict[str, tuple[str, Change]], wanted: str, change: Change) -> None:
    """Note the record a change points at (a reference being set, or added to a list)."""
    if change.op in ("set", "add") and isinstance(change.value, str) and change.value:
        targets.setdefault(change.value, (wanted, change))


def _collision(
    incoming: IncomingFile,
    entity_id: str,
    here: str,
    change: Change | None,
    there: str = "",
) -> RecordCollisionError:
    there = there or (change.entity if change else "")
    return RecordCollisionError(
        f"Record {entity_id} is a {here} in one database but a {there} in {incoming.name}: "
        "the same id cannot name two different records, so the file was not merged.",
        f"change {change.change_id}" if change else "",
    )


# ----- preview ---------------------------------------------------------------------------------


def preview_merge(
    workspace: Workspace, incoming: IncomingFile, *, progress: Progress | None = None
) -> MergePreview:
    """What merging would add, update, delete and put in conflict, per organisation.

    Computed in memory, without writing: the new changes are read (and checked) from the
    other file, and for records this file holds the heads of each field they touch are read
    from the log and resolved together with the new ones, exactly as the merge will. (A merge
    inside a SAVEPOINT rolled back would give the same answer at the price of the whole
    merge, holding the write lock meanwhile.) The reading is kept for the merge that follows.
    """
    _refuse_same_file(workspace, incoming)
    if _already_merged(workspace, incoming.sha256):
        return MergePreview(
            incoming.name, incoming.sha256, 0, [], {}, {}, {}, 0, 0, [], already_merged=True
        )
    with _CollectorPause():
        new = _read_new(workspace, incoming, progress)
        _check_records(workspace, incoming, new.changes)
        return _preview(workspace, incoming, new.changes)


def _preview(workspace: Workspace, incoming: IncomingFile, changes: list[Change]) -> MergePreview:
    db = workspace.db
    by_record: dict[str, list[Change]] = {}
    for change in expand_creations(changes):
        by_record.setdefault(change.entity_id, []).append(change)
    here = workspace.log.entities_of(by_record)
    # The current row of each record held here: its organisation and deleted flag.
    rows: dict[str, tuple[str, bool]] = {}
    for entity_id, entity in here.items():
        spec = ENTITIES[entity]
        owner = "id" if spec is ORGANISATION else (spec.parent_field or "''")
        found = db.execute(
            f"SELECT {owner}, deleted FROM {spec.table} WHERE id = ?", (entity_id,)
        ).fetchone()
        if found:
            rows[entity_id] = (found[0] or "", bool(found[1]))
    previews: dict[str, OrganisationPreview] = {}
    names: dict[str, str] = {}
    for entity_id, record in by_record.items():
        if record[0].entity == ORGANISATION.name:
            name = _latest(record, "name")
            if isinstance(name, str):
                names[entity_id] = name

    def org_of(entity_id: str, record: list[Change]) -> str:
        entity = record[0].entity
        if entity == ORGANISATION.name:
            return entity_id
        if entity == "correction":
            interview = _latest(record, "interview_id") or _stored(db, "correction", entity_id)
            interview_record = by_record.get(str(interview), [])
            return str(
                _latest(interview_record, "org_id") or _stored(db, "interview", str(interview))
            )
        owner = _latest(record, "org_id")
        if owner is None and entity_id in rows:
            owner = rows[entity_id][0]
        return str(owner or "")

    totals: dict[str, dict[str, int]] = {"added": {}, "updated": {}, "deleted": {}}
    answers = 0
    conflict_count = 0
    for entity_id, record in by_record.items():
        entity = record[0].entity
        spec = ENTITIES[entity]
        org_id = org_of(entity_id, record)
        preview = previews.get(org_id)
        if preview is None:
            preview = previews[org_id] = OrganisationPreview(org_id, "", "")
        fields = {c.field for c in record}
        if entity_id not in here:
            deleted_now = bool(_resolved(workspace, entity_id, DELETED_FIELD, record, False))
            action = "" if deleted_now else "added"
        else:
            was_deleted = rows.get(entity_id, ("", False))[1]
            now_deleted = bool(_resolved(workspace, entity_id, DELETED_FIELD, record, True))
            action = "deleted" if now_deleted and not was_deleted else "updated"
        if action:
            bucket = getattr(preview, action)
            bucket[entity] = bucket.get(entity, 0) + 1
            totals[action][entity] = totals[action].get(entity, 0) + 1
        if spec is ORGANISATION:
            preview.status = {"added": "new", "updated": "changed", "deleted": "deleted"}.get(
                action, ""
            )
            preview.fields = sorted(f for f in fields if f != DELETED_FIELD)
        answers += sum(1 for f in fields if f.startswith(ANSWER_PREFIX))
        preview.answers += sum(1 for f in fields if f.startswith(ANSWER_PREFIX))
        for name in sorted(fields):
            if name in spec.set_fields:
                continue
            if _in_conflict(workspace, entity_id, name, record, entity_id in here):
                preview.conflicts.append((entity, entity_id, name))
                conflict_count += 1
    for org_id, preview in previews.items():
        preview.name = names.get(org_id) or str(_stored(db, "organisation", org_id, "name") or "")
    known = {(r[0], r[1]) for r in db.execute("SELECT id, version FROM questionnaire_snapshot")}
    questionnaires = sorted(
        (s.id, s.version) for s in incoming.snapshots if (s.id, s.version) not in known
    )
    ordered = sorted(previews.values(), key=lambda p: (p.name.casefold(), p.org_id))
    return MergePreview(
        incoming.name,
        incoming.sha256,
        len(changes),
        ordered,
        totals["added"],
        totals["updated"],
        totals["deleted"],
        answers,
        conflict_count,
        questionnaires,
    )


def _latest(record: list[Change], name: str) -> Any:
    values = [c for c in record if c.field == name]
    return max(values, key=lambda c: (c.hlc, c.change_id)).value if values else None


def _stored(db: Any, table: str, record_id: str, column: str = "") -> Any:
    column = column or ("org_id" if table == "interview" else "interview_id")
    row = db.execute(f"SELECT {column} FROM {table} WHERE id = ?", (record_id,)).fetchone()
    return row[0] if row else None


def _field_changes(
    workspace: Workspace, entity_id: str, name: str, record: list[Change], held_here: bool
) -> list[Change]:
    mine = [c for c in record if c.field == name]
    if held_here:
        theirs = {c.change_id for c in mine}
        mine += [
            c for c in workspace.log.field_changes(entity_id, name) if c.change_id not in theirs
        ]
    return mine


def _resolved(
    workspace: Workspace, entity_id: str, name: str, record: list[Change], held_here: bool
) -> Any:
    from ctip_desktop.storage.changelog import resolve_scalar

    return resolve_scalar(_field_changes(workspace, entity_id, name, record, held_here)).value


def _in_conflict(
    workspace: Workspace, entity_id: str, name: str, record: list[Change], held_here: bool
) -> bool:
    from ctip_desktop.storage.changelog import resolve_scalar

    changes = _field_changes(workspace, entity_id, name, record, held_here)
    return len(changes) > 1 and resolve_scalar(changes).in_conflict


# ----- merging ---------------------------------------------------------------------------------


def merge(
    workspace: Workspace,
    incoming: IncomingFile,
    *,
    progress: Progress | None = None,
    backup: bool = True,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
) -> MergeResult:
    """Merge a checked file into the workspace's database, in one transaction.

    A file with the same bytes as one merged before brings nothing and writes nothing.
    Otherwise the local database is first backed up (SQLite backup API, rotated, in the data
    folder's ``backups``), then the new changes are inserted, every record they touch is
    derived again (tables, answers, conflicts, search), missing questionnaire definitions are
    copied, the clock moves past the newest incoming stamp, and the merge is recorded in the
    history. Raises SyncError (and changes nothing) when the file is refused.
    """
    begin = time.perf_counter()
    _refuse_same_file(workspace, incoming)
    if _already_merged(workspace, incoming.sha256):
        return MergeResult(
            incoming.name, incoming.sha256, "nothing new", 0, {}, {}, {}, 0, [], None,
            time.perf_counter() - begin, already_merged=True,
        )  # fmt: skip
    try:
        return _merge_once(workspace, incoming, progress, backup, keep_backups, begin, False)
    except _DevicesDisagree:
        log.info("%s: a device's counts disagree: merging again, counting first", incoming.name)
        return _merge_once(workspace, incoming, progress, backup, keep_backups, begin, True)


def _merge_once(
    workspace: Workspace,
    incoming: IncomingFile,
    progress: Progress | None,
    backup: bool,
    keep_backups: int,
    begin: float,
    count_first: bool,
) -> MergeResult:
    """merge, once; raises _DevicesDisagree (having changed nothing) when the file's counts
    disprove the usual case, which ``count_first`` does not assume (see _read_new_into)."""
    timings: dict[str, float] = {}
    db = workspace.db
    report = progress or (lambda stage, done, total: None)
    saver: _Backup | None = None
    counting: Future[dict[str, DeviceStats]] | None = None
    checkpoint: threading.Thread | None = None
    if backup:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        saver = _Backup(
            workspace.path, keep_backups, raw=_wal_is_empty(workspace.path), key=workspace.key
        )
    try:
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="ctip-device-stats") as pool,
            _CollectorPause() as collector,  # resumes after the commit (see drop below)
            _attached(db, incoming) as attached,
            _immediate(db),
            workspace.log.integrator(report) as integrator,
        ):
            new = _read_new(workspace, incoming, progress, integrator, attached, count_first)
            timings["read and check new changes (inserting meanwhile)"] = (
                time.perf_counter() - begin
            )
            held = _check_records(workspace, incoming, new.changes, integrator.entities_before)
            # Whether each record held here was deleted before (the others are new here).
            states_before = _deleted_flags(integrator.reader.execute, held)
            known = {
                (r[0], r[1])
                for r in integrator.reader.execute(
                    "SELECT id, version FROM questionnaire_snapshot"
                ).fetchall()
            }
            snapshots = [s for s in incoming.snapshots if (s.id, s.version) not in known]
            step = time.perf_counter()

            def when_derived() -> None:
                # The backup and the counting read the file as it was (our writes stay in
                # the WAL, uncommitted, until the commit, which waits for them), in the
                # kernel or SQLite alone: they take the core the deriving leaves free while
                # the writer thread writes the last rows.
                nonlocal counting
                if saver is not None:
                    saver.start()
                if new.unverified is not None:
                    counting = pool.submit(incoming.device_stats, new.marks, own_connection=True)

            integration = integrator.finish(held, when_derived)
            if new.unverified is not None and counting is not None:
                stats = counting.result()
                if _inconsistent(new.unverified, stats, integrator.reader.execute):
                    raise _DevicesDisagree
            integrator.close()
            status = "merged" if integration.inserted or snapshots else "nothing new"
            for snapshot in snapshots:
                db.execute(
                    "INSERT OR IGNORE INTO questionnaire_snapshot (id, version, definition) "
                    "VALUES (?, ?, ?)",
                    (snapshot.id, snapshot.version, snapshot.definition),
                )
            if new.refresh_clock or new.compared_fully:
                db.execute("DELETE FROM device_clock")
                db.execute(
                    "INSERT INTO device_clock (device_id, max_hlc, changes) "
                    "SELECT device_id, max(hlc), count(*) FROM change GROUP BY device_id"
                )
            added, updated, deleted = _counts(workspace, integration, states_before)
            conflicts = conflicts_of(workspace, set(integration.records))
            timings["count, conflicts"] = time.perf_counter() - step
            step = time.perf_counter()
            backup_path = saver.join() if saver is not None else None
            if saver is not None and status == "nothing new" and not new.compared_fully:
                saver.discard()  # nothing changes: a backup would only take room
                backup_path = None
            timings["wait for backup"] = time.perf_counter() - step
            result = MergeResult(
                incoming.name,
                incoming.sha256,
                status,
                integration.inserted,
                added,
                updated,
                deleted,
                len(snapshots),
                conflicts,
                backup_path,
                0.0,
                compared_fully=new.compared_fully,
            )
            _record(workspace, incoming.name, incoming.sha256, status, "", result)
            # The pages a large merge wrote are copied from the WAL into the file later, in
            # the background (below): the commit only syncs the WAL, which is what makes it
            # durable (synchronous=FULL). A small merge checkpoints as any commit does.
            autocheckpoint = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
            later = integration.inserted >= _BACKGROUND_CHECKPOINT_CHANGES
            if later:
                db.execute("PRAGMA wal_autocheckpoint = 0")
            # Freed beside the commit, before the garbage collector resumes.
            collector.drop(new.changes, integrator.incoming)
            committing = time.perf_counter()
    except BaseException:
        if saver is not None and saver.ident is not None:  # started
            saver.join_quietly()
            saver.discard()
        if "autocheckpoint" in locals():
            db.execute(f"PRAGMA wal_autocheckpoint = {int(autocheckpoint)}")
        raise
    timings["commit"] = time.perf_counter() - committing
    db.execute(f"PRAGMA wal_autocheckpoint = {int(autocheckpoint)}")
    if later:
        checkpoint = _Checkpoint(workspace.path, workspace.key)
        checkpoint.start()
    timings |= integration.timings
    result.timings = timings
    result.checkpoint = checkpoint
    incoming.cache.clear()
    result.seconds = time.perf_counter() - begin
    log.info(
        "merged %s (%s): %s new changes, %s conflicts, %.1f s",
        incoming.name,
        incoming.sha256[:12],
        result.new_changes,
        len(conflicts),
        result.seconds,
    )
    return result


_ATTACHED = "incoming"


@contextmanager
def _attached(db: Any, incoming: IncomingFile) -> Iterator[bool]:
    """The incoming file attached read-only (and immutable) for the time of the merge, so
    that its new changes are copied by SQLite alone (Integrator.copy_from). Its schema was
    checked to be exactly this app's (no triggers, no views), and is checked again as
    attached: the file cannot have been swapped in between.

    Yields whether it could be attached: an encrypted file cannot be attached to a plain
    database, which the standard library's SQLite opens (it has no cipher); its checked
    changes are then inserted by the integrator. A plain file attached to an encrypted
    database says KEY '' (without it, it would be read with the database's own key)."""
    local_key = key_of(db)
    if incoming.key is not None and local_key is None:
        yield False
        return
    if local_key is None:
        db.execute(f"ATTACH DATABASE ? AS {_ATTACHED}", (incoming.uri,))
    else:
        attach_key = incoming.key.sqlcipher_key if incoming.key else ""
        db.execute(f"ATTACH DATABASE ? AS {_ATTACHED} KEY ?", (incoming.uri, attach_key))
    try:
        master = db.execute(
            f"SELECT type, name, tbl_name, sql FROM {_ATTACHED}.sqlite_master"
        ).fetchall()
        if not incoming.same_schema_as_checked(master):
            raise UnexpectedSchemaError(
                f"{incoming.name} changed while it was being merged: it was not merged."
            )
        yield True
    finally:
        db.execute(f"DETACH DATABASE {_ATTACHED}")


class _CollectorPause:
    """No cyclic garbage collection while a million changes are read, checked and derived:
    they make no cycles, and the collector would walk them all again and again (a third of
    the checking time). Its first pass after resuming walks every object made meanwhile
    that is still alive (0.4 s after a large merge): ``drop`` lets go of them first."""

    def __enter__(self) -> _CollectorPause:
        self._enabled = gc.isenabled()
        self._dropping: threading.Thread | None = None
        gc.disable()
        return self

    def drop(self, *containers: list[Any] | dict[Any, Any]) -> None:
        """Empty these containers in another thread: freeing a million objects takes
        0.3 s, which the commit (SQLite alone, without the interpreter lock) hides."""
        self._dropping = threading.Thread(
            target=_empty, args=(containers,), name="merge-free", daemon=True
        )
        self._dropping.start()

    def __exit__(self, *exc: object) -> None:
        if self._dropping is not None:
            self._dropping.join()
        if self._enabled:
            gc.enable()


def _empty(containers: tuple[list[Any] | dict[Any, Any], ...]) -> None:
    for container in containers:
        container.clear()


@contextmanager
def _immediate(db: Any) -> Iterator[None]:
    """One transaction that holds the write lock from its start (BEGIN IMMEDIATE), so what
    the merge reads of this file cannot change under it."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class _Checkpoint(threading.Thread):
    """Copies a merge's pages from the WAL into the database file, in its own connection,
    after the merge returned (PASSIVE: it never blocks the app's reads or writes)."""

    def __init__(self, database: Path, key: FileKey | None) -> None:
        super().__init__(name="merge-checkpoint")
        self.database = database
        self.key = key

    def run(self) -> None:
        try:
            connection = connect(self.database, key=self.key, timeout=5)
            try:
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                connection.close()
        except SQLITE_ERRORS as error:  # the next checkpoint will do it
            log.warning("checkpoint after merge: %s", error)


def _deleted_flags(execute: Callable[..., Any], records: dict[str, str]) -> dict[str, bool]:
    """Whether each record (id: entity) is deleted now (absent: not held here)."""
    flags: dict[str, bool] = {}
    by_table: dict[str, list[str]] = {}
    for entity_id, entity in records.items():
        by_table.setdefault(ENTITIES[entity].table, []).append(entity_id)
    for table, ids in by_table.items():
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for record_id, deleted in execute(
                f"SELECT id, deleted FROM {table} WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                flags[record_id] = bool(deleted)
    return flags


def _counts(
    workspace: Workspace, integration: Integration, before: dict[str, bool]
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    after = _deleted_flags(workspace.db.execute, integration.records)
    added: dict[str, int] = {}
    updated: dict[str, int] = {}
    deleted: dict[str, int] = {}
    for entity_id, entity in integration.records.items():
        if entity_id not in before:
            if not after.get(entity_id, False):
                added[entity] = added.get(entity, 0) + 1
        elif after.get(entity_id) and not before[entity_id]:
            deleted[entity] = deleted.get(entity, 0) + 1
        else:
            updated[entity] = updated.get(entity, 0) + 1
    return added, updated, deleted


def _refuse_same_file(workspace: Workspace, incoming: IncomingFile) -> None:
    try:
        same = os.path.samefile(workspace.path, incoming.path)
    except OSError:
        same = False
    if same:
        raise SameDatabaseError(
            f"{incoming.name} is the database that is open: there is nothing to merge."
        )


def _already_merged(workspace: Workspace, sha256: str) -> bool:
    return (
        workspace.db.execute(
            "SELECT 1 FROM merge_history WHERE sha256 = ? AND status IN ('merged', 'nothing new')",
            (sha256,),
        ).fetchone()
        is not None
    )


# ----- history ---------------------------------------------------------------------------------


def _record(
    workspace: Workspace,
    file_name: str,
    sha256: str,
    status: str,
    reason: str,
    result: MergeResult | None,
) -> None:
    log_ = workspace.log
    workspace.db.execute(
        "INSERT INTO merge_history (file_name, sha256, merged_at, device_id, author, status, "
        "reason, new_changes, counts, backup) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            file_name,
            sha256,
            datetime.now().astimezone().isoformat(timespec="seconds"),
            log_.clock.device_id,
            log_.author,
            status,
            reason,
            result.new_changes if result else 0,
            json.dumps(result.counts() if result else {}, sort_keys=True),
            str(result.backup or "") if result else "",
        ),
    )


def record_refusal(
    workspace: Workspace, path: Path | str, error: SyncError, sha256: str = ""
) -> None:
    """List a refused file in the merge history, with the reason (the caller's choice:
    ``merge`` itself never writes when it refuses, so a refused file leaves the database
    byte-for-byte as it was)."""
    with workspace.db.atomic():
        _record(workspace, Path(path).name, sha256, "refused", str(error), None)


def merge_history(workspace: Workspace) -> list[MergeRecord]:
    """Every merge and refusal, newest first."""
    rows = workspace.db.execute(
        "SELECT id, file_name, sha256, merged_at, device_id, author, status, reason, "
        "new_changes, counts, backup FROM merge_history ORDER BY id DESC"
    ).fetchall()
    return [
        MergeRecord(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            json.loads(row[9]),
            row[10],
        )
        for row in rows
    ]


# ----- backups ---------------------------------------------------------------------------------


def _wal_is_empty(database: Path) -> bool:
    wal = Path(f"{database}-wal")
    return not wal.exists() or wal.stat().st_size == 0


class _Backup(threading.Thread):
    def __init__(
        self, database: Path, keep: int, *, raw: bool = False, key: FileKey | None = None
    ) -> None:
        super().__init__(daemon=True, name="merge-backup")
        self.database = database
        self.keep = keep
        self.raw = raw
        self.key = key
        self.path: Path | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.path = backup_database(
                self.database, reason=BEFORE_MERGE, keep=self.keep, raw=self.raw, key=self.key
            )
        except BaseException as error:  # reported by join()
            self.error = error

    def join(self, timeout: float | None = None) -> Path | None:  # type: ignore[override]
        super().join(timeout)
        if self.error is not None:
            raise SyncError(
                f"The database could not be backed up before merging ({self.error}): "
                "nothing was merged. Is the disk full?"
            ) from self.error
        return self.path

    def join_quietly(self) -> None:
        super().join()

    def discard(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)
            self.path = None
